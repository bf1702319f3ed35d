package io.secho.vectors;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.secho.example.WorkedExample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one generator: writes every JSON vector file into {@code vectors/} and the worked example into the
 * spec, from the reference implementation and fixed inputs. The output is byte-identical on every run and
 * machine: fixed seeds, fields in a fixed order, two-space indentation, LF line endings, a final newline.
 *
 * <p>Usage: {@code java -jar vectors/target/secho-vectors.jar [PROJECT_ROOT]} (default: the current
 * directory), which is what {@code vectors/regenerate} runs. It reads the committed tcId ledger
 * ({@code vectors/tcids.json}) and writes it back with any new or retired vector recorded.
 */
public final class GenerateAll {
    public static final String SPEC_FILE = "spec/secho-v1.md";
    public static final String VECTORS_DIR = "vectors";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private GenerateAll() {
    }

    /** One generation: every vector file (name to content, in a fixed order) and the tcId ledger that numbers them. */
    public record Generated(Map<String, String> vectorFiles, TcIdLedger ledger) {
        public Generated {
            vectorFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(vectorFiles));
        }
    }

    /**
     * Every vector file, numbered by the ledger: a vector keeps the tcId the ledger gives it, a new one gets a
     * new number, and the returned ledger records both (and retires the vectors no longer generated).
     */
    public static Generated generate(TcIdLedger committed) {
        Map<String, Supplier<VectorFile>> builders = new LinkedHashMap<>();
        builders.put(KeyScheduleVectors.BASE_NAME, KeyScheduleVectors::build);
        builders.put(RecordVectors.BASE_NAME, RecordVectors::build);
        builders.put(SessionVectors.BASE_NAME, SessionVectors::build);
        builders.put(EchoVectors.BASE_NAME, EchoVectors::build);
        builders.put(HandshakeVectors.BASE_NAME, HandshakeVectors::build);
        Map<String, String> files = new LinkedHashMap<>();
        TcIdLedger ledger = committed;
        for (Map.Entry<String, Supplier<VectorFile>> builder : builders.entrySet()) {
            String fileName = builder.getKey() + ".json";
            VectorFile.Numbered numbered = builder.getValue().get().toJson(ledger.file(fileName));
            files.put(fileName, toJson(numbered.json()));
            ledger = ledger.with(fileName, numbered.ledger());
        }
        return new Generated(files, ledger);
    }

    /** The committed ledger in a vectors directory; a missing one is an error, never an empty ledger that renumbers. */
    public static TcIdLedger readLedger(Path vectorsDir) throws IOException {
        Path file = vectorsDir.resolve(TcIdLedger.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (it pins every vector's tcId; restore it with git, never start "
                    + "a new one)");
        }
        return TcIdLedger.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The spec with its generated worked-example block replaced by what the reference produces now. */
    public static String specWithWorkedExample(String spec) {
        return WorkedExample.replaceGeneratedBlock(spec, WorkedExample.markdown());
    }

    static String toJson(JsonObject root) {
        return GSON.toJson(root).replace("\r\n", "\n") + "\n";
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("usage: GenerateAll [PROJECT_ROOT]");
            System.exit(2);
        }
        Path root = Path.of(args.length == 1 ? args[0] : ".");
        Path spec = root.resolve(SPEC_FILE);
        if (!Files.isRegularFile(spec)) {
            System.err.println("GenerateAll: " + spec + " not found; run from the project root or pass it");
            System.exit(2);
        }
        Generated generated;
        try {
            generated = generate(readLedger(root.resolve(VECTORS_DIR)));
        } catch (NoSuchFileException e) {
            System.err.println("GenerateAll: missing " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("GenerateAll: " + e.getMessage());
            System.exit(2);
            return;
        }
        int changed = 0;
        for (Map.Entry<String, String> file : generated.vectorFiles().entrySet()) {
            changed += write(root.resolve(VECTORS_DIR).resolve(file.getKey()), file.getValue());
        }
        changed += write(root.resolve(VECTORS_DIR).resolve(TcIdLedger.FILE_NAME), generated.ledger().toJson());
        changed += write(spec, specWithWorkedExample(Files.readString(spec, StandardCharsets.UTF_8)));
        System.err.println("GenerateAll: wrote " + generated.vectorFiles().size() + " vector files, the tcId ledger and "
                + "the worked example in " + SPEC_FILE + "; " + changed + " changed");
    }

    /** Writes the file if its content differs; returns 1 if it did. */
    private static int write(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
            return 0;
        }
        Files.write(file, bytes);
        System.err.println("GenerateAll: updated " + file);
        return 1;
    }
}
