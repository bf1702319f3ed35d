package io.secho.conformance.report;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseFilter;
import io.secho.conformance.CaseDescriptor;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.ConformanceFailure;
import io.secho.conformance.HarnessError;
import io.secho.conformance.IoProblems;
import io.secho.conformance.Level;
import io.secho.conformance.targets.TargetConfig;
import io.secho.conformance.targets.TargetDescription;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Turns a JUnit run of the cases into the harness's verdicts and output: progress while the cases run,
 * then every case in case-ID order, the summaries, and the JSON, JUnit XML and HTML reports. Every selected
 * case ends up in the report, whatever happened: a case the engine never ran, or a run cut short,
 * leaves an ERROR with the reason, and the report says the run is incomplete. It ignores tests that
 * are not cases, so it can be registered for every launcher session (surefire finds it through the
 * service loader).
 */
public class ConformanceListener implements TestExecutionListener {
    private final PrintStream out;
    private final ConsoleSettings console;
    private final Optional<Path> fixedReportDir;
    private final Optional<Baseline> baseline;
    private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    private final Map<String, CaseResult> results = new ConcurrentHashMap<>();
    private final Set<String> filteredOut = ConcurrentHashMap.newKeySet();
    private volatile TestPlan plan;
    private volatile Instant started;
    private volatile long startedNanos;
    private volatile RunSummary summary;
    private volatile boolean planFinished;
    private volatile Optional<String> reportProblem = Optional.empty();

    /** For the service loader (surefire): prints to standard output, reports where configured. */
    public ConformanceListener() {
        this(System.out, Optional.empty());
    }

    public ConformanceListener(PrintStream out, Optional<Path> reportDir) {
        this(out, reportDir, ConsoleSettings.PLAIN);
    }

    /** @param console colours, progress and the replay line: the jar's, for a person at a terminal or a CI log */
    public ConformanceListener(PrintStream out, Optional<Path> reportDir, ConsoleSettings console) {
        this(out, reportDir, console, Optional.empty());
    }

    /** @param baseline the known failures ({@code --expect}): the reports mark those cases as expected to fail */
    public ConformanceListener(PrintStream out, Optional<Path> reportDir, ConsoleSettings console,
                               Optional<Baseline> baseline) {
        this.out = out;
        this.console = console;
        this.fixedReportDir = reportDir;
        this.baseline = baseline;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
        startedNanos = System.nanoTime();
        results.clear();
        filteredOut.clear();
        summary = null;
        planFinished = false;
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        startNanos.put(identifier.getUniqueId(), System.nanoTime());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier identifier, ReportEntry entry) {
        entries.computeIfAbsent(identifier.getUniqueId(), k -> new ConcurrentHashMap<>()).putAll(entry.getKeyValuePairs());
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        if (reason != null && reason.startsWith(CaseFilter.FILTERED_OUT)) {
            filteredOut.add(identifier.getUniqueId());
            return;
        }
        CaseDescriptor.of(identifier).ifPresent(descriptor -> record(identifier, descriptor, Verdict.SKIP,
                reason == null ? "skipped" : reason, VerdictDetail.NONE, ""));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Optional<CaseDescriptor> descriptor = CaseDescriptor.of(identifier);
        if (descriptor.isEmpty()) {
            return;
        }
        if (!identifier.isTest()) {
            // A parameterized case whose inputs could not even be made: its invocations never ran.
            if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                Throwable thrown = result.getThrowable().orElse(null);
                record(identifier, descriptor.get(), Verdict.ERROR, "the harness could not make this case's inputs: "
                        + (thrown == null ? "unknown failure" : thrown.getMessage()), VerdictDetail.NONE, internal(thrown));
            }
            return;
        }
        Throwable thrown = result.getThrowable().orElse(null);
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(identifier, descriptor.get(), Verdict.PASS, "", VerdictDetail.NONE, "");
            case ABORTED -> record(identifier, descriptor.get(), Verdict.SKIP,
                    thrown instanceof TestAbortedException && thrown.getMessage() != null ? thrown.getMessage()
                            : "skipped", VerdictDetail.NONE, "");
            default -> recordFailure(identifier, descriptor.get(), thrown);
        }
    }

    private void recordFailure(TestIdentifier identifier, CaseDescriptor descriptor, Throwable thrown) {
        if (thrown instanceof CaseBlocked blocked) {
            record(identifier, descriptor, Verdict.BLOCKED, blocked.getMessage(), VerdictDetail.Blocked.of(blocked), "");
        } else if (thrown instanceof ConformanceFailure failure) {
            record(identifier, descriptor, descriptor.level() == Level.MUST ? Verdict.FAIL : Verdict.WARN,
                    failure.getMessage(), VerdictDetail.Mismatch.of(failure), "");
        } else if (thrown instanceof HarnessError error) {
            record(identifier, descriptor, Verdict.ERROR, error.getMessage(), VerdictDetail.NONE,
                    internal(error.getCause()));
        } else {
            String what = thrown == null ? "an unknown failure" : thrown.getMessage() == null
                    ? "an unexpected internal failure" : thrown.getMessage();
            record(identifier, descriptor, Verdict.ERROR, "the harness failed in this case: " + what,
                    VerdictDetail.NONE, internal(thrown));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        planFinished = true;
        List<String> neverRan = new ArrayList<>();
        for (TestIdentifier root : testPlan.getRoots()) {
            collectNeverRun(testPlan, root, neverRan);
        }
        finish(neverRan.isEmpty() ? Optional.empty()
                : Optional.of(neverRan.size() + " selected case(s) never ran: " + String.join(", ", neverRan)));
    }

    /**
     * Ends a run that the engine did not finish (the harness failed, or the user interrupted it): every case
     * that started and did not finish is an ERROR, the summary is printed and the reports are written, marked
     * incomplete. Does nothing when the run already finished.
     */
    public synchronized void finishIncomplete(String why) {
        if (summary != null || plan == null || planFinished) {
            return;
        }
        for (String uniqueId : startNanos.keySet()) {
            if (!results.containsKey(uniqueId)) {
                TestIdentifier identifier = findIdentifier(uniqueId);
                if (identifier != null && identifier.isTest()) {
                    CaseDescriptor.of(identifier).ifPresent(descriptor -> record(identifier, descriptor, Verdict.ERROR,
                            "the case did not finish: " + why, VerdictDetail.NONE, ""));
                }
            }
        }
        List<String> neverRan = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collectNeverRun(plan, root, neverRan);
        }
        finish(Optional.of(why + (neverRan.isEmpty() ? "" : "; cases never run: " + String.join(", ", neverRan))));
    }

    private TestIdentifier findIdentifier(String uniqueId) {
        try {
            return plan.getTestIdentifier(UniqueId.parse(uniqueId));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private synchronized void finish(Optional<String> incomplete) {
        if (summary != null) {
            return;
        }
        List<CaseResult> all = new ArrayList<>(results.values());
        if (all.isEmpty() && incomplete.isEmpty()) {
            return;
        }
        Optional<String> seed = firstEntry(ConformanceExtension.SEED_ENTRY).or(() -> parameter(TargetConfig.SEED));
        TargetDescription target = firstEntry(ConformanceExtension.TARGET_DESCRIPTION_ENTRY)
                .map(TargetDescription::decode)
                .orElseGet(() -> TargetDescription.fromParameters(this::parameter));
        String protocol = firstEntry(ConformanceExtension.PROTOCOL_ENTRY).orElse(RunSummary.V1);
        List<String> findings = firstEntry(ConformanceExtension.TARGET_FINDINGS_ENTRY)
                .map(text -> Arrays.asList(text.split("\n"))).orElse(List.of());
        RunSummary finished = new RunSummary(protocol, target, seedOf(seed), started == null ? Instant.now() : started,
                (System.nanoTime() - startedNanos) / 1_000_000, findings, all, incomplete, baseline);
        summary = finished;
        console.progress().finished();
        Function<String, String> replay = console.replay().orElse(this::mavenReplay);
        ConsoleReport.print(finished, replay, console, out);
        Path dir = fixedReportDir.orElseGet(() -> Path.of(parameter(TargetConfig.REPORT_DIR).orElse("conformance-reports")));
        try {
            Path json = JsonReport.write(finished, dir);
            Path xml = JunitXmlReport.write(finished, dir);
            Path html = HtmlReport.write(finished, replay, dir);
            out.println("reports: " + json + ", " + xml + " and " + html);
        } catch (IOException e) {
            reportProblem = Optional.of("could not write the reports to " + dir + ": " + IoProblems.ofFile(e));
            out.println(reportProblem.get());
        }
        out.flush();
    }

    /** The run's seed as a number; none when the run never got as far as checking it. */
    private static OptionalLong seedOf(Optional<String> text) {
        try {
            return text.map(t -> OptionalLong.of(TargetConfig.parseSeed(t))).orElse(OptionalLong.empty());
        } catch (IllegalArgumentException notASeed) {
            return OptionalLong.empty();
        }
    }

    /** Cases the plan holds that neither ran nor were filtered out: a run must never lose one silently. */
    private void collectNeverRun(TestPlan testPlan, TestIdentifier identifier, List<String> neverRan) {
        if (filteredOut.contains(identifier.getUniqueId())) {
            return;
        }
        Optional<CaseDescriptor> descriptor = CaseDescriptor.of(identifier);
        if (descriptor.isPresent() && !results.containsKey(identifier.getUniqueId())) {
            boolean invocationsReported = !identifier.isTest() && results.keySet().stream()
                    .anyMatch(id -> id.startsWith(identifier.getUniqueId() + "/"));
            if (identifier.isTest() || !invocationsReported) {
                neverRan.add(descriptor.get().id());
                record(identifier, descriptor.get(), Verdict.ERROR, "the harness never ran this case", VerdictDetail.NONE,
                        "");
            }
        }
        for (TestIdentifier child : testPlan.getChildren(identifier)) {
            collectNeverRun(testPlan, child, neverRan);
        }
    }

    /** Why the reports of the finished run could not be written, if they could not. */
    public Optional<String> reportProblem() {
        return reportProblem;
    }

    /** The finished run, once {@link #testPlanExecutionFinished} or {@link #finishIncomplete} has run. */
    public Optional<RunSummary> summary() {
        return Optional.ofNullable(summary);
    }

    private void record(TestIdentifier identifier, CaseDescriptor descriptor, Verdict verdict, String message,
                        VerdictDetail detail, String internal) {
        Long start = startNanos.get(identifier.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Map<String, String> published = entries.getOrDefault(identifier.getUniqueId(), Map.of());
        String id = descriptor.id();
        CaseResult result = new CaseResult(id, name(identifier, id), descriptor.family(),
                descriptor.level(), descriptor.requirements(), descriptor.endings(), verdict, millis,
                message == null ? "" : message, detail, published.getOrDefault(ConformanceExtension.TRACE_ENTRY, ""),
                internal, published.getOrDefault(ConformanceExtension.CLIENT_RUNS_ENTRY, ""));
        results.put(identifier.getUniqueId(), result);
        if (console.progress() != Progress.NONE) {
            List<CaseResult> sofar = new ArrayList<>(results.values());
            console.progress().judged(sofar.size(), sofar.stream().filter(r -> r.verdict() == Verdict.FAIL).count(),
                    sofar.stream().filter(r -> r.verdict() == Verdict.BLOCKED).count());
        }
    }

    private String name(TestIdentifier identifier, String id) {
        String display = identifier.getDisplayName();
        if (display.startsWith(id)) {
            String rest = display.substring(id.length()).strip();
            String parent = plan.getParent(identifier).map(TestIdentifier::getDisplayName).orElse("");
            return parent.isEmpty() ? rest : parent + ": " + rest;
        }
        return display;
    }

    private Optional<String> parameter(String key) {
        return plan == null ? Optional.empty() : plan.getConfigurationParameters().get(key);
    }

    private Optional<String> firstEntry(String key) {
        return entries.values().stream().map(m -> m.get(key)).filter(v -> v != null).findFirst();
    }

    /** Under Maven: the command that replays one case there, with the same seed and options. */
    private String mavenReplay(String id) {
        String seed = firstEntry(ConformanceExtension.SEED_ENTRY).orElse(
                plan.getConfigurationParameters().get(TargetConfig.SEED).orElse("SEED"));
        return MavenReplay.command(plan.getConfigurationParameters(), seed, id);
    }


    /** The exception and its stack, for the JSON report: what a bug report about a harness ERROR needs. */
    private static String internal(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
