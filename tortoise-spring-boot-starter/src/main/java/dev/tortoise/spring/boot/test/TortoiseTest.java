package dev.tortoise.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.tortoise.spring.boot.TortoiseProperties.GenerateSchemas;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;
import org.springframework.boot.test.context.PropertyMapping.Skip;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of Tortoise models and queries: starts only Tortoise's auto-configuration (plus
 * Spring's transactions) from the application's {@code tortoise.*} properties, generates the
 * schema ({@code safe} unless told otherwise), and closes every pool after the test class.
 * Component scanning picks up {@code Router} and {@code TortoiseConfigCustomizer} beans
 * only; add others with {@code includeFilters} or {@code @Import}.
 *
 * <pre>{@code
 * @TortoiseTest(properties = "tortoise.connections.default=h2://:memory:")
 * class TournamentTests {
 *     @Autowired TortoiseContext tortoise;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(TortoiseTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(TortoiseTypeExcludeFilter.class)
@AutoConfigureTortoise
@ImportAutoConfiguration
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@PropertyMapping("tortoise")
public @interface TortoiseTest {

	/** Properties in {@code key=value} form added to the environment of the test. */
	@PropertyMapping(skip = Skip.YES)
	String[] properties() default {};

	/** Schema generation before the tests run: {@code safe} by default. */
	GenerateSchemas generateSchemas() default GenerateSchemas.SAFE;

	/** Whether the default component-scan filters apply (Router and TortoiseConfigCustomizer beans). */
	@PropertyMapping(skip = Skip.YES)
	boolean useDefaultFilters() default true;

	/** More components to include from component scanning. */
	@PropertyMapping(skip = Skip.YES)
	Filter[] includeFilters() default {};

	/** Components to exclude from component scanning. */
	@PropertyMapping(skip = Skip.YES)
	Filter[] excludeFilters() default {};

	/** Auto-configuration to leave out. */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
