package io.secho.bench.crypto;

import io.secho.bench.RunPlan;
import io.secho.handshake.Suite;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bare-crypto limits of this machine, one thread each, measured by JMH (one fork, short iterations).
 *
 * @param kexPerSecond one key generation plus one agreement, per suite, with the reference's primitives
 *     (psk: none, so absent)
 * @param serverHandshakePerSecond the server's whole share of a handshake in memory, per suite
 */
public record CryptoLimits(double aesSealMegabytesPerSecond, double aesOpenMegabytesPerSecond,
                           Map<Suite, Double> kexPerSecond, double x25519JcePerSecond,
                           Map<Suite, Double> serverHandshakePerSecond) {
    public CryptoLimits {
        kexPerSecond = Map.copyOf(kexPerSecond);
        serverHandshakePerSecond = Map.copyOf(serverHandshakePerSecond);
    }

    public static CryptoLimits measure(RunPlan plan) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CryptoBenchmarks.class.getName().replace(".", "\\.") + "\\.")
                .forks(1)
                .threads(1)
                .warmupIterations(plan.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(plan.jmhIteration().toMillis()))
                .measurementIterations(plan.jmhMeasurements())
                .measurementTime(TimeValue.milliseconds(plan.jmhIteration().toMillis()))
                .timeUnit(TimeUnit.SECONDS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String suite = result.getParams().getParam("suite");
            scores.put(suite == null ? method : method + ":" + suite, result.getPrimaryResult().getScore());
        }
        double recordMegabytes = CryptoBenchmarks.RECORD_PAYLOAD / 1e6;
        Map<Suite, Double> kex = new EnumMap<>(Suite.class);
        kex.put(Suite.X25519, score(scores, "x25519BouncyCastle"));
        kex.put(Suite.MODP2048, score(scores, "modp2048"));
        Map<Suite, Double> server = new EnumMap<>(Suite.class);
        for (Suite suite : Suite.values()) {
            server.put(suite, score(scores, "serverHandshake:" + suite.wireName()));
        }
        return new CryptoLimits(score(scores, "aesGcmSeal16KiB") * recordMegabytes,
                score(scores, "aesGcmOpen16KiB") * recordMegabytes, kex, score(scores, "x25519Jce"), server);
    }

    private static double score(Map<String, Double> scores, String key) {
        Double score = scores.get(key);
        if (score == null) {
            throw new IllegalStateException("JMH produced no result for " + key + " (got " + scores.keySet() + ")");
        }
        return score;
    }

    /**
     * The bare-crypto cost of the server's share of one handshake: its key generation and agreement, or for
     * psk (no key exchange) its whole in-memory handshake, in microseconds.
     */
    public double serverShareMicros(Suite suite) {
        Double kex = kexPerSecond.get(suite);
        return 1e6 / (kex != null ? kex : serverHandshakePerSecond.get(suite));
    }
}
