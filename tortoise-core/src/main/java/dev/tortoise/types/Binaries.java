package dev.tortoise.types;

import java.nio.ByteBuffer;
import java.util.Set;

import dev.tortoise.fields.FieldType;
import dev.tortoise.models.FieldMeta;

/** {@code BinaryField}: bytes, from an array or a buffer. */
final class Binaries extends TypeHandler {

	Binaries() {
		super(FieldType.BINARY);
	}

	@Override
	Set<Class<?>> javaTypes() {
		return Set.of(byte[].class);
	}

	@Override
	public Object parseDefault(Class<?> javaType, String text) {
		throw new IllegalArgumentException("binary fields cannot have a default");
	}

	@Override
	public Class<?> dbClass(FieldMeta field, TypeContext ctx) {
		return byte[].class;
	}

	@Override
	public Object toDb(FieldMeta field, Object value, TypeContext ctx) {
		return (value instanceof ByteBuffer b) ? bytes(b) : (byte[]) value;
	}

	@Override
	public Object fromDb(FieldMeta field, Object value, TypeContext ctx) {
		return (value instanceof ByteBuffer b) ? bytes(b) : value;
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] out = new byte[buffer.remaining()];
		buffer.duplicate().get(out);
		return out;
	}

}
