package io.secho.conformance.lab;

import io.secho.conformance.requirements.Req;

/**
 * The weaknesses of the lab protocol and its programs that the lab cases look for, as spec/lab-profile.md
 * defines them. {@code inherent}: every server that follows the lab protocol has it, so finding it says
 * nothing bad about this server in particular.
 */
public enum Weakness {
    NONCE_REUSE(Req.LAB_W1, "nonce reuse: a reply's nonce was used before under the same key", false),
    FORGED_TAG_ECHOED(Req.LAB_W2, "a record with a forged tag is echoed", false),
    NEWLINE_ENDS_SESSION(Req.LAB_W3, "a record whose first byte is 0x0a is taken for the end marker", false),
    FROZEN_AFTER_ABRUPT_DISCONNECT(Req.LAB_W4, "frozen after an abrupt disconnect", false),
    SPLIT_MESSAGE_MANGLED(Req.LAB_W5, "a message split across TCP writes is mangled (no framing)", true),
    BAD_RECORD_STOPS_SERVER(Req.LAB_W6, "one bad record stops the server", false),
    REPLAY_ACCEPTED(Req.LAB_W7, "a replayed record is echoed again (no sequence numbers)", true),
    PLAINTEXT_REPLIES(Req.LAB_W11, "plaintext replies: the reply gives the message away", false),
    DH_KEY_PAIR_REUSED(Req.LAB_W13, "one DH key pair for every session (no forward secrecy between sessions)", false);

    private final Req id;
    private final String title;
    private final boolean inherent;

    Weakness(Req id, String title, boolean inherent) {
        this.id = id;
        this.title = title;
        this.inherent = inherent;
    }

    public String id() {
        return id.id();
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
