package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.core.JVM;
import hudson.model.Action;
import hudson.model.Describable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.commandcenter.notifier.core.Claim;
import org.commandcenter.notifier.core.PostRef;
import org.junit.jupiter.api.Test;

/**
 * Loads what the plugin persists the way Jenkins does: XStream2 allocates objects through Unsafe, without a
 * constructor or field initialisers, and then calls {@code readResolve()} (jenkins-2.479.3
 * {@code hudson/util/XStream2.java}, {@code RobustReflectionConverter}; XStream 1.4.21 {@code JVM.newReflectionProvider}).
 * An element missing from the XML — Job DSL, XML posted to the REST API, a field added in a later version — must come
 * back as its default, never as false/0/null.
 */
class PersistedDefaultsTest {
  /** Every class of the plugin that Jenkins stores in config.xml or build.xml, with an instance made the normal way. */
  private static final Map<Class<?>, Object> PERSISTED = Map.of(
      MattermostNotifier.class, new MattermostNotifier(),
      MattermostRunAction.class, new MattermostRunAction(),
      StepPolicySettings.class, new StepPolicySettings(),
      MattermostUserProperty.class, new MattermostUserProperty(null),
      ChatOpsRunAction.class, new ChatOpsRunAction());

  private final XStream xstream = jenkinsLikeXStream();

  private static XStream jenkinsLikeXStream() {
    XStream xstream = new XStream(JVM.newReflectionProvider());
    xstream.allowTypesByWildcard(new String[] {"org.commandcenter.**"});
    return xstream;
  }

  @Test
  void eachPersistedClassLoadsFromAnEmptyElementWithItsDefaults() {
    PERSISTED.forEach((type, fresh) -> {
      Object loaded = xstream.fromXML("<" + type.getName() + "/>");
      assertThat(loaded).as(type.getSimpleName()).usingRecursiveComparison().isEqualTo(fresh);
    });
  }

  @Test
  void aNotifierSavedByAnEarlierVersionKeepsWhatItSaysAndDefaultsTheRest() {
    MattermostNotifier loaded = (MattermostNotifier) xstream.fromXML(
        "<" + MattermostNotifier.class.getName() + "><notifyFailure>false</notifyFailure>"
            + "<channel>alerts</channel></" + MattermostNotifier.class.getName() + ">");

    assertThat(loaded.isNotifyFailure()).isFalse();
    assertThat(loaded.getChannel()).isEqualTo("alerts");
    assertThat(loaded.isNotifyUnstable()).isTrue();
    assertThat(loaded.isWarRoom()).isTrue();
    assertThat(loaded.getMaxFailedTests()).isEqualTo(new MattermostNotifier().getMaxFailedTests());
  }

  @Test
  void aRunActionRoundTripsAndItsMapsStayConcurrent() {
    MattermostRunAction action = new MattermostRunAction();
    action.saveBuildThread("builds", PostRef.of("p1", "c1"));

    MattermostRunAction loaded = (MattermostRunAction) xstream.fromXML(xstream.toXML(action));

    assertThat(loaded.buildThread("builds")).isEqualTo(PostRef.of("p1", "c1"));
    assertThat(loaded).usingRecursiveComparison().isEqualTo(action);
    assertThat(loaded.openIncident("builds")).isNull();
  }

  @Test
  void chatOpsClaimsRoundTripAndAHandEditedEntryIsDropped() {
    ChatOpsRunAction action = new ChatOpsRunAction();
    Claim alice = new Claim("aliceid0000000000000000000", "alice", Instant.parse("2026-11-29T10:00:00Z"));
    action.claim("claim:app#2", alice);
    action.spend("rebuild:app#2", alice);

    ChatOpsRunAction loaded = (ChatOpsRunAction) xstream.fromXML(xstream.toXML(action));

    assertThat(loaded.holder("claim:app#2")).contains(alice);
    assertThat(loaded.spent("rebuild:app#2")).contains(alice);
    assertThat(loaded.claim("claim:app#2", new Claim("bobid00000000000000000000", "bob", Instant.EPOCH)))
        .as("still held after the round trip").isEqualTo(alice);

    String edited = xstream.toXML(action).replace("<username>alice</username>", "");
    assertThat(((ChatOpsRunAction) xstream.fromXML(edited)).holder("claim:app#2")).isEmpty();
  }

  /**
   * The global configuration is loaded into an instance whose constructor ran, but a file written before ChatOps
   * existed lacks every ChatOps element; loaded without a constructor they still read as their defaults, ChatOps off.
   */
  @Test
  void aGlobalConfigurationSavedBeforeChatOpsLoadsWithChatOpsOffAndItsDefaults() {
    MattermostGlobalConfiguration loaded = (MattermostGlobalConfiguration) xstream.fromXML(
        "<" + MattermostGlobalConfiguration.class.getName() + "><siteUrl>https://chat.example.test</siteUrl></"
            + MattermostGlobalConfiguration.class.getName() + ">");

    assertThat(loaded.getSiteUrl()).isEqualTo("https://chat.example.test");
    assertThat(loaded.isChatOpsEnabled()).isFalse();
    assertThat(loaded.toChatOpsSettings()).isSameAs(ChatOpsSettings.OFF);
    assertThat(loaded.getChatOpsUserMapping()).isEqualTo(ChatOpsUserMapping.SAME_USERNAME);
    assertThat(loaded.getChatOpsButtonMaxAgeDays()).isEqualTo(14);
    assertThat(loaded.getChatOpsRateLimitPerMinute()).isEqualTo(20);
    assertThat(loaded.getChatOpsLogTailLines()).isEqualTo(40);
  }

  /** A new persisted class cannot slip past this test: every Describable and Action of the plugin is listed above. */
  @Test
  void everyPersistedClassOfThePluginIsChecked() throws IOException {
    Set<String> persisted = new TreeSet<>();
    Path classes = Path.of("target/classes");
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type;
        try {
          type = Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          continue;
        }
        boolean describable = Describable.class.isAssignableFrom(type) && !hudson.model.Descriptor.class.isAssignableFrom(type);
        boolean storedAction = Action.class.isAssignableFrom(type) && !isRootAction(type);
        if ((describable || storedAction) && !type.isInterface()
            && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
          persisted.add(type.getName());
        }
      }
    }
    // The step is not stored: Pipeline keeps its arguments, not the Step object.
    persisted.remove(MattermostSendStep.class.getName());
    assertThat(persisted).containsExactlyInAnyOrderElementsOf(
        PERSISTED.keySet().stream().map(Class::getName).toList());
  }

  private static boolean isRootAction(Class<?> type) {
    return hudson.model.RootAction.class.isAssignableFrom(type);
  }
}
