package io.secho.conformance.learn;

import io.secho.cli.SechoCli;
import io.secho.conformance.clients.ClientCommand;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Map;

/**
 * The reference client run on a thread of the test's JVM, without a JVM start per query: the same code and
 * arguments as {@link ClientCommand#reference()}, its output discarded (the model judges what it sends). Test
 * code only: the harness's main code starts the reference client as a command (no use of the reference's CLI).
 */
final class InProcessReferenceClient {
    private InProcessReferenceClient() {
    }

    /** @param timeout the client's {@code --timeout}, its wait for the server (REQ-LIM-8) */
    static ClientUnderTest.InProcess withTimeout(String timeout) {
        ClientCommand arguments = new ClientCommand(ClientCommand.referenceClientArguments(timeout),
                "the reference client, in-process");
        return new ClientUnderTest.InProcess("the reference client, in-process (" + ClientCommand.REFERENCE_MAIN
                + " client, --timeout " + timeout + ")", (host, port, suite, pskFile, stdin) ->
                SechoCli.execute(arguments.resolve(host, port, suite.wireName(), pskFile).toArray(String[]::new),
                        stdin, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), Map.of()),
                ClientUnderTest.InProcess.DEFAULT_END_WAIT);
    }

    /** With the timeout of {@code --client-reference}. */
    static ClientUnderTest.InProcess create() {
        return withTimeout(ClientCommand.REFERENCE_TIMEOUT);
    }
}
