package io.secho.conformance.report;

import io.secho.conformance.Family;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a person reads, after the run: the target as the preflight found it, every case in case-ID order
 * (so that two runs can be compared line by line), skipped and blocked cases grouped by their reason in
 * a line each, the tables per family and per requirement, where to start, and the verdict.
 */
public final class ConsoleReport {
    private static final String INDENT = "        ";
    /** IDs listed in a requirement's line before "and N more". */
    private static final int LISTED_IDS = 8;
    /** The cases whose failure blocks the rest (the handshakes; the lab profile's first echo): fixed first. */
    private static final List<String> HANDSHAKE_CASES = List.of("HS-001", "HS-002", "HS-003", "LAB-001", "LAB-017",
            "CHS-001", "CHS-002", "CHS-003");

    private ConsoleReport() {
    }

    static void print(RunSummary summary, Function<String, String> replay, PrintStream out) {
        print(summary, replay, ConsoleSettings.PLAIN, out);
    }

    static synchronized void print(RunSummary summary, Function<String, String> replay, ConsoleSettings settings,
                                   PrintStream out) {
        out.println();
        out.println(summary.protocol() + " conformance: " + summary.target().label() + ", seed "
                + (summary.seed().isPresent() ? String.valueOf(summary.seed().getAsLong()) : "?") + ", "
                + summary.millis() + " ms");
        if (!summary.targetFindings().isEmpty()) {
            out.println("Target:");
            summary.targetFindings().forEach(line -> out.println("  " + line));
        }
        out.println();
        printCases(summary, replay, settings, out);
        printGroups("Skipped", "by reason", summary.cases(), Verdict.SKIP, CaseResult::message, out);
        printGroups("Blocked", "by what blocked them: the probe was never sent", summary.cases(), Verdict.BLOCKED,
                CaseResult::blockedBy, out);
        printFamilies(summary, out);
        printRequirements(summary, out);
        printWhereToStart(summary, out);
        printTotals(summary, settings.palette(), out);
    }

    private static void printCases(RunSummary summary, Function<String, String> replay, ConsoleSettings settings,
                                   PrintStream out) {
        for (CaseResult result : summary.cases()) {
            if (result.verdict() == Verdict.SKIP || result.verdict() == Verdict.BLOCKED
                    || (settings.failuresOnly() && result.verdict() == Verdict.PASS)) {
                continue;
            }
            out.printf("%s %-12s %-6s %s%n", settings.palette().verdict(result.verdict(),
                    String.format("%-7s", result.verdict())), result.id(), result.level(), result.name());
            if (result.verdict() != Verdict.PASS) {
                out.println(INDENT + result.message().replace("\n", "\n" + INDENT));
                out.println(INDENT + "replay: " + replay.apply(result.id()));
            }
        }
        if (settings.failuresOnly()) {
            out.println("(" + summary.count(Verdict.PASS) + " passed case(s) not listed: --failures-only)");
        }
    }

    /** One line per reason: the reason, then the compressed list of the cases it applies to. */
    private static void printGroups(String title, String how, List<CaseResult> cases, Verdict verdict,
                                    Function<CaseResult, String> reason, PrintStream out) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        cases.stream().filter(c -> c.verdict() == verdict)
                .forEach(c -> groups.computeIfAbsent(reason.apply(c), k -> new ArrayList<>()).add(c.id()));
        if (groups.isEmpty()) {
            return;
        }
        long total = groups.values().stream().mapToLong(List::size).sum();
        out.println();
        out.println(title + " (" + total + "), " + how + ":");
        groups.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size()))
                .forEach(e -> out.println("  " + e.getKey() + ": " + compress(e.getValue()) + " (" + e.getValue().size()
                        + ")"));
    }

    private static void printFamilies(RunSummary summary, PrintStream out) {
        out.println();
        out.printf("%-26s %6s %6s %6s %6s %7s %6s%n", "family", "pass", "fail", "warn", "skip", "blocked", "error");
        for (Family family : Family.values()) {
            List<CaseResult> inFamily = summary.cases().stream().filter(c -> c.family() == family)
                    .collect(Collectors.toList());
            if (inFamily.isEmpty()) {
                continue;
            }
            out.printf("%-26s %6d %6d %6d %6d %7d %6d%n", family.title(), count(inFamily, Verdict.PASS),
                    count(inFamily, Verdict.FAIL), count(inFamily, Verdict.WARN), count(inFamily, Verdict.SKIP),
                    count(inFamily, Verdict.BLOCKED), count(inFamily, Verdict.ERROR));
        }
    }

    private static void printRequirements(RunSummary summary, PrintStream out) {
        Map<String, List<CaseResult>> requirements = byRequirement(summary.cases());
        boolean lab = requirements.keySet().stream().anyMatch(ConsoleReport::isLabWeakness);
        out.println();
        if (lab) {
            out.println("Lab profile rules and weaknesses (spec/lab-profile.md). A weakness is FOUND when a case's own "
                    + "probe showed it, absent when the probes that apply ran and did not, not checked when a probe never "
                    + "ran, and not applicable when no probe applies to this variant:");
            out.println("  FAIL marks a fault of this server (or client); WARN a weakness inherent in the lab protocol, "
                    + "which every lab server has.");
        } else {
            out.println("Requirements (one PASSes only when every case that checks it passed; otherwise it shows the "
                    + "worst verdict among its cases, and why):");
        }
        List<String> causes = summary.cases().stream().map(c -> c.verdict() == Verdict.BLOCKED ? c.blockedBy() : "")
                .distinct().collect(Collectors.toList());
        // A lab run lists every weakness even then: "not checked" is what the reader needs to see.
        if (causes.size() == 1 && !causes.get(0).isEmpty() && !lab) {
            out.println("  every one BLOCKED: " + causes.get(0));
            return;
        }
        for (Map.Entry<String, List<CaseResult>> entry : requirements.entrySet()) {
            List<CaseResult> checking = entry.getValue();
            Verdict worst = worst(checking);
            String shown = isLabWeakness(entry.getKey()) ? weaknessStatus(checking) : worst.name();
            out.printf("  %-13s %-11s %s%n", entry.getKey(), shown, explain(checking, worst));
        }
    }

    /** A requirement's verdict: the worst of its cases' (PASS only when every one passed). */
    static Verdict worst(List<CaseResult> cases) {
        return cases.stream().map(CaseResult::verdict).reduce(Verdict.PASS, Verdict::worst);
    }

    /**
     * A lab weakness: FOUND when a probe showed it; not checked when a probe could not run (blocked, or a
     * harness error); absent when the probes that apply ran and passed.
     */
    static String weaknessStatus(List<CaseResult> cases) {
        if (cases.stream().anyMatch(c -> c.verdict() == Verdict.FAIL || c.verdict() == Verdict.WARN)) {
            return "FOUND";
        }
        if (cases.stream().anyMatch(c -> c.verdict() == Verdict.BLOCKED || c.verdict() == Verdict.ERROR)) {
            return "not checked";
        }
        // A probe that does not apply to this variant (LAB-006 in dh) leaves the weakness to the probes that do.
        return cases.stream().anyMatch(c -> c.verdict() == Verdict.PASS) ? "absent" : "not applicable";
    }

    private static String explain(List<CaseResult> cases, Verdict worst) {
        List<String> ids = cases.stream().map(CaseResult::id).distinct().collect(Collectors.toList());
        if (worst == Verdict.PASS) {
            return listed(ids);
        }
        List<String> parts = new ArrayList<>();
        for (Verdict verdict : new Verdict[] {Verdict.ERROR, Verdict.FAIL, Verdict.BLOCKED, Verdict.WARN, Verdict.SKIP,
                Verdict.PASS}) {
            List<CaseResult> these = cases.stream().filter(c -> c.verdict() == verdict).collect(Collectors.toList());
            if (these.isEmpty()) {
                continue;
            }
            String why = switch (verdict) {
                case BLOCKED -> " (" + these.get(0).blockedBy() + ")";
                case SKIP -> " (" + these.get(0).message() + ")";
                default -> "";
            };
            parts.add(verdict.jsonName() + ": " + listed(these.stream().map(CaseResult::id).collect(Collectors.toList()))
                    + why);
        }
        return String.join("; ", parts);
    }

    private static String listed(List<String> ids) {
        String shown = compress(ids.size() <= LISTED_IDS ? ids : ids.subList(0, LISTED_IDS));
        return ids.size() <= LISTED_IDS ? shown : shown + " and " + (ids.size() - LISTED_IDS) + " more";
    }

    private static void printWhereToStart(RunSummary summary, PrintStream out) {
        List<String> hints = new ArrayList<>();
        summary.targetFindings().stream().filter(f -> f.startsWith("no case can run")).findFirst()
                .ifPresent(f -> hints.add(f + ": check that the target runs, listens at the address given and speaks "
                        + "Secho v1"));
        summary.cases().stream().filter(c -> HANDSHAKE_CASES.contains(c.id()) && c.verdict() == Verdict.FAIL)
                .forEach(c -> hints.add("fix " + c.id() + " first (" + c.name() + "): " + firstLine(c.message())));
        Map<String, Long> blockers = summary.cases().stream().filter(c -> c.verdict() == Verdict.BLOCKED)
                .collect(Collectors.groupingBy(CaseResult::blockedBy, LinkedHashMap::new, Collectors.counting()));
        blockers.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).limit(3)
                .filter(e -> hints.stream().noneMatch(h -> h.contains(e.getKey())))
                .forEach(e -> hints.add(e.getValue() + " case(s) never sent their probe: " + e.getKey()));
        Optional<CaseResult> firstFailure = summary.cases().stream()
                .filter(c -> c.verdict() == Verdict.FAIL && !HANDSHAKE_CASES.contains(c.id())).findFirst();
        firstFailure.ifPresent(c -> hints.add((hints.isEmpty() ? "start with " : "then ") + c.id() + " (" + c.name()
                + "): " + firstLine(c.message())));
        summary.cases().stream().filter(c -> c.verdict() == Verdict.ERROR).findFirst()
                .ifPresent(c -> hints.add("harness error in " + c.id() + ": " + firstLine(c.message())));
        if (hints.isEmpty()) {
            return;
        }
        out.println();
        out.println("Where to start:");
        hints.forEach(hint -> out.println("  - " + hint));
    }

    private static void printTotals(RunSummary summary, Palette palette, PrintStream out) {
        out.println();
        out.printf("%d cases: %d passed, %d failed, %d warned, %d skipped, %d blocked, %d errors%n",
                summary.cases().size(), summary.count(Verdict.PASS), summary.count(Verdict.FAIL),
                summary.count(Verdict.WARN), summary.count(Verdict.SKIP), summary.count(Verdict.BLOCKED),
                summary.count(Verdict.ERROR));
        summary.incomplete().ifPresent(why -> out.println("INCOMPLETE RUN: " + why
                + ". The report holds every case; those the harness could not judge are ERROR."));
        String verdict = verdictLine(summary);
        out.println("Verdict: " + (summary.harnessFailed() || summary.mustNotShown() > 0 ? palette.bad(verdict)
                : palette.good(verdict)));
    }

    /** The target's verdict in words, the baseline's judgement when there is one, and the exit code they make. */
    static String verdictLine(RunSummary summary) {
        if (summary.harnessFailed()) {
            return "INCOMPLETE: the harness failed in " + summary.count(Verdict.ERROR) + " case(s), so the verdict is "
                    + "unknown (exit code 4)";
        }
        long failed = summary.mustFailures();
        long blocked = summary.mustNotShown() - failed;
        String verdict = failed + blocked > 0
                ? "NOT CONFORMANT: " + failed + " MUST case(s) failed, " + blocked + " blocked"
                : "CONFORMANT: every MUST case passed" + (summary.shouldFailures() > 0 ? "; " + summary.shouldFailures()
                        + " SHOULD warning(s)" : "");
        Optional<Baseline.Judgement> judgement = summary.judgement();
        if (judgement.isEmpty()) {
            return verdict + " (exit code " + (failed + blocked > 0 ? 1 : 0) + ")";
        }
        Baseline.Judgement baseline = judgement.get();
        return verdict + "; " + (baseline.ok() ? "as the baseline expects (exit code 0)"
                : "the baseline does not hold: " + baseline.newFailures().size() + " new failure(s), "
                        + baseline.nowPassing().size() + " now passing, " + baseline.expired().size()
                        + " expired (exit code 1)");
    }

    private static String firstLine(String text) {
        return text.split("\n", 2)[0];
    }

    /** Requirement ID to the cases that check it, in ID order (REQ-ALERT-2 before REQ-ALERT-10). */
    static Map<String, List<CaseResult>> byRequirement(List<CaseResult> cases) {
        Map<String, List<CaseResult>> map = new TreeMap<>(ConsoleReport::compareRequirementIds);
        for (CaseResult result : cases) {
            for (String requirement : result.requirements()) {
                map.computeIfAbsent(requirement, k -> new ArrayList<>()).add(result);
            }
        }
        return map;
    }

    /** Lab weakness IDs ({@code LAB-W3}) name findings, not requirements: the report says FOUND, not FAIL. */
    static boolean isLabWeakness(String id) {
        return id.startsWith("LAB-W");
    }

    /**
     * Case IDs with runs of invocations shortened: {@code ECHO-001.1..54} for ECHO-001.1 to ECHO-001.54.
     * The IDs come in case-ID order.
     */
    public static String compress(List<String> ids) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < ids.size()) {
            String id = ids.get(i);
            int dot = id.lastIndexOf('.');
            int j = i;
            if (dot > 0 && id.substring(dot + 1).matches("\\d+")) {
                String base = id.substring(0, dot + 1);
                long first = Long.parseLong(id.substring(dot + 1));
                while (j + 1 < ids.size() && ids.get(j + 1).equals(base + (first + (j + 1 - i)))) {
                    j++;
                }
                if (j - i >= 2) {
                    parts.add(id + ".." + (first + (j - i)));
                    i = j + 1;
                    continue;
                }
            }
            parts.add(id);
            i++;
        }
        return String.join(" ", parts);
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

    private static long count(List<CaseResult> cases, Verdict verdict) {
        return cases.stream().filter(c -> c.verdict() == verdict).count();
    }
}
