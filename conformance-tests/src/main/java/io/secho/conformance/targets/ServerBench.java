package io.secho.conformance.targets;

import io.secho.conformance.CaseBench;
import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseContext;
import io.secho.conformance.CaseDescriptor;
import io.secho.conformance.ConformanceExtension;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secho v1 servers: the run's {@link TargetRun} (the embedded reference server, an address, or an image), a
 * {@link CaseContext} per case, and the preflight's gate: a case the preflight shows cannot run is BLOCKED before
 * it starts.
 */
public final class ServerBench implements CaseBench<TargetRun, CaseContext> {
    public static final ServerBench INSTANCE = new ServerBench();

    private ServerBench() {
    }

    @Override
    public Class<TargetRun> targetType() {
        return TargetRun.class;
    }

    @Override
    public Class<CaseContext> contextType() {
        return CaseContext.class;
    }

    @Override
    public TargetRun start(Function<String, Optional<String>> parameters) throws IOException {
        return TargetRun.start(TargetConfig.from(parameters));
    }

    @Override
    public CaseContext open(TargetRun target, CaseDescriptor descriptor) {
        return new CaseContext(target, descriptor.id(), descriptor.requirements());
    }

    @Override
    public void run(Invocation<Void> invocation, CaseContext context) throws Throwable {
        try {
            context.requireUsableTarget();
        } catch (CaseBlocked blocked) {
            invocation.skip();
            throw blocked;
        }
        ConformanceExtension.runGuarded(invocation, context);
    }

    @Override
    public Map<String, String> published(CaseContext context) {
        TargetRun run = context.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(ConformanceExtension.SEED_ENTRY, run.config().seed());
        published.put(ConformanceExtension.TARGET_FINDINGS_ENTRY, String.join("\n", run.preflight().describe()));
        published.put(ConformanceExtension.TARGET_DESCRIPTION_ENTRY, run.description().encode());
        run.config().external().ifPresent(a -> published.put(ConformanceExtension.TARGET_ENTRY,
                a.getHostString() + ":" + a.getPort()));
        run.config().image().ifPresent(image -> published.put(ConformanceExtension.IMAGE_ENTRY, image));
        return published;
    }
}
