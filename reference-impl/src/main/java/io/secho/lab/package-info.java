/**
 * The lab-compatibility profile (spec/lab-profile.md): the university lab's de facto echo protocol, spoken
 * as the lab's programs speak it, so that the harness can test them and our client can talk to them. It
 * has no framing, no sequence numbers and no key confirmation; nothing here makes it secure.
 */
package io.secho.lab;
