package io.secho.conformance.clients;

import io.secho.conformance.RunConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code {psk_file}}: a fresh key per run, 64 hex digits and LF, mode 0600 in a private directory deleted at the end. */
class ClientTargetTest {
    private static ClientTargetConfig config(Map<String, String> parameters) {
        return ClientTargetConfig.from(key -> Optional.ofNullable(parameters.get(key)));
    }

    @Test
    void theKeyFileIsPrivateFreshAndDeletedAtTheEnd() throws Exception {
        ClientTargetConfig config = config(Map.of(ClientTargetConfig.CLIENT_COMMAND, "client {port}"));
        Path directory;
        Path file;
        byte[] first;
        try (ClientTarget target = ClientTarget.start(config); ClientTarget second = ClientTarget.start(config)) {
            file = target.pskFile();
            directory = target.directory().orElseThrow();
            String content = Files.readString(file, StandardCharsets.US_ASCII);
            assertTrue(content.matches("[0-9a-f]{64}\n"), "64 hex digits and LF");
            first = target.psk();
            assertArrayEquals(first, HexFormat.of().parseHex(content.strip()));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
            assertNotEquals(HexFormat.of().formatHex(first), HexFormat.of().formatHex(second.psk()),
                    "every run of the harness draws its own key");
            assertFalse(target.describe().contains(HexFormat.of().formatHex(first)));
        }
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(directory));
    }

    @Test
    void theOptionsAreReadAndCheckedWithWordsForAUser() {
        assertEquals(ClientTargetConfig.DEFAULT_RUN_TIMEOUT, config(Map.of(ClientTargetConfig.CLIENT_REFERENCE, "true"))
                .runTimeout());
        assertEquals(java.time.Duration.ofSeconds(3), config(Map.of(ClientTargetConfig.CLIENT_COMMAND, "c {port}",
                ClientTargetConfig.CLIENT_RUN_TIMEOUT, "3s")).runTimeout());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(Map.of(ClientTargetConfig.CLIENT_COMMAND,
                "c {port}", ClientTargetConfig.CLIENT_REFERENCE, "true"))).getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config(Map.of(ClientTargetConfig.CLIENT_COMMAND,
                "c {port}", ClientTargetConfig.CLIENT_RUN_TIMEOUT, "500ms"))).getMessage().contains("at least 1s"));
        assertTrue(RunConfig.clientUnderTest(key -> Optional.ofNullable(Map.of(ClientTargetConfig.CLIENT_REFERENCE,
                "TRUE").get(key))));
        assertFalse(RunConfig.clientUnderTest(key -> Optional.of("")));
    }
}
