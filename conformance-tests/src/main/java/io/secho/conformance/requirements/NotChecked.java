package io.secho.conformance.requirements;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MUST requirements no case checks against a server, each with the reason (most bind only the
 * client, or cannot be observed on the wire). A test keeps this list exact: every MUST is either
 * checked by a case or listed here, never both.
 */
public final class NotChecked {
    public static final String RESOURCE = "not-checked.txt";

    private NotChecked() {
    }

    /** Requirement ID to the reason it is not checked. */
    public static Map<String, String> load() {
        Map<String, String> reasons = new LinkedHashMap<>();
        try (InputStream in = NotChecked.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the harness");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] parts = text.split("\\s+", 2);
                if (parts.length < 2) {
                    throw new IllegalStateException(RESOURCE + ": " + parts[0] + " has no reason");
                }
                reasons.put(parts[0], parts[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return reasons;
    }
}
