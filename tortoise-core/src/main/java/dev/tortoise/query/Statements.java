package dev.tortoise.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The statements a context has written, by what their text depends on (a model, a
 * connection, the shape of a query): the one cache of statement text, shared by reads,
 * writes, prefetches and many-to-many changes. Bounded: past {@link #MAX} entries,
 * statements are written every time instead of growing the cache.
 */
final class Statements {

	/** Distinct statements kept per context. */
	static final int MAX = 4096;

	private final Map<Object, Object> cache = new ConcurrentHashMap<>();

	/**
	 * The statement cached under the key, or the one {@code write} makes, cached unless the
	 * key is null or {@code cacheable} says the made one must not be.
	 */
	@SuppressWarnings("unchecked")
	<K, V> V get(@Nullable K key, Function<K, V> write, java.util.function.Predicate<V> cacheable) {
		if (key == null) {
			return write.apply(null);
		}
		Object cached = this.cache.get(key);
		if (cached != null) {
			return (V) cached;
		}
		V made = write.apply(key);
		if (cacheable.test(made) && this.cache.size() < MAX) {
			Object raced = this.cache.putIfAbsent(key, made);
			return (raced != null) ? (V) raced : made;
		}
		return made;
	}

	/** The statement cached under the key, or the one {@code write} makes, cached. */
	<K, V> V get(K key, Function<K, V> write) {
		return get(key, write, (v) -> true);
	}

	/** The keys of the statements cached, for tests. */
	java.util.Set<Object> keys() {
		return java.util.Set.copyOf(this.cache.keySet());
	}

	/** Number of statements cached, for tests. */
	int size() {
		return this.cache.size();
	}

}
