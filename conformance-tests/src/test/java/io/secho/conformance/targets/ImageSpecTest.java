package io.secho.conformance.targets;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The --image options as parameters: defaults, variables (never shown), arguments, and the mistakes. */
class ImageSpecTest {
    private static final String SECRET = "a-value-that-must-never-be-printed";
    private static final Map<String, String> HARNESS_ENVIRONMENT = Map.of("FROM_HARNESS", SECRET);

    private static Optional<ImageSpec> parse(Map<String, String> parameters) {
        return ImageSpec.from(key -> Optional.ofNullable(parameters.get(key)),
                name -> Optional.ofNullable(HARNESS_ENVIRONMENT.get(name)));
    }

    private static ImageSpec image(String... keysAndValues) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(TargetConfig.IMAGE, "my-server:1.2");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return parse(parameters).orElseThrow();
    }

    private static String mistake(String... keysAndValues) {
        return assertThrows(IllegalArgumentException.class, () -> image(keysAndValues)).getMessage();
    }

    @Test
    void noImageNoSpec() {
        assertEquals(Optional.empty(), parse(Map.of()));
    }

    @Test
    void defaultsArePort8443TheImagesOwnCmdAndAMinute() {
        ImageSpec spec = image();
        assertEquals(new ImageSpec("my-server:1.2", 8443, Map.of(), List.of(), Duration.ofSeconds(60)), spec);
        assertEquals("", spec.replayOptions());
    }

    @Test
    void everyOptionIsReadInOrder() {
        ImageSpec spec = image(ImageSpec.PORT, "9000", ImageSpec.ENV, "B=2\nA=1=one\nFROM_HARNESS",
                ImageSpec.ARG, "server\n--port\n9000", ImageSpec.STARTUP_TIMEOUT, "1500ms");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("B", "2");
        expected.put("A", "1=one");
        expected.put("FROM_HARNESS", SECRET);
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(spec.environment().entrySet()));
        assertEquals(List.of("server", "--port", "9000"), spec.arguments());
        assertEquals(9000, spec.port());
        assertEquals(Duration.ofMillis(1500), spec.startupTimeout());
    }

    @Test
    void variablesAreNamedButTheirValuesNeverShown() {
        ImageSpec spec = image(ImageSpec.ENV, "TOKEN=" + SECRET + "\nFROM_HARNESS", ImageSpec.ARG, "--name\nmy server");
        assertEquals("image my-server:1.2, container port 8443, environment TOKEN FROM_HARNESS, arguments --name my server",
                spec.describe());
        assertEquals("--image-env TOKEN --image-env FROM_HARNESS --image-arg --name --image-arg 'my server'",
                spec.replayOptions());
        assertFalse(spec.toString().contains(SECRET), spec.toString());
    }

    @Test
    void mistakesSayWhatIsWrongWithoutRepeatingAValue() {
        assertTrue(mistake(ImageSpec.PORT, "http").contains("--image-port: 'http' is not a port number"));
        assertTrue(mistake(ImageSpec.PORT, "0").contains("--image-port: 0 is not in 1..65535"));
        assertTrue(mistake(ImageSpec.STARTUP_TIMEOUT, "0s").contains("--image-startup-timeout must be more than 0"));
        assertTrue(mistake(ImageSpec.ENV, "UNSET_HERE").contains("the harness's environment has no UNSET_HERE"));
        String bare = mistake(ImageSpec.ENV, SECRET);
        assertTrue(bare.contains("neither NAME=VALUE nor NAME"), bare);
        assertFalse(bare.contains(SECRET), bare);
        String badName = mistake(ImageSpec.ENV, "1X=" + SECRET);
        assertFalse(badName.contains(SECRET), badName);
        String psk = mistake(ImageSpec.ENV, "SECHO_PSK=" + SECRET);
        assertTrue(psk.contains("give the key with --psk-file"), psk);
        assertFalse(psk.contains(SECRET), psk);
    }

    @Test
    void imageOptionsWithoutAnImageAreAMistake() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of(ImageSpec.ARG, "server"))).getMessage();
        assertEquals("--image-arg belongs to --image (give the image)", message);
    }

    @Test
    void aValueWithALineBreakCannotBeJoined() {
        assertEquals("a\nb", ImageSpec.join("--image-arg", List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> ImageSpec.join("--image-arg", List.of("a\nb")));
    }
}
