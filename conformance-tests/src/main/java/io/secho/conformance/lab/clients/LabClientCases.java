package io.secho.conformance.lab.clients;

import io.secho.conformance.CaseBlocked;
import io.secho.conformance.CaseSkipped;
import io.secho.conformance.ConformanceCase;
import io.secho.conformance.ConformanceExtension;
import io.secho.conformance.ConformanceFailure;
import io.secho.conformance.clients.ClientRunResult;
import io.secho.conformance.clients.server.SeededBytes;
import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The lab profile's client cases (spec/lab-profile.md section 11): {@code --profile lab --client-command "CMD ..."}
 * checks a lab client ({@code Client_sec.py}, {@code Client_dh.py}, or a port of them) against the harness's own lab
 * test server, which speaks the lab protocol with the run's knobs. LAB-017 judges the run's first session, a whole
 * one; each other case first makes sure the client talks to a lab server at all (BLOCKED otherwise, finding
 * nothing), then sends its probe: a forged reply, a reply whose first byte is 0x0a, or several records whose nonces
 * it compares. Each weakness is a fault of the client (MUST).
 */
@DisplayName("Lab profile: clients")
@ExtendWith(ConformanceExtension.class)
class LabClientCases {
    private static final List<String> FORGERY_MESSAGES = List.of("before the forgery", "forged reply",
            "after the forgery");
    private static final List<String> NEWLINE_MESSAGES = List.of("before the newline", "newline first",
            "after the newline");
    private static final List<String> NONCE_MESSAGES = List.of("one", "two", "three", "four", "five");
    /** LAB-W1 across sessions is a sec variant matter: its key never changes. */
    private static final int SEC_SESSIONS = 2;

    @Test
    @DisplayName("the client talks to a correct lab server: (dh: the key exchange), every message a record that opens, "
            + "every reply printed exactly, the end marker 0x0a, exit status 0")
    @ConformanceCase(id = "LAB-017", requirements = {Req.LAB_R1, Req.LAB_R2, Req.LAB_R3, Req.LAB_R4, Req.LAB_R5},
            endings = "the end marker 0x0a, then FIN")
    void talksToALabServer(LabClientContext context) {
        LabClientOutcome outcome = context.firstSession();
        LabKnobs knobs = context.knobs();
        LabSession session = outcome.session();
        List<String> messages = outcome.messages();
        String sent = "a lab session (" + knobs.describe() + ") that answers each of the " + messages.size()
                + " messages with its text upper-cased";
        if (!session.connected) {
            throw context.failWith(Req.LAB_R1, "the client connects to the test server and sends its messages",
                    outcome.describe(), sent);
        }
        if (knobs.dh()) {
            checkKeyExchange(context, outcome, sent);
        }
        for (int index = 0; index < messages.size(); index++) {
            checkRecord(context, outcome, index, sent);
        }
        context.evidence("each of the " + messages.size() + " messages arrived as one record that opens under the "
                + "session key to the UTF-8 of its line");
        ClientRunResult client = outcome.client().orElseThrow();
        if (client.killed()) {
            throw context.failWith(Req.LAB_R5, "the client ends its session and exits once its input ends",
                    outcome.describe(), sent);
        }
        List<String> replies = session.replies();
        List<byte[]> printed = outcome.printed();
        boolean exact = printed.size() == replies.size();
        for (int i = 0; exact && i < replies.size(); i++) {
            exact = Arrays.equals(printed.get(i), LabClientContext.utf8(replies.get(i)));
        }
        if (!exact) {
            throw context.failWith(Req.LAB_R4, "each reply printed exactly, on a line of its own, and nothing else: "
                    + replies.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", ")),
                    "printed " + outcome.printedText() + "; " + outcome.clientDescription(), sent);
        }
        context.evidence("the client printed each reply exactly, a line each");
        if (session.ending != LabSession.Ending.END_MARKER || session.stray.isPresent()) {
            throw context.failWith(Req.LAB_R5,
                    "after the last reply, the end marker 0x0a alone, then the connection closed",
                    "after the last reply: " + session.stray.map(b -> b.length + " bytes that are no end marker, then ")
                            .orElse("") + session.ending.description() + "; " + outcome.clientDescription(), sent);
        }
        context.evidence("the client ended the session with the end marker 0x0a");
        if (!client.success()) {
            throw context.failWith(Req.LAB_R5, "exit status 0: the session ended cleanly (the client contract)",
                    client.exitDescription() + "; " + outcome.clientDescription(), sent);
        }
        context.evidence("the client exited with status 0");
    }

    private static void checkKeyExchange(LabClientContext context, LabClientOutcome outcome, String sent) {
        LabKnobs knobs = context.knobs();
        LabSession session = outcome.session();
        if (session.keyProblem.isPresent()) {
            String hint = knobs.serverSendsKeyFirst() ? ""
                    : session.keyProblem.get().startsWith("nothing came") ? "; if the client waits for the server's key "
                    + "first, give --server-sends-key-first" : "";
            throw context.failWith(Req.LAB_R2, "the client's DH public key in RFC 3526 group 14, as an X.509 "
                    + "SubjectPublicKeyInfo (PEM or DER, PKCS#3 or X9.42)" + (knobs.serverSendsKeyFirst()
                    ? ", after the server's" : ", sent first"), session.keyProblem.get() + hint + "; "
                    + outcome.clientDescription(), sent);
        }
        context.evidence("the client sent its DH public key (" + session.clientKey.orElse("?") + ")");
    }

    private static void checkRecord(LabClientContext context, LabClientOutcome outcome, int index, String sent) {
        LabSession session = outcome.session();
        String message = outcome.messages().get(index);
        Optional<LabSession.Exchange> exchange = session.exchange(index);
        if (exchange.isEmpty()) {
            throw context.failWith(Req.LAB_R1, "message " + (index + 1) + " (\"" + message + "\") sent as one record",
                    "after " + index + " record(s): " + session.ending.description() + "; " + outcome.describe(), sent);
        }
        if (!exchange.get().opened()) {
            LabKnobs knobs = context.knobs();
            List<String> rules = Req.ids(knobs.dh() ? new Req[] {Req.LAB_R2, Req.LAB_R3} : new Req[] {Req.LAB_R3});
            String check = knobs.dh() ? "--hkdf-info, --nonce-length, --aad" : "the key file (--key-file, "
                    + "--key-file-format), --nonce-length, --aad";
            throw ConformanceFailure.of(rules, "message " + (index + 1) + " as a record: nonce (" + knobs.nonceLength()
                    + " bytes) || AES-GCM ciphertext || tag, under the session key", "record " + (index + 1) + " "
                    + exchange.get().problem().orElse("") + " (check " + check + "); " + outcome.describe(), sent,
                    context.trace());
        }
        byte[] plaintext = exchange.get().plaintext().orElseThrow();
        if (!Arrays.equals(plaintext, LabClientContext.utf8(message))) {
            throw context.failWith(Req.LAB_R3, "record " + (index + 1) + " carries the UTF-8 of its line \"" + message
                    + "\"", "it opened to " + ClientRunResult.quoteLine(plaintext) + "; " + outcome.describe(), sent);
        }
    }

    @Test
    @DisplayName("a reply with a forged tag is not printed: the client reports an error or stops")
    @ConformanceCase(id = "LAB-018", requirements = {Req.LAB_W2})
    void forgedReplyIsNotPrinted(LabClientContext context) {
        requireSealedReplies(context, "there is no tag to forge");
        context.requireFirstSessionTalked();
        int bit = new SeededBytes("secho-conformance lab client/" + context.target().seed() + "/" + context.caseId()
                + "/bit").next(1)[0] & 0x7f;
        LabClientOutcome outcome = context.run(FORGERY_MESSAGES, LabServerScript.forgeReply(1, bit));
        context.requireTalked(outcome);
        LabSession.Reply forged = requireReplied(outcome, 1, "the forged reply was never sent");
        String sent = "the reply to record 2, \"" + forged.text() + "\", sealed, with bit " + bit + " of its tag "
                + "flipped";
        // After the first reply, the only line a client may print is the reply to its third message, if it went on.
        Optional<String> third = outcome.session().exchange(2).flatMap(LabSession.Exchange::reply)
                .map(LabSession.Reply::text);
        List<byte[]> printed = outcome.printed();
        for (byte[] line : printed.subList(1, printed.size())) {
            if (Arrays.equals(line, LabClientContext.utf8(forged.text()))) {
                throw context.finding(Req.LAB_W2, "the client prints a reply whose tag does not verify", "it printed \""
                        + forged.text() + "\", the text of the reply whose tag does not verify; it does not check the "
                        + "tag, or ignores the check; " + outcome.describe(), sent);
            }
            if (third.isEmpty() || !Arrays.equals(line, LabClientContext.utf8(third.get()))) {
                throw context.finding(Req.LAB_W2, "the client prints something for a reply whose tag does not verify",
                        "it printed " + ClientRunResult.quoteLine(line) + " where the forged reply came: a line on "
                        + "standard output is a reply to its user (errors go to standard error); " + outcome.describe(),
                        sent);
            }
        }
        context.evidence("the client printed nothing for the reply whose tag does not verify ("
                + outcome.clientDescription() + ")");
    }

    @Test
    @DisplayName("the client's records never repeat a nonce: within a session, and (sec) across two sessions")
    @ConformanceCase(id = "LAB-019", requirements = {Req.LAB_W1})
    void noNonceIsUsedTwice(LabClientContext context) {
        context.requireFirstSessionTalked();
        LabKnobs knobs = context.knobs();
        int sessions = knobs.dh() ? 1 : SEC_SESSIONS;
        Map<String, Use> used = new HashMap<>();
        int compared = 0;
        for (int number = 1; number <= sessions; number++) {
            LabClientOutcome outcome = context.run(NONCE_MESSAGES, LabServerScript.correct());
            context.requireTalked(outcome);
            List<LabSession.Exchange> opened = outcome.session().exchanges.stream().filter(LabSession.Exchange::opened)
                    .toList();
            if (opened.size() < 2) {
                throw new CaseBlocked("the client sent fewer than two records that open in a session",
                        LabClientContext.SESSION_CASE, "no nonces to compare; " + outcome.describe());
            }
            String of = sessions > 1 ? " of session " + number : "";
            for (LabSession.Exchange exchange : opened) {
                String nonce = HexFormat.of().formatHex(exchange.nonce(knobs.nonceLength()));
                String where = "record " + (exchange.index() + 1) + of;
                Use earlier = used.get(nonce);
                if (earlier != null) {
                    throw context.finding(Req.LAB_W1, "nonce reuse: the client's record carries a nonce used before "
                            + "under the same key", where + " carries the nonce " + nonce + ", which " + earlier.where()
                            + " carried" + (earlier.session() != number ? "; the sec variant's key never changes, so "
                            + "a nonce must not come back in a later session" : "") + "; " + outcome.describe(),
                            sessions + (sessions == 1 ? " session" : " sessions") + " of " + NONCE_MESSAGES.size()
                            + " messages" + (sessions > 1 ? " under the fixed key" : ""));
                }
                used.put(nonce, new Use(where, number));
                Optional<byte[]> replyNonce = exchange.reply().flatMap(LabSession.Reply::nonce);
                if (replyNonce.isPresent()) {
                    used.putIfAbsent(HexFormat.of().formatHex(replyNonce.get()), new Use("the test server's reply to "
                            + where, number));
                }
                compared++;
            }
        }
        context.evidence(compared + " records carried " + compared + " distinct nonces, none of them a reply's"
                + (sessions > 1 ? ", across " + sessions + " sessions under the fixed key" : ""));
    }

    @Test
    @DisplayName("a valid reply whose first byte is 0x0a is printed, and the session goes on")
    @ConformanceCase(id = "LAB-020", requirements = {Req.LAB_W3})
    void newlineFirstReplyDoesNotEndTheSession(LabClientContext context) {
        requireSealedReplies(context, "no reply begins with 0x0a (a message never holds a line end)");
        context.requireFirstSessionTalked();
        LabClientOutcome outcome = context.run(NEWLINE_MESSAGES, LabServerScript.newlineFirstReply(1));
        context.requireTalked(outcome);
        LabSession.Reply reply = requireReplied(outcome, 1, "the reply whose first byte is 0x0a was never sent");
        String sent = "the reply to record 2, \"" + reply.text() + "\", sealed under the nonce "
                + HexFormat.of().formatHex(reply.nonce().orElseThrow()) + " (a valid record whose first byte is 0x0a)";
        LabSession session = outcome.session();
        if (session.exchange(2).isEmpty()) {
            throw context.finding(Req.LAB_W3, "a reply whose first byte is 0x0a ends the client's session",
                    "after that reply the client sent " + session.ending.description() + " instead of its third "
                    + "message; " + outcome.describe(), sent);
        }
        if (!outcome.printedAt(1, reply.text())) {
            throw context.finding(Req.LAB_W3, "a reply whose first byte is 0x0a is not taken for a reply",
                    "the client did not print \"" + reply.text() + "\" as its second line; printed "
                    + outcome.printedText() + "; " + outcome.describe(), sent);
        }
        context.evidence("the client printed the reply whose first byte is 0x0a and sent its third message");
    }

    /** Where a nonce was used: a record of the client's or a reply, and in which session. */
    private record Use(String where, int session) {
    }

    /** With {@code --plaintext-replies} a reply has no nonce and no tag: the probes about them do not apply. */
    private static void requireSealedReplies(LabClientContext context, String why) {
        if (context.knobs().plaintextReplies()) {
            throw new CaseSkipped("the test server answers in plaintext (--plaintext-replies): " + why);
        }
    }

    /** The reply the case's probe is, when the client got that far; BLOCKED otherwise. */
    private static LabSession.Reply requireReplied(LabClientOutcome outcome, int index, String otherwise) {
        Optional<LabSession.Exchange> exchange = outcome.session().exchange(index);
        if (exchange.isEmpty() || exchange.get().reply().isEmpty()) {
            throw new CaseBlocked("the client did not send message " + (index + 1) + " as a record that opens",
                    LabClientContext.SESSION_CASE, otherwise + "; " + outcome.describe());
        }
        return exchange.get().reply().get();
    }
}
