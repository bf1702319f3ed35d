package io.secho.conformance.clients.server;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the test server saw of one client: every frame it sent, decoded, and which of them came after the case's
 * probe; what the server sent from the probe on; whether the script stopped early and why; how the connection
 * ended and how long after the probe.
 *
 * @param probeIndex    how many frames came before the probe; -1 when the script never reached it
 * @param endedAfterMillis  from the probe to the end of the connection (FIN or reset); -1 when it did not end so
 * @param lateReset         the client reset the connection after its FIN, or while the server was still writing
 *                          (it closed with unread input): the FIN read before does not make the end orderly
 * @param clientHello       the ClientHello frame, when the client sent a valid one
 */
public record ServerTranscript(boolean connected, List<ClientFrame> frames, int probeIndex, String probe,
                               List<String> probeSent, Optional<ScriptStop> stop, ClientEnding ending,
                               long endedAfterMillis, boolean lateReset, Optional<byte[]> clientHello) {
    public ServerTranscript {
        frames = List.copyOf(frames);
        probeSent = List.copyOf(probeSent);
    }

    /** The client never connected to the test server. */
    static ServerTranscript neverConnected() {
        return new ServerTranscript(false, List.of(), -1, "", List.of(), Optional.empty(), ClientEnding.NEVER_CONNECTED,
                -1, false, Optional.empty());
    }

    public boolean probeReached() {
        return probeIndex >= 0;
    }

    /** The frames the client sent in answer to the probe. */
    public List<ClientFrame> answer() {
        return probeIndex < 0 ? List.of() : frames.subList(probeIndex, frames.size());
    }

    /** The script stopped before its probe: a precondition failed. */
    public Optional<ScriptStop> stoppedBeforeProbe() {
        return probeReached() ? Optional.empty() : stop;
    }

    /** The script stopped after its probe: the client's answer was not what a step needed. */
    public Optional<ScriptStop> stoppedAfterProbe() {
        return probeReached() ? stop : Optional.empty();
    }

    /** What the server sent as the probe, in words. */
    public String sent() {
        return probeSent.isEmpty() ? probe : String.join("; ", probeSent);
    }

    /** The client's answer frame by frame, then how the connection ended. */
    public String describeAnswer() {
        return describe(answer());
    }

    /** Every frame the client sent, then how the connection ended. */
    public String describeAll() {
        return describe(frames);
    }

    private String describe(List<ClientFrame> shown) {
        if (!connected) {
            return "the client never connected";
        }
        String sent = shown.isEmpty() ? "nothing" : shown.stream().map(ClientFrame::description)
                .collect(Collectors.joining("; "));
        return sent + ", then " + ending.description() + (endedAfterMillis >= 0 ? " " + endedAfterMillis
                + " ms after the probe" : "") + (lateReset ? " (and then a TCP reset: it closed with unread "
                + "input)" : "");
    }
}
