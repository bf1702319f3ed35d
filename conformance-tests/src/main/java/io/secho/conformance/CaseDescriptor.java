package io.secho.conformance;

import io.secho.conformance.requirements.Req;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * A case as every part of the harness sees it (the kernel, the filters, the catalogue, the reports), read from its
 * {@link ConformanceCase} annotation here and nowhere else.
 *
 * @param id         the runnable ID: the annotation's ({@code TAG-004}), or an invocation's ({@code HS-010.5})
 * @param templateId the annotation's ID, the same for every invocation of a parameterized case
 */
public record CaseDescriptor(String id, String templateId, Family family, Level level, List<String> requirements,
                             String endings) {
    public CaseDescriptor {
        requirements = List.copyOf(requirements);
    }

    /** The case a method declares, as the template of its invocations when it is parameterized. */
    public static CaseDescriptor of(ConformanceCase annotation) {
        Family family = Family.ofCaseId(annotation.id()).orElseThrow(() -> new IllegalStateException(
                "case " + annotation.id() + " has an ID of no family"));
        return new CaseDescriptor(annotation.id(), annotation.id(), family, annotation.level(),
                Req.ids(annotation.requirements()), annotation.endings());
    }

    /** The case a method declares, if it declares one. */
    public static Optional<CaseDescriptor> of(Method method) {
        return Optional.ofNullable(method.getAnnotation(ConformanceCase.class)).map(CaseDescriptor::of);
    }

    /**
     * The case JUnit runs as this test or container: a plain case, a parameterized case's template, or one of its
     * invocations. JUnit carries an invocation's arguments only in its display name, which the cases' inputs begin
     * with their ID ({@code @ParameterizedTest(name = "{0} {1}")}, {@code HS-010.5 ...}): read here, once.
     */
    public static Optional<CaseDescriptor> of(Method method, String displayName) {
        return of(method).map(template -> template.invocation(invocationId(template.templateId(), displayName)));
    }

    /** The case of a test or container of a test plan; empty for anything that is not a case. */
    public static Optional<CaseDescriptor> of(TestIdentifier identifier) {
        return identifier.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .flatMap(source -> {
                    try {
                        return of(source.getJavaMethod(), identifier.getDisplayName());
                    } catch (RuntimeException classGone) {
                        return Optional.empty();
                    }
                });
    }

    /** The case an extension is called for; empty outside a case method. */
    public static Optional<CaseDescriptor> of(ExtensionContext context) {
        return context.getTestMethod().flatMap(method -> of(method, context.getDisplayName()));
    }

    /** This case under another runnable ID of the same template ({@code HS-010.5} of {@code HS-010}). */
    public CaseDescriptor invocation(String invocationId) {
        return invocationId.equals(id) ? this
                : new CaseDescriptor(invocationId, templateId, family, level, requirements, endings);
    }

    /** True for an invocation of a parameterized case, as opposed to the case itself. */
    public boolean isInvocation() {
        return !id.equals(templateId);
    }

    private static String invocationId(String templateId, String displayName) {
        String firstToken = displayName.strip().split("\\s+", 2)[0];
        return firstToken.startsWith(templateId + ".") ? firstToken : templateId;
    }
}
