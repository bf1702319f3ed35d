package io.secho.vectors;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validator for the subset of JSON Schema draft 2020-12 that the vector schemas use: type, properties,
 * required, additionalProperties, items, enum, const, pattern, minimum, maximum, minLength, maxLength,
 * minItems, maxItems, uniqueItems, oneOf and $ref to "#/$defs/..."; $schema, $id, title, description and
 * $comment are annotations. Any other keyword makes the constructor fail, so no schema can ever be checked
 * only in part without anyone noticing.
 */
final class JsonSchemaValidator {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description", "$comment");
    private static final Set<String> ASSERTIONS = Set.of("type", "properties", "required", "additionalProperties",
            "items", "enum", "const", "pattern", "minimum", "maximum", "minLength", "maxLength", "minItems",
            "maxItems", "uniqueItems", "oneOf", "$ref", "$defs");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean",
            "null");
    private static final String REF_PREFIX = "#/$defs/";

    private final JsonObject root;

    /** @throws IllegalArgumentException if the schema uses a keyword or a form this validator does not implement */
    JsonSchemaValidator(JsonObject schema) {
        this.root = schema;
        checkSchema(schema, "#", true);
    }

    /** @return the violations, each as "path: message"; empty if the instance conforms */
    List<String> validate(JsonElement instance) {
        List<String> errors = new ArrayList<>();
        validate(root, instance, "$", errors);
        return errors;
    }

    private void checkSchema(JsonElement element, String where, boolean isRoot) {
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(where + ": a schema must be an object (boolean schemas unsupported)");
        }
        for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
            String keyword = entry.getKey();
            JsonElement value = entry.getValue();
            String at = where + "/" + keyword;
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            if (!ASSERTIONS.contains(keyword)) {
                throw new IllegalArgumentException(at + ": keyword '" + keyword + "' is not implemented");
            }
            switch (keyword) {
                case "$defs" -> {
                    if (!isRoot) {
                        throw new IllegalArgumentException(at + ": $defs only at the root");
                    }
                    value.getAsJsonObject().entrySet().forEach(d -> checkSchema(d.getValue(), at + "/" + d.getKey(), false));
                }
                case "properties" -> value.getAsJsonObject().entrySet()
                        .forEach(p -> checkSchema(p.getValue(), at + "/" + p.getKey(), false));
                case "additionalProperties" -> {
                    if (!(value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean() && !value.getAsBoolean())) {
                        checkSchema(value, at, false);
                    }
                }
                case "items" -> checkSchema(value, at, false);
                case "oneOf" -> {
                    JsonArray branches = value.getAsJsonArray();
                    if (branches.isEmpty()) {
                        throw new IllegalArgumentException(at + ": empty oneOf");
                    }
                    for (int i = 0; i < branches.size(); i++) {
                        checkSchema(branches.get(i), at + "/" + i, false);
                    }
                }
                case "$ref" -> definition(value.getAsString(), at);
                case "type" -> {
                    for (JsonElement type : value.isJsonArray() ? value.getAsJsonArray() : single(value)) {
                        if (!TYPES.contains(type.getAsString())) {
                            throw new IllegalArgumentException(at + ": unknown type " + type);
                        }
                    }
                }
                case "required" -> value.getAsJsonArray().forEach(JsonElement::getAsString);
                case "enum" -> value.getAsJsonArray();
                case "pattern" -> Pattern.compile(value.getAsString());
                case "minimum", "maximum" -> value.getAsBigDecimal();
                case "minLength", "maxLength", "minItems", "maxItems" -> {
                    if (value.getAsInt() < 0) {
                        throw new IllegalArgumentException(at + ": must not be negative");
                    }
                }
                case "uniqueItems" -> value.getAsBoolean();
                default -> {
                    // const: any JSON value
                }
            }
        }
    }

    private JsonObject definition(String ref, String at) {
        if (!ref.startsWith(REF_PREFIX)) {
            throw new IllegalArgumentException(at + ": only \"" + REF_PREFIX + "NAME\" references are implemented: " + ref);
        }
        JsonObject defs = root.getAsJsonObject("$defs");
        String name = ref.substring(REF_PREFIX.length());
        if (defs == null || !defs.has(name)) {
            throw new IllegalArgumentException(at + ": no definition " + ref);
        }
        return defs.getAsJsonObject(name);
    }

    private void validate(JsonObject schema, JsonElement value, String path, List<String> errors) {
        if (schema.has("$ref")) {
            validate(definition(schema.get("$ref").getAsString(), path), value, path, errors);
        }
        if (schema.has("type") && !hasType(schema.get("type"), value)) {
            errors.add(path + ": expected type " + schema.get("type") + ", found " + describe(value));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": expected " + schema.get("const") + ", found " + describe(value));
        }
        if (schema.has("enum") && !schema.getAsJsonArray("enum").contains(value)) {
            errors.add(path + ": " + describe(value) + " is not one of " + schema.get("enum"));
        }
        if (schema.has("oneOf")) {
            oneOf(schema.getAsJsonArray("oneOf"), value, path, errors);
        }
        if (value.isJsonObject()) {
            object(schema, value.getAsJsonObject(), path, errors);
        } else if (value.isJsonArray()) {
            array(schema, value.getAsJsonArray(), path, errors);
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            string(schema, value.getAsString(), path, errors);
        } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            number(schema, value.getAsBigDecimal(), path, errors);
        }
    }

    private void oneOf(JsonArray branches, JsonElement value, String path, List<String> errors) {
        List<List<String>> failures = new ArrayList<>();
        int matches = 0;
        for (JsonElement branch : branches) {
            List<String> branchErrors = new ArrayList<>();
            validate(branch.getAsJsonObject(), value, path, branchErrors);
            if (branchErrors.isEmpty()) {
                matches++;
            } else {
                failures.add(branchErrors);
            }
        }
        if (matches == 0) {
            List<String> fewest = failures.stream().min((a, b) -> Integer.compare(a.size(), b.size())).orElseThrow();
            errors.add(path + ": matches none of the " + branches.size() + " oneOf branches; the closest fails with "
                    + fewest);
        } else if (matches > 1) {
            errors.add(path + ": matches " + matches + " oneOf branches, exactly one is allowed");
        }
    }

    private void object(JsonObject schema, JsonObject value, String path, List<String> errors) {
        if (schema.has("required")) {
            for (JsonElement name : schema.getAsJsonArray("required")) {
                if (!value.has(name.getAsString())) {
                    errors.add(path + ": missing required property '" + name.getAsString() + "'");
                }
            }
        }
        JsonObject properties = schema.has("properties") ? schema.getAsJsonObject("properties") : new JsonObject();
        JsonElement additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonElement> entry : value.entrySet()) {
            String at = path + "." + entry.getKey();
            if (properties.has(entry.getKey())) {
                validate(properties.getAsJsonObject(entry.getKey()), entry.getValue(), at, errors);
            } else if (additional != null && additional.isJsonObject()) {
                validate(additional.getAsJsonObject(), entry.getValue(), at, errors);
            } else if (additional != null) {
                errors.add(path + ": property '" + entry.getKey() + "' is not allowed");
            }
        }
    }

    private void array(JsonObject schema, JsonArray value, String path, List<String> errors) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").getAsInt()) {
            errors.add(path + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").getAsInt()) {
            errors.add(path + ": more than " + schema.get("maxItems") + " items");
        }
        if (schema.has("uniqueItems") && schema.get("uniqueItems").getAsBoolean()
                && new HashSet<>(value.asList()).size() != value.size()) {
            errors.add(path + ": items are not unique");
        }
        if (schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(schema.getAsJsonObject("items"), value.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static void string(JsonObject schema, String value, String path, List<String> errors) {
        int length = value.codePointCount(0, value.length());
        if (schema.has("minLength") && length < schema.get("minLength").getAsInt()) {
            errors.add(path + ": shorter than " + schema.get("minLength") + " characters");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").getAsInt()) {
            errors.add(path + ": longer than " + schema.get("maxLength") + " characters");
        }
        if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").getAsString()).matcher(value).find()) {
            errors.add(path + ": " + abbreviate(value) + " does not match " + schema.get("pattern"));
        }
    }

    private static void number(JsonObject schema, BigDecimal value, String path, List<String> errors) {
        if (schema.has("minimum") && value.compareTo(schema.get("minimum").getAsBigDecimal()) < 0) {
            errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.compareTo(schema.get("maximum").getAsBigDecimal()) > 0) {
            errors.add(path + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
    }

    private static boolean hasType(JsonElement type, JsonElement value) {
        for (JsonElement name : type.isJsonArray() ? type.getAsJsonArray() : single(type)) {
            if (isType(name.getAsString(), value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isType(String type, JsonElement value) {
        JsonPrimitive primitive = value.isJsonPrimitive() ? value.getAsJsonPrimitive() : null;
        return switch (type) {
            case "object" -> value.isJsonObject();
            case "array" -> value.isJsonArray();
            case "null" -> value.isJsonNull();
            case "string" -> primitive != null && primitive.isString();
            case "boolean" -> primitive != null && primitive.isBoolean();
            case "number" -> primitive != null && primitive.isNumber();
            case "integer" -> primitive != null && primitive.isNumber() && isIntegral(primitive.getAsBigDecimal());
            default -> throw new IllegalStateException(type);
        };
    }

    private static boolean isIntegral(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static JsonArray single(JsonElement element) {
        JsonArray array = new JsonArray();
        array.add(element);
        return array;
    }

    private static String describe(JsonElement value) {
        return abbreviate(value.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
