package io.secho.conformance.report;

import io.secho.conformance.Level;

import java.util.Optional;

/**
 * How one case reads to a CI server's JUnit XML reader. A case is red there ({@code <failure>} or
 * {@code <error>}) exactly when it makes the harness's exit code non-zero, so that the test report and
 * the build status never disagree: a SHOULD warning, a case the baseline expects to fail, and a blocked
 * SHOULD case are {@code <skipped>}; a case the baseline lists that now passes is a {@code <failure>}.
 *
 * @param type    for a failure, the requirements not met; for an error, the verdict; else empty
 * @param message one line that says what happened: for a failure, what was expected and what came instead
 */
record JunitOutcome(Kind kind, String type, String message) {
    enum Kind { PASSED, FAILURE, ERROR, SKIPPED }

    /** The {@code type} of a failure the baseline, not the target, is charged with. */
    static final String BASELINE_TYPE = "baseline";
    /** A one-line message longer than this is cut: the whole text is in the element's body and the output. */
    private static final int MESSAGE_LIMIT = 500;

    static JunitOutcome of(CaseResult result, Optional<Baseline> baseline) {
        Optional<String> expectedBecause = baseline.flatMap(known -> known.reason(result.id()));
        String summary = oneLine(result.message());
        return switch (result.verdict()) {
            case PASS -> expectedBecause.map(reason -> new JunitOutcome(Kind.FAILURE, BASELINE_TYPE,
                    "passed, but --expect lists it as a known failure (" + reason + "): remove it from the baseline"))
                    .orElse(new JunitOutcome(Kind.PASSED, "", ""));
            case ERROR -> new JunitOutcome(Kind.ERROR, Verdict.ERROR.name(), limit(summary));
            case SKIP -> skipped(summary);
            case WARN -> skipped(expectedBecause.map(JunitOutcome::expected).orElse("SHOULD not met: ") + summary);
            case FAIL -> expectedBecause.map(reason -> skipped(expected(reason) + summary))
                    .orElseGet(() -> failure(result));
            case BLOCKED -> expectedBecause.map(reason -> skipped(expected(reason) + summary))
                    .orElseGet(() -> result.level() == Level.MUST
                            ? new JunitOutcome(Kind.ERROR, Verdict.BLOCKED.name(), limit(summary))
                            : skipped("a SHOULD case, " + summary));
        };
    }

    boolean red() {
        return kind == Kind.FAILURE || kind == Kind.ERROR;
    }

    private static JunitOutcome failure(CaseResult result) {
        if (result.detail() instanceof VerdictDetail.Mismatch mismatch) {
            return new JunitOutcome(Kind.FAILURE, String.join(" ", mismatch.requirements()),
                    limit(oneLine(mismatch.expected()) + "; received: " + oneLine(mismatch.received())));
        }
        return new JunitOutcome(Kind.FAILURE, String.join(" ", result.requirements()), limit(oneLine(result.message())));
    }

    private static JunitOutcome skipped(String message) {
        return new JunitOutcome(Kind.SKIPPED, "", limit(message));
    }

    private static String expected(String reason) {
        return "expected failure (--expect: " + reason + "): ";
    }

    /** Line breaks shown, not lost: an XML reader turns a line break inside an attribute into a space. */
    static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " \u23ce ");
    }

    private static String limit(String text) {
        if (text.length() <= MESSAGE_LIMIT) {
            return text;
        }
        int end = MESSAGE_LIMIT - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
