package io.secho.conformance;

import java.util.Arrays;
import java.util.Locale;

/** {@code --case} and {@code --family} selections: comma-separated, a case ID also selects its invocations. */
public final class CaseFilter {
    public static final String FILTERED_OUT = "filtered out";

    private CaseFilter() {
    }

    /**
     * A template matches its own ID and each of its invocations' (JUnit must run it to reach them); an invocation
     * matches its own ID and its template's.
     */
    public static boolean matchesCase(CaseDescriptor descriptor, String filter) {
        String template = descriptor.templateId();
        return Arrays.stream(filter.split(",")).map(String::strip).map(s -> s.toUpperCase(Locale.ROOT))
                .anyMatch(wanted -> wanted.equals(template) || wanted.equals(descriptor.id())
                        || (!descriptor.isInvocation() && wanted.startsWith(template + ".")));
    }

    public static boolean matchesFamily(String caseId, String filter) {
        return Arrays.stream(filter.split(",")).map(String::strip)
                .anyMatch(wanted -> Family.parse(wanted).flatMap(f -> Family.ofCaseId(caseId).filter(f::equals)).isPresent());
    }
}
