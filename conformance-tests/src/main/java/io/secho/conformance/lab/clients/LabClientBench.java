package io.secho.conformance.lab.clients;

import io.secho.conformance.CaseBench;
import io.secho.conformance.CaseDescriptor;
import io.secho.conformance.ConformanceExtension;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lab clients ({@code --profile lab --client-command}): one {@link LabClientTarget} per run (the client, the lab
 * knobs its test servers speak by, the first session every case needs) and a {@link LabClientContext} per case.
 */
public final class LabClientBench implements CaseBench<LabClientTarget, LabClientContext> {
    public static final LabClientBench INSTANCE = new LabClientBench();

    private LabClientBench() {
    }

    @Override
    public Class<LabClientTarget> targetType() {
        return LabClientTarget.class;
    }

    @Override
    public Class<LabClientContext> contextType() {
        return LabClientContext.class;
    }

    @Override
    public LabClientTarget start(Function<String, Optional<String>> parameters) {
        return LabClientTarget.from(parameters);
    }

    @Override
    public LabClientContext open(LabClientTarget target, CaseDescriptor descriptor) {
        return new LabClientContext(target, descriptor.id(), descriptor.requirements());
    }

    @Override
    public Map<String, String> published(LabClientContext context) {
        LabClientTarget target = context.target();
        Map<String, String> published = new LinkedHashMap<>();
        published.put(ConformanceExtension.SEED_ENTRY, target.seed());
        published.put(ConformanceExtension.PROTOCOL_ENTRY, target.protocol());
        target.keyReading().ifPresent(line -> published.put(ConformanceExtension.TARGET_FINDINGS_ENTRY, line));
        published.put(ConformanceExtension.TARGET_DESCRIPTION_ENTRY, target.description().encode());
        return published;
    }
}
