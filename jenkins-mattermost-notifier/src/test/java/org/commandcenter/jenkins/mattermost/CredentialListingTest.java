package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/**
 * The credentials plugin's rule for credential forms: inside a job, Secret Texts are listed and checked as the job's
 * authentication (what its builds run as), globally and in non-job items as SYSTEM; nobody without the permission
 * (ADMINISTER globally; EXTENDED_READ or Credentials/UseItem in an item) gets a listing or a look-up.
 */
class CredentialListingTest {
  private final Jenkins jenkins = mock(Jenkins.class);
  private final Authentication jobAuthentication = mock(Authentication.class);
  private final CredentialsMatcher always = mock(CredentialsMatcher.class);
  private final CredentialsMatcher withId = mock(CredentialsMatcher.class);
  private final FormValidation ok = mock(FormValidation.class);
  private final FormValidation error = mock(FormValidation.class);
  private final List<String> errors = new ArrayList<>();
  private MockedStatic<Jenkins> jenkinsStatic;
  private MockedStatic<FormValidation> validations;
  private MockedStatic<CredentialsProvider> credentials;
  private MockedStatic<CredentialsMatchers> matchers;
  private MockedStatic<Tasks> tasks;

  @BeforeEach
  void setUp() {
    PluginContext.set(new FakeContext());
    jenkinsStatic = mockStatic(Jenkins.class);
    jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
    validations = mockStatic(FormValidation.class);
    validations.when(FormValidation::ok).thenReturn(ok);
    validations.when(() -> FormValidation.error(anyString())).thenAnswer(i -> {
      errors.add(i.getArgument(0));
      return error;
    });
    credentials = mockStatic(CredentialsProvider.class);
    matchers = mockStatic(CredentialsMatchers.class);
    matchers.when(CredentialsMatchers::always).thenReturn(always);
    matchers.when(() -> CredentialsMatchers.withId("mm-bot")).thenReturn(withId);
    tasks = mockStatic(Tasks.class);
  }

  @AfterEach
  void tearDown() {
    tasks.close();
    matchers.close();
    credentials.close();
    validations.close();
    jenkinsStatic.close();
    PluginContext.set(null);
  }

  /**
   * A job: an Item that is also a Queue.Task (as every real project is), running as its own authentication; the
   * current user holds exactly the given permissions on it.
   */
  private Item job(Permission... granted) {
    Item job = mock(Item.class, withSettings().extraInterfaces(Queue.Task.class));
    for (Permission permission : granted) {
      when(job.hasPermission(permission)).thenReturn(true);
    }
    tasks.when(() -> Tasks.getAuthenticationOf2((Queue.Task) job)).thenReturn(jobAuthentication);
    return job;
  }

  private static MattermostGlobalConfiguration globalConfiguration() {
    MattermostGlobalConfiguration config = mock(MattermostGlobalConfiguration.class, CALLS_REAL_METHODS);
    doNothing().when(config).save();
    return config;
  }

  private static StandardListBoxModel fill(Function<String, ListBoxModel> endpoint) {
    try (MockedConstruction<StandardListBoxModel> models = mockConstruction(StandardListBoxModel.class)) {
      endpoint.apply("mm-bot");
      assertThat(models.constructed()).hasSize(1);
      return models.constructed().get(0);
    }
  }

  private static void verifyListedAs(StandardListBoxModel model, Authentication authentication, Item context,
      CredentialsMatcher matcher) {
    InOrder order = inOrder(model);
    order.verify(model).includeEmptyValue();
    order.verify(model).includeMatchingAs(same(authentication), same(context), eq(StringCredentials.class),
        eq(List.of()), same(matcher));
    order.verify(model).includeCurrentValue("mm-bot");
  }

  @Test
  void notifierListsSecretTextsAsTheJobsAuthenticationInsideAJob() {
    Item job = job(Item.EXTENDED_READ);
    MattermostNotifier.DescriptorImpl descriptor = new MattermostNotifier.DescriptorImpl();

    StandardListBoxModel model = fill(id -> descriptor.doFillCredentialsIdItems(job, id));

    verifyListedAs(model, jobAuthentication, job, always);
    tasks.verify(() -> Tasks.getAuthenticationOf2((Queue.Task) job));
  }

  @Test
  void stepListsSecretTextsAsTheJobsAuthenticationToAUserWhoMayUseItsCredentials() {
    Item job = job(CredentialsProvider.USE_ITEM);
    MattermostSendStep.DescriptorImpl descriptor = new MattermostSendStep.DescriptorImpl();

    StandardListBoxModel model = fill(id -> descriptor.doFillCredentialIdItems(job, id));

    verifyListedAs(model, jobAuthentication, job, always);
  }

  @Test
  void globalConfigurationListsSecretTextsAsSystem() {
    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
    MattermostGlobalConfiguration config = globalConfiguration();

    StandardListBoxModel model = fill(config::doFillCredentialsIdItems);

    verifyListedAs(model, ACL.SYSTEM2, null, always);
    tasks.verifyNoInteractions();
  }

  @Test
  void anItemThatIsNotAJobListsAsSystem() {
    Item folder = mock(Item.class);
    when(folder.hasPermission(Item.EXTENDED_READ)).thenReturn(true);
    MattermostNotifier.DescriptorImpl descriptor = new MattermostNotifier.DescriptorImpl();

    StandardListBoxModel model = fill(id -> descriptor.doFillCredentialsIdItems(folder, id));

    verifyListedAs(model, ACL.SYSTEM2, folder, always);
    tasks.verifyNoInteractions();
  }

  @Test
  void listingInAJobIsDeniedWithoutExtendedReadOrUseItemButKeepsTheCurrentValue() {
    Item job = job(Item.READ, Item.BUILD);
    MattermostNotifier.DescriptorImpl notifier = new MattermostNotifier.DescriptorImpl();
    MattermostSendStep.DescriptorImpl step = new MattermostSendStep.DescriptorImpl();

    for (Function<String, ListBoxModel> endpoint : List.<Function<String, ListBoxModel>>of(
        id -> notifier.doFillCredentialsIdItems(job, id), id -> step.doFillCredentialIdItems(job, id))) {
      StandardListBoxModel model = fill(endpoint);
      verify(model).includeCurrentValue("mm-bot");
      verify(model, never()).includeEmptyValue();
      verify(model, never()).includeMatchingAs(any(), any(Item.class), any(), any(), any());
    }
    verify(job, org.mockito.Mockito.atLeastOnce()).hasPermission(Item.EXTENDED_READ);
    verify(job, org.mockito.Mockito.atLeastOnce()).hasPermission(CredentialsProvider.USE_ITEM);
    tasks.verify(() -> Tasks.getAuthenticationOf2(any()), never());
    credentials.verifyNoInteractions();
  }

  @Test
  void globalListingIsDeniedWithoutAdminister() {
    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(false);
    MattermostGlobalConfiguration config = globalConfiguration();

    StandardListBoxModel model = fill(config::doFillCredentialsIdItems);

    verify(model).includeCurrentValue("mm-bot");
    verify(model, never()).includeMatchingAs(any(), any(Item.class), any(), any(), any());
    verify(jenkins).hasPermission(Jenkins.ADMINISTER);
  }

  @Test
  void credentialCheckLooksUpAsTheJobsAuthenticationInsideAJob() {
    Item job = job(Item.EXTENDED_READ);
    ListBoxModel visible = new ListBoxModel();
    visible.add(new ListBoxModel.Option("Mattermost bot", "mm-bot"));
    credentials.when(() -> CredentialsProvider.listCredentialsInItem(eq(StringCredentials.class), same(job),
        same(jobAuthentication), eq(List.of()), same(withId))).thenReturn(visible);

    assertThat(new MattermostNotifier.DescriptorImpl().doCheckCredentialsId(job, "mm-bot")).isSameAs(ok);
    assertThat(new MattermostSendStep.DescriptorImpl().doCheckCredentialId(job, "mm-bot")).isSameAs(ok);
    assertThat(errors).isEmpty();
  }

  @Test
  void credentialCheckFailsWhenTheJobsAuthenticationCannotSeeTheCredential() {
    Item job = job(Item.EXTENDED_READ);
    // Visible to SYSTEM, but not to the job's authentication.
    ListBoxModel visibleToSystem = new ListBoxModel();
    visibleToSystem.add(new ListBoxModel.Option("Mattermost bot", "mm-bot"));
    credentials.when(() -> CredentialsProvider.listCredentialsInItem(eq(StringCredentials.class), same(job),
        same(ACL.SYSTEM2), eq(List.of()), same(withId))).thenReturn(visibleToSystem);
    credentials.when(() -> CredentialsProvider.listCredentialsInItem(eq(StringCredentials.class), same(job),
        same(jobAuthentication), eq(List.of()), same(withId))).thenReturn(new ListBoxModel());

    assertThat(new MattermostNotifier.DescriptorImpl().doCheckCredentialsId(job, "mm-bot")).isSameAs(error);
    assertThat(errors).singleElement().asString().contains("mm-bot");
  }

  @Test
  void globalCredentialCheckMakesTheLookupBuildsMakeAsJenkinsItself() {
    when(jenkins.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
    TestCredentials.global(credentials, TestCredentials.secretText("mm-bot", "bot-token"));

    assertThat(globalConfiguration().doCheckCredentialsId("mm-bot")).isSameAs(ok);
    tasks.verifyNoInteractions();
  }

  @Test
  void credentialCheckInAJobDoesNotLookUpWithoutExtendedReadOrUseItem() {
    Item job = job(Item.READ);

    assertThat(new MattermostSendStep.DescriptorImpl().doCheckCredentialId(job, "mm-bot")).isSameAs(ok);

    credentials.verifyNoInteractions();
    tasks.verify(() -> Tasks.getAuthenticationOf2(any()), never());
  }
}
