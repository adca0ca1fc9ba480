package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.BulkChange;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.Secret;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;

/** The ChatOps fields of the global configuration, and this Jenkins' button-signing secret. */
class ChatOpsConfigurationTest {
  private static final String TEAM_ID = "teamid00000000000000000000";

  private MattermostGlobalConfiguration config;
  private MockedStatic<Secret> secrets;
  /** Every Secret.fromString value, in order: what was generated. */
  private final List<String> generated = new ArrayList<>();

  @BeforeEach
  void setUp() {
    // The real constructor loads from JENKINS_HOME; real methods on an instance made without it.
    config = mock(MattermostGlobalConfiguration.class, CALLS_REAL_METHODS);
    doNothing().when(config).save();
    secrets = mockStatic(Secret.class);
    secrets.when(() -> Secret.fromString(anyString())).thenAnswer(i -> {
      String value = i.getArgument(0);
      generated.add(value);
      Secret secret = mock(Secret.class);
      when(secret.getPlainText()).thenReturn(value);
      return secret;
    });
  }

  @AfterEach
  void tearDown() {
    secrets.close();
  }

  @Test
  void offByDefaultWithNothingGenerated() {
    assertThat(config.isChatOpsEnabled()).isFalse();
    assertThat(config.toChatOpsSettings()).isSameAs(ChatOpsSettings.OFF);
    assertThat(generated).isEmpty();
    verify(config, never()).save();
  }

  @Test
  void theSigningSecretIsGeneratedOnFirstUseOnceRandomAndKeptAsASecret() {
    config.setChatOpsEnabled(true);

    ChatOpsSettings first = config.toChatOpsSettings();
    ChatOpsSettings again = config.toChatOpsSettings();

    assertThat(generated).hasSize(1);
    assertThat(Base64.getDecoder().decode(first.signingSecret())).hasSizeGreaterThanOrEqualTo(32);
    assertThat(again.signingSecret()).isEqualTo(first.signingSecret());
    assertThat(first.instanceId()).isNotBlank().isEqualTo(again.instanceId());
    assertThat(first.toString()).doesNotContain(first.signingSecret());
    verify(config, times(2)).save(); // enabling, then the generated secret
  }

  @Test
  void rotatingReplacesTheSecretKeepsTheInstanceAndNeedsAdminister() {
    config.setChatOpsEnabled(true);
    ChatOpsSettings before = config.toChatOpsSettings();
    Jenkins jenkins = mock(Jenkins.class);
    try (MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class);
        MockedStatic<FormValidation> validations = mockStatic(FormValidation.class)) {
      jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
      FormValidation ok = mock(FormValidation.class);
      validations.when(() -> FormValidation.ok(anyString())).thenReturn(ok);
      doThrow(new SecurityException("denied")).when(jenkins).checkPermission(Jenkins.ADMINISTER);

      assertThatThrownBy(config::doRotateChatOpsSigningSecret).hasMessage("denied");
      assertThat(config.toChatOpsSettings().signingSecret()).isEqualTo(before.signingSecret());

      doNothing().when(jenkins).checkPermission(Jenkins.ADMINISTER);
      assertThat(config.doRotateChatOpsSigningSecret()).isSameAs(ok);
      validations.verify(() -> FormValidation.ok(Messages.get("chatops.rotated")));
    }

    ChatOpsSettings after = config.toChatOpsSettings();
    assertThat(after.signingSecret()).isNotEqualTo(before.signingSecret());
    assertThat(after.instanceId()).isEqualTo(before.instanceId());
    assertThat(generated).hasSize(2);
  }

  @Test
  void settingsCarryEveryFieldWithDefaults() {
    config.setChatOpsEnabled(true);
    config.setChatOpsCommandTokenCredentialsId(" mm-command ");
    config.setChatOpsBotCredentialsId("");
    config.setChatOpsAllowedTeamIds(TEAM_ID + ", " + TEAM_ID.replace('0', '1'));
    config.setChatOpsUserMapping(ChatOpsUserMapping.TABLE);
    config.setChatOpsUserTable("# who is who\n@alice = alice.smith\n\nbob=rbrown\n");

    ChatOpsSettings settings = config.toChatOpsSettings();

    assertThat(settings.commandTokenCredentialsId()).isEqualTo("mm-command");
    assertThat(settings.botCredentialsId()).isNull();
    assertThat(settings.allowedTeamIds()).isEqualTo(Set.of(TEAM_ID, TEAM_ID.replace('0', '1')));
    assertThat(settings.userMapping()).isEqualTo(ChatOpsUserMapping.TABLE);
    assertThat(settings.userTable()).isEqualTo(Map.of("alice", "alice.smith", "bob", "rbrown"));
    assertThat(settings.buttonMaxAgeDays()).isEqualTo(14);
    assertThat(settings.rateLimitPerMinute()).isEqualTo(20);
    assertThat(settings.logTailLines()).isEqualTo(40);
  }

  @Test
  void refusedValuesNameTheirField() {
    assertThatThrownBy(() -> config.setChatOpsAllowedTeamIds("factory"))
        .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("chatOpsAllowedTeamIds"))
        .hasMessageContaining("factory");
    assertThatThrownBy(() -> config.setChatOpsUserTable("alice alice.smith"))
        .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.field()).isEqualTo("chatOpsUserTable"))
        .hasMessage("Line 1: write mattermostUser=jenkinsUser.");
    assertThatThrownBy(() -> config.setChatOpsButtonMaxAgeDays(366))
        .hasMessage("chatOpsButtonMaxAgeDays: must be a whole number from 1 to 365.");
    assertThatThrownBy(() -> config.setChatOpsRateLimitPerMinute(-1)).hasMessageStartingWith("chatOpsRateLimitPerMinute:");
    config.setChatOpsLogTailLines(0);
    assertThat(config.getChatOpsLogTailLines()).as("0 restores the default").isEqualTo(40);
  }

  @Test
  void aFormSubmitWithABadChatOpsValueChangesNothing() throws Exception {
    config.setChatOpsRateLimitPerMinute(5);
    try (MockedConstruction<BulkChange> bulk = mockConstruction(BulkChange.class)) {
      assertThatThrownBy(() -> config.bindAsOneChange(() -> {
        config.setChatOpsEnabled(true);
        config.setChatOpsRateLimitPerMinute(30);
        config.setChatOpsUserTable("not a table line");
      })).isInstanceOfSatisfying(Descriptor.FormException.class,
          e -> assertThat(e.getFormField()).isEqualTo("chatOpsUserTable"));

      assertThat(bulk.constructed()).singleElement().satisfies(change -> verify(change, never()).commit());
    }
    assertThat(config.isChatOpsEnabled()).isFalse();
    assertThat(config.getChatOpsRateLimitPerMinute()).isEqualTo(5);
  }

  @Test
  void theChatOpsFormEndpointsArePostOnlyAndValidateOnlyForAdministrators() throws Exception {
    for (String name : List.of("doCheckChatOpsCommandTokenCredentialsId", "doFillChatOpsCommandTokenCredentialsIdItems",
        "doCheckChatOpsBotCredentialsId", "doFillChatOpsBotCredentialsIdItems", "doCheckChatOpsAllowedTeamIds",
        "doCheckChatOpsUserTable", "doCheckChatOpsButtonMaxAgeDays", "doCheckChatOpsRateLimitPerMinute",
        "doCheckChatOpsLogTailLines", "doRotateChatOpsSigningSecret")) {
      java.lang.reflect.Method method = java.util.Arrays.stream(MattermostGlobalConfiguration.class.getMethods())
          .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
      assertThat(method.isAnnotationPresent(org.kohsuke.stapler.verb.POST.class)).as(name).isTrue();
    }
    Jenkins jenkins = mock(Jenkins.class);
    List<String> errors = new ArrayList<>();
    try (MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class);
        MockedStatic<FormValidation> validations = mockStatic(FormValidation.class)) {
      jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
      FormValidation ok = mock(FormValidation.class);
      FormValidation error = mock(FormValidation.class);
      validations.when(FormValidation::ok).thenReturn(ok);
      validations.when(() -> FormValidation.error(anyString())).thenAnswer(i -> {
        errors.add(i.getArgument(0));
        return error;
      });

      when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);
      assertThat(config.doCheckChatOpsAllowedTeamIds("factory")).isSameAs(ok);
      assertThat(config.doCheckChatOpsUserTable("no equals sign")).isSameAs(ok);
      assertThat(config.doCheckChatOpsButtonMaxAgeDays("999")).isSameAs(ok);
      assertThat(errors).isEmpty();

      when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
      assertThat(config.doCheckChatOpsAllowedTeamIds("factory " + TEAM_ID)).isSameAs(error);
      assertThat(config.doCheckChatOpsUserTable("alice=a\nno equals sign")).isSameAs(error);
      assertThat(config.doCheckChatOpsButtonMaxAgeDays("999")).isSameAs(error);
      assertThat(config.doCheckChatOpsRateLimitPerMinute("20")).isSameAs(ok);
    }
    assertThat(errors).containsExactly(
        "Allowed team ids: not Mattermost team ids (26 letters and digits, from the team's System Console page or "
            + "GET /api/v4/teams/name/<name>): factory",
        "Line 2: write mattermostUser=jenkinsUser.",
        "Button expiry in days: must be a whole number from 1 to 365.");
  }

  @Test
  void theFormShowsTheUrlsMattermostCalls() {
    FakeContext context = new FakeContext();
    PluginContext.set(context);
    try {
      assertThat(config.getChatOpsActionsUrl()).isEqualTo("https://jenkins.example.test/mattermost/actions");
      assertThat(config.getChatOpsCommandUrl()).isEqualTo("https://jenkins.example.test/mattermost/command");
      context.rootUrl = null;
      assertThat(config.getChatOpsActionsUrl()).isNull();
    } finally {
      PluginContext.set(null);
    }
  }
}
