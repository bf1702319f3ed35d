package io.secho.conformance;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

import java.lang.reflect.Method;

/**
 * The two ways JUnit runs a case, a test and an invocation of a parameterized one, both through the extension's
 * verdict guard: the extensions of the server cases and of the client cases differ only in the guard.
 */
public interface CaseGuard extends InvocationInterceptor {
    /** Runs the case's invocation under the verdict guards ({@link ConformanceExtension#runGuarded}). */
    void guard(Invocation<Void> invocation, ExtensionContext context) throws Throwable;

    @Override
    default void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                     ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    default void interceptTestTemplateMethod(Invocation<Void> invocation,
                                             ReflectiveInvocationContext<Method> invocationContext,
                                             ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }
}
