package dev.tortoise.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports Tortoise's auto-configuration (and Spring's transaction support) into a test
 * context; {@link TortoiseTest @TortoiseTest} uses it, and other slices can add it.
 * The list is in {@code META-INF/spring/dev.tortoise.spring.boot.test.AutoConfigureTortoise.imports}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureTortoise {

}
