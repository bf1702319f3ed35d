/**
 * The harness's own Secho v1 engine, written from spec/secho-v1.md alone on Bouncy Castle's low-level
 * API, the JDK and {@link java.math.BigInteger}, sharing no code with the reference implementation.
 *
 * <p>Why a second engine: a harness that talks to servers through the reference's own classes cannot see
 * a mistake the reference shares with the server under test. Every step here is written from the spec's
 * text and tables and cites the requirement it implements, and every step a test may want to get wrong on
 * purpose (a nonce, a sequence number, a salt, a tag, a key, an inner type, a hello field) is a parameter
 * the caller chooses: see {@link io.secho.conformance.peer.RecordForge} and the raw constructors of
 * {@link io.secho.conformance.peer.ClientHello} and {@link io.secho.conformance.peer.ServerHello}.
 *
 * <p>It plays either side: the client flight (hellos, Finished, c2s sealing, s2c opening) and the server
 * flight ({@link io.secho.conformance.peer.ServerSide}: ClientHello checks of Table 6, ServerHello and server
 * Finished, client Finished check, s2c sealing, c2s opening). Nothing here logs: keys and plaintext stay in
 * the caller's hands.
 */
package io.secho.conformance.peer;
