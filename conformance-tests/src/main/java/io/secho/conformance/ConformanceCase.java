package io.secho.conformance;

import io.secho.conformance.requirements.Req;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a conformance case: a stable ID (never reused or renumbered; see {@code RetiredCases}), the spec
 * requirements it checks, and whether a failure breaks a MUST or only a SHOULD.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ConformanceCase {
    /** e.g. {@code TAG-004}; the prefix names the family. A test factory's children add {@code .N}. */
    String id();

    /**
     * The requirements ({@code REQ-<AREA>-<N>}) whose violation makes this case fail; for the lab profile's
     * cases, the rules {@code LAB-R<N>} and weaknesses {@code LAB-W<N>} of spec/lab-profile.md. Constants
     * generated from the spec, so that a case cannot cite an ID the spec does not define.
     */
    Req[] requirements();

    Level level() default Level.MUST;

    /** The connection endings the spec allows here, as the report and {@code --list} show them. */
    String endings() default "";
}
