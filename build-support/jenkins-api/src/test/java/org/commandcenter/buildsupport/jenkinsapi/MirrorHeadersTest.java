package org.commandcenter.buildsupport.jenkinsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every mirrored file names the real file it mirrors, at the version the .hpi declares. */
class MirrorHeadersTest {
    /** Repository -> the one tag mirrored from it (the versions in the root POM and the .hpi manifest). */
    private static final Map<String, String> TAGS = Map.ofEntries(
            Map.entry("jenkinsci/jenkins", "jenkins-2.479.3"),
            Map.entry("jenkinsci/workflow-step-api-plugin", "704.ve4f0967e98fa_"),
            Map.entry("jenkinsci/structs-plugin", "350.v3b_30f09f2363"),
            Map.entry("jenkinsci/credentials-plugin", "1415.v831096eb_5534"),
            Map.entry("jenkinsci/plain-credentials-plugin", "199.v9f8e1f741799"),
            Map.entry("jenkinsci/script-security-plugin", "1369.v9b_98a_4e95b_2d"),
            Map.entry("jenkinsci/junit-plugin", "1312.v1a_235a_b_94a_31"),
            Map.entry("jenkinsci/lib-symbol-annotation", "symbol-annotation-1.24"),
            Map.entry("jenkinsci/mailer-plugin", "489.vd4b_25144138f"));

    private static final Pattern HEADER = Pattern.compile("// Mirrors (\\S+) at (\\S+): (\\S+)");
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyFileNamesTheRealFileAtTheDeclaredVersion() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String firstLine = Files.readAllLines(file).get(0);
            Matcher header = HEADER.matcher(firstLine);
            assertThat(header.matches()).as(file + " starts with '// Mirrors <repo> at <tag>: <path>'").isTrue();
            assertThat(TAGS).as(file.toString()).containsEntry(header.group(1), header.group(2));
            String packagePath = SOURCES.relativize(file).toString().replace('\\', '/');
            assertThat(header.group(3)).as(file + " mirrors the file of the same package and name").endsWith("/" + packagePath);
        }
    }

    @Test
    void copiesNoJavadocFromTheRealSources() throws IOException {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                assertThat(source).as(file + " copies no Javadoc from the real source").doesNotContain("@param").doesNotContain("@return");
            }
        }
    }
}
