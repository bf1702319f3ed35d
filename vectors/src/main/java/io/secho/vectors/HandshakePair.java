package io.secho.vectors;

import io.secho.alert.ProtocolException;
import io.secho.handshake.ClientHandshake;
import io.secho.handshake.ClientHello;
import io.secho.handshake.Finished;
import io.secho.handshake.HandshakeResult;
import io.secho.handshake.KeyAgreement;
import io.secho.handshake.ServerHandshake;
import io.secho.keyschedule.KeySchedule;
import io.secho.keyschedule.SessionSecrets;
import io.secho.wire.Frame;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

/** One handshake run in memory between the reference client and server state machines, both results kept. */
record HandshakePair(HandshakeInputs inputs, HandshakeResult client, HandshakeResult server) {

    static HandshakePair run(HandshakeInputs inputs) {
        ScriptedRandomBytes clientDraws = inputs.clientDraws();
        ScriptedRandomBytes serverDraws = inputs.serverDraws();
        try {
            ClientHandshake client = new ClientHandshake(inputs.suite(), inputs.preSharedKey(), clientDraws);
            ServerHandshake server = new ServerHandshake(EnumSet.of(inputs.suite()), inputs.preSharedKey(), serverDraws);
            Frame clientHello = client.clientHello();
            List<Frame> flight = server.onClientHello(Frame.parse(clientHello.encode()));
            client.onServerHello(Frame.parse(flight.get(0).encode()));
            HandshakeResult clientResult = client.onServerFinished(Frame.parse(flight.get(1).encode()));
            HandshakeResult serverResult = server.onClientFinished(Frame.parse(clientResult.clientFinishedFrame()));
            clientDraws.assertExhausted();
            serverDraws.assertExhausted();
            HandshakePair pair = new HandshakePair(inputs, clientResult, serverResult);
            pair.assertAgreement();
            return pair;
        } catch (ProtocolException e) {
            throw new IllegalStateException("the reference implementation rejected its own handshake: " + e, e);
        }
    }

    /**
     * A handshake in which the client's hello carries {@code clientShare} in place of the share its private
     * key gives (for shares that must be accepted as equivalent, such as bit 255 set). The server is the
     * reference state machine; the client side is computed from the same primitives it uses.
     */
    static HandshakePair runWithClientShare(HandshakeInputs inputs, byte[] clientShare) {
        ScriptedRandomBytes serverDraws = inputs.serverDraws();
        try {
            ServerHandshake server = new ServerHandshake(EnumSet.of(inputs.suite()), inputs.preSharedKey(), serverDraws);
            Frame clientHello = new ClientHello(inputs.suite(), inputs.clientRandom(), clientShare).toFrame();
            List<Frame> flight = server.onClientHello(clientHello);
            serverDraws.assertExhausted();
            byte[] clientHelloFrame = clientHello.encode();
            byte[] serverHelloFrame = flight.get(0).encode();
            byte[] serverFinishedFrame = flight.get(1).encode();
            byte[] secret = KeyAgreement.sharedSecret(inputs.suite().newKeyExchange(
                    new ScriptedRandomBytes(List.of(inputs.clientPrivateKey())), inputs.preSharedKey()),
                    keyShare(serverHelloFrame));
            SessionSecrets secrets = KeySchedule.derive(secret, clientHelloFrame, serverHelloFrame);
            Finished.decode(Arrays.copyOfRange(serverFinishedFrame, 3, serverFinishedFrame.length))
                    .verify(secrets.serverVerifyData(), "server");
            byte[] th2 = KeySchedule.transcriptHash2(clientHelloFrame, serverHelloFrame, serverFinishedFrame);
            byte[] clientFinishedFrame = new Finished(KeySchedule.clientVerifyData(secrets, th2)).toFrame().encode();
            HandshakeResult clientResult = new HandshakeResult(inputs.suite(), clientHelloFrame, serverHelloFrame,
                    serverFinishedFrame, clientFinishedFrame, secret, secrets, th2);
            HandshakeResult serverResult = server.onClientFinished(Frame.parse(clientFinishedFrame));
            HandshakePair pair = new HandshakePair(inputs, clientResult, serverResult);
            pair.assertAgreement();
            return pair;
        } catch (ProtocolException e) {
            throw new IllegalStateException("the reference implementation rejected the handshake: " + e, e);
        }
    }

    private void assertAgreement() {
        boolean same = Arrays.equals(client.clientHelloFrame(), server.clientHelloFrame())
                && Arrays.equals(client.serverHelloFrame(), server.serverHelloFrame())
                && Arrays.equals(client.serverFinishedFrame(), server.serverFinishedFrame())
                && Arrays.equals(client.clientFinishedFrame(), server.clientFinishedFrame())
                && Arrays.equals(client.sharedSecret(), server.sharedSecret())
                && Arrays.equals(client.secrets().pseudoRandomKey(), server.secrets().pseudoRandomKey());
        if (!same) {
            throw new IllegalStateException("client and server disagree on the handshake");
        }
    }

    /** The key share in a hello frame (the bytes after the 3-byte header and the 37-byte fixed part). */
    static byte[] keyShare(byte[] helloFrame) {
        return Arrays.copyOfRange(helloFrame, 3 + 37, helloFrame.length);
    }
}
