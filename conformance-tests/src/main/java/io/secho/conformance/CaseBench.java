package io.secho.conformance;

import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one kind of run ({@link Profile} and {@link Role}) plugs into the kernel ({@link ConformanceExtension}):
 * the target it starts once per run, the context each case gets, what it checks around each case, and what it
 * publishes for the reports. The kernel does the rest the same for every kind: selection, filters, the verdict
 * guards, the trace.
 *
 * @param <T> the run's target, closed when the run ends
 * @param <C> what a case of this kind works with (its method's parameter)
 */
public interface CaseBench<T extends AutoCloseable, C extends GuardedCase> {
    Class<T> targetType();

    Class<C> contextType();

    /**
     * Starts the run's target, on first use.
     *
     * @param parameters the run's configuration parameters, which the bench reads into its typed target config
     */
    T start(Function<String, Optional<String>> parameters) throws IOException;

    /** The context of one case. */
    C open(T target, CaseDescriptor descriptor);

    /**
     * Runs the case: by default under the verdict guards alone ({@link ConformanceExtension#runGuarded}); a bench
     * adds what its kind of run checks before and after a case (a target still usable, a server still answering).
     */
    default void run(Invocation<Void> invocation, C context) throws Throwable {
        ConformanceExtension.runGuarded(invocation, context);
    }

    /** What the case leaves for the reports, besides its trace (the report entries of {@link ConformanceExtension}). */
    Map<String, String> published(C context);
}
