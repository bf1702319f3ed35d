package io.secho.vectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code vectors/tcids.json}: the tcId of every vector that was ever generated, so that a vector keeps its
 * number for ever. Users quote tcIds in bug reports, and the conformance harness runs vector {@code N} as
 * case {@code HS-010.N} (and so on), which users list in their baselines; numbering by position would
 * renumber every vector behind an inserted one.
 *
 * <p>A vector is known by its identity (see {@link VectorFile}: group type, text parameters, comment), not by
 * where it stands. A known identity keeps its number; a new one gets the next number never handed out; an
 * identity no longer generated moves to the retired list, and its number is never handed out again. The
 * generator reads the committed ledger and writes it back, so {@code vectors/regenerate} leaves it unchanged
 * unless a vector was added or removed.
 */
public record TcIdLedger(Map<String, FileLedger> files) {
    public static final String FILE_NAME = "tcids.json";

    private static final List<String> HEADER = List.of(
            "The tcId of every Secho v1 test vector, per file, for ever: written by vectors/regenerate, never by hand",
            "except to reword a vector's comment without changing its number (change its identity here in the same",
            "commit). 'active' maps each tcId to the identity of the vector that has it (group type, the group's and",
            "the vector's text parameters, the comment); 'retired' lists the numbers of vectors that were removed.",
            "A retired number is never given out again; a new vector gets the next number after every one used.");

    /** One vector file's numbers: tcId to identity, for the vectors generated now and for the removed ones. */
    public record FileLedger(SortedMap<Integer, String> active, SortedMap<Integer, String> retired) {
        public FileLedger {
            active = Collections.unmodifiableSortedMap(new TreeMap<>(active));
            retired = Collections.unmodifiableSortedMap(new TreeMap<>(retired));
        }

        public static FileLedger empty() {
            return new FileLedger(new TreeMap<>(), new TreeMap<>());
        }

        /**
         * Numbers the vectors of one generation run, given their identities in file order: a known identity keeps
         * its tcId, a new one gets the next unused number, and the identities no longer generated are retired.
         *
         * @throws IllegalStateException if two vectors share an identity (they could not keep their numbers apart)
         */
        public Assignment assign(List<String> identities) {
            Map<String, Integer> known = new HashMap<>();
            active.forEach((tcId, identity) -> known.put(identity, tcId));
            int next = Math.max(active.isEmpty() ? 0 : active.lastKey(), retired.isEmpty() ? 0 : retired.lastKey()) + 1;
            Set<String> seen = new HashSet<>();
            List<Integer> tcIds = new ArrayList<>();
            SortedMap<Integer, String> nowActive = new TreeMap<>();
            for (String identity : identities) {
                if (!seen.add(identity)) {
                    throw new IllegalStateException("two vectors are both '" + identity + "': give them different "
                            + "comments, or their tcIds could not be kept apart");
                }
                Integer tcId = known.get(identity);
                if (tcId == null) {
                    tcId = next++;
                }
                tcIds.add(tcId);
                nowActive.put(tcId, identity);
            }
            SortedMap<Integer, String> nowRetired = new TreeMap<>(retired);
            active.forEach((tcId, identity) -> {
                if (!seen.contains(identity)) {
                    nowRetired.put(tcId, identity);
                }
            });
            return new Assignment(tcIds, new FileLedger(nowActive, nowRetired));
        }

        /**
         * What must hold of any ledger, hand-edited or not: no number both active and retired, no identity active
         * twice, and every number from 1 to the largest used exactly once (so none was dropped or renumbered away).
         */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (Integer tcId : active.keySet()) {
                if (retired.containsKey(tcId)) {
                    problems.add("tcId " + tcId + " is both active and retired");
                }
            }
            Map<String, Integer> byIdentity = new HashMap<>();
            active.forEach((tcId, identity) -> {
                Integer other = byIdentity.put(identity, tcId);
                if (other != null) {
                    problems.add("tcIds " + other + " and " + tcId + " are both '" + identity + "'");
                }
            });
            int largest = Math.max(active.isEmpty() ? 0 : active.lastKey(), retired.isEmpty() ? 0 : retired.lastKey());
            for (int tcId = 1; tcId <= largest; tcId++) {
                if (!active.containsKey(tcId) && !retired.containsKey(tcId)) {
                    problems.add("tcId " + tcId + " is neither active nor retired: a number once given is kept or "
                            + "retired, never dropped");
                }
            }
            return problems;
        }
    }

    /** The numbers of one generation run, in file order, and the ledger that records them. */
    public record Assignment(List<Integer> tcIds, FileLedger ledger) {
        public Assignment {
            tcIds = List.copyOf(tcIds);
        }
    }

    /** @param files by file name, in the order the generator writes them */
    public TcIdLedger {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public static TcIdLedger empty() {
        return new TcIdLedger(Map.of());
    }

    /** The ledger of one vector file (by its file name); empty for a file not yet in the ledger. */
    public FileLedger file(String fileName) {
        return files.getOrDefault(fileName, FileLedger.empty());
    }

    /** The same ledger with one file's entry replaced; files keep the order they were first added in. */
    public TcIdLedger with(String fileName, FileLedger ledger) {
        Map<String, FileLedger> updated = new LinkedHashMap<>(files);
        updated.put(fileName, ledger);
        return new TcIdLedger(updated);
    }

    /** @throws IllegalArgumentException when the text is not a ledger, naming what is wrong */
    public static TcIdLedger parse(String json) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(FILE_NAME + " is not JSON: " + e.getMessage(), e);
        }
        Map<String, FileLedger> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> file : object(root, "files").entrySet()) {
            files.put(file.getKey(), new FileLedger(numbers(object(file.getValue(), "active")),
                    numbers(object(file.getValue(), "retired"))));
        }
        return new TcIdLedger(files);
    }

    private static JsonObject object(JsonElement parent, String member) {
        JsonElement value = parent.isJsonObject() ? parent.getAsJsonObject().get(member) : null;
        if (value == null || !value.isJsonObject()) {
            throw new IllegalArgumentException(FILE_NAME + ": '" + member + "' must be an object");
        }
        return value.getAsJsonObject();
    }

    private static SortedMap<Integer, String> numbers(JsonObject object) {
        SortedMap<Integer, String> numbers = new TreeMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (!entry.getKey().matches("[1-9][0-9]{0,8}")) {
                throw new IllegalArgumentException(FILE_NAME + ": '" + entry.getKey() + "' is not a tcId");
            }
            if (!entry.getValue().isJsonPrimitive() || !entry.getValue().getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException(FILE_NAME + ": tcId " + entry.getKey() + " must name an identity");
            }
            numbers.put(Integer.parseInt(entry.getKey()), entry.getValue().getAsString());
        }
        return numbers;
    }

    /** The ledger as the generator writes it: byte-identical for the same content, a line per vector. */
    public String toJson() {
        JsonObject root = new JsonObject();
        JsonArray header = new JsonArray();
        HEADER.forEach(header::add);
        root.add("header", header);
        JsonObject filesJson = new JsonObject();
        files.forEach((name, ledger) -> {
            JsonObject entry = new JsonObject();
            entry.add("active", numbersJson(ledger.active()));
            entry.add("retired", numbersJson(ledger.retired()));
            filesJson.add(name, entry);
        });
        root.add("files", filesJson);
        return GenerateAll.toJson(root);
    }

    private static JsonObject numbersJson(SortedMap<Integer, String> numbers) {
        JsonObject object = new JsonObject();
        numbers.forEach((tcId, identity) -> object.addProperty(Integer.toString(tcId), identity));
        return object;
    }
}
