package io.secho.conformance.docker;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference server's image, built once per test run from reference-impl/src/docker and shared by the
 * test classes that need it (a jlink runtime takes a while on two cores), removed when the run ends.
 */
final class ReferenceImage implements ExtensionContext.Store.CloseableResource {
    private final String name;

    private ReferenceImage(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        DockerEngine.remove(name);
    }

    private static ReferenceImage build() {
        try {
            Path dir = Files.createTempDirectory("secho-reference-image");
            try {
                Path context = DockerEngine.buildContext("reference-impl", dir.resolve("context"));
                assertTrue(Files.readString(context.resolve("Dockerfile")).contains("FROM scratch"),
                        "the image must need no base");
                return new ReferenceImage(DockerEngine.build(context, "secho-reference-test"));
            } finally {
                DockerEngine.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the reference image", e);
        } catch (Exception e) {
            throw new IllegalStateException("the reference image could not be built: " + e.getMessage(), e);
        }
    }

    /** Gives a test a {@link ReferenceImage} parameter: the run's one image, built on first use. */
    static final class Resolver implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReferenceImage.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ReferenceImage.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            DockerEngine.require();
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ReferenceImage.class,
                    key -> build(), ReferenceImage.class);
        }
    }
}
