package org.commandcenter.jenkins.mattermost.hpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.jenkins.mattermost.hpi.PluginDependency.optional;
import static org.commandcenter.jenkins.mattermost.hpi.PluginDependency.required;

import java.beans.Introspector;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the built {@code mattermost-notifier.hpi} and reads it back the way Jenkins 2.479.3 does: the manifest and
 * its Plugin-Dependencies (PluginWrapper, ClassicPluginStrategy), the SezPoz index of {@code @Extension}s
 * (ExtensionFinder.Sezpoz), the {@code @Symbol} index (annotation-indexer, as structs' SymbolLookup uses it) and
 * Stapler's parameter names (ClassDescriptor), in class loaders built from the archive's {@code WEB-INF/lib} alone.
 */
class HpiReadBackIT {
    private static final String SHORT_NAME = "mattermost-notifier";
    private static final String JENKINS_BASELINE = "2.479.3";

    @TempDir
    static Path expanded;

    static ExplodedHpi hpi;

    @BeforeAll
    static void explodeTheBuiltHpi() throws IOException {
        Path file = Path.of(System.getProperty("hpi.file", "target/" + SHORT_NAME + ".hpi"));
        assertThat(file).as("the .hpi built in the package phase").isRegularFile();
        hpi = ExplodedHpi.explode(file, expanded);
    }

    @AfterAll
    static void closeClassLoaders() throws IOException {
        hpi.close();
    }

    @Test
    void manifestCarriesWhatPluginWrapperReads() {
        assertThat(hpi.manifest.getMainAttributes().getValue(Attributes.Name.MANIFEST_VERSION)).isEqualTo("1.0");
        assertThat(hpi.attribute("Short-Name")).isEqualTo(SHORT_NAME);
        assertThat(hpi.attribute("Extension-Name")).as("Short-Name is the one Jenkins uses").isNull();
        assertThat(hpi.attribute("Long-Name")).isEqualTo("Mattermost Notifier");
        assertThat(hpi.attribute("Plugin-Version")).isEqualTo(System.getProperty("hpi.version", hpi.attribute("Plugin-Version")))
                .isNotBlank().doesNotContain("???");
        assertThat(hpi.attribute("Jenkins-Version")).isEqualTo(JENKINS_BASELINE);
        assertThat(hpi.attribute("Hudson-Version")).isEqualTo(JENKINS_BASELINE);
        assertThat(hpi.attribute("Group-Id")).isEqualTo("org.commandcenter");
        assertThat(hpi.attribute("Url")).startsWith("https://");
        // PluginWrapper.supportsDynamicLoad(): absent = MAYBE, otherwise Boolean.parseBoolean. false: the durable
        // outbox starts when Jenkins loads its jobs, which a live install never does; Jenkins restarts to install.
        assertThat(hpi.attribute("Support-Dynamic-Loading")).isEqualTo("false");
        // No hudson.Plugin subclass, the default class loader order and no masked core classes.
        assertThat(hpi.attribute("Plugin-Class")).isNull();
        assertThat(hpi.attribute("PluginFirstClassLoader")).isNull();
        assertThat(hpi.attribute("Mask-Classes")).isNull();
    }

    @Test
    void pluginJarLooksLikeAPluginToTheClassFilter() throws IOException {
        // ClassFilterImpl.isPluginManifest(): XStream and remoting accept our classes because of their jar's manifest.
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(hpi.pluginJar().toFile())) {
            Attributes attributes = jar.getManifest().getMainAttributes();
            assertThat(attributes.getValue("Short-Name")).isEqualTo(SHORT_NAME);
            assertThat(attributes.getValue("Plugin-Version")).isEqualTo(hpi.attribute("Plugin-Version"));
            assertThat(attributes.getValue("Jenkins-Version")).isEqualTo(JENKINS_BASELINE);
        }
    }

    @Test
    void theBotIconIsInThePluginJarWhereTheUnprotectedIconActionServesIt() throws IOException {
        // Not under /plugin/<name>/ (webapp): that path needs Overall/Read, which Mattermost's image proxy lacks.
        Path source = Path.of("src/main/resources/org/commandcenter/jenkins/mattermost/jenkins-mattermost.png");
        try (java.io.InputStream packaged = hpi.plugin.getResourceAsStream(
                "org/commandcenter/jenkins/mattermost/jenkins-mattermost.png")) {
            assertThat(packaged).as("the icon in " + SHORT_NAME + ".jar").isNotNull();
            assertThat(packaged.readAllBytes()).isEqualTo(Files.readAllBytes(source));
        }
    }

    @Test
    void pluginDependenciesParseAsJenkinsDoes() {
        List<PluginDependency> dependencies = PluginDependency.parseAll(hpi.attribute("Plugin-Dependencies"));

        assertThat(dependencies).containsExactlyInAnyOrder(
                required("credentials", "1415.v831096eb_5534"),
                required("plain-credentials", "199.v9f8e1f741799"),
                required("script-security", "1369.v9b_98a_4e95b_2d"),
                required("structs", "350.v3b_30f09f2363"),
                required("workflow-step-api", "704.ve4f0967e98fa_"),
                optional("junit", "1312.v1a_235a_b_94a_31"),
                optional("mailer", "489.vd4b_25144138f"));
    }

    @Test
    void dependencyParsingFollowsPluginWrapperRules() {
        assertThat(PluginDependency.parse("junit:1.2;resolution:=optional")).isEqualTo(optional("junit", "1.2"));
        assertThat(PluginDependency.parse("junit:1.2; RESOLUTION:=OPTIONAL ")).isEqualTo(optional("junit", "1.2"));
        assertThat(PluginDependency.parse("junit:1.2;other")).isEqualTo(required("junit", "1.2;other"));
        assertThat(PluginDependency.parse("a:b:c")).isEqualTo(required("a", "b:c"));
    }

    @Test
    void libraryFolderHoldsThePluginJarAndEveryBundledLibrary() throws IOException {
        List<String> jars = hpi.libraries.stream().map(p -> p.getFileName().toString()).toList();

        assertThat(jars).contains(SHORT_NAME + ".jar");
        for (String bundled : List.of("mattermost-client-", "build-notifier-core-", "okhttp-jvm-", "okio-jvm-", "kotlin-stdlib-", "gson-")) {
            assertThat(jars).as("bundled " + bundled + "*.jar").anyMatch(jar -> jar.startsWith(bundled));
        }
        for (String runtimeJar : runtimeDependencyJarNames()) {
            assertThat(jars).as("every runtime dependency Maven resolved is bundled").contains(runtimeJar);
        }
        assertThat(hpi.root.resolve("WEB-INF/classes")).as("classes belong in the plugin jar").doesNotExist();
    }

    @Test
    void noCompileOnlyClassOrProvidedJarIsInside() throws IOException {
        List<String> jars = hpi.libraries.stream().map(p -> p.getFileName().toString()).toList();
        for (String provided : List.of("jenkins-api", "symbol-indexer", "sezpoz", "stapler", "spring-security", "commons-io",
                "junit", "mockito", "assertj", "byte-buddy", "opentest4j", "apiguardian")) {
            assertThat(jars).as("no " + provided + " jar").noneMatch(jar -> jar.startsWith(provided));
        }
        Set<String> coreEntries = new TreeSet<>();
        for (Path location : ExplodedHpi.coreLocations()) {
            ExplodedHpi.entryNames(location).stream().filter(n -> n.endsWith(".class")).forEach(coreEntries::add);
        }
        for (Path jar : hpi.libraries) {
            Set<String> clash = new TreeSet<>(ExplodedHpi.entryNames(jar));
            clash.retainAll(coreEntries);
            assertThat(clash).as("compile-only classes inside " + jar.getFileName()).isEmpty();
            assertThat(ExplodedHpi.entryNames(jar)).as(jar.getFileName() + " bundles no Jenkins, Stapler or SezPoz package")
                    .noneMatch(n -> n.startsWith("hudson/") || n.startsWith("jenkins/") || n.startsWith("org/kohsuke/")
                            || n.startsWith("com/cloudbees/") || n.startsWith("org/jenkinsci/") || n.startsWith("net/java/sezpoz/"));
        }
    }

    @Test
    void indexJellyIsFoundInThePluginJarAsPluginWrapperLooksForIt() throws IOException {
        // PluginWrapper.getIndexPage(): the last "index.jelly" the plugin's loader finds, if its URL names the plugin.
        URL index = null;
        for (URL url : Collections.list(hpi.plugin.getResources("index.jelly"))) {
            index = url;
        }
        assertThat(index).isNotNull();
        assertThat(index.toString()).contains(SHORT_NAME).contains("WEB-INF/lib/" + SHORT_NAME + ".jar!");
        try (InputStream in = index.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).containsIgnoringCase("mattermost");
        }
    }

    @Test
    void extensionIndexListsExactlyOurExtensionClasses() throws Exception {
        Class<Annotation> extension = hpi.coreAnnotation("hudson.Extension");
        Set<String> indexed = new TreeSet<>();
        Set<String> notDynamicallyLoadable = new TreeSet<>();
        for (IndexItem<Annotation, Object> item : Index.load(extension, Object.class, hpi.plugin)) {
            assertThat(item.kind()).as(item.className()).isEqualTo(ElementType.TYPE);
            Class<?> type = (Class<?>) item.element();
            assertThat(type.getClassLoader()).as(item.className() + " comes from the plugin jar").isSameAs(hpi.plugin);
            assertThat(type.getProtectionDomain().getCodeSource().getLocation().toString()).endsWith("/" + SHORT_NAME + ".jar");
            // ExtensionFinder instantiates through Guice: a public no-argument constructor on a public concrete class.
            assertThat(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers())).as(item.className()).isTrue();
            assertThat(type.getConstructor()).isNotNull();
            // Support-Dynamic-Loading: false, as maven-hpi-plugin derives it, exactly when an extension says NO.
            Object dynamicLoadable = extension.getMethod("dynamicLoadable").invoke(item.annotation());
            if (dynamicLoadable.equals(noDynamicLoading())) {
                notDynamicallyLoadable.add(item.className());
            }
            indexed.add(item.className());
        }

        assertThat(notDynamicallyLoadable).containsExactly("org.commandcenter.jenkins.mattermost.DeliveryLifecycle");
        assertThat(hpi.attribute("Support-Dynamic-Loading")).isEqualTo("false");
        assertThat(indexed).isNotEmpty().isEqualTo(pluginClassesAnnotatedWith(extension));
        assertThat(indexed).contains(
                "org.commandcenter.jenkins.mattermost.MattermostGlobalConfiguration",
                "org.commandcenter.jenkins.mattermost.MattermostNotifier$DescriptorImpl",
                "org.commandcenter.jenkins.mattermost.MattermostSendStep$DescriptorImpl",
                "org.commandcenter.jenkins.mattermost.DeliveryLifecycle",
                "org.commandcenter.jenkins.mattermost.DeliveryHealthMonitor");
    }

    @Test
    void pipelineStepIsRegisteredAsMattermostSend() throws Exception {
        Class<Annotation> extension = hpi.coreAnnotation("hudson.Extension");
        Class<?> stepDescriptor = hpi.coreClass("org.jenkinsci.plugins.workflow.steps.StepDescriptor");
        List<String> functionNames = new ArrayList<>();
        for (IndexItem<Annotation, Object> item : Index.load(extension, Object.class, hpi.plugin)) {
            Class<?> type = (Class<?>) item.element();
            if (stepDescriptor.isAssignableFrom(type)) {
                Object descriptor = type.getConstructor().newInstance();
                functionNames.add((String) stepDescriptor.getMethod("getFunctionName").invoke(descriptor));
            }
        }
        assertThat(functionNames).containsExactly("mattermostSend");
    }

    @Test
    void symbolIndexListsEverySymbolClassAndLooksUpAsStructsDoes() throws Exception {
        Class<Annotation> symbol = hpi.coreAnnotation("org.jenkinsci.Symbol");
        Class<Annotation> extension = hpi.coreAnnotation("hudson.Extension");

        Set<String> indexed = new TreeSet<>();
        Map<String, Class<?>> bySymbol = new TreeMap<>();
        for (Class<?> type : annotationIndexList(symbol)) {
            indexed.add(type.getName());
            String[] values = (String[]) symbol.getMethod("value").invoke(type.getAnnotation(symbol));
            for (String value : values) {
                assertThat(Character.isJavaIdentifierStart(value.charAt(0)) && value.chars().allMatch(Character::isJavaIdentifierPart))
                        .as("SymbolLookup ignores symbols that are not Java identifiers: " + value).isTrue();
                assertThat(bySymbol.put(value, type)).as("symbol " + value + " declared once").isNull();
            }
        }

        assertThat(indexed).isNotEmpty().isEqualTo(pluginClassesAnnotatedWith(symbol));
        // SymbolLookup.findDescriptor only sees descriptors that are registered extensions.
        Class<?> descriptor = hpi.coreClass("hudson.model.Descriptor");
        for (Class<?> type : bySymbol.values()) {
            if (descriptor.isAssignableFrom(type)) {
                assertThat(type.isAnnotationPresent(extension)).as(type.getName() + " is an @Extension").isTrue();
            }
        }
        // JCasC: unclassified: mattermostNotifier:
        Class<?> globalConfiguration = hpi.coreClass("jenkins.model.GlobalConfiguration");
        assertThat(bySymbol.get("mattermostNotifier")).isNotNull()
                .satisfies(type -> assertThat(globalConfiguration.isAssignableFrom(type)).isTrue());
    }

    @Test
    void staplerFindsTheDataBoundConstructorParameterNames() throws Exception {
        Class<Annotation> dataBoundConstructor = hpi.coreAnnotation("org.kohsuke.stapler.DataBoundConstructor");
        int checked = 0;
        for (String name : hpi.pluginClassNames()) {
            Class<?> type = hpi.pluginClass(name);
            for (Constructor<?> constructor : type.getConstructors()) {
                if (!constructor.isAnnotationPresent(dataBoundConstructor)) {
                    continue;
                }
                // ClassDescriptor.loadConstructorParamNames(): reflection first (-parameters), then <Class>.stapler.
                List<String> reflected = namesFromReflection(constructor.getParameters());
                assertThat(reflected).as(name + " compiled with -parameters").hasSize(constructor.getParameterCount());
                Properties stapler = new Properties();
                String resource = name.replace('.', '/').replace('$', '/') + ".stapler";
                try (InputStream in = hpi.plugin.getResourceAsStream(resource)) {
                    assertThat(in).as(resource).isNotNull();
                    stapler.load(in);
                }
                String constructorNames = stapler.getProperty("constructor");
                assertThat(constructorNames.isEmpty() ? List.of() : Arrays.asList(constructorNames.split(","))).isEqualTo(reflected);
                checked++;
            }
        }
        assertThat(checked).as("@DataBoundConstructor classes (notifier, step)").isGreaterThanOrEqualTo(2);
    }

    @Test
    void staplerFindsTheQueryParameterNamesOfFormMethods() throws Exception {
        Class<Annotation> queryParameter = hpi.coreAnnotation("org.kohsuke.stapler.QueryParameter");
        int checked = 0;
        for (String name : hpi.pluginClassNames()) {
            for (Method method : hpi.pluginClass(name).getDeclaredMethods()) {
                if (Arrays.stream(method.getParameters()).noneMatch(p -> p.isAnnotationPresent(queryParameter))) {
                    continue;
                }
                // ClassDescriptor.loadParameterNames(Method): reflection first, then <Class>/<method>.stapler.
                assertThat(namesFromReflection(method.getParameters())).as(name + "#" + method.getName()).hasSize(method.getParameterCount());
                String resource = name.replace('.', '/').replace('$', '/') + "/" + method.getName() + ".stapler";
                assertThat(hpi.plugin.getResource(resource)).as(resource).isNotNull();
                checked++;
            }
        }
        assertThat(checked).as("doCheck*/doFill*/doTest* methods").isPositive();
    }

    @Test
    void everyConfigurableDescribableHasItsViewAndAHelpFilePerField() throws Exception {
        Class<Annotation> dataBoundConstructor = hpi.coreAnnotation("org.kohsuke.stapler.DataBoundConstructor");
        Class<Annotation> dataBoundSetter = hpi.coreAnnotation("org.kohsuke.stapler.DataBoundSetter");
        Set<String> missing = new TreeSet<>();
        int describables = 0;
        for (String name : hpi.pluginClassNames()) {
            Class<?> type = hpi.pluginClass(name);
            Set<String> fields = new LinkedHashSet<>();
            for (Constructor<?> constructor : type.getConstructors()) {
                if (constructor.isAnnotationPresent(dataBoundConstructor)) {
                    fields.addAll(namesFromReflection(constructor.getParameters()));
                }
            }
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(dataBoundSetter) && method.getName().startsWith("set")) {
                    fields.add(Introspector.decapitalize(method.getName().substring(3)));
                }
            }
            if (fields.isEmpty()) {
                continue;
            }
            describables++;
            // Descriptor.getHelpFile(field) and the config view are looked up in the Describable's resource folder.
            String folder = name.replace('.', '/').replace('$', '/') + "/";
            if (hpi.plugin.getResource(folder + "config.jelly") == null) {
                missing.add(folder + "config.jelly");
            }
            for (String field : fields) {
                if (hpi.plugin.getResource(folder + "help-" + field + ".html") == null) {
                    missing.add(folder + "help-" + field + ".html");
                }
            }
        }
        assertThat(describables).isGreaterThanOrEqualTo(3);
        assertThat(missing).isEmpty();
    }

    private static Object noDynamicLoading() throws ClassNotFoundException {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Enum> yesNoMaybe = (Class<Enum>) hpi.coreClass("jenkins.YesNoMaybe");
        return Enum.valueOf(yesNoMaybe, "NO");
    }

    /** Binary names of the plugin jar's classes that carry the annotation (as loaded by the plugin's class loader). */
    private static Set<String> pluginClassesAnnotatedWith(Class<? extends Annotation> annotation) throws Exception {
        Set<String> annotated = new TreeSet<>();
        for (String name : hpi.pluginClassNames()) {
            if (hpi.pluginClass(name).isAnnotationPresent(annotation)) {
                annotated.add(name);
            }
        }
        return annotated;
    }

    /**
     * annotation-indexer's {@code Index.list(annotation, classLoader, Class.class)}: every
     * {@code META-INF/annotations/<annotation>} resource the loader sees, one class name per line, loaded through that
     * loader and kept when the annotation is present.
     */
    private static List<Class<?>> annotationIndexList(Class<? extends Annotation> annotation) throws Exception {
        Set<String> names = new LinkedHashSet<>();
        for (URL url : Collections.list(hpi.plugin.getResources("META-INF/annotations/" + annotation.getName()))) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        names.add(line.trim());
                    }
                }
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            Class<?> type = hpi.plugin.loadClass(name);
            if (type.isAnnotationPresent(annotation)) {
                types.add(type);
            }
        }
        return types;
    }

    private static List<String> namesFromReflection(Parameter[] parameters) {
        return Arrays.stream(parameters).allMatch(Parameter::isNamePresent)
                ? Arrays.stream(parameters).map(Parameter::getName).toList()
                : List.of();
    }

    /** File names of the runtime dependencies Maven resolved (dependency:list output), as copy-dependencies names them. */
    private static List<String> runtimeDependencyJarNames() throws IOException {
        Path list = Path.of(System.getProperty("hpi.runtimeDependencies", "target/hpi-runtime-dependencies.txt"));
        List<String> jars = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            // dependency:list may append " -- module <name>" after the coordinates.
            String[] parts = line.trim().split(" ")[0].split(":");
            // groupId:artifactId:type[:classifier]:version:scope
            if (parts.length >= 5 && parts[parts.length - 1].matches("compile|runtime.*")) {
                String artifactId = parts[1];
                String version = parts[parts.length - 2];
                String classifier = parts.length == 6 ? "-" + parts[3] : "";
                jars.add(artifactId + "-" + version + classifier + "." + parts[2]);
            }
        }
        assertThat(jars).as("runtime dependencies listed in " + list).isNotEmpty();
        return jars;
    }
}
