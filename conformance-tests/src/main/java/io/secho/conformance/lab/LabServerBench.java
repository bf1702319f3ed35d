package io.secho.conformance.lab;

import io.secho.conformance.CaseBench;
import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseDescriptor;
import io.secho.conformance.ConformanceExtension;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lab servers ({@code --profile lab}): the run's {@link LabTargetRun}, a {@link LabContext} per case, and a run
 * honest about its server: when LAB-001 gets no echo the run stops and the other cases are BLOCKED by it; before
 * every other case a liveness check makes sure the server still answers, and once it does not, the rest are
 * BLOCKED ("the server has not answered since LAB-012"), never FOUND.
 */
public final class LabServerBench implements CaseBench<LabTargetRun, LabContext> {
    public static final LabServerBench INSTANCE = new LabServerBench();

    private LabServerBench() {
    }

    @Override
    public Class<LabTargetRun> targetType() {
        return LabTargetRun.class;
    }

    @Override
    public Class<LabContext> contextType() {
        return LabContext.class;
    }

    @Override
    public LabTargetRun start(Function<String, Optional<String>> parameters) throws IOException {
        return LabTargetRun.start(LabTargetConfig.from(parameters));
    }

    @Override
    public LabContext open(LabTargetRun target, CaseDescriptor descriptor) {
        return new LabContext(target, descriptor.id(), descriptor.requirements());
    }

    @Override
    public void run(Invocation<Void> invocation, LabContext lab) throws Throwable {
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
    public Map<String, String> published(LabContext context) {
        LabTargetRun run = context.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(ConformanceExtension.SEED_ENTRY, run.config().seed());
        published.put(ConformanceExtension.PROTOCOL_ENTRY, run.protocol());
        run.config().keyReading().ifPresent(line -> published.put(ConformanceExtension.TARGET_FINDINGS_ENTRY, line));
        published.put(ConformanceExtension.TARGET_DESCRIPTION_ENTRY, run.description().encode());
        run.config().external().ifPresent(a -> published.put(ConformanceExtension.TARGET_ENTRY,
                a.getHostString() + ":" + a.getPort()));
        return published;
    }
}
