package dev.tortoise.spring.boot;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

import dev.tortoise.exceptions.ConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Refuses {@code tortoise.*} properties that bind to nothing ({@code tortoise.conections},
 * {@code tortoise.generate-schema}, {@code tortoise.apps.blog.model}): Spring would ignore
 * them, and the application would start without what they meant, or fail later with a
 * message about something else. The valid names come from {@link TortoiseProperties} itself;
 * the error names the property and the nearest valid one. Environment variables are not
 * checked: unrelated ones may start with {@code TORTOISE_}.
 */
final class UnknownProperties {

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("tortoise");

	private UnknownProperties() {
	}

	/** @throws ConfigurationException naming the first unknown property and the nearest valid one */
	static void check(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			Object underlying = source.getUnderlyingSource();
			if (!(source instanceof IterableConfigurationPropertySource names) || (underlying instanceof
					org.springframework.core.env.PropertySource<?> ps
					&& StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(ps.getName()))) {
				continue;
			}
			names.stream().filter(ROOT::isAncestorOf).forEach(UnknownProperties::check);
		}
	}

	static void check(ConfigurationPropertyName name) {
		Type type = TortoiseProperties.class;
		for (int i = 1; i < name.getNumberOfElements(); i++) {
			Class<?> raw = raw(type);
			if (Map.class.isAssignableFrom(raw)) {
				type = typeArgument(type, 1); // any key
				continue;
			}
			if (Collection.class.isAssignableFrom(raw)) {
				if (!name.isNumericIndex(i)) {
					throw unknown(name, i, "a list takes indexes here, [0], [1], ...", new TreeSet<>());
				}
				type = typeArgument(type, 0);
				continue;
			}
			if (BeanUtils.isSimpleProperty(raw) || raw.getName().startsWith("java.")
					|| raw.getName().startsWith("org.springframework.core.io")) {
				throw unknown(name, i, name.getElement(i - 1, Form.DASHED) + " takes a value, not properties below it",
						new TreeSet<>());
			}
			Map<String, Type> properties = properties(raw);
			Type next = properties.get(uniform(name.getElement(i, Form.UNIFORM)));
			if (next == null) {
				throw unknown(name, i, null, dashedNames(raw));
			}
			type = next;
		}
	}

	/** The bean's bindable properties, by their uniform names (lower case, letters and digits only). */
	private static Map<String, Type> properties(Class<?> bean) {
		Map<String, Type> out = new java.util.HashMap<>();
		for (PropertyDescriptor p : bindable(bean)) {
			out.put(uniform(p.getName()), p.getReadMethod().getGenericReturnType());
		}
		return out;
	}

	/** The bean's bindable properties as they are written in configuration: {@code max-relation-depth}. */
	private static TreeSet<String> dashedNames(Class<?> bean) {
		TreeSet<String> out = new TreeSet<>();
		for (PropertyDescriptor p : bindable(bean)) {
			out.add(p.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT));
		}
		return out;
	}

	/** The properties of a bean that configuration binds: those with a getter of the bean's own. */
	private static java.util.List<PropertyDescriptor> bindable(Class<?> bean) {
		return java.util.Arrays.stream(BeanUtils.getPropertyDescriptors(bean)).filter((p) -> {
			Method getter = p.getReadMethod();
			return getter != null && getter.getDeclaringClass() != Object.class;
		}).toList();
	}

	private static String uniform(String name) {
		return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
	}

	private static ConfigurationException unknown(ConfigurationPropertyName name, int at, @Nullable String why,
			TreeSet<String> valid) {
		StringBuilder prefix = new StringBuilder("tortoise");
		for (int j = 1; j < at; j++) {
			prefix.append('.').append(name.getElement(j, Form.DASHED));
		}
		String element = name.getElement(at, Form.DASHED);
		StringBuilder message = new StringBuilder("Unknown property ").append(name).append(": ");
		if (why != null) {
			message.append(why).append('.');
		}
		else {
			message.append(prefix).append(" has no \"").append(element).append("\".");
			String nearest = nearest(element, valid);
			if (nearest != null) {
				message.append(" Did you mean ").append(prefix).append('.').append(nearest).append('?');
			}
			message.append(" Valid here: ").append(String.join(", ", valid)).append('.');
		}
		return new ConfigurationException(message + " Correct or remove it; Spring would otherwise ignore it.");
	}

	/** The valid name closest to a misspelt one, if close enough to be what was meant. */
	static @Nullable String nearest(String element, Collection<String> valid) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : valid) {
			int d = distance(element, candidate);
			if (d < bestDistance) {
				best = candidate;
				bestDistance = d;
			}
		}
		return (best != null && bestDistance <= Math.max(2, best.length() / 3)) ? best : null;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof ParameterizedType p) {
			return (Class<?>) p.getRawType();
		}
		return Object.class;
	}

	private static Type typeArgument(Type type, int index) {
		return (type instanceof ParameterizedType p) ? p.getActualTypeArguments()[index] : Object.class;
	}

}
