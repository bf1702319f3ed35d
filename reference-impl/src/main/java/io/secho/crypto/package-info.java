/**
 * The primitives, each a thin wrapper over JCE or Bouncy Castle: SHA-256, HMAC, HKDF, AES-GCM, X25519,
 * modp2048 Diffie-Hellman, and the sources of randomness.
 */
package io.secho.crypto;
