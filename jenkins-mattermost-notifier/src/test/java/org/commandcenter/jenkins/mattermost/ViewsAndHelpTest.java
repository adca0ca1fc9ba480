package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Every configurable field has a view entry with a label and a help file; every message key exists. */
class ViewsAndHelpTest {
  /** Maps and lists of maps cannot be typed into a form: Pipeline-only, documented by their help files. */
  private static final Set<String> PIPELINE_ONLY = Set.of("attachments", "props");

  static List<String> fields(Class<?> type) {
    List<String> fields = new ArrayList<>();
    for (Constructor<?> c : type.getConstructors()) {
      if (c.isAnnotationPresent(DataBoundConstructor.class)) {
        for (Parameter p : c.getParameters()) {
          fields.add(p.getName());
        }
      }
    }
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(DataBoundSetter.class)) {
        String name = m.getName().substring(3);
        fields.add(Character.toLowerCase(name.charAt(0)) + name.substring(1));
      }
    }
    return fields;
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = ViewsAndHelpTest.class.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {MattermostGlobalConfiguration.class, MattermostNotifier.class, MattermostSendStep.class,
      StepPolicySettings.class, MattermostUserProperty.class})
  void everyFieldHasAViewEntryWithLabelAndHelp(Class<?> type) throws IOException {
    String base = "/org/commandcenter/jenkins/mattermost/" + type.getSimpleName() + "/";
    String view = resource(base + "config.jelly");
    assertThat(view).as(base + "config.jelly").isNotNull().startsWith("<?jelly escape-by-default='true'?>");
    List<String> fields = fields(type);
    assertThat(fields).isNotEmpty();
    for (String field : fields) {
      if (!PIPELINE_ONLY.contains(field)) {
        Matcher entry = Pattern.compile("<f:entry title=\"\\$\\{%[^}]+}\" field=\"" + field + "\"").matcher(view);
        assertThat(entry.find()).as("labelled f:entry for " + type.getSimpleName() + "." + field).isTrue();
      }
      assertThat(resource(base + "help-" + field + ".html")).as("help-" + field + ".html of " + type.getSimpleName())
          .isNotBlank();
    }
    assertThat(resource(base + "help.html")).isNotBlank();
  }

  /**
   * Stapler reads {@code ${%key(arg,...)}}: a parenthesis in a label would make the rest a JEXL argument list, so
   * the label is cut short or the view fails to compile.
   */
  @Test
  void localizedLabelsHaveNoParentheses() throws IOException {
    List<String> bad = new ArrayList<>();
    try (Stream<Path> views = Files.walk(Path.of("src/main/resources"))) {
      for (Path view : (Iterable<Path>) views.filter(p -> p.toString().endsWith(".jelly"))::iterator) {
        Matcher label = Pattern.compile("\\$\\{%([^}]*)}").matcher(Files.readString(view));
        while (label.find()) {
          if (label.group(1).matches(".*[()].*")) {
            bad.add(view.getFileName() + ": " + label.group(1));
          }
        }
      }
    }
    assertThat(bad).isEmpty();
  }

  /**
   * Every field with a {@code @POST doCheck} is validated with POST: {@code checkMethod="post"} on the control, or
   * {@code f:password}, which always posts (and declares no checkMethod attribute, so it must not be repeated).
   */
  @ParameterizedTest
  @ValueSource(classes = {MattermostGlobalConfiguration.class, MattermostNotifier.DescriptorImpl.class,
      MattermostSendStep.DescriptorImpl.class, StepPolicySettings.DescriptorImpl.class,
      MattermostUserProperty.DescriptorImpl.class})
  void everyCheckedFieldIsValidatedWithPost(Class<?> descriptor) throws IOException {
    Class<?> owner = descriptor.getEnclosingClass() != null ? descriptor.getEnclosingClass() : descriptor;
    String view = resource("/org/commandcenter/jenkins/mattermost/" + owner.getSimpleName() + "/config.jelly");
    List<String> checked = new ArrayList<>();
    for (Method m : descriptor.getMethods()) {
      if (m.getName().startsWith("doCheck") && m.isAnnotationPresent(org.kohsuke.stapler.verb.POST.class)) {
        String field = m.getName().substring("doCheck".length());
        field = Character.toLowerCase(field.charAt(0)) + field.substring(1);
        checked.add(field);
        Matcher control = Pattern.compile("field=\"" + field + "\"[^>]*>\\s*<([a-z]+:[a-zA-Z]+)([^>]*)>").matcher(view);
        assertThat(control.find()).as("control of " + field).isTrue();
        if (control.group(1).equals("f:password")) {
          assertThat(control.group(2)).as(field).doesNotContain("checkMethod");
        } else {
          assertThat(control.group(2)).as(field + " (" + control.group(1) + ")").contains("checkMethod=\"post\"");
        }
      }
    }
    assertThat(checked).isNotEmpty();
  }

  @Test
  void pluginHasAnIndexPageAndAnIconAnyoneMayFetch() throws IOException {
    assertThat(resource("/index.jelly")).contains("Mattermost");
    try (java.io.InputStream png = BundledIcon.class.getResourceAsStream("jenkins-mattermost.png")) {
      assertThat(png.readNBytes(4)).containsExactly((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }
    // Served by an UnprotectedRootAction: /plugin/<name>/ files would need Overall/Read.
    assertThat(hudson.model.UnprotectedRootAction.class).isAssignableFrom(BundledIcon.class);
    assertThat(Icons.BUNDLED_ICON_PATH).isEqualTo(new BundledIcon().getUrlName() + "/");
  }

  @Test
  void everyMessageKeyUsedInTheCodeExists() throws IOException {
    ResourceBundle bundle = ResourceBundle.getBundle("org.commandcenter.jenkins.mattermost.Messages", Locale.ROOT);
    Pattern use = Pattern.compile("Messages\\.get\\(\"([a-zA-Z.]+)\"");
    Pattern ternary = Pattern.compile("\"((?:test|check|step|notify|client)\\.[a-zA-Z.]+)\"");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String code = Files.readString(source);
        for (Pattern p : List.of(use, ternary)) {
          Matcher m = p.matcher(code);
          while (m.find()) {
            if (!bundle.containsKey(m.group(1))) {
              missing.add(source.getFileName() + ": " + m.group(1));
            }
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
