/**
 * The reference server: a few {@code java.nio} selector loops (the first also accepts), each a thin driver that moves
 * bytes between sockets and {@link io.secho.session.ServerSession}s, keeps one timer per connection at the session's
 * deadline, and runs at most one modp2048 key agreement per turn after that turn's I/O, so that one costs the loop's
 * other connections at most one agreement's delay (about 0.6 ms) however many ClientHellos arrive together.
 */
package io.secho.server;
