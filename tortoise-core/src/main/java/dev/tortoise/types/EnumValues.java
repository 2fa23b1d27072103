package dev.tortoise.types;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What each constant of an enum stores, as Tortoise's enum fields store a member's
 * {@code value}: a {@code CharEnumField} the text of the enum's {@code String value()}
 * method if it has one, else the constant's name; an {@code IntEnumField} the number of its
 * {@code int value()} method if it has one, else the ordinal. Read once per enum class.
 */
public final class EnumValues {

	/** Tortoise cuts the description it writes for an enum field to this many characters. */
	static final int DESCRIPTION_LIMIT = 2048;

	private static final ClassValue<EnumValues> OF = new ClassValue<>() {
		@Override
		protected EnumValues computeValue(Class<?> type) {
			return new EnumValues(type);
		}
	};

	private final Object[] constants;

	private final String[] texts;

	private final int[] numbers;

	private final Map<String, Object> byText = new HashMap<>();

	private final Map<Integer, Object> byNumber = new HashMap<>();

	private EnumValues(Class<?> type) {
		this.constants = type.getEnumConstants();
		Method text = valueMethod(type, String.class);
		Method number = valueMethod(type, int.class);
		this.texts = new String[this.constants.length];
		this.numbers = new int[this.constants.length];
		for (int i = 0; i < this.constants.length; i++) {
			Enum<?> constant = (Enum<?>) this.constants[i];
			this.texts[i] = (text != null) ? (String) invoke(text, constant) : constant.name();
			this.numbers[i] = (number != null) ? (Integer) invoke(number, constant) : i;
		}
		// Names first, so that a constant's stored text wins where it equals another's name.
		for (int i = 0; i < this.constants.length; i++) {
			this.byText.put(((Enum<?>) this.constants[i]).name(), this.constants[i]);
		}
		for (int i = 0; i < this.constants.length; i++) {
			this.byText.put(this.texts[i], this.constants[i]);
			this.byNumber.putIfAbsent(this.numbers[i], this.constants[i]);
		}
	}

	static EnumValues of(Class<?> enumType) {
		return OF.get(enumType);
	}

	/** The text a {@code CharEnumField} stores for a constant: its {@code String value()}, else its name. */
	public static String text(Enum<?> constant) {
		return of(constant.getDeclaringClass()).texts[constant.ordinal()];
	}

	/** The number an {@code IntEnumField} stores for a constant: its {@code int value()}, else its ordinal. */
	public static int number(Enum<?> constant) {
		return of(constant.getDeclaringClass()).numbers[constant.ordinal()];
	}

	/** The longest stored text of an enum's constants, in code points (a {@code CharEnumField}'s length). */
	public static int longestText(Class<?> enumType) {
		int longest = 0;
		for (String t : of(enumType).texts) {
			longest = Math.max(longest, StoredText.length(t));
		}
		return longest;
	}

	/**
	 * The column comment Tortoise writes for an enum field without a description: one
	 * {@code NAME: value} line per constant, cut to 2048 characters.
	 */
	public static String description(Class<?> enumType, boolean numbers) {
		EnumValues values = of(enumType);
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < values.constants.length; i++) {
			if (i > 0) {
				b.append('\n');
			}
			b.append(((Enum<?>) values.constants[i]).name()).append(": ");
			b.append(numbers ? String.valueOf(values.numbers[i]) : values.texts[i]);
		}
		String all = b.toString();
		return (all.codePointCount(0, all.length()) <= DESCRIPTION_LIMIT) ? all
				: all.substring(0, all.offsetByCodePoints(0, DESCRIPTION_LIMIT));
	}

	/** The constant a stored text stands for (or, failing that, the constant of that name), or null. */
	@Nullable Object byText(String text) {
		return this.byText.get(text);
	}

	/** The constant a stored number stands for, or null. */
	@Nullable Object byNumber(int number) {
		return this.byNumber.get(number);
	}

	/** Every stored text, in declaration order, for messages. */
	String texts() {
		return String.join(", ", this.texts);
	}

	private static @Nullable Method valueMethod(Class<?> type, Class<?> returning) {
		try {
			Method m = type.getDeclaredMethod("value");
			if (m.getReturnType() == returning || (returning == int.class && m.getReturnType() == Integer.class)) {
				m.setAccessible(true);
				return m;
			}
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			// no value(): the name, or the ordinal
		}
		return null;
	}

	private static Object invoke(Method m, Enum<?> constant) {
		try {
			Object v = m.invoke(constant);
			if (v == null) {
				throw new IllegalStateException(constant.getDeclaringClass().getSimpleName() + "." + constant.name()
						+ ".value() returned null; an enum field's stored value must not be null.");
			}
			return v;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Could not read " + constant.getDeclaringClass().getSimpleName() + "."
					+ constant.name() + ".value()", ex);
		}
	}

}
