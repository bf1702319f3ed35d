package io.secho.conformance.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.secho.conformance.learn.ClientOutputs.Ending;
import io.secho.conformance.peer.AlertCode;
import io.secho.conformance.peer.AlertMessage;
import io.secho.conformance.peer.Direction;
import io.secho.conformance.peer.Finished;
import io.secho.conformance.peer.InnerType;
import io.secho.conformance.peer.RecordForge;
import io.secho.conformance.peer.RecordSealer;
import io.secho.conformance.peer.TrafficKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the client mapper names what a client sent, and how it normalises a client's legal choices. */
final class ClientOutputsTest {
    private static final String MESSAGE = "hello";
    private static final TrafficKeys C2S = new TrafficKeys(filled(32, 1), filled(4, 2));
    private static final byte[] VERIFY_DATA = filled(Finished.LENGTH, 3);

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static ClientFrameTokens tokensWithKeys() {
        ClientFrameTokens tokens = new ClientFrameTokens(MESSAGE.getBytes(StandardCharsets.UTF_8));
        tokens.keys(VERIFY_DATA, C2S);
        return tokens;
    }

    private static List<String> accept(ClientFrameTokens tokens, byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        byte[] bytes = all.toByteArray();
        return tokens.accept(bytes, bytes.length);
    }

    // ---- Naming each frame -----------------------------------------------------------------------------------

    @Test
    void theReferenceClientsFlightIsFinishedThenData() {
        RecordSealer client = new RecordSealer(C2S, Direction.CLIENT_TO_SERVER);
        List<String> tokens = accept(tokensWithKeys(), new Finished(VERIFY_DATA).toFrame().encode(),
                client.sealEncoded(InnerType.DATA, MESSAGE.getBytes(StandardCharsets.UTF_8)),
                client.sealEncoded(InnerType.CLOSE, new byte[0]),
                client.sealEncoded(InnerType.ALERT, AlertMessage.encode(AlertCode.BAD_RECORD_MAC)));
        assertEquals(List.of("Finished", "Data", "Close", "Alert(bad_record_mac,encrypted)"), tokens);
    }

    @Test
    void wrongContentIsNamedAsWrong() {
        byte[] wrongVerify = VERIFY_DATA.clone();
        wrongVerify[0] ^= 1;
        RecordSealer client = new RecordSealer(C2S, Direction.CLIENT_TO_SERVER);
        List<String> tokens = accept(tokensWithKeys(), new Finished(wrongVerify).toFrame().encode(),
                client.sealEncoded(InnerType.DATA, "HELLO".getBytes(StandardCharsets.UTF_8)),
                // seq 5 where 1 is due: genuine but out of sequence
                RecordForge.with(C2S).sequence(5).innerType(InnerType.CLOSE).encode());
        assertEquals(List.of("Finished(wrong)", "Data(wrong)", "BadRecord"), tokens);
    }

    @Test
    void plaintextAlertsAndRecordsBeforeKeysAreNamed() {
        ClientFrameTokens tokens = new ClientFrameTokens(MESSAGE.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("Alert(illegal_parameter,plaintext)", "Alert(0x7f,plaintext)", "BadRecord"),
                accept(tokens, AlertMessage.plaintextFrame(AlertCode.ILLEGAL_PARAMETER).encode(),
                        new byte[] {4, 0, 1, 0x7f}, RecordForge.with(C2S).encode()));
    }

    @Test
    void aFrameSplitOverReadsIsNamedOnceComplete() {
        ClientFrameTokens tokens = tokensWithKeys();
        byte[] alert = AlertMessage.plaintextFrame(AlertCode.HANDSHAKE_FAILURE).encode();
        assertEquals(List.of(), tokens.accept(alert, 2));
        assertTrue(tokens.midFrame());
        byte[] rest = Arrays.copyOfRange(alert, 2, alert.length);
        assertEquals(List.of("Alert(handshake_failure,plaintext)"), tokens.accept(rest, rest.length));
    }

    @Test
    void anUnknownTypeOrAnOversizedHeaderEndsFraming() {
        ClientFrameTokens tokens = tokensWithKeys();
        assertEquals(List.of("Garbage"), accept(tokens, new byte[] {0x09, 0, 1, 0}));
        assertEquals(List.of(), accept(tokens, AlertMessage.plaintextFrame(AlertCode.TIMEOUT).encode()));
        assertEquals(List.of("Garbage"), accept(tokensWithKeys(), new byte[] {0x05, (byte) 0xff, (byte) 0xff}));
    }

    // ---- The step's output -------------------------------------------------------------------------------------

    @Test
    void quietEofAndResetEndTheOutput() {
        ClientOutputs outputs = new ClientOutputs();
        assertEquals("Nothing", outputs.output("ServerHello(valid)", List.of(), Ending.QUIET));
        assertEquals("Alert(handshake_failure,plaintext)+FIN",
                outputs.output("Finished(wrong)", List.of("Alert(handshake_failure,plaintext)"), Ending.FIN));
        assertEquals("FIN", new ClientOutputs().output("PlaintextAlert", List.of(), Ending.FIN));
        assertEquals("Reset", new ClientOutputs().output("Close", List.of(), Ending.RESET));
    }

    /** The reference's order: Close only after its reply. */
    @Test
    void aClientThatWaitsForItsReplyClosesAfterIt() {
        ClientOutputs outputs = new ClientOutputs();
        assertEquals("Finished+Data", outputs.output("Finished(right)", List.of("Finished", "Data"), Ending.QUIET));
        assertEquals("Close", outputs.output("Data(valid)", List.of("Close"), Ending.QUIET));
        assertEquals("FIN", outputs.output("Close", List.of(), Ending.FIN));
    }

    /** A Close pipelined after the request is reported where the waiting client sends it. */
    @Test
    void aPipelinedCloseIsReportedWithTheReply() {
        ClientOutputs outputs = new ClientOutputs();
        assertEquals("Finished+Data",
                outputs.output("Finished(right)", List.of("Finished", "Data", "Close"), Ending.QUIET));
        assertEquals("Close", outputs.output("Data(valid)", List.of(), Ending.QUIET));
        assertEquals("FIN", outputs.output("Close", List.of(), Ending.FIN));
    }

    /** REQ-CLOSE-11 for the pipelining client is reported as REQ-CLOSE-10's answer of the waiting one. */
    @Test
    void theServersCloseBeforeTheReplyIsNormalisedForAPipelinedClose() {
        ClientOutputs pipelined = new ClientOutputs();
        pipelined.output("Finished(right)", List.of("Finished", "Data", "Close"), Ending.QUIET);
        assertEquals("Alert(unexpected_message,encrypted)+FIN", pipelined.output("Close", List.of(), Ending.FIN));

        ClientOutputs waiting = new ClientOutputs();
        waiting.output("Finished(right)", List.of("Finished", "Data"), Ending.QUIET);
        assertEquals("Alert(unexpected_message,encrypted)+FIN",
                waiting.output("Close", List.of("Alert(unexpected_message,encrypted)"), Ending.FIN));
        // A waiting client that only hangs up breaks REQ-CLOSE-10, and is reported as it is.
        ClientOutputs silent = new ClientOutputs();
        silent.output("Finished(right)", List.of("Finished", "Data"), Ending.QUIET);
        assertEquals("FIN", silent.output("Close", List.of(), Ending.FIN));
    }

    @Test
    void aHeldCloseIsDroppedWhenTheConnectionEndsFirst() {
        ClientOutputs outputs = new ClientOutputs();
        outputs.output("Finished(right)", List.of("Finished", "Data", "Close"), Ending.QUIET);
        assertEquals("Alert(bad_record_mac,encrypted)+FIN",
                outputs.output("Data(badTag)", List.of("Alert(bad_record_mac,encrypted)"), Ending.FIN));
    }

    /** Only the Data(valid) that answers the request releases a held Close; an unsolicited one does not count. */
    @Test
    void aSecondCloseOrAnUnansweredStepKeepsItsOwnTokens() {
        ClientOutputs outputs = new ClientOutputs();
        outputs.output("Finished(right)", List.of("Finished", "Data", "Close"), Ending.QUIET);
        assertEquals("Close", outputs.output("ServerHello(valid)", List.of("Close"), Ending.QUIET));
    }
}
