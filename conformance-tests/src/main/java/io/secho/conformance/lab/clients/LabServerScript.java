package io.secho.conformance.lab.clients;

import java.util.OptionalInt;

/**
 * Where the lab test server departs from the lab protocol in one run, on purpose: the reply to one message with
 * one bit of its tag flipped (LAB-W2), or sealed under a nonce that begins and ends with 0x0a (LAB-W3). Every other
 * reply is the upper-cased message sealed under a fresh random nonce whose first byte is not 0x0a.
 *
 * @param forgedReply  the index of the message whose reply has a forged tag
 * @param forgedBit    which bit of the tag is flipped, 0..127
 * @param newlineReply the index of the message whose reply's nonce begins (and ends) with 0x0a
 */
record LabServerScript(OptionalInt forgedReply, int forgedBit, OptionalInt newlineReply) {
    static LabServerScript correct() {
        return new LabServerScript(OptionalInt.empty(), 0, OptionalInt.empty());
    }

    static LabServerScript forgeReply(int index, int bit) {
        return new LabServerScript(OptionalInt.of(index), bit, OptionalInt.empty());
    }

    static LabServerScript newlineFirstReply(int index) {
        return new LabServerScript(OptionalInt.empty(), 0, OptionalInt.of(index));
    }

    boolean forges(int index) {
        return forgedReply.isPresent() && forgedReply.getAsInt() == index;
    }

    boolean newlineFirst(int index) {
        return newlineReply.isPresent() && newlineReply.getAsInt() == index;
    }
}
