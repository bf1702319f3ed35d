package io.secho.conformance;

import java.util.Arrays;
import java.util.Locale;

/** {@code --case} and {@code --family} selections: comma-separated, a case ID also selects its invocations. */
public final class CaseFilter {
    public static final String FILTERED_OUT = "filtered out";

    private CaseFilter() {
    }

    public static boolean matchesCase(String annotationId, String filter, String displayName) {
        String invocationId = CaseIds.of(annotationId, displayName);
        return Arrays.stream(filter.split(",")).map(String::strip).map(s -> s.toUpperCase(Locale.ROOT))
                .anyMatch(wanted -> wanted.equals(annotationId) || wanted.equals(invocationId)
                        || (invocationId.equals(annotationId) && wanted.startsWith(annotationId + ".")));
    }

    public static boolean matchesFamily(String caseId, String filter) {
        return Arrays.stream(filter.split(",")).map(String::strip)
                .anyMatch(wanted -> Family.parse(wanted).flatMap(f -> Family.ofCaseId(caseId).filter(f::equals)).isPresent());
    }
}
