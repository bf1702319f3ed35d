package io.secho.conformance;

import io.secho.conformance.targets.TargetConfig;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every case the harness has, found the way JUnit finds them (for --list and the coverage check), and the launcher
 * request of a run: the catalogue of the run's profile and side, with the harness's JUnit settings.
 */
public final class CaseCatalog {
    public static final String CASES_PACKAGE = "io.secho.conformance.cases";
    /** The lab profile's cases: a catalogue of their own, run only with --profile lab. */
    public static final String LAB_CASES_PACKAGE = "io.secho.conformance.lab";
    /** The client cases: run only with a client under test, and then alone. */
    public static final String CLIENT_CASES_PACKAGE = "io.secho.conformance.clients.cases";
    /** The lab profile's client cases: run only with --profile lab and a client under test, and then alone. */
    public static final String LAB_CLIENT_CASES_PACKAGE = "io.secho.conformance.lab.clients";
    /**
     * The JUnit settings of a harness run (parallelism, the backstop timeout), as a class path resource that
     * JUnit does not pick up by itself, so that they never apply to other JUnit runs in the same class path.
     */
    public static final String JUNIT_SETTINGS_RESOURCE = "io/secho/conformance/harness-junit.properties";
    private static final Map<String, String> JUNIT_SETTINGS = loadJunitSettings();

    private static final String CLASS_ORDER = "junit.jupiter.testclass.order.default";
    private static final String PARALLELISM = "junit.jupiter.execution.parallel.config.fixed.parallelism";
    /**
     * The eight workers the cases always had, and one more for each case that waits out a timeout (seconds, and
     * for an external target up to its own timeouts): those start first and would otherwise hold most of the eight.
     */
    private static final String CASE_PARALLELISM = "15";

    /** One case as declared; {@code parameterized} cases run once per input, as {@code ID.N}. */
    public record Entry(CaseDescriptor descriptor, String displayName, boolean parameterized) {
    }

    private CaseCatalog() {
    }

    /**
     * The cases of the run the parameters describe ({@link RunConfig}): its profile's client cases with a client
     * under test, else its server cases. The profile is always set explicitly, so that a {@code -Dsecho.profile} of
     * the surrounding JVM cannot switch it. A JUnit setting of the harness gives way to the same key in the
     * parameters or in the JVM's system properties.
     */
    public static LauncherDiscoveryRequest request(Map<String, String> parameters) {
        Map<String, String> settings = new HashMap<>();
        JUNIT_SETTINGS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                settings.put(key, value);
            }
        });
        return builder(parameters, settings).build();
    }

    /**
     * The same request with these parameters and nothing else: blind to the JVM's system properties, to any
     * junit-platform.properties and to the harness's JUnit settings, so the cases run one by one unless the
     * parameters say otherwise. For a test that runs the harness in-process inside a build given
     * {@code -Dsecho.*}, where an option the test leaves out must stay out (an empty value is a value:
     * {@code --hkdf-info ""}), against a target that may serve few connections at once.
     */
    public static LauncherDiscoveryRequest requestWithOnly(Map<String, String> parameters) {
        return builder(parameters, Map.of()).enableImplicitConfigurationParameters(false).build();
    }

    /** The harness's JUnit settings, as every harness run's launcher request carries them. */
    public static Map<String, String> junitSettings() {
        return JUNIT_SETTINGS;
    }

    /** @param junitSettings the harness's JUnit settings the run takes; its parameters override them */
    private static LauncherDiscoveryRequestBuilder builder(Map<String, String> parameters,
                                                          Map<String, String> junitSettings) {
        RunConfig run = RunConfig.from(key -> Optional.ofNullable(parameters.get(key)));
        Map<String, String> explicit = new HashMap<>(junitSettings);
        // Against the embedded server the cases that wait out a timeout start first, each in a class of its own,
        // and as many workers as before remain for the others. An external target's timeouts are the user's and
        // may be long, so its cases keep JUnit's order and the settings' workers, and its timeout cases do not all
        // start in the busiest seconds of the run.
        boolean embedded = Optional.ofNullable(parameters.get(TargetConfig.TARGET)).filter(t -> !t.isBlank()).isEmpty()
                && Optional.ofNullable(parameters.get(TargetConfig.IMAGE)).filter(i -> !i.isBlank()).isEmpty();
        if (embedded) {
            explicit.put(CLASS_ORDER, TimeoutCasesFirst.class.getName());
            explicit.put(PARALLELISM, CASE_PARALLELISM);
        }
        explicit.putAll(parameters);
        return builder(run.kind(), explicit);
    }

    private static LauncherDiscoveryRequestBuilder builder(Profile.RunKind kind, Map<String, String> parameters) {
        Map<String, String> explicit = new HashMap<>(parameters);
        explicit.put(TargetConfig.PROFILE, kind.profile().label());
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(kind.casesPackage()))
                .filters(ClassNameFilter.includeClassNamePatterns(".*Cases"))
                .configurationParameters(explicit);
        // A package selector takes the packages below it too: a run has the catalogue of its kind alone.
        for (Profile profile : Profile.values()) {
            for (Role role : Role.values()) {
                String other = profile.casesPackage(role);
                if (other.startsWith(kind.casesPackage() + ".")) {
                    builder.filters(ClassNameFilter.excludeClassNamePatterns(Pattern.quote(other + ".") + ".*"));
                }
            }
        }
        return builder;
    }

    /**
     * The cases a run with these parameters runs, as {@link #request} selects them (before the filters): the server
     * cases or the client cases of its profile.
     */
    public static List<Entry> selected(Map<String, String> parameters) {
        return discover(requestWithOnly(parameters));
    }

    /** The IDs of the lab profile's client cases (its one family holds server and client cases alike). */
    public static Set<String> labClientCaseIds() {
        return of(new Profile.RunKind(Profile.LAB, Role.CLIENT)).stream().map(e -> e.descriptor().id())
                .collect(Collectors.toSet());
    }

    /** Every Secho v1 case, a server's and a client's. */
    public static List<Entry> all() {
        return all(false);
    }

    /**
     * Every case of one profile: v1 (the server cases and the client cases), or the lab profile's (its server
     * cases and its client cases).
     */
    public static List<Entry> all(boolean lab) {
        Profile profile = lab ? Profile.LAB : Profile.V1;
        List<Entry> entries = new ArrayList<>();
        for (Role role : Role.values()) {
            entries.addAll(of(new Profile.RunKind(profile, role)));
        }
        entries.sort(Comparator.comparing(e -> e.descriptor().id()));
        return entries;
    }

    private static List<Entry> of(Profile.RunKind kind) {
        return discover(builder(kind, Map.of()).enableImplicitConfigurationParameters(false).build());
    }

    private static List<Entry> discover(LauncherDiscoveryRequest request) {
        TestPlan plan = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build()).discover(request);
        List<Entry> entries = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            collect(plan, root, entries);
        }
        entries.sort(Comparator.comparing(e -> e.descriptor().id()));
        return entries;
    }

    private static void collect(TestPlan plan, TestIdentifier identifier, List<Entry> entries) {
        CaseDescriptor.of(identifier).ifPresent(descriptor ->
                entries.add(new Entry(descriptor, identifier.getDisplayName(), !identifier.isTest())));
        for (TestIdentifier child : plan.getChildren(identifier)) {
            collect(plan, child, entries);
        }
    }

    private static Map<String, String> loadJunitSettings() {
        try (InputStream in = CaseCatalog.class.getClassLoader().getResourceAsStream(JUNIT_SETTINGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(JUNIT_SETTINGS_RESOURCE + " is missing from the harness's class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            Map<String, String> settings = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
            return Map.copyOf(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + JUNIT_SETTINGS_RESOURCE, e);
        }
    }
}
