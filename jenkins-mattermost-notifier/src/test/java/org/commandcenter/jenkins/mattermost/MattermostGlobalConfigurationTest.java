package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import hudson.BulkChange;
import hudson.model.Descriptor;
import java.time.Duration;
import java.util.List;
import org.commandcenter.notifier.core.StepPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;

class MattermostGlobalConfigurationTest {
  private MattermostGlobalConfiguration config;

  @BeforeEach
  void setUp() {
    // The real constructor loads from JENKINS_HOME; real methods on an instance made without it.
    config = mock(MattermostGlobalConfiguration.class, CALLS_REAL_METHODS);
    doNothing().when(config).save();
  }

  @Test
  void everySetterPersistsAndFeedsTheSettings() {
    config.setSiteUrl("https://chat.example.test/");
    config.setCredentialsId(" mm-bot ");
    config.setTeam("factory");
    config.setChannel("builds");
    config.setWarRoomChannel("war-room");
    config.setUsername("Jenkins");
    config.setIconUrl(":jenkins:");
    config.setCaCertificate("");
    config.setUseProxy(false);
    config.setConnectTimeoutSeconds(5);
    config.setReadTimeoutSeconds(20);
    config.setDeadlineSeconds(45);

    ConnectionSettings settings = config.toSettings();

    verify(config, atLeastOnce()).save();
    assertThat(config.getSiteUrl()).isEqualTo("https://chat.example.test");
    assertThat(settings.siteUrl()).isEqualTo("https://chat.example.test");
    assertThat(settings.credentialsId()).isEqualTo("mm-bot");
    assertThat(settings.team()).isEqualTo("factory");
    assertThat(settings.channel()).isEqualTo("builds");
    assertThat(settings.warRoomChannel()).isEqualTo("war-room");
    assertThat(settings.username()).isEqualTo("Jenkins");
    assertThat(settings.iconUrl()).isEqualTo(":jenkins:");
    assertThat(settings.caCertificate()).isNull();
    assertThat(settings.useProxy()).isFalse();
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void timeoutsAreBoundedAndZeroMeansDefault() {
    config.setDeadlineSeconds(0);
    assertThat(config.getDeadlineSeconds()).isEqualTo(ConnectionSettings.DEFAULT_DEADLINE_SECONDS);
    assertThatThrownBy(() -> config.setDeadlineSeconds(3600))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("deadlineSeconds: must be a whole number from 1 to 600.");
    assertThatThrownBy(() -> config.setConnectTimeoutSeconds(-1)).hasMessageStartingWith("connectTimeoutSeconds:");
  }

  @Test
  void aFormSubmitIsOneWriteInsideABulkChange() throws Exception {
    try (MockedConstruction<BulkChange> bulk = mockConstruction(BulkChange.class)) {
      assertThat(config.bindAsOneChange(() -> {
        config.setSiteUrl("https://new.example.test");
        config.setTeam("factory");
      })).isTrue();

      assertThat(bulk.constructed()).singleElement().satisfies(change -> verify(change).commit());
    }
    assertThat(config.getSiteUrl()).isEqualTo("https://new.example.test");
  }

  @Test
  void aRefusedValueIsAFormErrorNamingTheFieldAndNothingIsHalfApplied() throws Exception {
    config.setSiteUrl("https://old.example.test");
    config.setConnectTimeoutSeconds(5);
    try (MockedConstruction<BulkChange> bulk = mockConstruction(BulkChange.class)) {
      assertThatThrownBy(() -> config.bindAsOneChange(() -> {
        config.setSiteUrl("https://new.example.test");
        config.setConnectTimeoutSeconds(9999);
      }))
          .isInstanceOfSatisfying(Descriptor.FormException.class,
              e -> assertThat(e.getFormField()).isEqualTo("connectTimeoutSeconds"))
          .hasMessage("connectTimeoutSeconds: must be a whole number from 1 to 600.");

      assertThat(bulk.constructed()).singleElement().satisfies(change -> verify(change, never()).commit());
    }
    assertThat(config.getSiteUrl()).isEqualTo("https://old.example.test");
    assertThat(config.getConnectTimeoutSeconds()).isEqualTo(5);
  }

  @Test
  void stepsGetTheSafePolicyUntilAnAdministratorChangesIt() throws Exception {
    assertThat(config.toSettings().stepPolicy()).isEqualTo(StepPolicy.defaults());

    StepPolicySettings policy = new StepPolicySettings();
    policy.setChannelMentionsAllowed(true);
    policy.setImageHosts("images.example.test\n*.cdn.example.test, charts.example.test");
    config.setStepPolicy(policy);

    StepPolicy expected = StepPolicy.builder().channelMentionsAllowed(true)
        .imageHosts(List.of("images.example.test", "*.cdn.example.test", "charts.example.test")).build();
    assertThat(config.toSettings().stepPolicy()).isEqualTo(expected);
  }

  @Test
  void aRefusedImageHostIsAFormErrorAndTheOldPolicyStays() throws Exception {
    StepPolicySettings old = new StepPolicySettings();
    old.setImageHosts("images.example.test");
    config.setStepPolicy(old);
    try (MockedConstruction<BulkChange> bulk = mockConstruction(BulkChange.class)) {
      assertThatThrownBy(() -> config.bindAsOneChange(() -> {
        StepPolicySettings submitted = new StepPolicySettings();
        submitted.setForeignPostsAllowed(true);
        submitted.setImageHosts("https://tracker.example.test/");
        config.setStepPolicy(submitted);
      }))
          .isInstanceOfSatisfying(Descriptor.FormException.class,
              e -> assertThat(e.getFormField()).isEqualTo("imageHosts"))
          .hasMessageStartingWith("imageHosts[0]: 'https://tracker.example.test/' is not a host name");
    }
    assertThat(config.toSettings().stepPolicy().imageHosts()).containsExactly("images.example.test");
    assertThat(config.toSettings().stepPolicy().foreignPostsAllowed()).isFalse();
  }
}
