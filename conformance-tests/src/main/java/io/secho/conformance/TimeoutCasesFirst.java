package io.secho.conformance;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Isolated;

import java.util.Comparator;

/**
 * Hands JUnit the classes marked {@link WaitsOutTimeout} first and the {@link Isolated} ones last; the sort is
 * stable, so the rest keep JUnit's own order. The cases still run concurrently: idle workers take the
 * first-handed classes first, so the long waits start at once. An isolated class waits for every class that
 * started before it and holds back every class after it, so it goes last, where it holds back nothing.
 */
public final class TimeoutCasesFirst implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(TimeoutCasesFirst::rank));
    }

    private static int rank(ClassDescriptor descriptor) {
        return descriptor.isAnnotated(WaitsOutTimeout.class) ? 0 : descriptor.isAnnotated(Isolated.class) ? 2 : 1;
    }
}
