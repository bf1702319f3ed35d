package io.secho.conformance.report;

import io.secho.conformance.Family;

import java.util.Comparator;

/**
 * Case-ID order, so that two runs print their cases in the same order and can be compared line by line:
 * by family as the summary lists them, then by number, then by invocation ({@code HS-010.2} before
 * {@code HS-010.10}).
 */
public final class CaseOrder {
    public static final Comparator<CaseResult> BY_ID = Comparator.comparing(CaseResult::id, CaseOrder::compareIds);

    private CaseOrder() {
    }

    public static int compareIds(String a, String b) {
        int family = Integer.compare(familyRank(a), familyRank(b));
        if (family != 0) {
            return family;
        }
        String[] partsA = a.substring(a.indexOf('-') + 1).split("\\.");
        String[] partsB = b.substring(b.indexOf('-') + 1).split("\\.");
        for (int i = 0; i < Math.min(partsA.length, partsB.length); i++) {
            int part = comparePart(partsA[i], partsB[i]);
            if (part != 0) {
                return part;
            }
        }
        int length = Integer.compare(partsA.length, partsB.length);
        return length != 0 ? length : a.compareTo(b);
    }

    private static int familyRank(String id) {
        return Family.ofCaseId(id).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }

    private static int comparePart(String a, String b) {
        if (a.matches("\\d+") && b.matches("\\d+")) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return a.compareTo(b);
    }
}
