package dev.tortoise.types;

/**
 * The rules every database's text follows, checked before any SQL so that a value one of
 * them would refuse (or silently change) is refused on all of them alike: no NUL character
 * (PostgreSQL cannot store one), no lone UTF-16 surrogate (not a character: stored as
 * {@code ?} or refused by the encoding), and lengths counted in code points, as Python's
 * {@code len()} and the databases' VARCHAR count them.
 */
public final class StoredText {

	private StoredText() {
	}

	/**
	 * Checks text about to be bound.
	 * @throws IllegalArgumentException saying what is wrong and where
	 */
	public static void check(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				throw new IllegalArgumentException("it contains a NUL character (\\u0000) at index " + i
						+ ", which PostgreSQL cannot store; remove it");
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw new IllegalArgumentException("it contains a lone UTF-16 surrogate (\\u"
						+ Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i
						+ ", which is not a character");
			}
		}
	}

	/** The length Python's {@code len()} and a VARCHAR give: code points. */
	public static int length(CharSequence text) {
		return Character.codePointCount(text, 0, text.length());
	}

	/** The text with NULs and lone surrogates written as {@code \\uXXXX}, for messages that repeat it. */
	public static String printable(String text) {
		StringBuilder b = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
			if (pair) {
				b.append(c).append(text.charAt(++i));
			}
			else if (c == '\0' || Character.isSurrogate(c)) {
				b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
			}
			else {
				b.append(c);
			}
		}
		return b.toString();
	}

	/** At most {@code max} characters of the text, never half of a surrogate pair. */
	public static String cut(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
		return text.substring(0, end);
	}

}
