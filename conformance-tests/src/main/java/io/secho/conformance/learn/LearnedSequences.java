package io.secho.conformance.learn;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.automatalib.alphabet.Alphabet;

/**
 * The files of learned sequences ({@value #FORMAT}): the one built into the harness, which holds what learning
 * found against the fault matrix's servers, and those {@code learn} writes for a user's own target
 * ({@code --learned-cases FILE}). Their numbers stay apart: the built-in file uses 1 to 1000, learn's files
 * start at {@value #FIRST_WRITTEN_NUMBER}, so a user's LEARN-001.N never changes meaning with a new harness.
 */
public final class LearnedSequences {
    public static final String FORMAT = "secho-learned-cases/1";
    /** The name learn gives the file in its output directory. */
    public static final String FILE_NAME = "learned-cases.json";
    public static final int FIRST_WRITTEN_NUMBER = 1001;
    private static final String BUILT_IN = "/io/secho/conformance/learn/learned-server-cases.json";
    /** Far above any word learning reports; a longer one is a mistake in the file. */
    private static final int MAX_WORD_LENGTH = 64;

    private LearnedSequences() {
    }

    /** The sequences every run replays. */
    public static List<LearnedSequence> builtIn() {
        try (InputStream in = LearnedSequences.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the harness jar lacks " + BUILT_IN);
            }
            List<LearnedSequence> sequences = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in");
            for (LearnedSequence sequence : sequences) {
                if (sequence.number() >= FIRST_WRITTEN_NUMBER) {
                    throw new IllegalStateException("built-in learned case " + sequence.number() + " is in learn's range");
                }
            }
            return sequences;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file learn wrote.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static List<LearnedSequence> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        List<LearnedSequence> sequences = parse(text, file.toString());
        for (LearnedSequence sequence : sequences) {
            if (sequence.number() < FIRST_WRITTEN_NUMBER) {
                throw new IllegalArgumentException(file + ": case " + sequence.number() + " is numbered below "
                        + FIRST_WRITTEN_NUMBER + ", the range of the harness's own learned cases");
            }
        }
        return sequences;
    }

    static List<LearnedSequence> parse(String text, String where) {
        Alphabet<String> inputs = SpecModel.server().inputs();
        List<LearnedSequence> sequences = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        try {
            JsonObject root = JsonParser.parseString(text).getAsJsonObject();
            if (!root.has("format") || !FORMAT.equals(root.get("format").getAsString())) {
                throw new IllegalArgumentException(where + ": not a file of learned cases (format " + FORMAT + ")");
            }
            for (JsonElement element : required(root, "cases", where).getAsJsonArray()) {
                JsonObject entry = element.getAsJsonObject();
                int number = required(entry, "n", where).getAsInt();
                List<String> word = new ArrayList<>();
                for (JsonElement input : required(entry, "word", where).getAsJsonArray()) {
                    String name = input.getAsString();
                    if (!inputs.containsSymbol(name)) {
                        throw new IllegalArgumentException(where + ": case " + number + ": no server input is called "
                                + name);
                    }
                    word.add(name);
                }
                if (word.size() > MAX_WORD_LENGTH) {
                    throw new IllegalArgumentException(where + ": case " + number + " has " + word.size()
                            + " inputs, more than " + MAX_WORD_LENGTH);
                }
                if (!numbers.add(number)) {
                    throw new IllegalArgumentException(where + ": two cases are numbered " + number);
                }
                String found = entry.has("found") ? entry.get("found").getAsString() : "";
                sequences.add(new LearnedSequence(number, word, found));
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw notLearnedCases(where);
        }
        return List.copyOf(sequences);
    }

    private static JsonElement required(JsonObject object, String member, String where) {
        JsonElement value = object.get(member);
        if (value == null || value.isJsonNull()) {
            throw notLearnedCases(where);
        }
        return value;
    }

    private static IllegalArgumentException notLearnedCases(String where) {
        return new IllegalArgumentException(where + ": not a file of learned cases (" + FORMAT + ")");
    }

    /** The file learn writes: each difference's word, numbered from {@value #FIRST_WRITTEN_NUMBER}. */
    public static String write(String target, List<LearnedSequence> sequences) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("role", "server");
        root.addProperty("description", "Input sequences on which learning found " + target + " to differ from the "
                + "spec model. Run them as cases LEARN-001.N of the conformance harness: --learned-cases FILE.");
        JsonArray cases = new JsonArray();
        for (LearnedSequence sequence : sequences) {
            JsonObject entry = new JsonObject();
            entry.addProperty("n", sequence.number());
            JsonArray word = new JsonArray();
            sequence.word().forEach(word::add);
            entry.add("word", word);
            entry.addProperty("found", sequence.found());
            cases.add(entry);
        }
        root.add("cases", cases);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
    }
}
