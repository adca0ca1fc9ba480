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
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;

/**
 * Every form endpoint is POST-only and checks ADMINISTER (global) or CONFIGURE (in a job) before doing anything.
 * FormValidation's factories are Jenkins' (compile-only here), so they are mocked and their arguments recorded.
 */
class FormPermissionsTest {
  private final FakeContext context = new FakeContext();
  private final Jenkins jenkins = mock(Jenkins.class);
  private final FormValidation ok = mock(FormValidation.class);
  private final FormValidation error = mock(FormValidation.class);
  private final List<String> errors = new ArrayList<>();
  private MockedStatic<Jenkins> jenkinsStatic;
  private MockedStatic<FormValidation> validations;
  private MockedStatic<CredentialsProvider> credentials;

  @BeforeEach
  void setUp() {
    PluginContext.set(context);
    jenkinsStatic = mockStatic(Jenkins.class);
    jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
    validations = mockStatic(FormValidation.class);
    validations.when(FormValidation::ok).thenReturn(ok);
    validations.when(() -> FormValidation.ok(anyString())).thenReturn(ok);
    validations.when(() -> FormValidation.warning(anyString())).thenReturn(ok);
    validations.when(() -> FormValidation.error(anyString())).thenAnswer(i -> {
      errors.add(i.getArgument(0));
      return error;
    });
    credentials = mockStatic(CredentialsProvider.class);
  }

  @AfterEach
  void tearDown() {
    credentials.close();
    validations.close();
    jenkinsStatic.close();
    PluginContext.set(null);
  }

  private static MattermostGlobalConfiguration globalConfiguration() {
    // Its constructor loads from disk through Jenkins; make one without it, with real methods.
    MattermostGlobalConfiguration config = mock(MattermostGlobalConfiguration.class, CALLS_REAL_METHODS);
    doNothing().when(config).save();
    return config;
  }

  @Test
  void everyFormEndpointIsPostOnly() {
    for (Class<?> type : List.of(MattermostGlobalConfiguration.class, MattermostNotifier.DescriptorImpl.class,
        MattermostSendStep.DescriptorImpl.class, StepPolicySettings.DescriptorImpl.class,
        MattermostUserProperty.DescriptorImpl.class, DeliveryHealthMonitor.class)) {
      for (Method m : type.getDeclaredMethods()) {
        if (m.getName().startsWith("doCheck") || m.getName().startsWith("doFill") || m.getName().startsWith("doTest")
            || m.getName().startsWith("doRetry")) {
          assertThat(m.getAnnotation(POST.class)).as(type.getSimpleName() + "." + m.getName()).isNotNull();
        }
      }
    }
  }

  @Test
  void retryNowIsPostOnlyAndChecksAdministerBeforeTouchingTheEngine() throws Exception {
    Method retryNow = DeliveryHealthMonitor.class.getMethod("doRetryNow");
    assertThat(retryNow.getAnnotation(POST.class)).isNotNull();
    JenkinsDelivery delivery = org.mockito.Mockito.spy(new JenkinsDelivery());
    context.delivery = delivery;
    doThrow(new SecurityException("denied")).when(jenkins).checkPermission(Jenkins.ADMINISTER);

    assertThatThrownBy(() -> new DeliveryHealthMonitor().doRetryNow()).hasMessage("denied");

    verify(delivery, never()).retryNow();
    org.mockito.Mockito.reset(jenkins);
    new DeliveryHealthMonitor().doRetryNow();
    verify(jenkins).checkPermission(Jenkins.ADMINISTER);
    verify(delivery).retryNow();
  }

  @Test
  void globalChecksValidateOnlyForAdministrators() {
    MattermostGlobalConfiguration config = globalConfiguration();
    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);

    assertThat(config.doCheckSiteUrl("ftp://nope")).isSameAs(ok);
    assertThat(config.doCheckChannel("Not A Channel")).isSameAs(ok);
    assertThat(config.doCheckCaCertificate("garbage")).isSameAs(ok);
    assertThat(errors).isEmpty();

    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
    assertThat(config.doCheckSiteUrl("ftp://nope")).isSameAs(error);
    assertThat(config.doCheckChannel("Not A Channel")).isSameAs(error);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith("Site URL:");
    assertThat(errors.get(1)).startsWith("Default channel:");
  }

  @Test
  void stepPolicyChecksValidateOnlyForAdministrators() {
    StepPolicySettings.DescriptorImpl descriptor = new StepPolicySettings.DescriptorImpl();
    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);
    assertThat(descriptor.doCheckImageHosts("https://x.test/")).isSameAs(ok);
    assertThat(errors).isEmpty();

    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
    assertThat(descriptor.doCheckImageHosts("images.example.test\nhttps://x.test/")).isSameAs(error);
    assertThat(errors).singleElement().asString().startsWith("imageHosts[1]: 'https://x.test/' is not a host name");
  }

  @Test
  void testConnectionIsDeniedWithoutAdminister() {
    MattermostGlobalConfiguration config = globalConfiguration();
    doThrow(new SecurityException("denied")).when(jenkins).checkPermission(Jenkins.ADMINISTER);

    assertThatThrownBy(() -> config.doTestConnection("https://chat.example.test", "mm-bot", "factory", "builds",
        null, null, true, "10", "30")).hasMessage("denied");

    assertThat(context.secrets).isEmpty();
    credentials.verifyNoInteractions();
  }

  @Test
  void anUnexpectedClientErrorIsAnErrorInTheFormWithoutTheToken() throws Exception {
    MattermostGlobalConfiguration config = globalConfiguration();
    StringCredentials credential = mock(StringCredentials.class);
    hudson.util.Secret secret = mock(hudson.util.Secret.class);
    when(secret.getPlainText()).thenReturn("tok-0123456789abcdef");
    when(credential.getId()).thenReturn("mm-bot");
    when(credential.getSecret()).thenReturn(secret);
    credentials.when(() -> CredentialsProvider.lookupCredentialsInItem(org.mockito.ArgumentMatchers.eq(StringCredentials.class),
        org.mockito.ArgumentMatchers.isNull(), org.mockito.ArgumentMatchers.any())).thenReturn(List.of(credential));
    when(context.client.me()).thenThrow(new IllegalStateException("boom with tok-0123456789abcdef"));

    assertThat(config.doTestConnection("https://chat.example.test", "mm-bot", "factory", "builds", null, null, true,
        "10", "30")).isSameAs(error);

    assertThat(errors).singleElement().asString()
        .isEqualTo("unexpected error (java.lang.IllegalStateException: boom with ****)");
  }

  @Test
  void credentialListIsEmptyWithoutPermissionButKeepsTheCurrentValue() {
    try (MockedConstruction<StandardListBoxModel> models = mockConstruction(StandardListBoxModel.class)) {
      when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);

      globalConfiguration().doFillCredentialsIdItems("mm-bot");

      StandardListBoxModel model = models.constructed().get(0);
      verify(model).includeCurrentValue("mm-bot");
      verify(model, never()).includeAs(org.mockito.ArgumentMatchers.any(),
          org.mockito.ArgumentMatchers.<Item>any(), org.mockito.ArgumentMatchers.any());
      verify(model, never()).includeMatchingAs(org.mockito.ArgumentMatchers.any(),
          org.mockito.ArgumentMatchers.<Item>any(), org.mockito.ArgumentMatchers.any(),
          org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.any());
    }
  }

  @Test
  void jobChecksNeedConfigureOnTheItem() {
    MattermostNotifier.DescriptorImpl descriptor = new MattermostNotifier.DescriptorImpl();
    Item item = mock(Item.class);
    when(item.hasPermission(Item.CONFIGURE)).thenReturn(false);

    assertThat(descriptor.doCheckChannel(item, "Bad Channel!")).isSameAs(ok);
    assertThat(descriptor.doCheckLogTailLines(item, "-5")).isSameAs(ok);
    assertThat(errors).isEmpty();
    verify(item, org.mockito.Mockito.atLeastOnce()).hasPermission(Item.CONFIGURE);
    verify(jenkins, never()).hasPermission(Jenkins.ADMINISTER);

    when(item.hasPermission(Item.CONFIGURE)).thenReturn(true);
    assertThat(descriptor.doCheckChannel(item, "Bad Channel!")).isSameAs(error);
    assertThat(descriptor.doCheckLogTailLines(item, "-5")).isSameAs(error);
  }

  @Test
  void jobChecksOutsideAJobNeedAdminister() {
    MattermostNotifier.DescriptorImpl descriptor = new MattermostNotifier.DescriptorImpl();
    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);

    assertThat(descriptor.doCheckChannel(null, "Bad Channel!")).isSameAs(ok);
    verify(jenkins).hasPermission(Jenkins.ADMINISTER);
  }

  @Test
  void stepChecksNeedConfigureOnTheItem() {
    MattermostSendStep.DescriptorImpl descriptor = new MattermostSendStep.DescriptorImpl();
    Item item = mock(Item.class);

    assertThat(descriptor.doCheckColor(item, "purple")).isSameAs(ok);
    assertThat(descriptor.doCheckEndpoint(item, "ftp://x")).isSameAs(ok);

    when(item.hasPermission(Item.CONFIGURE)).thenReturn(true);
    assertThat(descriptor.doCheckColor(item, "purple")).isSameAs(error);
    assertThat(errors).containsExactly("Colour: \"purple\" must be good, warning, danger or a hex colour such as #439FE0.");
  }

  @Test
  void theSnippetGeneratorOffersEveryPriorityToEveryone() {
    // A fixed list reveals nothing; people who cannot configure a job still generate snippets.
    assertThat(new MattermostSendStep.DescriptorImpl().doFillPriorityItems()).extracting(o -> o.value)
        .containsExactly("", "important", "urgent");
  }

  @Test
  void credentialChecksDoNotLookUpWithoutPermission() {
    Item item = mock(Item.class);
    MattermostNotifier.DescriptorImpl descriptor = new MattermostNotifier.DescriptorImpl();

    assertThat(descriptor.doCheckCredentialsId(item, "someone-elses")).isSameAs(ok);

    credentials.verifyNoInteractions();
  }
}
