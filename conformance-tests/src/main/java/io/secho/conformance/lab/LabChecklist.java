package io.secho.conformance.lab;

import io.secho.lab.KeyFileFormat;
import io.secho.lab.LabCipher;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import io.secho.lab.LabVariant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * When LAB-001 gets no echo the run stops, and this says why in one list: what was observed about each
 * knob (how the key file was read, who spoke first, the reply's length and the nonce length it fits,
 * whether it is plaintext) and which option to try. It also opens the reply offline under the other
 * common settings, which costs no traffic and often names the knob outright.
 */
final class LabChecklist {
    private final LabContext context;
    private final LabProfile profile;
    private final List<String> lines = new ArrayList<>();

    private LabChecklist(LabContext context) {
        this.context = context;
        this.profile = context.profile();
    }

    /**
     * @param peer  the session, when one started (dh: the exchange worked)
     * @param reply what came back for {@code text}, when it was sent
     */
    static String forFirstEcho(LabContext context, String text, Optional<LabPeer> peer, Optional<LabReply> reply) {
        LabChecklist checklist = new LabChecklist(context);
        checklist.keyFile();
        checklist.firstWord(peer);
        reply.ifPresent(r -> checklist.reply(text, peer.orElseThrow(), r));
        checklist.add("or let the harness try the common settings: the same command with --lab-detect");
        return "the run stops here: every other case is BLOCKED and no weakness is judged. Checklist:\n  - "
                + String.join("\n  - ", checklist.lines);
    }

    private void add(String line) {
        lines.add(line);
    }

    private void keyFile() {
        LabTargetConfig config = context.target().config();
        if (profile.variant() != LabVariant.SEC) {
            add("the key comes from the DH exchange: " + LabProfileOptions.HKDF_INFO + " " + LabCommonSettings.quoted(
                    profile.hkdfInfo()) + ", " + LabProfileOptions.AAD + ", " + LabProfileOptions.NONCE_LENGTH
                    + " must match the server");
            return;
        }
        config.keyReading().ifPresent(reading -> add(reading + (otherReading().isPresent()
                ? "; try " + LabProfileOptions.KEY_FILE_FORMAT + " " + otherFormat(config.keyFileFormat(), config.key())
                : "")));
    }

    /** The key as the file's other reading gives it, when the file reads both ways. */
    private Optional<LabKey> otherReading() {
        LabTargetConfig config = context.target().config();
        if (config.key().isEmpty() || !config.key().get().ambiguous() || config.keyFile().isEmpty()) {
            return Optional.empty();
        }
        KeyFileFormat other = KeyFileFormat.parse(otherFormat(config.keyFileFormat(), config.key())).orElseThrow();
        try {
            return Optional.of(LabKey.fromFile(config.keyFile().get(), other));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** raw when the file was read as hex, hex when it was read raw. */
    private static String otherFormat(KeyFileFormat used, Optional<LabKey> key) {
        boolean readAsHex = used == KeyFileFormat.HEX || used == KeyFileFormat.AUTO
                && key.map(k -> k.source().startsWith("hex")).orElse(false);
        return readAsHex ? KeyFileFormat.RAW.optionName() : KeyFileFormat.HEX.optionName();
    }

    private void firstWord(Optional<LabPeer> peer) {
        if (profile.variant() == LabVariant.DH && profile.serverSendsKeyFirst()) {
            add("we waited for the server's key first (" + LabProfileOptions.SERVER_SENDS_KEY_FIRST
                    + "): drop the option if the server waits for the client's key");
        } else if (peer.map(LabPeer::listenedFirst).orElse(false)) {
            add("the server did not speak first: nothing came in the " + LabPeer.FIRST_WORD_WAIT.toMillis()
                    + " ms we listened before our first bytes" + (profile.variant() == LabVariant.DH ? ", so "
                    + LabProfileOptions.SERVER_SENDS_KEY_FIRST + " is not it" : ""));
        }
    }

    private void reply(String text, LabPeer peer, LabReply reply) {
        byte[] echo = LabPeer.utf8(LabPeer.upper(text));
        if (reply.empty()) {
            add((reply.silent() ? context.noAnswer() : "the server ended the connection (" + reply.describe() + ")")
                    + " instead of an echo: a server that cannot open our record (another key, "
                    + LabProfileOptions.NONCE_LENGTH + ", " + LabProfileOptions.AAD
                    + (profile.variant() == LabVariant.DH ? ", " + LabProfileOptions.HKDF_INFO : "")
                    + ") says nothing, closes, or crashes (then restart it before the next run)");
            return;
        }
        byte[] bytes = reply.bytes();
        if (profile.plaintextReplies()) {
            boolean sealed = LabPeer.opened(peer.cipher(), bytes).map(plain -> Arrays.equals(plain, echo)).orElse(false);
            add(sealed ? "the reply is the echo sealed under the session key: the server seals its replies; drop "
                    + LabProfileOptions.PLAINTEXT_REPLIES : "the reply is not the plaintext echo (" + reply.describe()
                    + ") that " + LabProfileOptions.PLAINTEXT_REPLIES + " expects");
            return;
        }
        if (Arrays.equals(bytes, echo)) {
            add("the reply is the plaintext echo \"" + LabPeer.upper(text) + "\": the server replies in plaintext; "
                    + "try " + LabProfileOptions.PLAINTEXT_REPLIES + " (the report then shows weakness "
                    + Weakness.PLAINTEXT_REPLIES.id() + ")");
            return;
        }
        int nonce = bytes.length - echo.length - LabProfile.TAG_LENGTH;
        add("the reply has " + bytes.length + " bytes: " + (LabCommonSettings.NONCE_LENGTHS.contains(nonce)
                ? "that fits a " + nonce + "-byte nonce (" + nonce + " + " + echo.length + "-byte echo + "
                + LabProfile.TAG_LENGTH + "-byte tag)" + (nonce == profile.nonceLength() ? "" : ": try "
                + LabProfileOptions.NONCE_LENGTH + " " + nonce)
                : "neither a 12- nor a 16-byte nonce around the " + echo.length + "-byte echo and a tag fits"));
        Optional<String> opens = opensUnder(peer, bytes, echo);
        add(opens.map(settings -> "it opens to the echo with " + settings + ": try those options").orElse(
                "it opens under none of the common settings tried offline (nonce 12 or 16 bytes, AAD none or "
                + "given" + (profile.variant() == LabVariant.DH ? ", HKDF info among the common ones"
                : otherReading().isPresent() ? ", either reading of the key file" : "") + ")"));
    }

    /** The first common setting under which the reply opens to the echo, as options; empty when none does. */
    private Optional<String> opensUnder(LabPeer peer, byte[] reply, byte[] echo) {
        List<byte[]> aads = profile.aad().length == 0 ? List.of(new byte[0]) : List.of(profile.aad(), new byte[0]);
        for (Candidate key : keys(peer)) {
            for (int nonce : LabCommonSettings.NONCE_LENGTHS) {
                for (byte[] aad : aads) {
                    LabProfile tried = profile.withNonceLength(nonce).withAad(aad);
                    Optional<byte[]> plain = LabPeer.opened(key.cipher(tried), reply);
                    if (plain.isPresent() && Arrays.equals(plain.get(), echo)) {
                        return Optional.of(key.options() + " " + LabProfileOptions.NONCE_LENGTH + " " + nonce
                                + (aad.length == 0 ? " and no " + LabProfileOptions.AAD : " " + LabProfileOptions.AAD
                                + " as given"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A key to try offline, and the options that select it. */
    private record Candidate(Function<LabProfile, LabCipher> key, String options) {
        LabCipher cipher(LabProfile settings) {
            return key.apply(settings);
        }
    }

    private List<Candidate> keys(LabPeer peer) {
        List<Candidate> keys = new ArrayList<>();
        if (peer.dh().isPresent()) {
            LabPeer.DhSession dh = peer.dh().get();
            for (String info : LabCommonSettings.givenFirst(profile.hkdfInfo(), LabCommonSettings.HKDF_INFOS)) {
                keys.add(new Candidate(settings -> dh.cipher(info, settings), LabProfileOptions.HKDF_INFO + " "
                        + LabCommonSettings.quoted(info)));
            }
            return keys;
        }
        LabKey key = context.target().key().orElseThrow();
        keys.add(new Candidate(settings -> new LabCipher(key.bytes(), settings), "the key file as read"));
        otherReading().ifPresent(other -> keys.add(new Candidate(settings -> new LabCipher(other.bytes(), settings),
                LabProfileOptions.KEY_FILE_FORMAT + " " + otherFormat(context.target().config().keyFileFormat(),
                        context.target().config().key()))));
        return keys;
    }
}
