package io.secho.conformance.lab;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseFilter;
import io.secho.conformance.CaseIds;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.requirements.Req;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the lab cases to their target as {@link ConformanceExtension} wires the v1 cases, so that the
 * same listener, reports and filters serve both: the cases run only under {@code secho.profile=lab}. It
 * guards every verdict the same way (a case without evidence, or out of memory, is an ERROR), and it
 * keeps the run honest about its server: when LAB-001 gets no echo the run stops and the other cases are
 * BLOCKED by it; before every other case a liveness check makes sure the server still answers, and once
 * it does not, the rest are BLOCKED ("the server has not answered since LAB-012"), never FOUND.
 */
public final class LabExtension implements ParameterResolver, AfterEachCallback, ExecutionCondition,
        InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<ConformanceCase> annotation = context.getTestMethod().map(m -> m.getAnnotation(ConformanceCase.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a single case");
        }
        if (!TargetConfig.labProfile(context::getConfigurationParameter)) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (the lab profile's cases run only "
                    + "with " + TargetConfig.PROFILE + "=lab)");
        }
        if (ClientTargetConfig.clientRun(context::getConfigurationParameter)) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (a lab client under test runs the "
                    + "lab client cases)");
        }
        return ConformanceExtension.byFilters(context, annotation.get().id());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LabContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConformanceCase annotation = context.getRequiredTestMethod().getAnnotation(ConformanceCase.class);
        if (annotation == null) {
            throw new ParameterResolutionException("LabContext is only for methods annotated @ConformanceCase");
        }
        LabContext labContext = new LabContext(targetRun(context), CaseIds.of(annotation.id(), context.getDisplayName()),
                Req.ids(annotation.requirements()));
        context.getStore(NAMESPACE).put(LabContext.class, labContext);
        return labContext;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        LabContext lab = context.getStore(NAMESPACE).get(LabContext.class, LabContext.class);
        if (lab == null) {
            invocation.proceed();
            return;
        }
        LabRunProgress progress = lab.target().progress();
        Optional<CaseBlocked> blocked = progress.blocker().or(() -> liveness(lab, progress));
        if (blocked.isPresent()) {
            invocation.skip();
            throw blocked.get();
        }
        int sessionsBefore = lab.connectionCount();
        try {
            ConformanceExtension.runGuarded(invocation, lab);
        } catch (TestAbortedException skipped) {
            throw skipped;
        } catch (Throwable notPassed) {
            if (lab.caseId().equals(LabRunProgress.FIRST_CASE)) {
                progress.firstEchoFailed();
            }
            throw notPassed;
        } finally {
            if (lab.connectionCount() > sessionsBefore) {
                progress.talked(lab.caseId());
            }
        }
    }

    /**
     * Before every case but LAB-001 (which is the first check itself): a whole session with one echo. A server
     * frozen or stopped by an earlier case BLOCKS this case and the rest, so that none of them reports a
     * weakness it did not see.
     */
    private static Optional<CaseBlocked> liveness(LabContext lab, LabRunProgress progress) {
        if (lab.caseId().equals(LabRunProgress.FIRST_CASE)) {
            return Optional.empty();
        }
        lab.trace().note("liveness check before the case:");
        Optional<String> problem = lab.servingProblem();
        lab.trace().note(problem.map(p -> "the server does not answer: " + p).orElse("the server answers"));
        return problem.map(progress::notAnswering);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LabContext labContext = context.getStore(NAMESPACE).remove(LabContext.class, LabContext.class);
        if (labContext == null) {
            return;
        }
        labContext.close();
        LabTargetRun run = labContext.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(ConformanceExtension.TRACE_ENTRY, labContext.trace().render());
        published.put(ConformanceExtension.SEED_ENTRY, run.config().seed());
        published.put(ConformanceExtension.PROTOCOL_ENTRY, run.protocol());
        run.config().keyReading().ifPresent(line -> published.put(ConformanceExtension.TARGET_FINDINGS_ENTRY, line));
        published.put(ConformanceExtension.TARGET_DESCRIPTION_ENTRY, run.description().encode());
        run.config().external().ifPresent(a -> published.put(ConformanceExtension.TARGET_ENTRY,
                a.getHostString() + ":" + a.getPort()));
        // JUnit refuses blank report values.
        published.values().removeIf(String::isBlank);
        context.publishReportEntry(published);
    }

    /** The run's target, started on first use and closed (JUnit closes the root store) when the run ends. */
    private static LabTargetRun targetRun(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LabTargetRun.class, key -> {
            try {
                return LabTargetRun.start(LabTargetConfig.from(context::getConfigurationParameter));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, LabTargetRun.class);
    }
}
