package io.secho.conformance;

import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.requirements.Req;
import io.secho.conformance.targets.TargetConfig;
import io.secho.conformance.targets.TargetDescription;
import io.secho.conformance.targets.TargetRun;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the cases to the target: one {@link TargetRun} per launcher session (the embedded reference
 * server, or the external target), a {@link CaseContext} per case, the case filters, and the trace
 * published for the reports. It also guards every verdict: a case the preflight shows cannot run is
 * BLOCKED before it starts, a case that returns without evidence or runs out of memory is an ERROR,
 * never a PASS, and no failure of one case takes the others down with it.
 */
public final class ConformanceExtension implements ParameterResolver, AfterEachCallback, ExecutionCondition,
        CaseGuard {
    public static final String TRACE_ENTRY = "secho.trace";
    public static final String SEED_ENTRY = "secho.seed";
    public static final String TARGET_ENTRY = "secho.target";
    public static final String IMAGE_ENTRY = "secho.image";
    /** The preflight's findings about the target, a line each: for the report's heading. */
    public static final String TARGET_FINDINGS_ENTRY = "secho.target-findings";
    /** What the run was pointed at, and what the preflight found: {@link TargetDescription} in its JSON form. */
    public static final String TARGET_DESCRIPTION_ENTRY = "secho.target-description";
    /** A client case's runs of the client, as the JSON report's {@code clientRuns} array. */
    public static final String CLIENT_RUNS_ENTRY = "secho.client-runs";
    /** The protocol a run checks, for the reports' headings; absent means Secho v1. */
    public static final String PROTOCOL_ENTRY = "secho.protocol";
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
        if (ClientTargetConfig.clientRun(context::getConfigurationParameter)) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (a client under test runs the "
                    + "client cases instead)");
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
        TargetRun run = context.getRequiredTestClass().isAnnotationPresent(WaitsOutTimeout.class)
                ? targetRun(context).forTimeoutCases() : targetRun(context);
        CaseContext caseContext = new CaseContext(run, CaseIds.of(annotation.id(), context.getDisplayName()),
                Req.ids(annotation.requirements()));
        context.getStore(NAMESPACE).put(CaseContext.class, caseContext);
        return caseContext;
    }

    @Override
    public void guard(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        CaseContext caseContext = context.getStore(NAMESPACE).get(CaseContext.class, CaseContext.class);
        if (caseContext == null) {
            invocation.proceed();
            return;
        }
        try {
            caseContext.requireUsableTarget();
        } catch (CaseBlocked blocked) {
            invocation.skip();
            throw blocked;
        }
        runGuarded(invocation, caseContext);
    }

    /**
     * The verdict guards, shared with the lab profile's extension: a verdict the case threw stands, running
     * out of memory or any other exception is an ERROR, and so is a case that returns without evidence.
     */
    public static void runGuarded(Invocation<Void> invocation, GuardedCase caseContext) throws Throwable {
        try {
            invocation.proceed();
        } catch (ConformanceFailure | CaseBlocked | TestAbortedException | HarnessError verdict) {
            throw verdict;
        } catch (OutOfMemoryError e) {
            caseContext.close();
            throw new HarnessError("the harness ran out of memory in this case (raise -Xmx, and please report it: "
                    + "the harness keeps at most 64 KiB of what a server sends per connection)", e);
        } catch (Throwable unexpected) {
            throw new HarnessError("the harness failed in this case: " + describe(unexpected), unexpected);
        }
        if (caseContext.evidenceCount() == 0) {
            throw new HarnessError("the case returned without checking anything, so it cannot pass (a harness bug)");
        }
    }

    private static String describe(Throwable unexpected) {
        String message = unexpected.getMessage();
        return message == null || message.isBlank() ? "an unexpected internal failure" : message;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        CaseContext caseContext = context.getStore(NAMESPACE).remove(CaseContext.class, CaseContext.class);
        if (caseContext == null) {
            return;
        }
        caseContext.close();
        TargetRun run = caseContext.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(TRACE_ENTRY, caseContext.trace().render());
        published.put(SEED_ENTRY, run.config().seed());
        published.put(TARGET_FINDINGS_ENTRY, String.join("\n", run.preflight().describe()));
        published.put(TARGET_DESCRIPTION_ENTRY, run.description().encode());
        run.config().external().ifPresent(a -> published.put(TARGET_ENTRY, a.getHostString() + ":" + a.getPort()));
        run.config().image().ifPresent(image -> published.put(IMAGE_ENTRY, image));
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
