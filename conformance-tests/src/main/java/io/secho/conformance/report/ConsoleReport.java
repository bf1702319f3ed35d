package io.secho.conformance.report;

import io.secho.conformance.Family;
import io.secho.conformance.Level;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a person reads: a line per case as it finishes, then the summaries. */
public final class ConsoleReport {
    private ConsoleReport() {
    }

    static synchronized void printCase(CaseResult result, String replay, PrintStream out) {
        String verdict = switch (result.status()) {
            case PASSED -> "PASS";
            case FAILED -> result.level() == Level.MUST ? "FAIL" : "WARN";
            case SKIPPED -> "SKIP";
        };
        out.printf("%-4s %-12s %-6s %s (%d ms)%n", verdict, result.id(), result.level(), result.name(), result.millis());
        if (result.status() == CaseResult.Status.FAILED) {
            out.println("       " + result.message().replace("\n", "\n       "));
            out.println("       replay: " + replay);
        } else if (result.status() == CaseResult.Status.SKIPPED) {
            out.println("       skipped: " + result.message());
        }
        out.flush();
    }

    static void printSummary(RunSummary summary, PrintStream out) {
        List<CaseResult> cases = summary.cases();
        out.println();
        out.println(summary.protocol() + " conformance: " + summary.target() + ", seed " + summary.seed() + ", "
                + summary.millis() + " ms");
        out.println();
        out.printf("%-26s %6s %6s %6s %6s%n", "family", "pass", "fail", "warn", "skip");
        for (Family family : Family.values()) {
            List<CaseResult> inFamily = cases.stream().filter(c -> c.family() == family).collect(Collectors.toList());
            if (inFamily.isEmpty()) {
                continue;
            }
            out.printf("%-26s %6d %6d %6d %6d%n", family.title(),
                    count(inFamily, CaseResult.Status.PASSED, null),
                    count(inFamily, CaseResult.Status.FAILED, Level.MUST),
                    count(inFamily, CaseResult.Status.FAILED, Level.SHOULD),
                    count(inFamily, CaseResult.Status.SKIPPED, null));
        }
        out.println();
        Map<String, List<CaseResult>> requirements = byRequirement(cases);
        if (requirements.keySet().stream().anyMatch(ConsoleReport::isLabWeakness)) {
            out.println("Lab profile rules and weaknesses (spec/lab-profile.md). A weakness is FOUND when a case that looks "
                    + "for it failed:");
            out.println("  FAIL marks a fault of this server; WARN a weakness inherent in the lab protocol, which every "
                    + "lab server has.");
        } else {
            out.println("Requirements (a requirement passes when every case that checks it passed):");
        }
        for (Map.Entry<String, List<CaseResult>> entry : requirements.entrySet()) {
            List<CaseResult> checking = entry.getValue();
            String failed = checking.stream().filter(c -> c.status() == CaseResult.Status.FAILED)
                    .map(CaseResult::id).sorted().collect(Collectors.joining(" "));
            boolean allSkipped = checking.stream().allMatch(c -> c.status() == CaseResult.Status.SKIPPED);
            boolean weakness = isLabWeakness(entry.getKey());
            String verdict = !failed.isEmpty() ? (weakness ? "FOUND" : "FAIL") : allSkipped ? "SKIP"
                    : weakness ? "absent" : "PASS";
            out.printf("  %-13s %s  %s%n", entry.getKey(), verdict, failed.isEmpty()
                    ? checking.stream().map(CaseResult::id).distinct().sorted().limit(8).collect(Collectors.joining(" "))
                    + (checking.size() > 8 ? " ..." : "")
                    : "failed by " + failed);
        }
        out.println();
        out.printf("%d passed, %d failed, %d skipped (MUST failures: %d, SHOULD failures: %d)%n",
                summary.count(CaseResult.Status.PASSED), summary.count(CaseResult.Status.FAILED),
                summary.count(CaseResult.Status.SKIPPED), summary.mustFailures(), summary.shouldFailures());
    }

    /** Requirement ID to the cases that check it, in ID order (REQ-ALERT-2 before REQ-ALERT-10). */
    static Map<String, List<CaseResult>> byRequirement(List<CaseResult> cases) {
        Map<String, List<CaseResult>> map = new TreeMap<>(ConsoleReport::compareRequirementIds);
        for (CaseResult result : cases) {
            for (String requirement : result.requirements()) {
                map.computeIfAbsent(requirement, k -> new java.util.ArrayList<>()).add(result);
            }
        }
        return map;
    }

    /** Lab weakness IDs ({@code LAB-W3}) name findings, not requirements: the report says FOUND, not FAIL. */
    static boolean isLabWeakness(String id) {
        return id.startsWith("LAB-W");
    }

    /** By area, then by the number at the end: REQ-ALERT-2 before REQ-ALERT-10, LAB-W2 before LAB-W10. */
    static int compareRequirementIds(String a, String b) {
        int dashA = a.lastIndexOf('-');
        int dashB = b.lastIndexOf('-');
        String tailA = a.substring(dashA + 1);
        String tailB = b.substring(dashB + 1);
        String letterA = tailA.replaceAll("\\d+$", "");
        String letterB = tailB.replaceAll("\\d+$", "");
        int area = (a.substring(0, dashA) + letterA).compareTo(b.substring(0, dashB) + letterB);
        if (area != 0) {
            return area;
        }
        String digitsA = tailA.substring(letterA.length());
        String digitsB = tailB.substring(letterB.length());
        if (digitsA.isEmpty() || digitsB.isEmpty()) {
            return tailA.compareTo(tailB);
        }
        return Integer.compare(Integer.parseInt(digitsA), Integer.parseInt(digitsB));
    }

    private static long count(List<CaseResult> cases, CaseResult.Status status, Level level) {
        return cases.stream().filter(c -> c.status() == status && (level == null || c.level() == level)).count();
    }
}
