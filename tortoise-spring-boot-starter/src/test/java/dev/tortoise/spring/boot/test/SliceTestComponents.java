package dev.tortoise.spring.boot.test;

import dev.tortoise.routing.Router;

import org.springframework.stereotype.Component;

/** Components of {@link SliceTestApplication}, found by component scanning. */
final class SliceTestComponents {

	private SliceTestComponents() {
	}

	/** A router: the slice picks it up. */
	@Component
	static class TeamRouter implements Router {

	}

	/** Any other component: the slice leaves it out. */
	@Component
	static class WebController {

	}

}
