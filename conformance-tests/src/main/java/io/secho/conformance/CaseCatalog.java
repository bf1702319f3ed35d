package io.secho.conformance;

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
import java.util.List;
import java.util.Map;

/** Every case the harness has, found the way JUnit finds them: for --list and the coverage check. */
public final class CaseCatalog {
    public static final String CASES_PACKAGE = "io.secho.conformance.cases";

    /** One case as declared; {@code parameterized} cases run once per input, as {@code ID.N}. */
    public record Entry(ConformanceCase annotation, String displayName, boolean parameterized) {
    }

    private CaseCatalog() {
    }

    public static LauncherDiscoveryRequest request(Map<String, String> parameters) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(CASES_PACKAGE))
                .filters(ClassNameFilter.includeClassNamePatterns(".*Cases"))
                .configurationParameters(parameters)
                .build();
    }

    public static List<Entry> all() {
        TestPlan plan = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build()).discover(request(Map.of()));
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
