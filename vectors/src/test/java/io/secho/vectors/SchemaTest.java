package io.secho.vectors;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every vectors/*.json (the vector files and the tcId ledger) conforms to its schema in vectors/schemas/, and
 * each file has exactly one schema.
 */
class SchemaTest {
    private static final String SCHEMA_SUFFIX = ".schema.json";

    @Test
    void everyVectorFileHasASchemaAndEverySchemaAFile() throws IOException {
        Set<String> vectorBases = baseNames(VectorFiles.dir(), ".json");
        Set<String> schemaBases = baseNames(VectorFiles.dir().resolve("schemas"), SCHEMA_SUFFIX);
        assertEquals(vectorBases, schemaBases, "vectors/*.json and vectors/schemas/*" + SCHEMA_SUFFIX);
        assertEquals(new TreeSet<>(VectorFiles.WITH_SCHEMA), vectorBases.stream().map(base -> base + ".json")
                .collect(Collectors.toCollection(TreeSet::new)), "the vector files the tests know");
    }

    @TestFactory
    List<DynamicTest> everyVectorFileConformsToItsSchema() {
        return VectorFiles.WITH_SCHEMA.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            JsonSchemaValidator validator = new JsonSchemaValidator(readObject(
                    VectorFiles.dir().resolve("schemas").resolve(name.replace(".json", SCHEMA_SUFFIX))));
            List<String> errors = validator.validate(VectorFiles.load(name));
            assertTrue(errors.isEmpty(), name + " violates its schema:\n" + String.join("\n",
                    errors.subList(0, Math.min(20, errors.size()))));
        })).collect(Collectors.toList());
    }

    private static Set<String> baseNames(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(suffix) && (suffix.equals(SCHEMA_SUFFIX) || !name.endsWith(SCHEMA_SUFFIX)))
                    .map(name -> name.substring(0, name.length() - suffix.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static JsonObject readObject(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }
}
