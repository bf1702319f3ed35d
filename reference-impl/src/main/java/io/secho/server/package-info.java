/**
 * The reference server: a few {@code java.nio} selector loops (the first also accepts), each a thin driver that moves
 * bytes between sockets and {@link io.secho.session.ServerSession}s, keeps one timer per connection at the session's
 * deadline, and hands modp2048 key agreements to a small pool so that they never stall a loop.
 */
package io.secho.server;
