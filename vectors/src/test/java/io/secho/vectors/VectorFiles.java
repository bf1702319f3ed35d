package io.secho.vectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.alert.ProtocolException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The committed vector files and the plumbing to turn their tests into JUnit dynamic tests. */
final class VectorFiles {
    static final String KEY_SCHEDULE = "secho_v1_key_schedule_test.json";
    static final String RECORD = "secho_v1_record_test.json";
    static final String SESSION = "secho_v1_session_test.json";
    static final String ECHO = "secho_v1_echo_test.json";
    static final String HANDSHAKE = "secho_v1_handshake_test.json";
    static final List<String> ALL = List.of(KEY_SCHEDULE, RECORD, SESSION, ECHO, HANDSHAKE);
    /** Every JSON file in vectors/, each with its schema: the vector files and the tcId ledger. */
    static final List<String> WITH_SCHEMA = List.of(KEY_SCHEDULE, RECORD, SESSION, ECHO, HANDSHAKE, TcIdLedger.FILE_NAME);

    private VectorFiles() {
    }

    /** The vectors/ directory: surefire sets {@code secho.vectors.dir}; otherwise the module directory. */
    static Path dir() {
        return Path.of(System.getProperty("secho.vectors.dir", ".")).toAbsolutePath().normalize();
    }

    static Path specFile() {
        return Path.of(System.getProperty("secho.spec.dir", "../spec"), "secho-v1.md").toAbsolutePath().normalize();
    }

    /** The committed tcId ledger, vectors/tcids.json. */
    static TcIdLedger ledger() throws IOException {
        return GenerateAll.readLedger(dir());
    }

    static JsonObject load(String fileName) {
        Path file = dir().resolve(fileName);
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (run vectors/regenerate?)", e);
        }
    }

    /** What a test does with one vector; may throw anything. */
    interface VectorCheck {
        void check(JsonObject group, JsonObject test) throws Throwable;
    }

    /** One dynamic test per vector of the groups of {@code groupType}; fails if there are none. */
    static List<DynamicTest> each(String fileName, String groupType, VectorCheck check) {
        JsonObject root = load(fileName);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement groupElement : root.getAsJsonArray("testGroups")) {
            JsonObject group = groupElement.getAsJsonObject();
            if (!group.get("type").getAsString().equals(groupType)) {
                continue;
            }
            for (JsonElement testElement : group.getAsJsonArray("tests")) {
                JsonObject test = testElement.getAsJsonObject();
                Executable body = () -> {
                    try {
                        check.check(group, test);
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(describe(fileName, test) + ": " + e.getMessage(), e);
                    }
                };
                tests.add(DynamicTest.dynamicTest(describe(fileName, test), body));
            }
        }
        assertTrue(!tests.isEmpty(), fileName + " has no " + groupType + " group");
        return tests;
    }

    static String describe(String fileName, JsonObject test) {
        return fileName.replace(".json", "") + " tcId " + test.get("tcId").getAsInt() + " ("
                + test.get("comment").getAsString() + ") -> " + test.get("result").getAsString()
                + (test.has("alert") ? " " + test.get("alert").getAsString() : "");
    }

    static byte[] hex(JsonObject object, String field) {
        JsonElement value = object.get(field);
        assertNotNull(value, "no field '" + field + "'");
        return HexFormat.of().parseHex(value.getAsString());
    }

    static String str(JsonObject object, String field) {
        JsonElement value = object.get(field);
        assertNotNull(value, "no field '" + field + "'");
        return value.getAsString();
    }

    static boolean valid(JsonObject test) {
        return str(test, "result").equals("valid");
    }

    static boolean hasFlag(JsonObject test, String flag) {
        for (JsonElement element : test.getAsJsonArray("flags")) {
            if (element.getAsString().equals(flag)) {
                return true;
            }
        }
        return false;
    }

    /** Something the reference implementation does with a vector's input; a rejection is a ProtocolException. */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Valid vectors: the step must succeed. Invalid ones: it must fail with a ProtocolException carrying exactly
     * the vector's alert.
     */
    static void assertOutcome(JsonObject test, Step step) throws Exception {
        try {
            step.run();
        } catch (ProtocolException e) {
            if (valid(test)) {
                throw new AssertionError("rejected a valid vector with " + e, e);
            }
            assertEquals(str(test, "alert"), e.alert().wireName(), "wrong alert (" + e.getMessage() + ")");
            return;
        }
        if (!valid(test)) {
            fail("accepted; the spec requires alert " + str(test, "alert"));
        }
    }

    static long u64(JsonObject object, String field) {
        byte[] bytes = hex(object, field);
        assertTrue(bytes.length == 8, field + " must be 8 bytes");
        long value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
