package io.secho.conformance.clients;

import io.secho.conformance.CaseFilter;
import io.secho.conformance.CaseGuard;
import io.secho.conformance.CaseIds;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.requirements.Req;
import io.secho.conformance.targets.TargetConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires the client cases to the client under test as {@link ConformanceExtension} wires the server cases to their
 * target, so that the same listener, reports, filters and baselines serve both: one {@link ClientTarget} per
 * launcher session (its key file deleted when the session ends), a {@link ClientCaseContext} per case, the trace
 * and the target published for the reports, and the same verdict guards (no PASS without evidence). The cases
 * run only when a client is given ({@code --client-command}, {@code --client-reference}).
 */
public final class ClientExtension implements ParameterResolver, AfterEachCallback, ExecutionCondition,
        CaseGuard {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClientExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<ConformanceCase> annotation = context.getTestMethod().map(m -> m.getAnnotation(ConformanceCase.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a single case");
        }
        if (TargetConfig.labProfile(context::getConfigurationParameter)
                || !ClientTargetConfig.clientRun(context::getConfigurationParameter)) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (the client cases run only with "
                    + ClientTargetConfig.CLIENT_COMMAND + " or " + ClientTargetConfig.CLIENT_REFERENCE + ")");
        }
        return ConformanceExtension.byFilters(context, annotation.get().id());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ClientCaseContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ConformanceCase annotation = context.getRequiredTestMethod().getAnnotation(ConformanceCase.class);
        if (annotation == null) {
            throw new ParameterResolutionException("ClientCaseContext is only for methods annotated @ConformanceCase");
        }
        ClientCaseContext caseContext = new ClientCaseContext(target(context), CaseIds.of(annotation.id(),
                context.getDisplayName()), Req.ids(annotation.requirements()));
        context.getStore(NAMESPACE).put(ClientCaseContext.class, caseContext);
        return caseContext;
    }

    @Override
    public void guard(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        ClientCaseContext caseContext = context.getStore(NAMESPACE).get(ClientCaseContext.class, ClientCaseContext.class);
        if (caseContext == null) {
            invocation.proceed();
            return;
        }
        ConformanceExtension.runGuarded(invocation, caseContext);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ClientCaseContext caseContext = context.getStore(NAMESPACE).remove(ClientCaseContext.class, ClientCaseContext.class);
        if (caseContext == null) {
            return;
        }
        ClientTarget target = caseContext.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(ConformanceExtension.TRACE_ENTRY, caseContext.trace().render());
        published.put(ConformanceExtension.CLIENT_RUNS_ENTRY, caseContext.runsJson());
        published.put(ConformanceExtension.SEED_ENTRY, target.config().seed());
        published.put(ConformanceExtension.TARGET_FINDINGS_ENTRY, String.join("\n", target.preflight().describe()));
        published.put(ConformanceExtension.TARGET_DESCRIPTION_ENTRY, target.description().encode());
        // JUnit refuses blank report values.
        published.values().removeIf(String::isBlank);
        context.publishReportEntry(published);
    }

    /** The run's client, set up on first use; JUnit closes it (deleting its key file) when the session ends. */
    private static ClientTarget target(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ClientTarget.class,
                key -> ClientTarget.start(ClientTargetConfig.from(context::getConfigurationParameter)),
                ClientTarget.class);
    }
}
