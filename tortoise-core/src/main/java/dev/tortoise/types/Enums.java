package dev.tortoise.types;

import java.util.Set;

import dev.tortoise.fields.FieldType;

/** What the two enum fields share: declared with any enum, defaults written as a constant's name or stored value. */
abstract class Enums extends TypeHandler {

	Enums(FieldType type) {
		super(type);
	}

	@Override
	final Set<Class<?>> javaTypes() {
		return Set.of();
	}

	@Override
	public final boolean accepts(Class<?> javaType) {
		return javaType.isEnum();
	}

	@Override
	public final String expected() {
		return "an enum";
	}

	/** A default given by a constant's name or by its stored value. */
	@Override
	public final Object parseDefault(Class<?> javaType, String text) {
		return parse(javaType, text.trim());
	}

	@Override
	public final boolean keyLike() {
		return true;
	}

}
