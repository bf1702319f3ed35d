/**
 * The harness's lab profile (spec/lab-profile.md): cases that test the lab's own servers as they are,
 * run only with {@code --profile lab}. A case that finds one of the listed weaknesses fails with a
 * finding that names it; a weakness inherent in the lab protocol is reported at SHOULD level (WARN),
 * a fault of the particular server at MUST level (FAIL).
 */
package io.secho.conformance.lab;
