/**
 * The protocol's sessions without I/O: the spec's state tables (Tables 8 and 9), timers and closing rules.
 * {@link io.secho.session.ServerSession} is Table 8 and {@link io.secho.session.ClientSession} Table 9. They take
 * received bytes, EOF and the time, and give back bytes to send, replies and failures, their next timer deadline and
 * how the connection ends; the drivers (server, client) only move bytes between them and sockets. Modelled on
 * rustls's ConnectionCommon, h11 and quinn-proto.
 */
package io.secho.session;
