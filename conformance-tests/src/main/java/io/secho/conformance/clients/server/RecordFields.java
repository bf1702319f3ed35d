package io.secho.conformance.clients.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A record a script sends: a data record sealed with the s2c key, salt and the next seq unless a deviation point
 * changes the inner type, the payload, the key, the salt, the seq or the tag.
 */
public final class RecordFields {
    int innerType = Wire.INNER_DATA;
    byte[] payload = new byte[0];
    boolean clientKey;
    byte[] salt;
    Long seq;
    boolean flipTag;
    private final List<String> deviations = new ArrayList<>();
    private String content = "data \"\"";

    public RecordFields data(String text) {
        return data(text.getBytes(StandardCharsets.UTF_8), "\"" + text + "\"");
    }

    public RecordFields data(byte[] bytes, String what) {
        innerType = Wire.INNER_DATA;
        payload = bytes.clone();
        content = "data " + what;
        return this;
    }

    public RecordFields close() {
        innerType = Wire.INNER_CLOSE;
        payload = new byte[0];
        content = "Close";
        return this;
    }

    public RecordFields alert(int code) {
        innerType = Wire.INNER_ALERT;
        payload = new byte[] {(byte) code};
        content = "alert " + Wire.alertName(code);
        return this;
    }

    /** Any inner type and payload: the malformed records of REQ-REC-10. */
    public RecordFields inner(int type, byte[] bytes, String what) {
        innerType = type;
        payload = bytes.clone();
        content = what;
        return this;
    }

    /** Sealed with the c2s key and salt: the client's own direction (REQ-KS-4). */
    public RecordFields clientKey() {
        clientKey = true;
        deviations.add("sealed with the c2s key and salt");
        return this;
    }

    public RecordFields salt(byte[] value) {
        salt = value.clone();
        deviations.add("another salt (the tag is valid)");
        return this;
    }

    /** This seq instead of the next; the next record then takes the next seq as if this one were not sent. */
    public RecordFields seq(long value) {
        seq = value;
        deviations.add("seq " + value);
        return this;
    }

    public RecordFields forgeTag() {
        flipTag = true;
        deviations.add("a forged tag (one bit of it flipped)");
        return this;
    }

    String describe(long usedSeq) {
        String text = "record seq " + usedSeq + ": " + content;
        return deviations.isEmpty() ? text : text + String.format(Locale.ROOT, " (%s)", String.join(", ", deviations));
    }
}
