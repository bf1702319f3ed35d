package io.secho.vectors;

import io.secho.echo.EchoTransform;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;

import static io.secho.vectors.VectorFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The reference implementation's echo transform against secho_v1_echo_test.json. */
class ReferenceEchoTest {

    @TestFactory
    List<DynamicTest> echo() {
        return VectorFiles.each(VectorFiles.ECHO, "EchoTest", (group, test) -> VectorFiles.assertOutcome(test, () -> {
            byte[] output = EchoTransform.apply(hex(test, "input"));
            if (VectorFiles.valid(test)) {
                assertArrayEquals(hex(test, "output"), output, "output");
            }
        }));
    }
}
