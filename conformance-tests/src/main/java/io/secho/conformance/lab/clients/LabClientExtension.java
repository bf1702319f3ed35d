package io.secho.conformance.lab.clients;

import io.secho.conformance.CaseFilter;
import io.secho.conformance.CaseIds;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the lab client cases to the lab client under test as {@code LabExtension} wires the lab server cases to
 * their server, so that the same listener, reports, filters and baselines serve them: one {@link LabClientTarget}
 * per launcher session, a {@link LabClientContext} per case, the trace and the target published for the reports,
 * and the same verdict guards (no PASS without evidence). The cases run only with the lab profile and a client
 * under test ({@code --profile lab --client-command}).
 */
public final class LabClientExtension implements ParameterResolver, AfterEachCallback, ExecutionCondition,
        InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LabClientExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<ConformanceCase> annotation = context.getTestMethod().map(m -> m.getAnnotation(ConformanceCase.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a single case");
        }
        if (!LabClientTarget.labClientRun(context::getConfigurationParameter)) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (the lab client cases run only with "
                    + "the lab profile and a client command)");
        }
        return ConformanceExtension.byFilters(context, annotation.get().id());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LabClientContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConformanceCase annotation = context.getRequiredTestMethod().getAnnotation(ConformanceCase.class);
        if (annotation == null) {
            throw new ParameterResolutionException("LabClientContext is only for methods annotated @ConformanceCase");
        }
        LabClientContext caseContext = new LabClientContext(target(context), CaseIds.of(annotation.id(),
                context.getDisplayName()), Req.ids(annotation.requirements()));
        context.getStore(NAMESPACE).put(LabClientContext.class, caseContext);
        return caseContext;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        LabClientContext caseContext = context.getStore(NAMESPACE).get(LabClientContext.class, LabClientContext.class);
        if (caseContext == null) {
            invocation.proceed();
            return;
        }
        ConformanceExtension.runGuarded(invocation, caseContext);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LabClientContext caseContext = context.getStore(NAMESPACE).remove(LabClientContext.class, LabClientContext.class);
        if (caseContext == null) {
            return;
        }
        LabClientTarget target = caseContext.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(ConformanceExtension.TRACE_ENTRY, caseContext.trace().render());
        published.put(ConformanceExtension.SEED_ENTRY, target.seed());
        published.put(ConformanceExtension.PROTOCOL_ENTRY, target.protocol());
        target.keyReading().ifPresent(line -> published.put(ConformanceExtension.TARGET_FINDINGS_ENTRY, line));
        published.put(ConformanceExtension.TARGET_DESCRIPTION_ENTRY, target.description().encode());
        // JUnit refuses blank report values.
        published.values().removeIf(String::isBlank);
        context.publishReportEntry(published);
    }

    /** The run's client, set up on first use. */
    private static LabClientTarget target(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LabClientTarget.class,
                key -> LabClientTarget.from(context::getConfigurationParameter), LabClientTarget.class);
    }
}
