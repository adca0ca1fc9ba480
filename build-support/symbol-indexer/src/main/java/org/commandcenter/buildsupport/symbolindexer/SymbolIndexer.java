package org.commandcenter.buildsupport.symbolindexer;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes {@code META-INF/annotations/org.jenkinsci.Symbol}: the binary name of every class annotated with
 * {@code @org.jenkinsci.Symbol}, one per line, sorted. That is the index Jenkins' annotation-indexer
 * ({@code Index.list(Symbol.class, ...)}) reads, and through it structs' {@code SymbolLookup}, Pipeline and JCasC find
 * symbols. The real annotation-indexer cannot be resolved from Maven Central, hence this processor.
 *
 * <p>Incremental-safe: when only some sources are recompiled, entries from the previous index are kept as long as
 * their class still exists and still carries the annotation; entries for deleted or un-annotated classes are dropped.
 */
@SupportedAnnotationTypes(SymbolIndexer.SYMBOL)
public final class SymbolIndexer extends AbstractProcessor {
    static final String SYMBOL = "org.jenkinsci.Symbol";
    static final String INDEX = "META-INF/annotations/" + SYMBOL;

    private final Set<String> indexed = new TreeSet<>();
    private boolean sawSymbol;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            if (!annotation.getQualifiedName().contentEquals(SYMBOL)) {
                continue;
            }
            sawSymbol = true;
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind().isClass() || element.getKind().isInterface()) {
                    indexed.add(binaryName((TypeElement) element));
                } else {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "@Symbol belongs on a type", element);
                }
            }
        }
        if (round.processingOver() && sawSymbol) {
            writeIndex();
        }
        return false;
    }

    private void writeIndex() {
        Set<String> all = new TreeSet<>(indexed);
        for (String previous : readPreviousIndex()) {
            if (!all.contains(previous) && stillAnnotated(previous)) {
                all.add(previous);
            }
        }
        try {
            FileObject index = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", INDEX);
            try (Writer out = index.openWriter()) {
                for (String name : all) {
                    out.write(name);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, "Cannot write " + INDEX + ": " + e);
        }
    }

    /** The index left by an earlier compilation into the same output folder, if any. */
    private Set<String> readPreviousIndex() {
        Set<String> names = new TreeSet<>();
        try {
            FileObject previous = processingEnv.getFiler().getResource(StandardLocation.CLASS_OUTPUT, "", INDEX);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(previous.openInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        names.add(line.trim());
                    }
                }
            }
        } catch (FileNotFoundException | NoSuchFileException e) {
            // first compilation: nothing to merge
        } catch (IOException | IllegalArgumentException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.NOTE, "Not merging previous " + INDEX + ": " + e);
        }
        return names;
    }

    private boolean stillAnnotated(String binaryName) {
        TypeElement type = processingEnv.getElementUtils().getTypeElement(binaryName.replace('$', '.'));
        if (type == null || !binaryName(type).equals(binaryName)) {
            return false;
        }
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            Element annotationType = mirror.getAnnotationType().asElement();
            if (annotationType.getKind() == ElementKind.ANNOTATION_TYPE
                    && ((TypeElement) annotationType).getQualifiedName().contentEquals(SYMBOL)) {
                return true;
            }
        }
        return false;
    }

    private String binaryName(TypeElement type) {
        return processingEnv.getElementUtils().getBinaryName(type).toString();
    }
}
