package io.secho.conformance.targets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.secho.conformance.RunConfig;
import io.secho.conformance.clients.ClientTargetConfig;
import io.secho.conformance.peer.Suite;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a run was pointed at, as the reports record it: the kind of target, the address the harness
 * talked to, the image it started, and what the preflight found about each suite. Its JSON form is both
 * the JSON report's {@code target} object and the way the cases hand it to the report (JUnit report
 * entries carry text only).
 *
 * @param address   where the harness connected: the embedded server's loopback port, the address given, or
 *                  the port Docker mapped for the image; empty when the target never started
 * @param preflight empty for the lab profile, which probes no suites, and for a client under test
 * @param client    for a client under test, what ran it: {@code client command: ...} (never a key)
 */
public record TargetDescription(Kind kind, Optional<String> address, Optional<String> image,
                                Optional<Preflight> preflight, Optional<String> client) {
    public enum Kind {
        /** The harness's own reference server, on a free loopback port. */
        EMBEDDED,
        /** A server at an address the user gave ({@code --target}). */
        ADDRESS,
        /** A Docker image the harness started ({@code --image}). */
        IMAGE,
        /** A client under test ({@code --client-command}, {@code --client-reference}), against test servers. */
        CLIENT;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind ofJsonName(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** A server target. */
    public TargetDescription(Kind kind, Optional<String> address, Optional<String> image, Optional<Preflight> preflight) {
        this(kind, address, image, preflight, Optional.empty());
    }

    /** A client under test, as {@code describe} words it. */
    public static TargetDescription client(String describe) {
        return new TargetDescription(Kind.CLIENT, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(describe));
    }

    /**
     * Where the run was pointed, from its configuration alone: for a report whose cases never ran far enough to
     * say more.
     */
    public static TargetDescription fromParameters(Function<String, Optional<String>> parameters) {
        if (RunConfig.clientUnderTest(parameters)) {
            return client(ClientTargetConfig.describe(parameters));
        }
        Optional<String> image = parameters.apply(TargetConfig.IMAGE).map(String::strip).filter(v -> !v.isEmpty());
        if (image.isPresent()) {
            return new TargetDescription(Kind.IMAGE, Optional.empty(), image, Optional.empty());
        }
        Optional<String> address = parameters.apply(TargetConfig.TARGET).map(String::strip).filter(v -> !v.isEmpty());
        return new TargetDescription(address.isPresent() ? Kind.ADDRESS : Kind.EMBEDDED, address, Optional.empty(),
                Optional.empty());
    }

    /** {@code host:port}, with an IPv6 host in brackets, as {@code --target} accepts it. */
    public static String hostPort(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** In the console's words: {@code embedded}, {@code HOST:PORT}, or {@code image NAME}. */
    public String label() {
        return switch (kind) {
            case EMBEDDED -> "embedded";
            case ADDRESS -> address.orElse("?");
            case IMAGE -> "image " + image.orElse("?");
            case CLIENT -> client.orElse("client");
        };
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind.jsonName());
        address.ifPresent(a -> json.addProperty("address", a));
        image.ifPresent(i -> json.addProperty("image", i));
        client.ifPresent(c -> json.addProperty("client", c));
        preflight.ifPresent(found -> {
            JsonArray suites = new JsonArray();
            for (Suite suite : Suite.values()) {
                SuiteSupport support = found.suites().get(suite);
                if (support != null) {
                    JsonObject item = new JsonObject();
                    item.addProperty("suite", suite.wireName());
                    item.addProperty("status", support.status().reportName());
                    item.addProperty("helloAccepted", support.helloAccepted());
                    item.addProperty("detail", support.detail());
                    suites.add(item);
                }
            }
            json.add("suites", suites);
            found.unusable().ifPresent(why -> json.addProperty("unusable", why));
            json.addProperty("oneConnectionAtATime", found.oneAtATime());
        });
        return json;
    }

    /** The inverse of {@link #toJson()}. */
    public static TargetDescription fromJson(JsonObject json) {
        Optional<Preflight> preflight = Optional.empty();
        if (json.has("suites")) {
            Map<Suite, SuiteSupport> suites = new EnumMap<>(Suite.class);
            for (JsonElement element : json.getAsJsonArray("suites")) {
                JsonObject item = element.getAsJsonObject();
                Suite suite = Suite.fromWireName(item.get("suite").getAsString()).orElseThrow(
                        () -> new IllegalArgumentException("unknown suite " + item.get("suite")));
                SuiteSupport.Status status = SuiteSupport.Status.ofReportName(item.get("status").getAsString());
                suites.put(suite, new SuiteSupport(status, item.get("helloAccepted").getAsBoolean(),
                        item.get("detail").getAsString()));
            }
            preflight = Optional.of(new Preflight(suites, text(json, "unusable"),
                    json.get("oneConnectionAtATime").getAsBoolean()));
        }
        return new TargetDescription(Kind.ofJsonName(json.get("kind").getAsString()), text(json, "address"),
                text(json, "image"), preflight, text(json, "client"));
    }

    /** The JSON form as one line, for a JUnit report entry. */
    public String encode() {
        return toJson().toString();
    }

    public static TargetDescription decode(String text) {
        return fromJson(JsonParser.parseString(text).getAsJsonObject());
    }

    private static Optional<String> text(JsonObject json, String name) {
        return json.has(name) ? Optional.of(json.get(name).getAsString()) : Optional.empty();
    }
}
