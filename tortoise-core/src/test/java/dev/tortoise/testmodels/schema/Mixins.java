package dev.tortoise.testmodels.schema;

import dev.tortoise.fields.CharField;
import dev.tortoise.models.Model;

/** Tortoise's mixins and abstract model, as a Java superclass chain. */
final class Mixins {

	private Mixins() {
	}

	static class ZeroMixin {

		Integer id;

		int zero;

	}

	static class OneMixin extends ZeroMixin {

		@CharField(maxLength = 40, nullable = true)
		String one;

	}

	@Model
	abstract static class AbstractModel extends OneMixin {

		@CharField(maxLength = 100)
		String newField;

	}

	abstract static class TwoMixin extends AbstractModel {

		@CharField(maxLength = 40)
		String two;

	}

}
