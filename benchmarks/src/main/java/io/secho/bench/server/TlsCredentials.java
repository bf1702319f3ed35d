package io.secho.bench.server;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway self-signed certificate for the TLS server, made by the JDK's own keytool into a temporary
 * PKCS#12 file: no new dependency, and the key never leaves the machine or the run. The key is ECDSA
 * P-256, the usual choice for TLS 1.3 servers and the cheapest signature the JDK offers.
 */
public record TlsCredentials(Path keyStore, String password) {
    /** The server process reads the keystore password from here, never from its command line. */
    public static final String PASSWORD_VARIABLE = "SECHO_BENCH_KEYSTORE_PASSWORD";
    private static final String ALIAS = "secho-bench";
    private static final String STORE_TYPE = "PKCS12";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    /** Runs keytool -genkeypair into {@code directory}/server.p12. */
    public static TlsCredentials generate(Path directory) throws IOException, InterruptedException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        Path store = directory.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", STORE_TYPE, "-keystore", store.toString(), "-storepass:env", PASSWORD_VARIABLE))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("keytool.log").toFile());
        process.environment().put(PASSWORD_VARIABLE, password);
        Process started = process.start();
        if (!started.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            started.destroyForcibly();
            throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
        }
        if (started.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + started.exitValue() + "): "
                    + Files.readString(directory.resolve("keytool.log"), StandardCharsets.UTF_8).strip());
        }
        return new TlsCredentials(store, password);
    }

    /** The server's context, with a key manager that counts every use of the private key (= full handshakes). */
    ServerContext serverContext() throws IOException, GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(), password.toCharArray());
        KeyManager[] managers = factory.getKeyManagers();
        if (managers.length != 1 || !(managers[0] instanceof X509ExtendedKeyManager)) {
            throw new GeneralSecurityException("expected one X509ExtendedKeyManager, got " + managers.length);
        }
        CountingKeyManager counting = new CountingKeyManager((X509ExtendedKeyManager) managers[0]);
        SSLContext context = SSLContext.getInstance(TlsSettings.PROTOCOL);
        context.init(new KeyManager[] {counting}, null, new SecureRandom());
        return new ServerContext(context, counting);
    }

    record ServerContext(SSLContext context, CountingKeyManager keys) {
    }

    /** Trust managers that trust exactly this run's certificate. */
    public TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        Certificate certificate = load().getCertificate(ALIAS);
        KeyStore trusted = KeyStore.getInstance(STORE_TYPE);
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    private KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(STORE_TYPE);
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }
}
