package io.secho.conformance;

/** Case IDs: the annotation's ID, plus {@code .N} for each invocation of a parameterized case. */
public final class CaseIds {
    private CaseIds() {
    }

    /**
     * @param displayName for a parameterized invocation, starts with its own ID ({@code ECHO-100.7 ...});
     *                    otherwise anything
     */
    public static String of(String annotationId, String displayName) {
        String firstToken = displayName.strip().split("\\s+", 2)[0];
        return firstToken.startsWith(annotationId + ".") ? firstToken : annotationId;
    }
}
