package io.secho.conformance.clients.server;

import io.secho.conformance.peer.HelloMessage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ServerHello a script sends: the right one unless a deviation point changes a field, the whole body, or the
 * secret the server derives its keys from (for a share that the client must accept although it is written
 * differently, REQ-KEX-3).
 */
public final class ServerHelloFields {
    int version = HelloMessage.VERSION_1;
    int suiteCode;
    byte[] random;
    byte[] share;
    int shareLength;
    byte[] body;
    byte[] secret;
    private final List<String> deviations = new ArrayList<>();

    ServerHelloFields(int suiteCode, byte[] random, byte[] share) {
        this.suiteCode = suiteCode;
        this.random = random.clone();
        this.share = share.clone();
        this.shareLength = share.length;
    }

    public ServerHelloFields version(int value) {
        version = value;
        deviations.add(String.format(Locale.ROOT, "version 0x%04x", value));
        return this;
    }

    public ServerHelloFields suite(int code) {
        suiteCode = code;
        deviations.add(String.format(Locale.ROOT, "suite 0x%02x", code));
        return this;
    }

    /** A key share of any length, with share_len to match. */
    public ServerHelloFields share(byte[] value, String what) {
        share = value.clone();
        shareLength = value.length;
        deviations.add("key share " + what);
        return this;
    }

    /** The share the server's own public share is, written another way: {@code secret} is what both derive. */
    public ServerHelloFields shareWithSecret(byte[] value, byte[] agreedSecret, String what) {
        share(value, what);
        secret = agreedSecret.clone();
        return this;
    }

    /** The whole body, as given (no field is encoded). */
    public ServerHelloFields body(byte[] value, String what) {
        body = value.clone();
        deviations.add("body " + what);
        return this;
    }

    /** The server's own public share (as the right ServerHello carries it). */
    public byte[] ownShare() {
        return share.clone();
    }

    /** The body as the fields so far make it. */
    public byte[] bytes() {
        if (body != null) {
            return body.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(version >>> 8);
        out.write(version);
        out.write(suiteCode);
        out.writeBytes(random);
        out.write(shareLength >>> 8);
        out.write(shareLength);
        out.writeBytes(share);
        return out.toByteArray();
    }

    String describe() {
        return deviations.isEmpty() ? "ServerHello" : "ServerHello with " + String.join(", ", deviations);
    }
}
