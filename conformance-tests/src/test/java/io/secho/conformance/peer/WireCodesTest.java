package io.secho.conformance.peer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer's enums take their codes from their order (WireCodes); this pins every code and name to the
 * spec's Appendix A, read from spec/secho-v1.md itself, so that a reordered constant or a spec change fails.
 */
class WireCodesTest {
    private static final Path SPEC = Path.of(System.getProperty("secho.spec.dir", "../spec"), "secho-v1.md");
    private static final Pattern ENTRY = Pattern.compile("`0x([0-9A-Fa-f]{2})` ([a-z0-9_]+)");

    @Test
    void alertsFrameTypesSuitesAndInnerTypesAreTheSpecs() throws IOException {
        check("Alerts", AlertCode.values(), AlertCode::fromCode, AlertCode::code, AlertCode::wireName);
        check("Frame types", FrameType.values(), FrameType::fromCode, FrameType::code,
                type -> type.name().toLowerCase(Locale.ROOT));
        check("Suites", Suite.values(), Suite::fromCode, Suite::code, Suite::wireName);
        check("Inner types", InnerType.values(), InnerType::fromCode, InnerType::code,
                type -> type.name().toLowerCase(Locale.ROOT));
        assertEquals(Optional.empty(), AlertCode.fromCode(0));
        assertEquals(Optional.empty(), AlertCode.fromCode(0x0e));
        assertEquals(Optional.empty(), FrameType.fromCode(0x06));
        assertEquals(Optional.empty(), InnerType.fromCode(-1));
        assertEquals(Optional.of(Suite.MODP2048), Suite.fromWireName("MODP2048"));
        assertEquals(Optional.of(AlertCode.BUSY), AlertCode.fromWireName("busy"));
        assertEquals("bad_record_mac (0x06)", AlertCode.BAD_RECORD_MAC.toString());
    }

    private static <E extends Enum<E>> void check(String row, E[] values, Function<Integer, Optional<E>> byCode,
                                                  Function<E, Integer> code, Function<E, String> name)
            throws IOException {
        Map<Integer, String> spec = appendixA(row);
        assertEquals(values.length, spec.size(), row + ": as many values as the spec lists");
        for (E value : values) {
            assertEquals(spec.get(code.apply(value)), name.apply(value), row + ": " + value);
            assertEquals(Optional.of(value), byCode.apply(code.apply(value)), row + ": " + value);
        }
    }

    /** The codes and names of one row of Appendix A, such as {@code | Suites | `0x01` x25519, ... |}. */
    private static Map<Integer, String> appendixA(String row) throws IOException {
        String line = Files.readAllLines(SPEC, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("| " + row + " |")).findFirst()
                .orElseThrow(() -> new AssertionError(SPEC + " has no Appendix A row " + row));
        Map<Integer, String> entries = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(line);
        while (m.find()) {
            entries.put(Integer.parseInt(m.group(1), 16), m.group(2));
        }
        assertTrue(entries.size() >= 3, row + ": " + line);
        return entries;
    }
}
