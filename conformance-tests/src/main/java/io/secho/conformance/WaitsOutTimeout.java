package io.secho.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose one case waits out one of the target's timeouts (seconds, where every other case takes
 * milliseconds). {@link TimeoutCasesFirst} hands these classes to JUnit first, so that their waits overlap
 * the rest of the run instead of adding to it; a class of its own for each, because JUnit's idle workers take
 * whole classes first and the cases inside one only as they come free. Against the embedded reference server
 * these cases talk to a second one with short timeouts ({@code TargetRun.forTimeoutCases}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WaitsOutTimeout {
}
