package dev.tortoise.models;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.tortoise.exceptions.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the model classes of a module entry: a package (its {@code @Models} list, or
 * every {@code @Model} class directly in it, sorted by simple name like Python's
 * {@code dir()}), or a fully qualified class name.
 */
final class ModelDiscovery {

	private static final Logger logger = LoggerFactory.getLogger("dev.tortoise");

	private final ClassLoader classLoader;

	ModelDiscovery(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	List<Class<?>> discover(String module) {
		if (module == null || module.isBlank()) {
			throw new ConfigurationException("Module \"" + module + "\" not found: a module entry cannot be empty.");
		}
		String name = module.trim();
		Class<?> single = loadClass(name);
		if (single != null && !single.getName().endsWith(".package-info")) {
			if (!isModel(single)) {
				throw new ConfigurationException("Module \"" + name + "\" is a class but not a model: annotate it"
						+ " with @Model, or list its package instead.");
			}
			return List.of(single);
		}
		Class<?> packageInfo = loadClass(name + ".package-info");
		if (packageInfo != null && packageInfo.isAnnotationPresent(Models.class)) {
			return explicitList(name, packageInfo.getAnnotation(Models.class));
		}
		List<String> classNames = scan(name);
		if (classNames == null) {
			throw new ConfigurationException("Module \"" + name + "\" not found: no package or class of that name"
					+ " is on the class path. Check the spelling in the app's models list.");
		}
		List<Class<?>> models = new ArrayList<>();
		for (String className : classNames) {
			Class<?> c = loadClass(className);
			if (c != null && isModel(c)) {
				models.add(c);
			}
		}
		models.sort(Comparator.comparing(Class::getSimpleName));
		if (models.isEmpty()) {
			logger.warn("Module \"{}\" has no models", name);
		}
		return models;
	}

	private List<Class<?>> explicitList(String pkg, Models list) {
		List<Class<?>> models = new ArrayList<>();
		for (Class<?> c : list.value()) {
			if (!isModel(c)) {
				throw new ConfigurationException("@Models of package \"" + pkg + "\" lists " + c.getName()
						+ ", which is not a model: annotate it with @Model or remove it from the list.");
			}
			models.add(c);
		}
		if (models.isEmpty()) {
			logger.warn("Module \"{}\" has no models", pkg);
		}
		return models;
	}

	static boolean isModel(Class<?> c) {
		return c.isAnnotationPresent(Model.class) && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface()
				&& (c.getEnclosingClass() == null || Modifier.isStatic(c.getModifiers()));
	}

	/** Loads a class by binary name, or by canonical name for nested classes ({@code a.Outer.Inner}). */
	private @Nullable Class<?> loadClass(String name) {
		String candidate = name;
		while (true) {
			try {
				return Class.forName(candidate, false, this.classLoader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				int dot = candidate.lastIndexOf('.');
				if (dot < 0 || !Character.isUpperCase(candidate.charAt(dot + 1)) || candidate.indexOf('.') == dot) {
					return null;
				}
				candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
			}
		}
	}

	/** Class names directly in the package (nested classes included), or null if the package does not exist. */
	private @Nullable List<String> scan(String pkg) {
		String path = pkg.replace('.', '/');
		Set<String> names = new LinkedHashSet<>();
		boolean found = false;
		try {
			Enumeration<URL> roots = this.classLoader.getResources(path);
			while (roots.hasMoreElements()) {
				URL url = roots.nextElement();
				found = true;
				if ("file".equals(url.getProtocol())) {
					scanDirectory(new File(toPath(url)), pkg, names);
				}
				else if ("jar".equals(url.getProtocol())) {
					scanJar(url, path, pkg, names);
				}
			}
			if (!found) {
				found = scanClassPathRoots(path, pkg, names);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not scan package " + pkg, ex);
		}
		return found ? new ArrayList<>(names) : null;
	}

	/**
	 * Jars written without directory entries hide their packages from
	 * {@link ClassLoader#getResources}; look into every class-path root instead.
	 */
	private boolean scanClassPathRoots(String path, String pkg, Set<String> names) throws IOException {
		Set<String> roots = new LinkedHashSet<>();
		for (ClassLoader l = this.classLoader; l != null; l = l.getParent()) {
			if (l instanceof URLClassLoader u) {
				for (URL url : u.getURLs()) {
					if ("file".equals(url.getProtocol())) {
						roots.add(toPath(url));
					}
				}
			}
		}
		String classPath = System.getProperty("java.class.path", "");
		for (String entry : classPath.split(File.pathSeparator)) {
			if (!entry.isEmpty()) {
				roots.add(entry);
			}
		}
		boolean found = false;
		for (String root : roots) {
			File file = new File(root);
			if (file.isDirectory()) {
				File dir = new File(file, path);
				if (dir.isDirectory()) {
					found = true;
					scanDirectory(dir, pkg, names);
				}
			}
			else if (file.isFile() && root.endsWith(".jar")) {
				try (JarFile jar = new JarFile(file)) {
					int before = names.size();
					collect(jar, path, pkg, names);
					found |= names.size() > before || jar.getEntry(path + "/") != null;
				}
			}
		}
		return found;
	}

	private static String toPath(URL url) {
		try {
			return new File(url.toURI()).getPath();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return URLDecoder.decode(url.getPath(), StandardCharsets.UTF_8);
		}
	}

	private static void scanDirectory(File dir, String pkg, Set<String> names) {
		File[] files = dir.listFiles();
		if (files == null) {
			return;
		}
		for (File f : files) {
			String n = f.getName();
			if (f.isFile() && n.endsWith(".class") && !n.equals("package-info.class") && !n.equals("module-info.class")) {
				names.add(pkg + "." + n.substring(0, n.length() - ".class".length()).replace('/', '.'));
			}
		}
	}

	private static void scanJar(URL url, String path, String pkg, Set<String> names) throws IOException {
		JarURLConnection connection = (JarURLConnection) url.openConnection();
		connection.setUseCaches(false);
		try (JarFile jar = connection.getJarFile()) {
			collect(jar, path, pkg, names);
		}
	}

	private static void collect(JarFile jar, String path, String pkg, Set<String> names) {
		String prefix = path + "/";
		Enumeration<JarEntry> entries = jar.entries();
		while (entries.hasMoreElements()) {
			String n = entries.nextElement().getName();
			if (n.startsWith(prefix) && n.endsWith(".class") && n.indexOf('/', prefix.length()) < 0
					&& !n.endsWith("package-info.class")) {
				names.add(pkg + "." + n.substring(prefix.length(), n.length() - ".class".length()));
			}
		}
	}

}
