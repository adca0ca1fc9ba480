import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.type.ReferenceType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Complements the shared jenkins-api-check tool, which compares erasures: for every type, method and constructor of
 * the compile-only API sources it compares with the real source the parts javac also relies on — generic type
 * parameters and their bounds, generic parameter and return types, checked exceptions, and the values of constants.
 * Types are compared by their simple names, as written.
 *
 * <p>Usage: java -cp javaparser-core.jar SignatureDetailsCheck.java API_SOURCE_ROOT REAL_ROOT [REAL_ROOT ...]
 */
public class SignatureDetailsCheck {
    /** Unchecked exceptions the mirror may leave out of a throws clause (javac does not require them). */
    private static final Set<String> UNCHECKED = Set.of("AccessDeniedException", "AccessDeniedException3", "IllegalStateException",
            "IllegalArgumentException", "UnsupportedOperationException", "NullPointerException", "RuntimeException",
            "MissingContextVariableException" /* checked, but only thrown by checkContextAvailability */,
            "AsynchronousExecution" /* jenkins.model.queue.AsynchronousExecution extends RuntimeException */);

    private static final List<Path> roots = new ArrayList<>();
    private static int errors;

    public static void main(String[] args) throws Exception {
        StaticJavaParser.getParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
        Path api = Path.of(args[0]);
        for (int i = 1; i < args.length; i++) {
            roots.add(Path.of(args[i]));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(api)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String relative = api.relativize(file).toString();
            Optional<Path> real = roots.stream().map(r -> r.resolve(relative)).filter(Files::isRegularFile).findFirst();
            if (real.isEmpty()) {
                error(relative, "no real source file");
                continue;
            }
            CompilationUnit mirror = StaticJavaParser.parse(file);
            CompilationUnit source = StaticJavaParser.parse(real.get());
            for (TypeDeclaration<?> type : mirror.getTypes()) {
                source.getTypes().stream().filter(t -> t.getNameAsString().equals(type.getNameAsString())).findFirst()
                        .ifPresentOrElse(t -> compareType(type.getNameAsString(), type, t), () -> error(relative, "type missing"));
            }
        }
        System.out.println("DETAILS errors=" + errors + " (checked " + files.size() + " files)");
        System.exit(errors == 0 ? 0 : 1);
    }

    private static void compareType(String name, TypeDeclaration<?> mirror, TypeDeclaration<?> real) {
        if (mirror instanceof ClassOrInterfaceDeclaration m && real instanceof ClassOrInterfaceDeclaration r) {
            expectEqual(name, "type parameters", typeParameters(m.getTypeParameters()), typeParameters(r.getTypeParameters()));
        }
        for (BodyDeclaration<?> member : mirror.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                real.getMembers().stream().filter(b -> b instanceof TypeDeclaration<?> t && t.getNameAsString().equals(nested.getNameAsString()))
                        .findFirst().ifPresent(b -> compareType(name + "." + nested.getNameAsString(), nested, (TypeDeclaration<?>) b));
            } else if (member instanceof CallableDeclaration<?> callable && visible(callable, mirror)) {
                compareCallable(name, callable, real);
            } else if (member instanceof FieldDeclaration field && field.isStatic() && field.isFinal()) {
                compareConstant(name, field, real);
            }
        }
    }

    private static boolean visible(CallableDeclaration<?> callable, TypeDeclaration<?> owner) {
        boolean inInterface = owner instanceof ClassOrInterfaceDeclaration c && c.isInterface();
        return callable.isPublic() || callable.isProtected() || (inInterface && !callable.isPrivate());
    }

    private static void compareCallable(String owner, CallableDeclaration<?> mirror, TypeDeclaration<?> real) {
        String signature = owner + "#" + mirror.getNameAsString() + params(mirror.getParameters());
        List<CallableDeclaration<?>> candidates = new ArrayList<>();
        for (BodyDeclaration<?> b : real.getMembers()) {
            if (b instanceof CallableDeclaration<?> c && c.getNameAsString().equals(mirror.getNameAsString())
                    && c.getClass() == mirror.getClass() && erased(params(c.getParameters())).equals(erased(params(mirror.getParameters())))) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            return; // inherited or not declared here: the shared tool checks existence and erasure
        }
        CallableDeclaration<?> match = candidates.get(0);
        expectEqual(signature, "parameter types", params(mirror.getParameters()), params(match.getParameters()));
        expectEqual(signature, "type parameters", typeParameters(mirror.getTypeParameters()), typeParameters(match.getTypeParameters()));
        if (mirror instanceof MethodDeclaration m && match instanceof MethodDeclaration r) {
            expectEqual(signature, "return type", type(m.getType()), type(r.getType()));
        }
        Set<String> mirrorThrows = thrown(mirror.getThrownExceptions());
        Set<String> realThrows = thrown(match.getThrownExceptions());
        Set<String> missing = new TreeSet<>(realThrows);
        missing.removeAll(mirrorThrows);
        missing.removeAll(UNCHECKED);
        Set<String> extra = new TreeSet<>(mirrorThrows);
        extra.removeAll(realThrows);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            error(signature, "throws " + mirrorThrows + " but real throws " + realThrows);
        }
    }

    private static void compareConstant(String owner, FieldDeclaration mirror, TypeDeclaration<?> real) {
        for (VariableDeclarator variable : mirror.getVariables()) {
            if (!(mirror.isPublic() || mirror.isProtected() || isInterface(mirror)) || variable.getInitializer().isEmpty()
                    || !variable.getInitializer().get().isLiteralExpr() || variable.getInitializer().get().isNullLiteralExpr()) {
                continue; // only literals are compile-time constants that javac copies into plugin bytecode
            }
            real.getFieldByName(variable.getNameAsString()).ifPresentOrElse(f -> {
                String value = f.getVariable(0).getInitializer().map(Node::toString).orElse("<none>");
                expectEqual(owner + "." + variable.getNameAsString(), "constant value", variable.getInitializer().get().toString(), value);
            }, () -> error(owner + "." + variable.getNameAsString(), "constant not in real type"));
        }
    }

    private static boolean isInterface(FieldDeclaration field) {
        return field.getParentNode().filter(p -> p instanceof ClassOrInterfaceDeclaration c && c.isInterface()).isPresent();
    }

    private static String params(NodeList<Parameter> parameters) {
        return parameters.stream().map(p -> type(p.getType()) + (p.isVarArgs() ? "..." : "")).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Without type arguments: matches a mirror member to its real counterpart before comparing generics. */
    private static String erased(String params) {
        String previous;
        do {
            previous = params;
            params = params.replaceAll("<[^<>]*>", "");
        } while (!params.equals(previous));
        return params;
    }

    private static String typeParameters(NodeList<TypeParameter> parameters) {
        return parameters.stream().map(p -> p.getNameAsString() + p.getTypeBound().stream().map(SignatureDetailsCheck::type)
                .collect(Collectors.joining(" & ", p.getTypeBound().isEmpty() ? "" : " extends ", ""))).collect(Collectors.joining(", ", "<", ">"));
    }

    private static Set<String> thrown(NodeList<ReferenceType> types) {
        return types.stream().map(SignatureDetailsCheck::type).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * A type as written, without annotations, comments (Jenkins marks some overridable methods as abstract in a comment
     * before their return type), whitespace or package qualifiers.
     */
    private static String type(Type type) {
        Type copy = type.clone();
        copy.getAllContainedComments().forEach(com.github.javaparser.ast.comments.Comment::remove);
        copy.removeComment();
        copy.findAll(com.github.javaparser.ast.expr.AnnotationExpr.class).forEach(Node::remove);
        String text = copy.toString().replaceAll("@[\\w.]+(\\([^)]*\\))?\\s*", "").replaceAll("\\s+", "");
        return text.replaceAll("\\b(?:[a-z_][\\w]*\\.)+(?=[A-Z])", "");
    }

    private static void expectEqual(String where, String what, String mirror, String real) {
        if (!mirror.equals(real)) {
            error(where, what + ": mirror " + mirror + " vs real " + real);
        }
    }

    private static void error(String where, String message) {
        errors++;
        System.out.println("  DETAIL ERROR " + where + ": " + message);
    }
}
