package dev.tortoise.spring.boot.test;

import java.util.Set;

import dev.tortoise.routing.Router;
import dev.tortoise.spring.boot.TortoiseConfigCustomizer;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/** Keeps only the components {@link TortoiseTest @TortoiseTest} needs: routers and config customizers. */
final class TortoiseTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<TortoiseTest> {

	private static final Set<Class<?>> INCLUDES = Set.of(Router.class, TortoiseConfigCustomizer.class);

	TortoiseTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return INCLUDES;
	}

}
