package io.secho.conformance.report;

import io.secho.conformance.CaseFilter;
import io.secho.conformance.CaseIds;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.Family;
import io.secho.conformance.targets.TargetConfig;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a JUnit run of the cases into the harness's output: a line per case as it finishes, the
 * summaries at the end, and the JSON and JUnit XML reports. It ignores tests that are not cases, so it
 * can be registered for every launcher session (surefire finds it through the service loader).
 */
public class ConformanceListener implements TestExecutionListener {
    private final PrintStream out;
    private final Optional<Path> fixedReportDir;
    private final Map<String, Long> startNanos = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> entries = new ConcurrentHashMap<>();
    private final List<CaseResult> results = new ArrayList<>();
    private TestPlan plan;
    private Instant started;
    private long startedNanos;
    private volatile RunSummary summary;

    /** For the service loader (surefire): prints to standard output, reports where configured. */
    public ConformanceListener() {
        this(System.out, Optional.empty());
    }

    public ConformanceListener(PrintStream out, Optional<Path> reportDir) {
        this.out = out;
        this.fixedReportDir = reportDir;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
        startedNanos = System.nanoTime();
        synchronized (results) {
            results.clear();
        }
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
            return;
        }
        caseOf(identifier).ifPresent(annotation -> record(identifier, annotation, CaseResult.Status.SKIPPED, reason));
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (!identifier.isTest()) {
            return;
        }
        caseOf(identifier).ifPresent(annotation -> {
            switch (result.getStatus()) {
                case SUCCESSFUL:
                    record(identifier, annotation, CaseResult.Status.PASSED, "");
                    break;
                case ABORTED:
                    record(identifier, annotation, CaseResult.Status.SKIPPED,
                            result.getThrowable().map(Throwable::getMessage).orElse("skipped"));
                    break;
                default:
                    record(identifier, annotation, CaseResult.Status.FAILED,
                            result.getThrowable().map(ConformanceListener::failureText).orElse("failed"));
            }
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<CaseResult> all;
        synchronized (results) {
            all = List.copyOf(results);
        }
        if (all.isEmpty()) {
            return;
        }
        String seed = firstEntry(ConformanceExtension.SEED_ENTRY).orElse("?");
        String target = firstEntry(ConformanceExtension.TARGET_ENTRY)
                .or(() -> firstEntry(ConformanceExtension.IMAGE_ENTRY).map(image -> "image " + image))
                .orElse("embedded");
        String protocol = firstEntry(ConformanceExtension.PROTOCOL_ENTRY).orElse(RunSummary.V1);
        summary = new RunSummary(protocol, target, seed, started, (System.nanoTime() - startedNanos) / 1_000_000, all);
        ConsoleReport.printSummary(summary, out);
        Path dir = fixedReportDir.orElseGet(() -> Path.of(testPlan.getConfigurationParameters()
                .get(TargetConfig.REPORT_DIR).orElse("conformance-reports")));
        try {
            Path json = JsonReport.write(summary, dir);
            Path xml = JunitXmlReport.write(summary, dir);
            out.println("reports: " + json + " and " + xml);
        } catch (IOException e) {
            out.println("could not write the reports to " + dir + ": " + e.getMessage());
        }
        out.flush();
    }

    /** The finished run, once {@link #testPlanExecutionFinished} has run with at least one case. */
    public Optional<RunSummary> summary() {
        return Optional.ofNullable(summary);
    }

    private void record(TestIdentifier identifier, ConformanceCase annotation, CaseResult.Status status, String message) {
        Long start = startNanos.get(identifier.getUniqueId());
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Map<String, String> published = entries.getOrDefault(identifier.getUniqueId(), Map.of());
        String id = CaseIds.of(annotation.id(), identifier.getDisplayName());
        CaseResult result = new CaseResult(id, name(identifier, id), Family.ofCaseId(id).orElseThrow(),
                annotation.level(), List.of(annotation.requirements()), annotation.endings(), status, millis,
                message == null ? "" : message, published.getOrDefault(ConformanceExtension.TRACE_ENTRY, ""));
        synchronized (results) {
            results.add(result);
        }
        ConsoleReport.printCase(result, replayCommand(published, id), out);
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

    private Optional<String> firstEntry(String key) {
        return entries.values().stream().map(m -> m.get(key)).filter(v -> v != null).findFirst();
    }

    static String replayCommand(Map<String, String> published, String id) {
        String seed = published.getOrDefault(ConformanceExtension.SEED_ENTRY, "SEED");
        String target = published.getOrDefault(ConformanceExtension.TARGET_ENTRY, "");
        String pskFile = published.getOrDefault(ConformanceExtension.PSK_FILE_ENTRY, "");
        String image = published.getOrDefault(ConformanceExtension.IMAGE_ENTRY, "");
        String options = published.getOrDefault(ConformanceExtension.REPLAY_OPTIONS_ENTRY, "");
        return "java -jar conformance-tests/target/secho-conformance.jar" + (options.isEmpty() ? "" : " " + options)
                + (target.isEmpty() ? "" : " --target " + target) + (image.isEmpty() ? "" : " --image " + image) + (pskFile.isEmpty() ? "" : " --psk-file " + pskFile)
                + " --seed " + seed + " --case " + id;
    }

    private Optional<ConformanceCase> caseOf(TestIdentifier identifier) {
        return identifier.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(source -> {
                    try {
                        return Optional.ofNullable(source.getJavaMethod().getAnnotation(ConformanceCase.class));
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                });
    }

    private static String failureText(Throwable throwable) {
        String message = throwable.getMessage();
        if (throwable instanceof AssertionError) {
            return message == null ? throwable.getClass().getSimpleName() : message;
        }
        return throwable.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + " (the harness could not complete the case)";
    }
}
