package io.secho.conformance.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What ships inside secho-conformance.jar: JUnit 5, which runs the cases, and never JUnit 4, which
 * Testcontainers 1.x brought in (with an old commons-compress); an integration test because the shaded jar
 * is made after the unit tests.
 */
class ShadedJarIT {
    /** The first commons-compress release without the known denial-of-service CVEs of 1.24.0. */
    private static final List<Integer> FIXED_COMMONS_COMPRESS = List.of(1, 26, 0);

    private static JarFile harnessJar() throws IOException {
        Path jar = Path.of(System.getProperty("secho.conformance.jar", "target/secho-conformance.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the check must look at the jar the build made");
        return new JarFile(jar.toFile());
    }

    @Test
    void theHarnessJarHoldsJUnit5AndNoJUnit4() throws IOException {
        try (JarFile jar = harnessJar()) {
            assertTrue(jar.getEntry("org/junit/jupiter/engine/JupiterTestEngine.class") != null,
                    "the cases' engine must be in the jar (else this check looks at the wrong jar)");
            List<String> junit4 = jar.stream().map(ZipEntry::getName)
                    .filter(name -> name.equals("org/junit/Test.class") || name.startsWith("org/junit/runner/")
                            || name.startsWith("junit/framework/") || name.startsWith("META-INF/maven/junit/junit/"))
                    .limit(5).collect(Collectors.toList());
            assertEquals(List.of(), junit4, "JUnit 4 is inside the harness jar");
        }
    }

    @Test
    void anyCommonsCompressInTheHarnessJarHasTheFixes() throws IOException {
        try (JarFile jar = harnessJar()) {
            Optional<String> version = pomVersion(jar, "org.apache.commons", "commons-compress");
            version.ifPresent(v -> assertTrue(atLeast(v, FIXED_COMMONS_COMPRESS), "commons-compress " + v
                    + " is inside the harness jar; it must be at least 1.26.0"));
        }
    }

    private static Optional<String> pomVersion(JarFile jar, String group, String artifact) throws IOException {
        ZipEntry entry = jar.getEntry("META-INF/maven/" + group + "/" + artifact + "/pom.properties");
        if (entry == null) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = jar.getInputStream(entry)) {
            properties.load(in);
        }
        return Optional.ofNullable(properties.getProperty("version"));
    }

    private static boolean atLeast(String version, List<Integer> minimum) {
        String[] parts = version.split("[.-]");
        for (int i = 0; i < minimum.size(); i++) {
            int part = i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
            if (part != minimum.get(i)) {
                return part > minimum.get(i);
            }
        }
        return true;
    }
}
