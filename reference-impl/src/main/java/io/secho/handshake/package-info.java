/** Handshake messages (encoder and decoder side by side) and the client and server state machines. */
package io.secho.handshake;
