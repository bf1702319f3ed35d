/** The record layer: AES-256-GCM with explicit salt||sequence nonces and strict in-order acceptance. */
package io.secho.record;
