package io.secho.conformance.lab;

/**
 * The weaknesses of the lab protocol and its programs that the lab cases look for, as spec/lab-profile.md
 * defines them. {@code inherent}: every server that follows the lab protocol has it, so finding it says
 * nothing bad about this server in particular.
 */
public enum Weakness {
    NONCE_REUSE("LAB-W1", "nonce reuse: a reply's nonce was used before under the same key", false),
    FORGED_TAG_ECHOED("LAB-W2", "a record with a forged tag is echoed", false),
    NEWLINE_ENDS_SESSION("LAB-W3", "a record whose first byte is 0x0a is taken for the end marker", false),
    FROZEN_AFTER_ABRUPT_DISCONNECT("LAB-W4", "frozen after an abrupt disconnect", false),
    SPLIT_MESSAGE_MANGLED("LAB-W5", "a message split across TCP writes is mangled (no framing)", true),
    BAD_RECORD_STOPS_SERVER("LAB-W6", "one bad record stops the server", false),
    REPLAY_ACCEPTED("LAB-W7", "a replayed record is echoed again (no sequence numbers)", true),
    PLAINTEXT_REPLIES("LAB-W11", "plaintext replies: the reply gives the message away", false),
    DH_KEY_PAIR_REUSED("LAB-W13", "one DH key pair for every session (no forward secrecy between sessions)", false);

    private final String id;
    private final String title;
    private final boolean inherent;

    Weakness(String id, String title, boolean inherent) {
        this.id = id;
        this.title = title;
        this.inherent = inherent;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public boolean inherent() {
        return inherent;
    }

    /** What a finding says about whom it blames. */
    public String blame() {
        return inherent ? "inherent in the lab protocol: every lab server has it" : "a fault of this server";
    }
}
