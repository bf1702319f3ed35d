package io.secho.vectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.DisallowUnknownKeywordFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every vectors/*.json (the vector files and the tcId ledger) conforms to its schema in vectors/schemas/, each
 * file has exactly one schema, every schema is a valid JSON Schema draft 2020-12 that uses no keyword the draft
 * does not define (so none is ever checked only in part), and each schema rejects a vector file broken in the
 * ways a hand edit or a generator bug would break it.
 */
class SchemaTest {
    private static final String SCHEMA_SUFFIX = ".schema.json";
    /** Draft 2020-12, refusing unknown keywords instead of ignoring them as annotations. */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012()).unknownKeywordFactory(DisallowUnknownKeywordFactory.getInstance())
                    .build());

    @Test
    void everyVectorFileHasASchemaAndEverySchemaAFile() throws IOException {
        Set<String> vectorBases = baseNames(VectorFiles.dir(), ".json");
        Set<String> schemaBases = baseNames(VectorFiles.dir().resolve("schemas"), SCHEMA_SUFFIX);
        assertEquals(vectorBases, schemaBases, "vectors/*.json and vectors/schemas/*" + SCHEMA_SUFFIX);
        assertEquals(new TreeSet<>(VectorFiles.WITH_SCHEMA), vectorBases.stream().map(base -> base + ".json")
                .collect(Collectors.toCollection(TreeSet::new)), "the vector files the tests know");
    }

    @TestFactory
    List<DynamicTest> everySchemaIsAValidDraft202012Schema() {
        Schema metaSchema = SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        return VectorFiles.ALL.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            List<Error> errors = metaSchema.validate(schemaText(name), InputFormat.JSON);
            assertTrue(errors.isEmpty(), schemaFile(name) + " is no valid draft 2020-12 schema: " + errors);
            // Loading it with the strict dialect fails on any keyword draft 2020-12 does not define.
            assertTrue(schema(name).getSchemaNode().has("$schema"), schemaFile(name) + " names its draft");
        })).collect(Collectors.toList());
    }

    @TestFactory
    List<DynamicTest> everyVectorFileConformsToItsSchema() {
        return VectorFiles.WITH_SCHEMA.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            List<Error> errors = schema(name).validate(VectorFiles.load(name).toString(), InputFormat.JSON);
            assertTrue(errors.isEmpty(), name + " violates its schema:\n" + errors.stream().limit(20)
                    .map(Error::toString).collect(Collectors.joining("\n")));
        })).collect(Collectors.toList());
    }

    /** Each way of breaking a file, applied to every file: its schema must say where it is wrong. */
    @TestFactory
    List<DynamicTest> everySchemaRejectsABrokenVectorFile() {
        Map<String, Consumer<JsonObject>> breakages = Map.of(
                "a required property missing", file -> file.remove("testGroups"),
                "an unknown property", file -> file.addProperty("comments", "added by hand"),
                "the wrong algorithm", file -> file.addProperty("algorithm", "SECHO-V2"),
                "a count that is no integer", file -> file.addProperty("numberOfTests", 1.5),
                "a tcId that is a string", file -> firstTest(file).addProperty("tcId", "1"),
                "a result outside its enum", file -> firstTest(file).addProperty("result", "maybe"),
                "an unknown property in a test", file -> firstTest(file).addProperty("note", "x"),
                "no tests in a group", file -> firstGroup(file).add("tests", new JsonArray()));
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : VectorFiles.ALL) {
            breakages.forEach((how, breakage) -> tests.add(DynamicTest.dynamicTest(name + ": " + how, () -> {
                JsonObject broken = VectorFiles.load(name);
                breakage.accept(broken);
                List<Error> errors = schema(name).validate(broken.toString(), InputFormat.JSON);
                assertFalse(errors.isEmpty(), name + " with " + how + " must violate its schema");
            })));
        }
        return tests;
    }

    @Test
    void aSchemaWithAKeywordDraft202012DoesNotDefineIsRefused() {
        String misspelt = "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"type\": \"object\", "
                + "\"requried\": [\"tcId\"]}";
        try {
            SCHEMAS.getSchema(misspelt, InputFormat.JSON);
        } catch (RuntimeException refused) {
            assertTrue(refused.getMessage().contains("requried"), refused.getMessage());
            return;
        }
        throw new AssertionError("a misspelt keyword must not be ignored");
    }

    private static JsonObject firstGroup(JsonObject file) {
        return file.getAsJsonArray("testGroups").get(0).getAsJsonObject();
    }

    private static JsonObject firstTest(JsonObject file) {
        return firstGroup(file).getAsJsonArray("tests").get(0).getAsJsonObject();
    }

    private static Schema schema(String vectorFile) {
        return SCHEMAS.getSchema(schemaText(vectorFile), InputFormat.JSON);
    }

    private static Path schemaFile(String vectorFile) {
        return VectorFiles.dir().resolve("schemas").resolve(vectorFile.replace(".json", SCHEMA_SUFFIX));
    }

    private static String schemaText(String vectorFile) {
        try {
            return Files.readString(schemaFile(vectorFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> baseNames(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(suffix) && (suffix.equals(SCHEMA_SUFFIX) || !name.endsWith(SCHEMA_SUFFIX)))
                    .map(name -> name.substring(0, name.length() - suffix.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
