package io.secho.conformance.learn;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a client under test sent in one step into the abstract output of the client model
 * (spec/secho-v1-client-model.json), normalising the legal choices a client has, so that every conforming client
 * learns to the same model. One instance per query: it remembers the query's outstanding request and a Close held
 * back. Pure: no I/O, so each rule is unit-tested on its own.
 */
final class ClientOutputs {
    static final String FINISHED = "Finished";
    static final String DATA = "Data";
    static final String CLOSE = "Close";
    static final String REPLY_INPUT = "Data(valid)";
    static final String CLOSE_INPUT = "Close";
    /** REQ-CLOSE-10: what a client that has not sent its Close answers the server's Close with. */
    static final String UNEXPECTED_CLOSE_ANSWER = "Alert(unexpected_message,encrypted)";

    /** How a step's reading ended. */
    enum Ending {
        /** Nothing more within the quiescence window: the connection is still open. */
        QUIET,
        /** EOF: the client half-closed or closed its side. */
        FIN,
        /** A TCP reset (or another transport failure). */
        RESET
    }

    /** Requests the client sent that the mapper has not answered with Data(valid). */
    private int outstanding;
    /** The client's Close, sent while its request was outstanding (pipelined) and not yet reported. */
    private boolean heldClose;

    /**
     * The abstract output of one step.
     *
     * @param input  the abstract input the mapper sent in this step
     * @param tokens what the client sent, one token a frame, in order ("Finished", "Data", "Close",
     *               "Alert(code,encrypted)" ...)
     * @param ending how the reading ended
     */
    String output(String input, List<String> tokens, Ending ending) {
        boolean replied = input.equals(REPLY_INPUT) && outstanding > 0;
        if (replied) {
            outstanding--;
        }
        List<String> sent = new ArrayList<>();
        for (String token : tokens) {
            if (token.equals(DATA)) {
                outstanding++;
            }
            if (token.equals(CLOSE) && outstanding > 0 && !heldClose) {
                // REQ-HS-9 lets a client send on without waiting: its Close right after its request. Reported with
                // the step that delivers its last reply, where a client that waits sends it (outputNotes "Close").
                heldClose = true;
                continue;
            }
            sent.add(token);
        }
        if (replied && outstanding == 0 && heldClose) {
            sent.add(0, CLOSE);
            heldClose = false;
        }
        if (input.equals(CLOSE_INPUT) && heldClose && outstanding > 0 && sent.isEmpty() && ending == Ending.FIN) {
            // REQ-CLOSE-11 for the client that pipelined its Close is REQ-CLOSE-10 for one that did not.
            sent.add(UNEXPECTED_CLOSE_ANSWER);
        }
        if (ending != Ending.QUIET) {
            heldClose = false;
        }
        return join(sent, ending);
    }

    private static String join(List<String> sent, Ending ending) {
        List<String> parts = new ArrayList<>(sent);
        switch (ending) {
            case FIN -> parts.add(MapperOutputs.FIN);
            case RESET -> parts.add(MapperOutputs.RESET);
            case QUIET -> {
                // An empty step is Nothing: MapperOutputs.join says so.
            }
            default -> throw new IllegalStateException("ending " + ending);
        }
        return MapperOutputs.join(parts);
    }
}
