package io.secho.conformance;

import io.secho.conformance.targets.TargetRun;
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
import java.util.Map;
import java.util.Optional;

/**
 * The harness's kernel: wires every case of every profile to its run's target. It reads the run's
 * {@link RunConfig} once, runs only the cases of the run's catalogue ({@link Profile.RunKind}) that pass its
 * filters, starts the run's target once (the {@link CaseBench} of the run's kind says what that is), gives each
 * case its context, and publishes the case's trace and the bench's entries for the reports. It also guards every
 * verdict: a case that returns without evidence or runs out of memory is an ERROR, never a PASS, and no failure
 * of one case takes the others down with it.
 */
public final class ConformanceExtension implements ParameterResolver, AfterEachCallback, ExecutionCondition,
        InvocationInterceptor {
    public static final String TRACE_ENTRY = "secho.trace";
    public static final String SEED_ENTRY = "secho.seed";
    public static final String TARGET_ENTRY = "secho.target";
    public static final String IMAGE_ENTRY = "secho.image";
    /** The preflight's findings about the target, a line each: for the report's heading. */
    public static final String TARGET_FINDINGS_ENTRY = "secho.target-findings";
    /** What the run was pointed at, and what the preflight found: {@code TargetDescription} in its JSON form. */
    public static final String TARGET_DESCRIPTION_ENTRY = "secho.target-description";
    /** A client case's runs of the client, as the JSON report's {@code clientRuns} array. */
    public static final String CLIENT_RUNS_ENTRY = "secho.client-runs";
    /** The protocol a run checks, for the reports' headings; absent means Secho v1. */
    public static final String PROTOCOL_ENTRY = "secho.protocol";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceExtension.class);
    private static final String CASE_KEY = "case";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<CaseDescriptor> descriptor = CaseDescriptor.of(context);
        if (descriptor.isEmpty()) {
            return ConditionEvaluationResult.enabled("not a single case");
        }
        RunConfig run = runConfig(context);
        Profile.RunKind kind = kindOf(context);
        if (!kind.equals(run.kind())) {
            return ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (a " + describe(run.kind())
                    + " runs the " + describe(run.kind()) + " cases, not the " + describe(kind) + " cases)");
        }
        return run.filteredOutBy(descriptor.get())
                .map(filter -> ConditionEvaluationResult.disabled(CaseFilter.FILTERED_OUT + " (" + filter + ")"))
                .orElseGet(() -> ConditionEvaluationResult.enabled("selected"));
    }

    private static String describe(Profile.RunKind kind) {
        return kind.profile().label() + " " + kind.role().name().toLowerCase(java.util.Locale.ROOT) + " run";
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getTestMethod().isPresent()
                && parameter.getParameter().getType() == kindOf(context).bench().contextType();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        CaseDescriptor descriptor = CaseDescriptor.of(context).orElseThrow(() -> new ParameterResolutionException(
                parameter.getParameter().getType().getSimpleName() + " is only for methods annotated @ConformanceCase"));
        GuardedCase caseContext = open(kindOf(context).bench(), context, descriptor);
        context.getStore(NAMESPACE).put(CASE_KEY, caseContext);
        return caseContext;
    }

    private static <T extends AutoCloseable, C extends GuardedCase> C open(CaseBench<T, C> bench,
                                                                          ExtensionContext context,
                                                                          CaseDescriptor descriptor) {
        T target = target(bench, context);
        // A case that waits out the target's timeouts talks to the embedded run's second server, with short ones.
        if (target instanceof TargetRun run && context.getRequiredTestClass().isAnnotationPresent(WaitsOutTimeout.class)) {
            return bench.open(bench.targetType().cast(run.forTimeoutCases()), descriptor);
        }
        return bench.open(target, descriptor);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                            ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    private void guard(Invocation<Void> invocation, ExtensionContext context) throws Throwable {
        GuardedCase caseContext = context.getStore(NAMESPACE).get(CASE_KEY, GuardedCase.class);
        if (caseContext == null) {
            invocation.proceed();
            return;
        }
        run(kindOf(context).bench(), invocation, caseContext);
    }

    private static <C extends GuardedCase> void run(CaseBench<?, C> bench, Invocation<Void> invocation,
                                                    GuardedCase caseContext) throws Throwable {
        bench.run(invocation, bench.contextType().cast(caseContext));
    }

    /**
     * The verdict guards, the same for every profile: a verdict the case threw stands, running out of memory or
     * any other exception is an ERROR, and so is a case that returns without evidence.
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
        if (caseContext.scope().evidenceCount() == 0) {
            throw new HarnessError("the case returned without checking anything, so it cannot pass (a harness bug)");
        }
    }

    private static String describe(Throwable unexpected) {
        String message = unexpected.getMessage();
        return message == null || message.isBlank() ? "an unexpected internal failure" : message;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        GuardedCase caseContext = context.getStore(NAMESPACE).remove(CASE_KEY, GuardedCase.class);
        if (caseContext == null) {
            return;
        }
        caseContext.close();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(TRACE_ENTRY, caseContext.scope().trace().render());
        published.putAll(published(kindOf(context).bench(), caseContext));
        // JUnit refuses blank report values.
        published.values().removeIf(String::isBlank);
        context.publishReportEntry(published);
    }

    private static <C extends GuardedCase> Map<String, String> published(CaseBench<?, C> bench, GuardedCase context) {
        return bench.published(bench.contextType().cast(context));
    }

    /** The run's configuration, read once per run. */
    private static RunConfig runConfig(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunConfig.class,
                key -> RunConfig.from(context::getConfigurationParameter), RunConfig.class);
    }

    /** The catalogue a case belongs to: its class's package. */
    private static Profile.RunKind kindOf(ExtensionContext context) {
        String packageName = context.getRequiredTestClass().getPackageName();
        return Profile.ofCasesPackage(packageName).orElseThrow(() -> new IllegalStateException(
                "a class of package " + packageName + " uses the conformance extension, but no profile has its cases there"));
    }

    /** The run's target, started on first use and closed when the launcher session ends. */
    private static <T extends AutoCloseable> T target(CaseBench<T, ?> bench, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(bench.targetType(), key -> {
            try {
                // JUnit closes AutoCloseable values of the root store (an embedded server) when the run ends.
                return bench.start(context::getConfigurationParameter);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, bench.targetType());
    }
}
