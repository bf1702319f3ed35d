package io.secho.vectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validator itself, on small schemas and documents, good and bad. */
class JsonSchemaValidatorTest {
    private static final String SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "a small vector file",
              "type": "object",
              "required": ["name", "tests"],
              "additionalProperties": false,
              "properties": {
                "name": {"const": "demo"},
                "count": {"type": "integer", "minimum": 1, "maximum": 3},
                "tags": {"type": "array", "uniqueItems": true, "maxItems": 2, "items": {"type": "string"}},
                "tests": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/test"}}
              },
              "$defs": {
                "hex": {"type": "string", "pattern": "^(?:[0-9a-f]{2})*$", "maxLength": 8},
                "test": {"oneOf": [
                  {"type": "object", "required": ["result", "input"], "additionalProperties": false,
                   "properties": {"result": {"const": "valid"}, "input": {"$ref": "#/$defs/hex"}}},
                  {"type": "object", "required": ["result", "alert"], "additionalProperties": false,
                   "properties": {"result": {"const": "invalid"}, "alert": {"enum": ["a", "b"]},
                                  "input": {"$ref": "#/$defs/hex"}}}
                ]},
                "word": {"type": ["string", "null"], "minLength": 2}
              }
            }
            """;

    private static List<String> errors(String document) {
        return new JsonSchemaValidator(JsonParser.parseString(SCHEMA).getAsJsonObject())
                .validate(JsonParser.parseString(document));
    }

    @Test
    void acceptsConformingDocuments() {
        assertEquals(List.of(), errors("{\"name\": \"demo\", \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}"));
        assertEquals(List.of(), errors("{\"name\": \"demo\", \"count\": 3, \"tags\": [\"x\", \"y\"], \"tests\": ["
                + "{\"result\": \"valid\", \"input\": \"00ff\"}, {\"result\": \"invalid\", \"alert\": \"b\"}]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "{\"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"other\", \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"demo\", \"tests\": []}",
        "{\"name\": \"demo\", \"extra\": 1, \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"demo\", \"count\": 1.5, \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"demo\", \"count\": 0, \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"demo\", \"count\": 4, \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"demo\", \"tags\": [\"x\", \"x\"], \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"demo\", \"tags\": [\"x\", \"y\", \"z\"], \"tests\": [{\"result\": \"valid\", \"input\": \"\"}]}",
        "{\"name\": \"demo\", \"tests\": [{\"result\": \"valid\", \"input\": \"0\"}]}",
        "{\"name\": \"demo\", \"tests\": [{\"result\": \"valid\", \"input\": \"0A\"}]}",
        "{\"name\": \"demo\", \"tests\": [{\"result\": \"valid\", \"input\": \"0011223344\"}]}",
        "{\"name\": \"demo\", \"tests\": [{\"result\": \"valid\", \"alert\": \"a\"}]}",
        "{\"name\": \"demo\", \"tests\": [{\"result\": \"invalid\"}]}",
        "{\"name\": \"demo\", \"tests\": [{\"result\": \"invalid\", \"alert\": \"c\"}]}",
        "{\"name\": \"demo\", \"tests\": [{\"result\": \"maybe\", \"input\": \"\"}]}",
    })
    void rejectsDocumentsThatBreakARule(String document) {
        assertTrue(!errors(document).isEmpty(), "must be rejected: " + document);
    }

    @Test
    void reportsWhereTheDocumentIsWrong() {
        List<String> errors = errors("{\"name\": \"demo\", \"tests\": [{\"result\": \"valid\", \"input\": \"0\"}]}");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("$.tests[0]: matches none of the 2 oneOf branches"), errors.get(0));
        assertTrue(errors.get(0).contains("$.tests[0].input"), errors.get(0));
    }

    @Test
    void oneOfRejectsAnAmbiguousMatch() {
        JsonObject schema = JsonParser.parseString("{\"oneOf\": [{\"type\": \"string\"}, {\"maxLength\": 3}]}")
                .getAsJsonObject();
        List<String> errors = new JsonSchemaValidator(schema).validate(JsonParser.parseString("\"ab\""));
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("matches 2 oneOf branches"), errors.get(0));
    }

    @Test
    void typeListsAndStringLengthInCodePoints() {
        JsonObject schema = JsonParser.parseString(SCHEMA).getAsJsonObject();
        JsonObject word = new JsonObject();
        word.addProperty("$ref", "#/$defs/word");
        schema.add("properties", new JsonObject());
        schema.getAsJsonObject("properties").add("w", word);
        schema.remove("required");
        JsonSchemaValidator validator = new JsonSchemaValidator(schema);
        assertEquals(List.of(), validator.validate(JsonParser.parseString("{\"w\": null}")));
        assertEquals(List.of(), validator.validate(JsonParser.parseString("{\"w\": \"\u00df\u00df\"}")));
        assertEquals(1, validator.validate(JsonParser.parseString("{\"w\": \"\ud83d\ude00\"}")).size(),
                "one emoji is one code point, below minLength 2");
        assertEquals(1, validator.validate(JsonParser.parseString("{\"w\": 7}")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\": \"object\", \"if\": {\"type\": \"object\"}}",
        "{\"properties\": {\"a\": {\"format\": \"date\"}}}",
        "{\"items\": {\"anyOf\": [{\"type\": \"string\"}]}}",
        "{\"$defs\": {\"x\": {\"exclusiveMinimum\": 1}}}",
        "{\"patternProperties\": {\"^a\": {}}}",
        "{\"$ref\": \"#/$defs/missing\", \"$defs\": {}}",
        "{\"$ref\": \"other.json#/x\"}",
        "{\"type\": \"text\"}",
        "{\"properties\": {\"a\": true}}",
        "{\"oneOf\": []}",
    })
    void failsOnAnythingItDoesNotImplement(String schema) {
        JsonElement parsed = JsonParser.parseString(schema);
        assertThrows(IllegalArgumentException.class, () -> new JsonSchemaValidator(parsed.getAsJsonObject()),
                "must refuse the schema: " + schema);
    }
}
