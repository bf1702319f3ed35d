package io.secho.conformance.cases;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.peer.Hex;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The spec's JSON test vectors (vectors/*.json, packed into the harness), turned into case inputs: each
 * vector becomes invocation {@code CASE.tcId}, so a vector keeps its number in every report.
 */
final class Vectors {
    static final String ECHO = "secho_v1_echo_test.json";
    static final String HANDSHAKE = "secho_v1_handshake_test.json";
    /** The vectors' tcId ledger (vectors/tcids.json). */
    static final String LEDGER = "tcids.json";

    /** One test of a vector file, with its group's parameters at hand. */
    record Vector(JsonObject group, JsonObject test) {
        int tcId() {
            return test.get("tcId").getAsInt();
        }

        String comment() {
            return test.get("comment").getAsString();
        }

        boolean valid() {
            return "valid".equals(test.get("result").getAsString());
        }

        String string(String field) {
            return test.get(field).getAsString();
        }

        byte[] hex(String field) {
            return Hex.decode(test.get(field).getAsString());
        }

        List<String> flags() {
            List<String> values = new ArrayList<>();
            test.getAsJsonArray("flags").forEach(element -> values.add(element.getAsString()));
            return values;
        }

        /** A list of strings of the vector's group, such as the suites a ClientHello group's server enables. */
        List<String> groupStrings(String field) {
            List<String> values = new ArrayList<>();
            group.getAsJsonArray(field).forEach(element -> values.add(element.getAsString()));
            return values;
        }

        boolean has(String field) {
            return test.has(field);
        }

        Arguments asArguments(String caseId) {
            return Arguments.of(caseId + "." + tcId(), comment(), this);
        }

        @Override
        public String toString() {
            return "tcId " + tcId();
        }
    }

    private Vectors() {
    }

    static List<Vector> load(String file, Predicate<JsonObject> groupFilter, Predicate<Vector> testFilter) {
        List<Vector> vectors = new ArrayList<>();
        for (JsonElement groupElement : parse(file).getAsJsonArray("testGroups")) {
            JsonObject group = groupElement.getAsJsonObject();
            if (!groupFilter.test(group)) {
                continue;
            }
            for (JsonElement testElement : group.getAsJsonArray("tests")) {
                Vector vector = new Vector(group, testElement.getAsJsonObject());
                if (testFilter.test(vector)) {
                    vectors.add(vector);
                }
            }
        }
        if (vectors.isEmpty()) {
            throw new IllegalStateException("/vectors/" + file + " has no vector of the kind this case sends");
        }
        return vectors;
    }

    private static JsonObject parse(String file) {
        String resource = "/vectors/" + file;
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not in the harness: build it from the repository root "
                        + "so that vectors/ is packed in");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The retired tcIds of a vector file, from the ledger packed beside the vectors: numbers of vectors that were
     * removed, never given out again.
     */
    static List<Integer> retiredTcIds(String file) {
        JsonObject ledger = parse(LEDGER);
        JsonObject entry = ledger.getAsJsonObject("files").getAsJsonObject(file);
        if (entry == null) {
            throw new IllegalStateException("/vectors/" + LEDGER + " does not number " + file);
        }
        List<Integer> retired = new ArrayList<>();
        entry.getAsJsonObject("retired").keySet().forEach(tcId -> retired.add(Integer.parseInt(tcId)));
        return retired;
    }

    static boolean groupType(JsonObject group, String type) {
        return type.equals(group.get("type").getAsString());
    }
}
