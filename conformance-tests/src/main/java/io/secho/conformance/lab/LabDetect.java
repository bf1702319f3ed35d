package io.secho.conformance.lab;

import io.secho.conformance.ConformanceFailure;
import io.secho.conformance.ShellWords;
import io.secho.lab.KeyFileFormat;
import io.secho.lab.LabKey;
import io.secho.lab.LabProfile;
import io.secho.lab.LabProfileOptions;
import io.secho.lab.LabVariant;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code --lab-detect}: tries the lab's common settings against a server, one short session each (connect,
 * dh: the key exchange, one message, the end marker), until one gets its echo, and gives the command line
 * that uses it. Who speaks first is observed, not guessed: the first try listens before it speaks. In the
 * dh variant the key form comes first (a server that cannot read our key sends none back, or closes), then
 * the record settings; in the sec variant, the key file's readings, then the record settings. Every try is
 * bounded by the I/O timeout, and there are at most {@link #MAX_TRIES}.
 */
public final class LabDetect {
    /** Enough for every combination of the sec variant and the likely ones of dh; bounded, whatever the server does. */
    public static final int MAX_TRIES = 40;
    private static final String MESSAGE = "hello lab";

    private final LabTargetConfig given;
    private final Consumer<String> out;
    private final List<LabTargetConfig> attempted = new ArrayList<>();
    /** Set when no other setting can help: the server is gone, or (sec) it is a dh server. */
    private boolean hopeless;

    /** What detection found: the options that work, if any, and what it cost. */
    public record Outcome(Optional<List<String>> options, int tries, long millis) {
    }

    private LabDetect(LabTargetConfig given, Consumer<String> out) {
        this.given = given;
        this.out = out;
    }

    /**
     * @param given the target, the key file and the settings the user gave (tried first)
     * @param out   a line per try, as it ends
     */
    public static Outcome run(LabTargetConfig given, Consumer<String> out) {
        long start = System.nanoTime();
        LabDetect detect = new LabDetect(given, out);
        Optional<LabTargetConfig> works = given.profile().variant() == LabVariant.DH ? detect.dh() : detect.sec();
        return new Outcome(works.map(LabTargetConfig::replayOptions), detect.attempted.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** How a try ended: the settings that work (plaintext replies found on the way), or why not. */
    private record Tried(Optional<LabTargetConfig> works, LabSessionProblem.Kind miss) {
    }

    /**
     * The key form first: a server that cannot read our key sends none back, or closes. Once one form gets
     * the server's key, only the record settings are left.
     */
    private Optional<LabTargetConfig> dh() {
        boolean serverFirst = given.profile().serverSendsKeyFirst();
        List<LabProfile> forms = keyForms(given.profile());
        for (int i = 0; i < forms.size() && !hopeless && attempted.size() < MAX_TRIES; i++) {
            LabTargetConfig config = config(forms.get(i).withServerSendsKeyFirst(serverFirst), given.key(),
                    given.keyFileFormat());
            Tried tried = attempt(config);
            if (tried.works().isPresent()) {
                return tried.works();
            }
            if (tried.miss() == LabSessionProblem.Kind.SPOKE_FIRST && !serverFirst) {
                // Observed, not guessed: the same form again, now waiting for the server's key.
                serverFirst = true;
                i--;
            } else if (tried.miss() != LabSessionProblem.Kind.KEY_REFUSED) {
                return recordSettings(config);
            }
        }
        return Optional.empty();
    }

    /** The key file as read, then its other reading when it reads both ways; each with every record setting. */
    private Optional<LabTargetConfig> sec() {
        List<LabTargetConfig> readings = new ArrayList<>(List.of(given));
        otherReading().ifPresent(readings::add);
        for (LabTargetConfig reading : readings) {
            Optional<LabTargetConfig> works = recordSettings(reading);
            if (works.isPresent()) {
                return works;
            }
        }
        return Optional.empty();
    }

    /** Every nonce length, associated data and (dh) HKDF info on top of a key that works, given values first. */
    private Optional<LabTargetConfig> recordSettings(LabTargetConfig base) {
        LabProfile profile = base.profile();
        List<byte[]> aads = profile.aad().length == 0 ? List.of(new byte[0]) : List.of(profile.aad(), new byte[0]);
        List<String> infos = profile.variant() == LabVariant.DH
                ? LabCommonSettings.givenFirst(profile.hkdfInfo(), LabCommonSettings.HKDF_INFOS) : List.of(profile.hkdfInfo());
        for (String info : infos) {
            for (int nonce : LabCommonSettings.givenFirst(profile.nonceLength(), LabCommonSettings.NONCE_LENGTHS)) {
                for (byte[] aad : aads) {
                    if (hopeless || attempted.size() >= MAX_TRIES) {
                        return Optional.empty();
                    }
                    LabProfile candidate = profile.withHkdfInfo(info).withNonceLength(nonce).withAad(aad);
                    Optional<LabTargetConfig> works = attempt(config(candidate, base.key(), base.keyFileFormat())).works();
                    if (works.isPresent()) {
                        return works;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private boolean alreadyTried(LabTargetConfig config) {
        return attempted.stream().anyMatch(a -> a.profile().equals(config.profile()) && a.key().equals(config.key()));
    }

    /** The key forms to send, the given one first: a server may read only PEM, or only its library's form. */
    private static List<LabProfile> keyForms(LabProfile profile) {
        List<LabProfile> forms = new ArrayList<>(List.of(profile));
        for (LabProfile.KeyFormat format : LabProfile.KeyFormat.values()) {
            for (LabProfile.KeyEncoding encoding : LabProfile.KeyEncoding.values()) {
                LabProfile form = profile.withKeyFormat(format).withKeyEncoding(encoding);
                if (!forms.contains(form)) {
                    forms.add(form);
                }
            }
        }
        return forms;
    }

    /** One short session with these settings; the first of the run listens before it speaks. */
    private Tried attempt(LabTargetConfig config) {
        if (alreadyTried(config)) {
            return new Tried(Optional.empty(), LabSessionProblem.Kind.OTHER);
        }
        attempted.add(config);
        LabTargetRun run;
        try {
            run = LabTargetRun.start(config);
        } catch (IOException e) {
            return report(config, Optional.empty(), LabSessionProblem.Kind.NO_CONNECTION, e.getMessage());
        }
        if (attempted.size() > 1) {
            // Only the first try listens for a server that speaks first; the others would wait for nothing.
            run.progress().claimFirstContact();
        }
        try (LabContext context = new LabContext(run, "detect-" + attempted.size(), List.of())) {
            LabPeer peer = context.openSession();
            LabReply reply = peer.exchange(MESSAGE);
            if (peer.isEcho(reply, MESSAGE)) {
                return report(config, Optional.of(config), LabSessionProblem.Kind.OTHER, "");
            }
            if (!reply.empty() && Arrays.equals(reply.bytes(), LabPeer.utf8(LabPeer.upper(MESSAGE)))) {
                LabTargetConfig plaintext = config(config.profile().withPlaintextReplies(true), config.key(),
                        config.keyFileFormat());
                return report(config, Optional.of(plaintext), LabSessionProblem.Kind.OTHER, "");
            }
            return report(config, Optional.empty(), LabSessionProblem.Kind.OTHER, "no echo: "
                    + (reply.silent() ? context.noAnswer() : reply.describe()));
        } catch (LabSessionProblem problem) {
            return report(config, Optional.empty(), problem.kind(), problem.getMessage());
        } catch (ConformanceFailure sendFailed) {
            return report(config, Optional.empty(), LabSessionProblem.Kind.OTHER,
                    sendFailed.getMessage().split("\n", 2)[0]);
        } finally {
            run.close();
        }
    }

    private Tried report(LabTargetConfig config, Optional<LabTargetConfig> works, LabSessionProblem.Kind miss,
                         String why) {
        String outcome = works.map(w -> w.profile().plaintextReplies() && !config.profile().plaintextReplies()
                ? "ECHO, in plaintext (weakness LAB-W11)" : "ECHO").orElse(why);
        out.accept(String.format("  try %2d: %s: %s", attempted.size(), describe(config), outcome));
        hopeless |= works.isEmpty() && (miss == LabSessionProblem.Kind.NO_CONNECTION
                || miss == LabSessionProblem.Kind.SPOKE_FIRST && config.profile().variant() == LabVariant.SEC);
        return new Tried(works, miss);
    }

    /** A try's settings in one short line; never the key. */
    private static String describe(LabTargetConfig config) {
        LabProfile profile = config.profile();
        List<String> parts = new ArrayList<>(List.of(profile.variant().optionName()));
        if (profile.variant() == LabVariant.DH) {
            parts.add(profile.serverSendsKeyFirst() ? "server first" : "client first");
            parts.add(profile.keyEncoding().name() + " " + profile.keyFormat().optionName());
            parts.add("info " + LabCommonSettings.quoted(profile.hkdfInfo()));
        } else {
            parts.add("key file as " + (config.keyFileFormat() == KeyFileFormat.AUTO ? "read"
                    : config.keyFileFormat().optionName()));
        }
        parts.add("nonce " + profile.nonceLength());
        parts.add(profile.aad().length == 0 ? "no AAD" : "AAD as given");
        return parts.stream().collect(Collectors.joining(", "));
    }

    private LabTargetConfig config(LabProfile profile, Optional<LabKey> key, KeyFileFormat format) {
        return new LabTargetConfig(profile, given.external(), given.keyFile(), format, key, given.ioTimeout(),
                given.seed());
    }

    /** The key file's other reading, when it reads both ways and auto chose one. */
    private Optional<LabTargetConfig> otherReading() {
        if (given.keyFile().isEmpty() || given.key().isEmpty() || !given.key().get().ambiguous()) {
            return Optional.empty();
        }
        boolean readAsHex = given.key().get().source().startsWith("hex");
        KeyFileFormat other = readAsHex ? KeyFileFormat.RAW : KeyFileFormat.HEX;
        try {
            return Optional.of(config(given.profile(), Optional.of(LabKey.fromFile(given.keyFile().get(), other)), other));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The command line that uses the settings found, with the lab options in the order --help lists them. */
    public static String commandLine(List<String> options, String target) {
        List<String> words = new ArrayList<>(List.of("java", "-jar", "conformance-tests/target/secho-conformance.jar"));
        options.stream().map(ShellWords::quote).forEach(words::add);
        words.addAll(List.of("--target", target));
        return String.join(" ", words);
    }

    /** What --lab-detect varies, for the line before the tries. */
    public static String scope(LabTargetConfig given) {
        return given.profile().variant() == LabVariant.DH
                ? "who sends the key first, " + LabProfileOptions.KEY_ENCODING + " pem|der, " + LabProfileOptions.KEY_FORMAT
                + " pkcs3|x942, " + LabProfileOptions.HKDF_INFO + " among " + LabCommonSettings.HKDF_INFOS.stream()
                .map(LabCommonSettings::quoted).collect(Collectors.joining(", ")) + ", " + LabProfileOptions.NONCE_LENGTH
                + " 12|16, " + LabProfileOptions.AAD + " none|as given, plaintext replies"
                : LabProfileOptions.KEY_FILE_FORMAT + " raw|hex (when the file reads both ways), "
                + LabProfileOptions.NONCE_LENGTH + " 12|16, " + LabProfileOptions.AAD + " none|as given, plaintext replies";
    }
}
