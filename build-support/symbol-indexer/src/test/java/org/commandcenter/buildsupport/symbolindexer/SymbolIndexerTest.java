package org.commandcenter.buildsupport.symbolindexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolIndexerTest {
    private static final String SYMBOL_ANNOTATION = """
            package org.jenkinsci;
            import java.lang.annotation.*;
            @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.TYPE)
            public @interface Symbol { String[] value(); }
            """;

    @TempDir
    Path out;

    @Test
    void indexesBinaryNamesOfSymbolClassesSortedOnePerLine() throws IOException {
        compile(List.of(out), SYMBOL_ANNOTATION,
                "package p; @org.jenkinsci.Symbol(\"zed\") public class Zed {}",
                "package p; public class Notifier { @org.jenkinsci.Symbol(\"mattermostSend\") public static class DescriptorImpl {} }",
                "package p; public class Plain {}");

        assertThat(index()).isEqualTo("p.Notifier$DescriptorImpl\np.Zed\n");
    }

    @Test
    void keepsEntriesOfClassesNotRecompiled() throws IOException {
        compile(List.of(out), SYMBOL_ANNOTATION,
                "package p; @org.jenkinsci.Symbol(\"a\") public class A {}",
                "package p; @org.jenkinsci.Symbol(\"b\") public class B {}");

        // Incremental build: only B is recompiled, A comes from the output folder.
        compile(List.of(out), "package p; @org.jenkinsci.Symbol(\"b2\") public class B {}");

        assertThat(index()).isEqualTo("p.A\np.B\n");
    }

    @Test
    void dropsEntriesOfDeletedOrNoLongerAnnotatedClasses() throws IOException {
        compile(List.of(out), SYMBOL_ANNOTATION,
                "package p; @org.jenkinsci.Symbol(\"a\") public class A {}",
                "package p; @org.jenkinsci.Symbol(\"b\") public class B {}",
                "package p; @org.jenkinsci.Symbol(\"gone\") public class Gone {}");
        Files.delete(out.resolve("p/Gone.class"));

        compile(List.of(out),
                "package p; public class A {}",
                "package p; @org.jenkinsci.Symbol(\"c\") public class C {}");

        assertThat(index()).isEqualTo("p.B\np.C\n");
    }

    @Test
    void writesNoIndexWithoutSymbols() throws IOException {
        compile(List.of(out), SYMBOL_ANNOTATION, "package p; public class Plain {}");

        assertThat(out.resolve(SymbolIndexer.INDEX)).doesNotExist();
    }

    @Test
    void rejectsSymbolOnANonType() {
        String errors = compileExpectingFailure(SYMBOL_ANNOTATION.replace("ElementType.TYPE", "ElementType.METHOD"),
                "package p; public class M { @org.jenkinsci.Symbol(\"m\") public void m() {} }");

        assertThat(errors).contains("@Symbol belongs on a type");
    }

    @Test
    void isDiscoveredThroughServiceLoader() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(Processor.class, getClass().getClassLoader()).forEach(p -> names.add(p.getClass().getName()));

        assertThat(names).contains(SymbolIndexer.class.getName());
    }

    private String index() throws IOException {
        return Files.readString(out.resolve(SymbolIndexer.INDEX), StandardCharsets.UTF_8);
    }

    private void compile(List<Path> classPath, String... sources) {
        StringWriter diagnostics = new StringWriter();
        boolean ok = task(diagnostics, classPath, sources);
        assertThat(ok).as(diagnostics.toString()).isTrue();
    }

    private String compileExpectingFailure(String... sources) {
        StringWriter diagnostics = new StringWriter();
        assertThat(task(diagnostics, List.of(out), sources)).isFalse();
        return diagnostics.toString();
    }

    private boolean task(StringWriter diagnostics, List<Path> classPath, String... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        for (String source : sources) {
            units.add(new Source(source));
        }
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-proc:full", "-classpath",
                String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList())));
        JavaCompiler.CompilationTask task = javac.getTask(diagnostics, null, null, options, null, units);
        task.setProcessors(List.of(new SymbolIndexer()));
        return task.call();
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String code) {
            super(URI.create("string:///" + path(code)), Kind.SOURCE);
            this.code = code;
        }

        private static String path(String code) {
            String pkg = code.replaceAll("(?s)^\\s*package\\s+([\\w.]+);.*", "$1");
            String type = code.replaceAll("(?s).*?public\\s+(?:@interface|class|interface)\\s+(\\w+).*", "$1");
            return pkg.replace('.', '/') + "/" + type + ".java";
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
