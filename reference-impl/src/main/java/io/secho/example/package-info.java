/** Generators of documentation that must match the implementation byte for byte (the spec's worked example). */
package io.secho.example;
