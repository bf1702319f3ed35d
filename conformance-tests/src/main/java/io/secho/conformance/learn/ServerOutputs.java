package io.secho.conformance.learn;

import io.secho.conformance.peer.AlertCode;

/**
 * The abstract output events of a server, named as in spec/secho-v1-server-model.json. One input's output is
 * its events in order joined by {@link MapperOutputs#join} ("Alert(bad_record_mac,encrypted)+FIN"), with the
 * words a client's outputs share (FIN, Reset, Nothing, Closed) in {@link MapperOutputs}.
 */
public final class ServerOutputs {
    public static final String SERVER_HELLO = "ServerHello";
    /** A ServerHello the client's checks of Table 7 refuse, or one nobody asked for. */
    public static final String SERVER_HELLO_BAD = "ServerHello(bad)";
    public static final String FINISHED = "Finished";
    /** A server Finished that does not verify (REQ-FIN-3), or one before any ServerHello. */
    public static final String FINISHED_WRONG = "Finished(wrong)";
    /** A data record whose payload is the spec's upper-casing of the request (REQ-ECHO-1). */
    public static final String ECHO = "Echo";
    public static final String DATA_WRONG = "Data(wrong)";
    public static final String CLOSE = "Close";
    /** Bytes that are no frame the client can read: unknown type, a record that does not open, a torn frame. */
    public static final String GARBAGE = "Garbage";
    /** The step limit passed while the server was still sending (a trickle or a flood): the mapper gives up. */
    public static final String TIMEOUT = "Timeout";

    private ServerOutputs() {
    }

    /** {@code Alert(<name>,plaintext|encrypted)}; a code Table 13 lacks shows as hex. */
    public static String alert(int code, boolean encrypted) {
        String name = AlertCode.fromCode(code).map(AlertCode::wireName).orElse(String.format("0x%02x", code));
        return "Alert(" + name + "," + (encrypted ? "encrypted" : "plaintext") + ")";
    }
}
