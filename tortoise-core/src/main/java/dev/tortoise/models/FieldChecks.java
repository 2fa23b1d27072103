package dev.tortoise.models;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.tortoise.exceptions.ConfigurationException;
import dev.tortoise.exceptions.ValidationException;
import dev.tortoise.fields.MaxLength;
import dev.tortoise.fields.MaxValue;
import dev.tortoise.fields.MinLength;
import dev.tortoise.fields.MinValue;
import dev.tortoise.fields.Regex;
import dev.tortoise.fields.Validator;
import dev.tortoise.fields.Validators;
import dev.tortoise.types.EnumValues;
import dev.tortoise.types.StoredText;

/**
 * A field's validators, read once at init from its annotations, with Tortoise's messages:
 * each check gets the value about to be written (an enum as its stored value, as Tortoise
 * validates {@code value.value}) and throws a {@link ValidationException} naming the field.
 */
final class FieldChecks {

	private FieldChecks() {
	}

	static List<Consumer<Object>> read(Field field, String where) {
		List<Consumer<Object>> checks = new ArrayList<>();
		MinValue min = field.getAnnotation(MinValue.class);
		if (min != null) {
			BigDecimal bound = number(min.value(), "@MinValue", where);
			checks.add((v) -> {
				if (number(v).compareTo(bound) < 0) {
					throw new IllegalArgumentException("Value should be greater or equal to " + min.value());
				}
			});
		}
		MaxValue max = field.getAnnotation(MaxValue.class);
		if (max != null) {
			BigDecimal bound = number(max.value(), "@MaxValue", where);
			checks.add((v) -> {
				if (number(v).compareTo(bound) > 0) {
					throw new IllegalArgumentException("Value should be less or equal to " + max.value());
				}
			});
		}
		MinLength minLength = field.getAnnotation(MinLength.class);
		if (minLength != null) {
			checks.add((v) -> {
				int length = length(v);
				if (length < minLength.value()) {
					throw new IllegalArgumentException("Length of '" + v + "' " + length + " < " + minLength.value());
				}
			});
		}
		MaxLength maxLength = field.getAnnotation(MaxLength.class);
		if (maxLength != null) {
			checks.add((v) -> {
				int length = length(v);
				if (length > maxLength.value()) {
					throw new IllegalArgumentException("Length of '" + v + "' " + length + " > " + maxLength.value());
				}
			});
		}
		Regex regex = field.getAnnotation(Regex.class);
		if (regex != null) {
			Pattern pattern = pattern(regex.value(), where);
			checks.add((v) -> {
				if (!pattern.matcher(v.toString()).lookingAt()) {
					throw new IllegalArgumentException("Value '" + v + "' does not match regex '" + regex.value() + "'");
				}
			});
		}
		Validators custom = field.getAnnotation(Validators.class);
		if (custom != null) {
			for (Class<? extends Validator<?>> type : custom.value()) {
				@SuppressWarnings("unchecked")
				Validator<Object> validator = (Validator<Object>) instantiate(type, where, "@Validators");
				checks.add(validator::validate);
			}
		}
		return List.copyOf(checks);
	}

	/** Runs a field's checks on a value about to be written; null is never checked. */
	static void run(FieldMeta f, Object value) {
		Object checked = (value instanceof Enum<?> e) ? enumValue(f, e) : value;
		for (Consumer<Object> check : f.checks()) {
			try {
				check.accept(checked);
			}
			catch (ValidationException | IllegalArgumentException | ClassCastException ex) {
				// As Tortoise's Field.validate: the field's name, then the validator's message.
				throw new ValidationException(f.owner().name() + "." + f.name() + ": " + ex.getMessage(), ex);
			}
		}
	}

	private static Object enumValue(FieldMeta f, Enum<?> e) {
		return (f.type() == dev.tortoise.fields.FieldType.INT_ENUM) ? EnumValues.number(e) : EnumValues.text(e);
	}

	private static BigDecimal number(Object v) {
		if (v instanceof BigDecimal d) {
			return d;
		}
		if (v instanceof Number || v instanceof CharSequence) {
			return new BigDecimal(v.toString());
		}
		throw new IllegalArgumentException("Value " + v + " is not a number");
	}

	private static int length(Object v) {
		if (v instanceof CharSequence s) {
			return StoredText.length(s);
		}
		if (v instanceof byte[] b) {
			return b.length;
		}
		if (v instanceof java.util.Collection<?> c) {
			return c.size();
		}
		return length(v.toString());
	}

	private static BigDecimal number(String text, String annotation, String where) {
		try {
			return new BigDecimal(text.trim());
		}
		catch (NumberFormatException ex) {
			throw new ConfigurationException("Field " + where + " has " + annotation + "(\"" + text
					+ "\"), which is not a number; write it as \"10\" or \"0.5\".", ex);
		}
	}

	private static Pattern pattern(String regex, String where) {
		try {
			return Pattern.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw new ConfigurationException("Field " + where + " has @Regex(\"" + regex + "\"), which is not a valid"
					+ " regular expression: " + ex.getDescription() + ".", ex);
		}
	}

	/** One instance of a class an annotation on a field names ({@code @Validators}, {@code @DefaultFactory}). */
	static <T> T instantiate(Class<T> type, String where, String annotation) {
		try {
			Constructor<T> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor.newInstance();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new ConfigurationException("Field " + where + " has " + annotation + "(" + type.getSimpleName()
					+ ".class), which cannot be created: give it a public constructor without arguments.", ex);
		}
	}

}
