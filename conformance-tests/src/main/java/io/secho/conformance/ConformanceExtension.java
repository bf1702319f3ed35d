package io.secho.conformance;

import io.secho.conformance.targets.TargetConfig;
import io.secho.conformance.targets.TargetRun;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the cases to the target: one {@link TargetRun} per launcher session (the embedded reference
 * server, or the external target), a {@link CaseContext} per case, the case filters, and the trace
 * published for the reports.
 */
public final class ConformanceExtension implements ParameterResolver, AfterEachCallback, ExecutionCondition {
    public static final String TRACE_ENTRY = "secho.trace";
    public static final String SEED_ENTRY = "secho.seed";
    public static final String TARGET_ENTRY = "secho.target";
    public static final String PSK_FILE_ENTRY = "secho.psk-file";
    public static final String IMAGE_ENTRY = "secho.image";
    /** The protocol a run checks, for the reports' headings; absent means Secho v1. */
    public static final String PROTOCOL_ENTRY = "secho.protocol";
    /** Options the replay command needs beyond target, seed and case (the lab profile's knobs). */
    public static final String REPLAY_OPTIONS_ENTRY = "secho.replay-options";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<ConformanceCase> annotation = context.getTestMethod().map(m -> m.getAnnotation(ConformanceCase.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a single case");
        }
        if (TargetConfig.labProfile(context::getConfigurationParameter)) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (" + TargetConfig.PROFILE
                    + "=lab runs the lab profile's cases instead)");
        }
        return byFilters(context, annotation.get().id());
    }

    /** The {@code --case} and {@code --family} filters, for the cases of every profile. */
    public static ConditionEvaluationResult byFilters(ExtensionContext context, String id) {
        Optional<String> caseFilter = context.getConfigurationParameter(TargetConfig.CASE);
        if (caseFilter.isPresent() && !CaseFilter.matchesCase(id, caseFilter.get(), context.getDisplayName())) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (" + TargetConfig.CASE + ")");
        }
        Optional<String> familyFilter = context.getConfigurationParameter(TargetConfig.FAMILY);
        if (familyFilter.isPresent() && !CaseFilter.matchesFamily(id, familyFilter.get())) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (" + TargetConfig.FAMILY + ")");
        }
        return ConditionEvaluationResult.enabled("selected");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CaseContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConformanceCase annotation = context.getRequiredTestMethod().getAnnotation(ConformanceCase.class);
        if (annotation == null) {
            throw new ParameterResolutionException("CaseContext is only for methods annotated @ConformanceCase");
        }
        TargetRun run = targetRun(context);
        CaseContext caseContext = new CaseContext(run, CaseIds.of(annotation.id(), context.getDisplayName()),
                List.of(annotation.requirements()));
        context.getStore(NAMESPACE).put(CaseContext.class, caseContext);
        return caseContext;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CaseContext caseContext = context.getStore(NAMESPACE).remove(CaseContext.class, CaseContext.class);
        if (caseContext == null) {
            return;
        }
        caseContext.close();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(TRACE_ENTRY, caseContext.trace().render());
        published.put(SEED_ENTRY, caseContext.target().config().seed());
        caseContext.target().config().external()
                .ifPresent(a -> published.put(TARGET_ENTRY, a.getHostString() + ":" + a.getPort()));
        caseContext.target().config().image().ifPresent(image -> published.put(IMAGE_ENTRY, image));
        caseContext.target().config().pskFile().ifPresent(file -> published.put(PSK_FILE_ENTRY, file.toString()));
        // JUnit refuses blank report values.
        published.values().removeIf(String::isBlank);
        context.publishReportEntry(published);
    }

    /** The run's target, started on first use and closed when the launcher session ends. */
    static TargetRun targetRun(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        return root.getOrComputeIfAbsent(TargetRun.class, key -> {
            TargetConfig config = TargetConfig.from(context::getConfigurationParameter);
            try {
                // JUnit closes AutoCloseable values of the root store (the embedded server) when the run ends.
                return TargetRun.start(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, TargetRun.class);
    }
}
