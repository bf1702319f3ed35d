package io.secho.conformance;

import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.targets.TargetConfig;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the kernel needs to know of a run, parsed once from its configuration parameters (the command line's
 * options, or {@code -Dsecho.*} under Maven): which catalogue runs (the profile, and the side under test) and the
 * {@code --case} and {@code --family} filters. What a side needs of its target ({@link TargetConfig},
 * {@link ClientTargetConfig}, the lab's) its bench reads when the run starts it.
 */
public record RunConfig(Profile.RunKind kind, Optional<String> caseFilter, Optional<String> familyFilter) {
    /**
     * @throws IllegalArgumentException for an unknown profile
     */
    public static RunConfig from(Function<String, Optional<String>> parameters) {
        Profile profile = parameters.apply(TargetConfig.PROFILE).map(Profile::parse).orElse(Profile.V1);
        Role role = clientUnderTest(parameters) ? Role.CLIENT : Role.SERVER;
        return new RunConfig(new Profile.RunKind(profile, role), parameters.apply(TargetConfig.CASE),
                parameters.apply(TargetConfig.FAMILY));
    }

    /** True when the parameters name a client to test: the run then runs its profile's client cases, and only them. */
    public static boolean clientUnderTest(Function<String, Optional<String>> parameters) {
        return parameters.apply(ClientTargetConfig.CLIENT_COMMAND).filter(v -> !v.isBlank()).isPresent()
                || ClientTargetConfig.reference(parameters);
    }

    public Profile profile() {
        return kind.profile();
    }

    public Role role() {
        return kind.role();
    }

    public boolean lab() {
        return kind.profile() == Profile.LAB;
    }

    public boolean client() {
        return kind.role() == Role.CLIENT;
    }

    /** The filter this case does not pass, if any: {@code secho.case} or {@code secho.family}. */
    public Optional<String> filteredOutBy(CaseDescriptor descriptor) {
        if (caseFilter.isPresent() && !CaseFilter.matchesCase(descriptor, caseFilter.get())) {
            return Optional.of(TargetConfig.CASE);
        }
        if (familyFilter.isPresent() && !CaseFilter.matchesFamily(descriptor.id(), familyFilter.get())) {
            return Optional.of(TargetConfig.FAMILY);
        }
        return Optional.empty();
    }
}
