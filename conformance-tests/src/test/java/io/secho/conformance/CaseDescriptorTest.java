package io.secho.conformance;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A case's annotation becomes one typed descriptor, the same wherever the harness looks it up. */
class CaseDescriptorTest {
    @Test
    void anInvocationTakesItsIdFromItsDisplayNameAndTheRestFromItsTemplate() throws ClassNotFoundException {
        Method clientHellos = caseMethod("io.secho.conformance.cases.VectorCases", "HS-010");
        CaseDescriptor template = CaseDescriptor.of(clientHellos).orElseThrow();
        CaseDescriptor invocation = CaseDescriptor.of(clientHellos, "HS-010.5 1-byte body 00 (step a)").orElseThrow();
        assertEquals("HS-010", template.id());
        assertFalse(template.isInvocation());
        assertEquals("HS-010.5", invocation.id());
        assertEquals("HS-010", invocation.templateId());
        assertTrue(invocation.isInvocation());
        assertEquals(Family.HANDSHAKE, invocation.family());
        assertEquals(template.requirements(), invocation.requirements());
        assertFalse(template.requirements().isEmpty());
        // The template's own display name, or any name that does not begin with one of its IDs: the template.
        assertEquals(template, CaseDescriptor.of(clientHellos, "ClientHello vectors").orElseThrow());
        assertEquals(template, CaseDescriptor.of(clientHellos, "HS-0105 not an invocation").orElseThrow());
    }

    @Test
    void aMethodThatIsNoCaseHasNoDescriptor() throws NoSuchMethodException {
        assertTrue(CaseDescriptor.of(Object.class.getMethod("toString"), "toString()").isEmpty());
    }

    @Test
    void theCaseFilterSelectsByTheDescriptor() throws ClassNotFoundException {
        CaseDescriptor template = CaseDescriptor.of(caseMethod("io.secho.conformance.cases.VectorCases", "HS-010"))
                .orElseThrow();
        CaseDescriptor fifth = template.invocation("HS-010.5");
        assertTrue(CaseFilter.matchesCase(template, "hs-010.5"), "the template runs so that its invocation can");
        assertTrue(CaseFilter.matchesCase(fifth, "TAG-001, HS-010.5"));
        assertTrue(CaseFilter.matchesCase(fifth, "HS-010"), "a template's ID selects every invocation");
        assertFalse(CaseFilter.matchesCase(fifth, "HS-010.6"));
        assertFalse(CaseFilter.matchesCase(template, "HS-011"));
    }

    /** The method of a real case class that declares the case {@code id}. */
    private static Method caseMethod(String className, String id) throws ClassNotFoundException {
        return Arrays.stream(Class.forName(className).getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(ConformanceCase.class)
                        && m.getAnnotation(ConformanceCase.class).id().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError(className + " declares no case " + id));
    }
}
