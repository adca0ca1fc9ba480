package org.commandcenter.mattermost.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each rule against the cases its server file decides, including the ones Java's own parsers get wrong. */
class MattermostRulesTest {
  @Test
  void idsAreTwentySixLettersOrDigitsAsIsValidIdSays() {
    assertThat(MattermostIds.isValid("abcdefghijklmnopqrstuvwxyz")).isTrue();
    assertThat(MattermostIds.isValid("ABCDEFGHIJKLMNOPQRSTUVWXY1")).isTrue();
    assertThat(MattermostIds.isValid("abcdefghijklmnopqrstuvwxy")).isFalse();
    assertThat(MattermostIds.isValid("abcdefghijklmnopqrstuvwxy-")).isFalse();
    assertThat(MattermostIds.isValid(null)).isFalse();
    // 26 bytes, not 26 characters: Go's len() counts UTF-8 bytes.
    assertThat(MattermostIds.isValid("é".repeat(13))).isTrue();
    assertThat(MattermostIds.isValid("é".repeat(26))).isFalse();
    assertThatThrownBy(() -> MattermostIds.require("rootId", "123"))
        .hasMessage("rootId: must be a 26-character Mattermost id");
  }

  @Test
  void httpUrlsAcceptDockerStyleHostsWithUnderscores() {
    assertThat(HttpUrls.isValid("http://mattermost_app:8065")).isTrue();
    assertThat(HttpUrls.parse("http://mattermost_app:8065/hooks/abc").host()).isEqualTo("mattermost_app");
    assertThat(HttpUrls.isValid("https://chat.example.com/path with spaces|x")).isTrue();
    assertThat(HttpUrls.isValid("https://[::1]:8065/")).isTrue();
  }

  @Test
  void httpUrlsRefuseWhatParseRequestUriRefuses() {
    assertThat(HttpUrls.isValid("ftp://chat.example.com")).isFalse();
    assertThat(HttpUrls.isValid("https://")).isFalse();
    assertThat(HttpUrls.isValid("https://chat.example.com:80a/")).isFalse();
    assertThat(HttpUrls.isValid("https://chat.example.com/%zz")).isFalse();
    assertThat(HttpUrls.isValid("https://chat.example.com/\n")).isFalse();
    assertThat(HttpUrls.isValid("https://chat example.com/")).isFalse();
    assertThat(HttpUrls.parse("https://chat example.com/")).isNull();
    assertThatThrownBy(() -> HttpUrls.requireValidOrEmpty("iconUrl", "chat.example.com"))
        .hasMessage("iconUrl: must be an absolute http:// or https:// URL");
  }

  @Test
  void webhookUrlsAreRecognisedOnDockerStyleHostsAndBelowASubpath() {
    assertThat(WebhookUrls.isWebhookUrl("http://mattermost_app:8065/hooks/xj7k3bq9aprz5e8tmw6ydch1ng"))
        .isTrue();
    assertThat(WebhookUrls.isWebhookUrl(" https://chat.example.com/mattermost/hooks/Abc123 ")).isTrue();
    assertThat(WebhookUrls.siteOf("http://mattermost_app:8065/chat/hooks/abc")).isEqualTo("http://mattermost_app:8065/chat");
    assertThat(WebhookUrls.keyOf("http://mattermost_app:8065/hooks/abc")).isEqualTo("abc");
  }

  @Test
  void siteUrlsAndOtherPathsAreNoWebhooks() {
    assertThat(WebhookUrls.isWebhookUrl("https://chat.example.com")).isFalse();
    assertThat(WebhookUrls.isWebhookUrl("https://chat.example.com/hooks/")).isFalse();
    assertThat(WebhookUrls.isWebhookUrl("https://chat.example.com/hooks/ab-c")).isFalse();
    assertThat(WebhookUrls.isWebhookUrl("chat.example.com/hooks/abc")).isFalse();
    assertThat(WebhookUrls.isWebhookUrl(null)).isFalse();
    assertThatThrownBy(() -> WebhookUrls.siteOf("chat.example.com/hooks/secretkey"))
        .hasMessage("webhookUrl: must look like https://chat.example.com/hooks/<key>")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretkey"));
  }

  @Test
  void redactionMasksWebhookKeysAndCommandResponseIdsWherever() {
    assertThat(WebhookUrls.redact("POST http://mattermost_app:8065/hooks/Xj7k3bq9 failed"))
        .isEqualTo("POST http://mattermost_app:8065/hooks/**** failed");
    assertThat(WebhookUrls.redact("answer at https://chat/hooks/commands/abc123"))
        .isEqualTo("answer at https://chat/hooks/commands/****");
    assertThat(WebhookUrls.redact("nothing here")).isEqualTo("nothing here");
  }

  @Test
  void channelAndTeamNamesFollowTheirOwnPatterns() {
    assertThat(ChannelNames.isValidChannel("town-square")).isTrue();
    assertThat(ChannelNames.isValidChannel("ci_builds")).isTrue();
    assertThat(ChannelNames.isValidChannel("a")).isTrue();
    assertThat(ChannelNames.isValidChannel("Builds")).isFalse();
    assertThat(ChannelNames.isValidChannel("-builds")).isFalse();
    assertThat(ChannelNames.isValidChannel("b".repeat(65))).isFalse();
    assertThat(ChannelNames.isValidTeam("factory")).isTrue();
    assertThat(ChannelNames.isValidTeam("f")).isFalse();
    assertThat(ChannelNames.isValidTeam("my_team")).isFalse();
    assertThat(ChannelNames.normalize("channel", " #builds ")).isEqualTo("builds");
    assertThatThrownBy(() -> ChannelNames.normalize("channel", "#my builds"))
        .hasMessage("channel: must be a channel name or id without spaces");
  }

  @Test
  void usernamesAndMentionsFollowUserGo() {
    assertThat(Usernames.isValid("alice.smith-2_x")).isTrue();
    assertThat(Usernames.isValid("a")).isTrue();
    assertThat(Usernames.isValid("a".repeat(64))).isTrue();
    assertThat(Usernames.isValid("a".repeat(65))).isFalse();
    assertThat(Usernames.isValid("Alice")).isFalse();
    assertThat(Usernames.isValid("channel")).isFalse();
    assertThat(Usernames.isValid("here")).isTrue();
    assertThat(Usernames.isMentionable("here")).isFalse();
    assertThat(Usernames.isMentionable("alice")).isTrue();
  }

  @Test
  void emojiNamesAndIconReferences() {
    assertThat(EmojiNames.isValid("rotating_light")).isTrue();
    assertThat(EmojiNames.isValid("+1")).isTrue();
    assertThat(EmojiNames.isValid("Jenkins-CI")).isTrue();
    assertThat(EmojiNames.isValid("no spaces")).isFalse();
    assertThat(EmojiNames.isValid("x".repeat(65))).isFalse();
    assertThat(EmojiNames.isReference(":jenkins:")).isTrue();
    assertThat(EmojiNames.isReference("jenkins")).isFalse();
    assertThat(EmojiNames.isReference("::")).isFalse();
  }

  @Test
  void coloursAreSlackNamesOrSixDigitHex() {
    assertThat(Colors.isValid("good")).isTrue();
    assertThat(Colors.isValid("#FF0000")).isTrue();
    assertThat(Colors.isValid("#f00")).isFalse();
    assertThat(Colors.isValid("36a64f")).isFalse();
    assertThat(Colors.isValid("red")).isFalse();
    assertThat(Colors.isValid("#ff00")).isFalse();
  }

  @Test
  void onlyLetterAndDigitActionIdsReachTheClickRoute() {
    assertThat(PostActions.isClickableId("rebuild")).isTrue();
    assertThat(PostActions.isClickableId("Rebuild2")).isTrue();
    // /posts/{post_id}/actions/{action_id:[A-Za-z0-9]+}: these are stored but never clickable.
    assertThat(PostActions.isClickableId("re-build")).isFalse();
    assertThat(PostActions.isClickableId("re_build")).isFalse();
    assertThat(PostActions.isClickableId("show.log")).isFalse();
    assertThat(PostActions.isClickableId("é")).isFalse();
    assertThat(PostActions.isClickableId("")).isFalse();
  }

  @Test
  void actionStylesAndIntegrationUrlsFollowPostActionIsValid() {
    assertThat(PostActions.isValidStyle("primary")).isTrue();
    assertThat(PostActions.isValidStyle("#1A2b3C")).isTrue();
    assertThat(PostActions.isValidStyle("#abc")).isFalse();
    assertThat(PostActions.isValidStyle("red")).isFalse();
    assertThat(PostActions.isValidIntegrationUrl("/plugins/com.example/act")).isTrue();
    assertThat(PostActions.isValidIntegrationUrl("plugins/com.example/act")).isTrue();
    assertThat(PostActions.isValidIntegrationUrl("https://jenkins_ci:8080/mattermost/actions")).isTrue();
    assertThat(PostActions.isValidIntegrationUrl("/mattermost/actions")).isFalse();
    assertThat(PostActions.isValidIntegrationUrl("javascript:alert(1)")).isFalse();
  }
}
