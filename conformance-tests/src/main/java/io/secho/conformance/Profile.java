package io.secho.conformance;

import io.secho.conformance.clients.ClientBench;
import io.secho.conformance.lab.LabServerBench;
import io.secho.conformance.lab.clients.LabClientBench;
import io.secho.conformance.targets.ServerBench;
import io.secho.conformance.targets.TargetConfig;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A protocol the harness checks, with a catalogue of cases for each side: Secho v1 (the default) and the lab
 * profile (spec/lab-profile.md). A later profile plugs in here: its two case packages and its two benches; the
 * kernel ({@link ConformanceExtension}, {@link CaseCatalog}, the report pipeline) needs nothing else.
 */
public enum Profile {
    V1(TargetConfig.PROFILE_V1, CaseCatalog.CASES_PACKAGE, CaseCatalog.CLIENT_CASES_PACKAGE),
    LAB(TargetConfig.PROFILE_LAB, CaseCatalog.LAB_CASES_PACKAGE, CaseCatalog.LAB_CLIENT_CASES_PACKAGE);

    private final String label;
    private final String serverCases;
    private final String clientCases;

    Profile(String label, String serverCases, String clientCases) {
        this.label = label;
        this.serverCases = serverCases;
        this.clientCases = clientCases;
    }

    /** As {@code --profile} and {@code secho.profile} name it. */
    public String label() {
        return label;
    }

    /** The package of this profile's cases for one side (exactly that package: the lab's client cases are below its server cases'). */
    public String casesPackage(Role role) {
        return role == Role.SERVER ? serverCases : clientCases;
    }

    /** What a run of this profile's cases for one side starts, and gives each case. */
    public CaseBench<?, ?> bench(Role role) {
        return switch (this) {
            case V1 -> role == Role.SERVER ? ServerBench.INSTANCE : ClientBench.INSTANCE;
            case LAB -> role == Role.SERVER ? LabServerBench.INSTANCE : LabClientBench.INSTANCE;
        };
    }

    /**
     * @throws IllegalArgumentException for anything but {@code v1} or {@code lab} (blank means v1)
     */
    public static Profile parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return V1;
        }
        return Arrays.stream(values()).filter(p -> p.label.equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown profile '" + wanted + "' (choose v1 or lab)"));
    }

    /** The profile and side whose cases live in this package, if any do. */
    public static Optional<RunKind> ofCasesPackage(String packageName) {
        for (Profile profile : values()) {
            for (Role role : Role.values()) {
                if (profile.casesPackage(role).equals(packageName)) {
                    return Optional.of(new RunKind(profile, role));
                }
            }
        }
        return Optional.empty();
    }

    /** A profile and a side: which catalogue of cases a run runs. */
    public record RunKind(Profile profile, Role role) {
        public CaseBench<?, ?> bench() {
            return profile.bench(role);
        }

        public String casesPackage() {
            return profile.casesPackage(role);
        }
    }
}
