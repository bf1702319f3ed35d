package io.secho.vectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.secho.alert.AlertCode;
import io.secho.wire.Hex;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One vector file in the layout Project Wycheproof made familiar: a header, the meaning of every flag, and
 * test groups whose tests carry a unique {@code tcId}, a comment, flags, hex inputs and outputs, a
 * {@code result} and, for invalid tests, the {@code alert} the spec requires. Fields keep the order in which
 * they are added, so the JSON text is the same on every run.
 *
 * <p>The tcIds come from the {@link TcIdLedger}, by each test's identity: its group's type and text
 * parameters, its own text fields and its comment. Byte strings, flags and the result are not part of it,
 * so that new bytes from the generator, a new flag or a corrected alert keep the vector's number.
 */
final class VectorFile {
    /** Bumped by hand whenever the generator's output changes in meaning or layout. */
    static final String GENERATOR_VERSION = "1";

    private final String algorithm;
    private final String baseName;
    private final List<String> header = new ArrayList<>();
    private final Map<String, JsonObject> notes = new TreeMap<>();
    private final List<Group> groups = new ArrayList<>();

    /** @param baseName e.g. {@code secho_v1_echo_test}; the file is that plus .json, its schema plus .schema.json */
    VectorFile(String algorithm, String baseName) {
        this.algorithm = algorithm;
        this.baseName = baseName;
    }

    String fileName() {
        return baseName + ".json";
    }

    VectorFile header(String... lines) {
        header.addAll(List.of(lines));
        return this;
    }

    /**
     * Declares a flag. bugType follows Wycheproof: BASIC (plain correct use), EDGE_CASE (a legal but unusual
     * value), MODIFIED_INPUT (valid input altered), MALFORMED (breaks a layout), WRONG_PRIMITIVE (a plausible
     * implementation mistake), ORDER (several faults at once: tests the order of the checks).
     */
    VectorFile note(String flag, String bugType, String description) {
        JsonObject note = new JsonObject();
        note.addProperty("bugType", bugType);
        note.addProperty("description", description);
        if (notes.put(flag, note) != null) {
            throw new IllegalStateException(baseName + ": flag " + flag + " declared twice");
        }
        return this;
    }

    /** A new group; its parameters come before its tests in the JSON. */
    Group group(String type) {
        Group group = new Group(type);
        groups.add(group);
        return group;
    }

    /** The file as JSON, its tests numbered from the ledger, and the ledger that records the numbers. */
    record Numbered(JsonObject json, TcIdLedger.FileLedger ledger) {
    }

    Numbered toJson(TcIdLedger.FileLedger ledger) {
        List<String> identities = new ArrayList<>();
        for (Group group : groups) {
            for (Test test : group.tests) {
                if (!test.finished) {
                    throw new IllegalStateException(baseName + ": test '" + test.comment + "' has no result");
                }
                identities.add(group.identity() + test.identity());
            }
        }
        TcIdLedger.Assignment assignment = ledger.assign(identities);
        Set<String> used = new LinkedHashSet<>();
        JsonArray groupArray = new JsonArray();
        int count = 0;
        for (Group group : groups) {
            JsonArray tests = new JsonArray();
            for (Test test : group.tests) {
                for (JsonElement flag : test.json.getAsJsonArray("flags")) {
                    used.add(flag.getAsString());
                }
                tests.add(test.numbered(assignment.tcIds().get(count)));
                count++;
            }
            JsonObject groupJson = group.params.deepCopy();
            groupJson.add("tests", tests);
            groupArray.add(groupJson);
        }
        Set<String> undeclared = new LinkedHashSet<>(used);
        undeclared.removeAll(notes.keySet());
        Set<String> unused = new LinkedHashSet<>(notes.keySet());
        unused.removeAll(used);
        if (!undeclared.isEmpty() || !unused.isEmpty()) {
            throw new IllegalStateException(baseName + ": flags used but not declared " + undeclared
                    + ", declared but not used " + unused);
        }
        JsonObject root = new JsonObject();
        root.addProperty("algorithm", algorithm);
        root.addProperty("schema", baseName + ".schema.json");
        root.addProperty("generatorVersion", GENERATOR_VERSION);
        root.addProperty("numberOfTests", count);
        JsonArray headerArray = new JsonArray();
        header.forEach(headerArray::add);
        root.add("header", headerArray);
        JsonObject notesJson = new JsonObject();
        notes.forEach(notesJson::add);
        root.add("notes", notesJson);
        root.add("testGroups", groupArray);
        return new Numbered(root, assignment.ledger());
    }

    final class Group {
        private final JsonObject params = new JsonObject();
        /** The text parameters (not the byte strings), which tell this group's vectors from another group's. */
        private final List<String> identityParams = new ArrayList<>();
        private final List<Test> tests = new ArrayList<>();

        private Group(String type) {
            params.addProperty("type", type);
        }

        Group param(String name, String value) {
            identityParams.add(name + "=" + value);
            params.addProperty(name, value);
            return this;
        }

        Group hexParam(String name, byte[] value) {
            params.addProperty(name, Hex.encode(value));
            return this;
        }

        /** A list of names, such as the suites the group's server enables. */
        Group param(String name, JsonArray value) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.getAsString()));
            identityParams.add(name + "=" + String.join(",", items));
            params.add(name, value);
            return this;
        }

        /** A test; add its fields, then end it with {@link Test#valid} or {@link Test#invalid}. */
        Test test(String comment, String... flags) {
            Test test = new Test(comment, flags);
            tests.add(test);
            return test;
        }

        private String identity() {
            return params.get("type").getAsString()
                    + (identityParams.isEmpty() ? "" : "(" + String.join(", ", identityParams) + ")");
        }
    }

    static final class Test {
        private static final Set<String> OUTCOME = Set.of("result", "alert");

        private final String comment;
        private final JsonObject json = new JsonObject();
        private final List<String> identityFields = new ArrayList<>();
        private boolean finished;

        private Test(String comment, String... flags) {
            this.comment = comment;
            json.addProperty("comment", comment);
            JsonArray flagArray = new JsonArray();
            for (String flag : flags) {
                flagArray.add(flag);
            }
            json.add("flags", flagArray);
        }

        Test hex(String name, byte[] value) {
            return add(name, new JsonPrimitive(Hex.encode(value)));
        }

        Test str(String name, String value) {
            if (!OUTCOME.contains(name)) {
                identityFields.add(name + "=" + value);
            }
            return add(name, new JsonPrimitive(value));
        }

        Test add(String name, JsonElement value) {
            if (finished) {
                throw new IllegalStateException("test '" + comment + "' already has its result");
            }
            if (json.has(name)) {
                throw new IllegalStateException("test '" + comment + "': field " + name + " set twice");
            }
            json.add(name, value);
            return this;
        }

        void valid() {
            str("result", "valid");
            finished = true;
        }

        void invalid(AlertCode alert) {
            str("result", "invalid");
            str("alert", alert.wireName());
            finished = true;
        }

        /** What tells this vector from the others of its group: its text fields and its comment. */
        private String identity() {
            return (identityFields.isEmpty() ? "" : " " + String.join(" ", identityFields)) + ": " + comment;
        }

        /** The test's JSON with its tcId first, where readers look for it. */
        private JsonObject numbered(int tcId) {
            JsonObject numbered = new JsonObject();
            numbered.addProperty("tcId", tcId);
            json.entrySet().forEach(field -> numbered.add(field.getKey(), field.getValue().deepCopy()));
            return numbered;
        }
    }
}
