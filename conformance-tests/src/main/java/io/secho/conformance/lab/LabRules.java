package io.secho.conformance.lab;

/** The IDs of the lab protocol's rules in spec/lab-profile.md, which the lab cases cite. */
final class LabRules {
    /** TCP, one write per message, one read per message, the client speaks first. */
    static final String TRANSPORT = "LAB-R1";
    /** dh: public keys in group 14 as SubjectPublicKeyInfo, HKDF-SHA256 to the session key. */
    static final String KEY_EXCHANGE = "LAB-R2";
    /** nonce || ciphertext || tag under AES-GCM, a fresh nonce for every record. */
    static final String RECORD = "LAB-R3";
    /** The reply is Python's str.upper() of the message, sealed the same way (or plaintext, by the knob). */
    static final String ECHO = "LAB-R4";
    /** 0x0a alone ends the session; the server closes it and serves the next client. */
    static final String END = "LAB-R5";

    private LabRules() {
    }
}
