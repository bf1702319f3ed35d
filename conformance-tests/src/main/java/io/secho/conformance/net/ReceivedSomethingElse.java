package io.secho.conformance.net;

/** The server answered, but not with what the case expected; the message says both. */
public final class ReceivedSomethingElse extends Exception {
    private final String expected;
    private final String received;

    public ReceivedSomethingElse(String expected, String received) {
        super("expected " + expected + ", received " + received);
        this.expected = expected;
        this.received = received;
    }

    public String expected() {
        return expected;
    }

    public String received() {
        return received;
    }
}
