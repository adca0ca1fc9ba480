package org.commandcenter.jenkins.mattermost.hpi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A built .hpi expanded the way Jenkins' ClassicPluginStrategy does it: the archive is unzipped into a folder,
 * {@code META-INF/MANIFEST.MF} is read from there, and the plugin's class loader gets every {@code WEB-INF/lib/*.jar}
 * on top of a parent that plays Jenkins core and the plugins depended on (here: the compile-only Jenkins API,
 * SezPoz, Stapler, Spring Security, the servlet APIs and json-lib, loaded in isolation from this test's own
 * class path).
 */
final class ExplodedHpi implements AutoCloseable {
    /** Classes that stand for Jenkins core and the plugin dependencies: the plugin must not bundle any of them. */
    static final List<Class<?>> CORE_SIDE = List.of(
            hudson.Extension.class,
            net.java.sezpoz.Index.class,
            org.kohsuke.stapler.DataBoundConstructor.class,
            org.springframework.security.core.Authentication.class,
            jakarta.servlet.http.HttpServletRequest.class,
            javax.servlet.http.HttpServletRequest.class,
            net.sf.json.JSONObject.class);

    final Path root;
    final Manifest manifest;
    final List<Path> libraries;
    final URLClassLoader core;
    final URLClassLoader plugin;

    private ExplodedHpi(Path root, Manifest manifest, List<Path> libraries, URLClassLoader core, URLClassLoader plugin) {
        this.root = root;
        this.manifest = manifest;
        this.libraries = libraries;
        this.core = core;
        this.plugin = plugin;
    }

    static ExplodedHpi explode(Path hpi, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(hpi))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        Path manifestFile = into.resolve("META-INF/MANIFEST.MF");
        if (!Files.isRegularFile(manifestFile)) {
            throw new IOException("Plugin installation failed. No manifest at " + manifestFile);
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(manifestFile)) {
            manifest = new Manifest(in);
        }
        List<Path> libraries = new ArrayList<>();
        Path lib = into.resolve("WEB-INF/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().forEach(libraries::add);
            }
        }
        URLClassLoader core = new URLClassLoader("core", coreUrls(), ClassLoader.getPlatformClassLoader());
        URLClassLoader plugin = new URLClassLoader("PluginClassLoader for " + manifest.getMainAttributes().getValue("Short-Name"),
                libraries.stream().map(ExplodedHpi::url).toArray(URL[]::new), core);
        return new ExplodedHpi(into, manifest, libraries, core, plugin);
    }

    String attribute(String name) {
        return manifest.getMainAttributes().getValue(name);
    }

    /** The plugin's own jar, named after the short name. */
    Path pluginJar() {
        return root.resolve("WEB-INF/lib/" + attribute("Short-Name") + ".jar");
    }

    /** Binary names of the classes in the plugin's own jar. */
    List<String> pluginClassNames() throws IOException {
        return classNames(pluginJar());
    }

    static List<String> classNames(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                    names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }

    static TreeSet<String> entryNames(Path jarOrFolder) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (Files.isDirectory(jarOrFolder)) {
            try (Stream<Path> files = Files.walk(jarOrFolder)) {
                files.filter(Files::isRegularFile).forEach(f -> names.add(jarOrFolder.relativize(f).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile file = new JarFile(jarOrFolder.toFile())) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    if (!entry.isDirectory()) {
                        names.add(entry.getName());
                    }
                }
            }
        }
        return names;
    }

    /** The class as the plugin sees it: from its own jars or, for Jenkins types, from the core side. */
    Class<?> pluginClass(String binaryName) throws ClassNotFoundException {
        return Class.forName(binaryName, false, plugin);
    }

    @SuppressWarnings("unchecked")
    <A extends Annotation> Class<A> coreAnnotation(String name) throws ClassNotFoundException {
        return (Class<A>) Class.forName(name, false, core);
    }

    Class<?> coreClass(String name) throws ClassNotFoundException {
        return Class.forName(name, false, core);
    }

    static List<Path> coreLocations() {
        return CORE_SIDE.stream().map(ExplodedHpi::location).distinct().toList();
    }

    private static URL[] coreUrls() {
        return coreLocations().stream().map(ExplodedHpi::url).toArray(URL[]::new);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        plugin.close();
        core.close();
    }
}
