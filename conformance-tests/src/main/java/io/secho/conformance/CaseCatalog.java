package io.secho.conformance;

import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.targets.TargetConfig;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Every case the harness has, found the way JUnit finds them: for --list and the coverage check. */
public final class CaseCatalog {
    public static final String CASES_PACKAGE = "io.secho.conformance.cases";
    /** The lab profile's cases: a catalogue of their own, run only with --profile lab. */
    public static final String LAB_CASES_PACKAGE = "io.secho.conformance.lab";
    /** The client cases: run only with a client under test, and then alone. */
    public static final String CLIENT_CASES_PACKAGE = "io.secho.conformance.clients.cases";
    /** The lab profile's client cases: run only with --profile lab and a client under test, and then alone. */
    public static final String LAB_CLIENT_CASES_PACKAGE = "io.secho.conformance.lab.clients";

    private static final String CLASS_ORDER = "junit.jupiter.testclass.order.default";
    private static final String PARALLELISM = "junit.jupiter.execution.parallel.config.fixed.parallelism";
    /**
     * The eight workers the cases always had, and one more for each case that waits out a timeout (seconds, and
     * for an external target up to its own timeouts): those start first and would otherwise hold most of the eight.
     */
    private static final String CASE_PARALLELISM = "15";

    /** One case as declared; {@code parameterized} cases run once per input, as {@code ID.N}. */
    public record Entry(ConformanceCase annotation, String displayName, boolean parameterized) {
    }

    private CaseCatalog() {
    }

    /**
     * The cases of the profile the parameters name (v1 unless {@code secho.profile=lab}): with a client under test
     * ({@code secho.client-command}, {@code secho.client-reference}) the client cases, else the server cases. The
     * profile is always set explicitly, so that a {@code -Dsecho.profile} of the surrounding JVM cannot switch it.
     */
    public static LauncherDiscoveryRequest request(Map<String, String> parameters) {
        return builder(parameters).build();
    }

    /**
     * The same request blind to the JVM's system properties and junit-platform.properties: for a test that
     * runs the harness in-process inside a build given {@code -Dsecho.*}, where an option the test leaves
     * out must stay out (an empty value is a value: {@code --hkdf-info ""}).
     */
    public static LauncherDiscoveryRequest requestWithOnly(Map<String, String> parameters) {
        return builder(parameters).enableImplicitConfigurationParameters(false).build();
    }

    private static LauncherDiscoveryRequestBuilder builder(Map<String, String> parameters) {
        Function<String, Optional<String>> lookup = key -> Optional.ofNullable(parameters.get(key));
        boolean lab = TargetConfig.labProfile(lookup);
        boolean client = ClientTargetConfig.clientRun(lookup);
        if (lab) {
            // The lab client cases live in a package below the lab server cases': a run has the one or the other.
            return client ? builder(parameters, true, List.of(LAB_CLIENT_CASES_PACKAGE))
                    : builder(parameters, true, List.of(LAB_CASES_PACKAGE))
                    .filters(ClassNameFilter.excludeClassNamePatterns(Pattern.quote(LAB_CLIENT_CASES_PACKAGE + ".")
                            + ".*"));
        }
        return builder(parameters, false, List.of(client ? CLIENT_CASES_PACKAGE : CASES_PACKAGE));
    }

    private static LauncherDiscoveryRequestBuilder builder(Map<String, String> parameters, boolean lab,
                                                           List<String> packages) {
        Map<String, String> explicit = new HashMap<>(parameters);
        explicit.put(TargetConfig.PROFILE, lab ? TargetConfig.PROFILE_LAB : TargetConfig.PROFILE_V1);
        // Here, not in junit-platform.properties, which the project's own tests read too. Against the embedded
        // server the cases that wait out a timeout start first, each in a class of its own, and as many workers as
        // before remain for the others; an external target's timeouts are the user's and may be long, so its
        // cases keep JUnit's order and the eight workers, and its timeout cases do not all start in the busiest
        // seconds of the run.
        boolean embedded = Optional.ofNullable(parameters.get(TargetConfig.TARGET)).filter(t -> !t.isBlank()).isEmpty()
                && Optional.ofNullable(parameters.get(TargetConfig.IMAGE)).filter(i -> !i.isBlank()).isEmpty();
        if (embedded) {
            explicit.putIfAbsent(CLASS_ORDER, TimeoutCasesFirst.class.getName());
            explicit.putIfAbsent(PARALLELISM, CASE_PARALLELISM);
        }
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(packages.stream().map(DiscoverySelectors::selectPackage).toList())
                .filters(ClassNameFilter.includeClassNamePatterns(".*Cases"))
                .configurationParameters(explicit);
    }

    /**
     * The cases a run with these parameters runs, as {@link #request} selects them (before the filters): the server
     * cases or the client cases of its profile.
     */
    public static List<Entry> selected(Map<String, String> parameters) {
        return discover(builder(parameters).enableImplicitConfigurationParameters(false).build());
    }

    /** The IDs of the lab profile's client cases (its one family holds server and client cases alike). */
    public static Set<String> labClientCaseIds() {
        Map<String, String> parameters = Map.of(TargetConfig.PROFILE, TargetConfig.PROFILE_LAB);
        return discover(builder(parameters, true, List.of(LAB_CLIENT_CASES_PACKAGE)).build()).stream()
                .map(e -> e.annotation().id()).collect(Collectors.toSet());
    }

    /** Every Secho v1 case, a server's and a client's. */
    public static List<Entry> all() {
        return all(false);
    }

    /**
     * Every case of one profile: v1 (the server cases and the client cases), or the lab profile's (its server
     * cases and its client cases, in the package below).
     */
    public static List<Entry> all(boolean lab) {
        Map<String, String> parameters = Map.of(TargetConfig.PROFILE, lab ? TargetConfig.PROFILE_LAB : TargetConfig.PROFILE_V1);
        return discover(builder(parameters, lab, lab ? List.of(LAB_CASES_PACKAGE)
                : List.of(CASES_PACKAGE, CLIENT_CASES_PACKAGE)).build());
    }

    private static List<Entry> discover(LauncherDiscoveryRequest request) {
        TestPlan plan = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build()).discover(request);
        List<Entry> entries = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, entries);
        }
        entries.sort(Comparator.comparing(e -> e.annotation().id()));
        return entries;
    }

    private static void collect(TestPlan plan, TestIdentifier identifier, List<Entry> entries) {
        identifier.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).ifPresent(source -> {
            ConformanceCase annotation = source.getJavaMethod().getAnnotation(ConformanceCase.class);
            if (annotation != null) {
                entries.add(new Entry(annotation, identifier.getDisplayName(), !identifier.isTest()));
            }
        });
        for (TestIdentifier child : plan.getChildren(identifier)) {
            collect(plan, child, entries);
        }
    }
}
