package io.secho.conformance.report;

import io.secho.conformance.targets.TargetDescription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A finished run: which protocol, where it was pointed, with which seed, what the preflight found about
 * the target, every case's verdict in case-ID order, and the baseline of known failures it was held to.
 *
 * @param seed       empty only when the run ended before any case could say which seed it used
 * @param incomplete why the run stopped before every case had a verdict (the harness failed, or was
 *                   interrupted); the cases it never judged are ERROR
 * @param baseline   the known failures given with {@code --expect}, if any
 */
public record RunSummary(String protocol, TargetDescription target, OptionalLong seed, Instant started, long millis,
                         List<String> targetFindings, List<CaseResult> cases, Optional<String> incomplete,
                         Optional<Baseline> baseline) {
    public static final String V1 = "Secho v1";

    public RunSummary {
        targetFindings = List.copyOf(targetFindings);
        cases = cases.stream().sorted(CaseOrder.BY_ID).toList();
    }

    public long count(Verdict verdict) {
        return cases.stream().filter(c -> c.verdict() == verdict).count();
    }

    public long mustFailures() {
        return cases.stream().filter(CaseResult::failedMust).count();
    }

    /** MUST cases that failed or were blocked: each makes the target not conformant. */
    public long mustNotShown() {
        return cases.stream().filter(CaseResult::mustNotShown).count();
    }

    public long shouldFailures() {
        return count(Verdict.WARN);
    }

    /** True when the verdict cannot be trusted to be whole: a harness error, or a run cut short. */
    public boolean harnessFailed() {
        return incomplete.isPresent() || count(Verdict.ERROR) > 0;
    }

    /** What the baseline, if one was given, says about this run, on the day the run started (for expiries). */
    public Optional<Baseline.Judgement> judgement() {
        return baseline.map(known -> known.judge(this, LocalDate.ofInstant(started, ZoneId.systemDefault())));
    }
}
