package io.secho.vectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A second opinion on the echo outputs from another Unicode implementation: Python 3's strict UTF-8 decoder
 * and str.upper() must agree with every echo vector and every request/reply pair of the session vectors.
 * Skipped, with a message, where no python3 is installed.
 */
class PythonCrossCheckTest {
    private static final String SCRIPT = String.join("\n",
            "import json, sys, unicodedata",
            "bad = []",
            "def check(name, data, expected):",
            "    try:",
            "        text = bytes.fromhex(data).decode('utf-8')",
            "    except UnicodeDecodeError:",
            "        if expected is not None: bad.append(name + ': python rejects the input')",
            "        return",
            "    if expected is None: bad.append(name + ': python accepts the input')",
            "    elif text.upper().encode('utf-8').hex() != expected: bad.append(name + ': python gives '",
            "        + text.upper().encode('utf-8').hex()[:80])",
            "d = sys.argv[1]",
            "echo = json.load(open(d + '/secho_v1_echo_test.json', encoding='utf-8'))",
            "n = 0",
            "for g in echo['testGroups']:",
            "    for t in g['tests']:",
            "        n += 1",
            "        check('echo tcId %d' % t['tcId'], t['input'], t.get('output'))",
            "sessions = json.load(open(d + '/secho_v1_session_test.json', encoding='utf-8'))",
            "for g in sessions['testGroups']:",
            "    for t in g['tests']:",
            "        for m in t['messages']:",
            "            n += 1",
            "            check('session tcId %d' % t['tcId'], m['request'], m['reply'])",
            "print('python %s, Unicode %s: %d checked' % (sys.version.split()[0], unicodedata.unidata_version, n))",
            "print('\\n'.join(bad))",
            "sys.exit(1 if bad else 0)",
            "");

    @Test
    void pythonAgreesWithEveryEchoOutput() throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(List.of("python3", "-c", SCRIPT, VectorFiles.dir().toString()))
                    .redirectErrorStream(true).start();
        } catch (IOException absent) {
            Assumptions.abort("python3 is not installed; skipping the cross-check of the echo vectors with Python's"
                    + " str.upper() (" + absent.getMessage() + ")");
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        String report = output.toString(StandardCharsets.UTF_8);
        System.out.print("PythonCrossCheckTest: " + report);
        assertEquals(0, process.exitValue(), "Python disagrees with the echo vectors:\n" + report);
    }
}
