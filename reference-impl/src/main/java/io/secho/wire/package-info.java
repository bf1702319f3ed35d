/** The framing layer: frame types, size limits, a bounded reader for bodies, and stream framing. */
package io.secho.wire;
