package io.secho.conformance.clients;

import io.secho.conformance.CaseBench;
import io.secho.conformance.CaseDescriptor;
import io.secho.conformance.ConformanceExtension;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secho v1 clients ({@code --client-command}, {@code --client-reference}): one {@link ClientTarget} per run (its
 * key file deleted when the run ends), a {@link ClientCaseContext} per case, and each case's runs of the client
 * published for the JSON report.
 */
public final class ClientBench implements CaseBench<ClientTarget, ClientCaseContext> {
    public static final ClientBench INSTANCE = new ClientBench();

    private ClientBench() {
    }

    @Override
    public Class<ClientTarget> targetType() {
        return ClientTarget.class;
    }

    @Override
    public Class<ClientCaseContext> contextType() {
        return ClientCaseContext.class;
    }

    @Override
    public ClientTarget start(Function<String, Optional<String>> parameters) {
        return ClientTarget.start(ClientTargetConfig.from(parameters));
    }

    @Override
    public ClientCaseContext open(ClientTarget target, CaseDescriptor descriptor) {
        return new ClientCaseContext(target, descriptor.id(), descriptor.requirements());
    }

    @Override
    public Map<String, String> published(ClientCaseContext context) {
        ClientTarget target = context.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(ConformanceExtension.CLIENT_RUNS_ENTRY, context.runsJson());
        published.put(ConformanceExtension.SEED_ENTRY, target.config().seed());
        published.put(ConformanceExtension.TARGET_FINDINGS_ENTRY, String.join("\n", target.preflight().describe()));
        published.put(ConformanceExtension.TARGET_DESCRIPTION_ENTRY, target.description().encode());
        return published;
    }
}
