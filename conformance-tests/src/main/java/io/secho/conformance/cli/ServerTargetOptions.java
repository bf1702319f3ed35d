package io.secho.conformance.cli;

import io.secho.conformance.targets.ImageSpec;
import io.secho.conformance.targets.TargetConfig;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

/**
 * The options that name a server under test, as a run and learn both take them: its address or its image and
 * the image's knobs. Each may be absent (null), as picocli leaves an option not given.
 */
record ServerTargetOptions(String target, String image, String imagePort, List<String> imageEnv,
                           List<String> imageArgs, String imageStartupTimeout) {

    /** Into the configuration parameters the targets read; a malformed HOST:PORT is a usage error. */
    void putInto(Map<String, String> parameters, CommandLine commandLine) {
        if (target != null) {
            try {
                TargetConfig.parseHostPort(target);
            } catch (IllegalArgumentException e) {
                throw new UsageError(commandLine, e.getMessage(), "give --target HOST:PORT, e.g. 127.0.0.1:8443");
            }
            parameters.put(TargetConfig.TARGET, target);
        }
        if (image != null) {
            parameters.put(TargetConfig.IMAGE, image);
        }
        if (imagePort != null) {
            parameters.put(ImageSpec.PORT, imagePort);
        }
        if (imageEnv != null) {
            parameters.put(ImageSpec.ENV, ImageSpec.join("--image-env", imageEnv));
        }
        if (imageArgs != null) {
            parameters.put(ImageSpec.ARG, ImageSpec.join("--image-arg", imageArgs));
        }
        if (imageStartupTimeout != null) {
            parameters.put(ImageSpec.STARTUP_TIMEOUT, imageStartupTimeout);
        }
    }
}
