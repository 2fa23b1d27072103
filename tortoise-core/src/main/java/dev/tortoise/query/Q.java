package dev.tortoise.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A filter condition, combinable with {@link #and}, {@link #or} and {@link #not}, as
 * Tortoise's {@code Q}. Keys are {@code field__lookup} with relations traversed by
 * {@code __}: {@code Q.of("tournament__name__icontains", "cup")}. Immutable.
 */
public final class Q {

	enum Kind {
		LEAF, AND, OR
	}

	final Kind kind;

	final @Nullable String key;

	final @Nullable Object value;

	final List<Q> children;

	final boolean negated;

	private Q(Kind kind, @Nullable String key, @Nullable Object value, List<Q> children, boolean negated) {
		this.kind = kind;
		this.key = key;
		this.value = value;
		this.children = children;
		this.negated = negated;
	}

	/** One condition: {@code key} is {@code field[__relation...][__lookup]}. */
	public static Q of(String key, @Nullable Object value) {
		return new Q(Kind.LEAF, Objects.requireNonNull(key, "key"), value, List.of(), false);
	}

	/** All the conditions of a map, joined with AND. */
	public static Q of(Map<String, ?> conditions) {
		List<Q> children = new ArrayList<>();
		conditions.forEach((k, v) -> children.add(of(k, v)));
		return new Q(Kind.AND, null, null, Collections.unmodifiableList(children), false);
	}

	/** Every condition holds. */
	public static Q and(Q... conditions) {
		return new Q(Kind.AND, null, null, List.of(conditions), false);
	}

	/** At least one condition holds. */
	public static Q or(Q first, Q... more) {
		List<Q> children = new ArrayList<>();
		children.add(first);
		children.addAll(List.of(more));
		return new Q(Kind.OR, null, null, Collections.unmodifiableList(children), false);
	}

	/** This and the other condition. */
	public Q and(Q other) {
		return new Q(Kind.AND, null, null, List.of(this, other), false);
	}

	/** This or the other condition. */
	public Q or(Q other) {
		return new Q(Kind.OR, null, null, List.of(this, other), false);
	}

	/** The negation of this condition. */
	public Q not() {
		return new Q(this.kind, this.key, this.value, this.children, !this.negated);
	}

	@Override
	public String toString() {
		String body = (this.kind == Kind.LEAF) ? this.key + "=" + this.value : this.kind.name() + this.children;
		return this.negated ? "NOT(" + body + ")" : body;
	}

}
