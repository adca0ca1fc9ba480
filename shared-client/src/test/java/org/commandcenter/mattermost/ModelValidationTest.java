package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  private static final String ID = "abcdefghijklmnopqrstuvwxyz";

  @Test
  void acceptsNamedAndHexColors() {
    for (String color : List.of("good", "warning", "danger", "#36a64f", "#ABCDEF")) {
      assertThat(Attachment.builder().color(color).build().color()).isEqualTo(color);
    }
  }

  @Test
  void rejectsUnknownColorNamingTheField() {
    assertThatThrownBy(() -> Attachment.builder().color("red").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("color: ");
    assertThatThrownBy(() -> Attachment.builder().color("#12345").build())
        .hasMessageStartingWith("color: ");
  }

  @Test
  void titleLinkNeedsTitle() {
    assertThatThrownBy(() -> Attachment.builder().titleLink("https://ci.example/job/1").build())
        .hasMessageStartingWith("titleLink: ").hasMessageContaining("title");
  }

  @Test
  void authorLinkNeedsAuthorName() {
    assertThatThrownBy(() -> Attachment.builder().authorLink("https://ci.example/user").build())
        .hasMessageStartingWith("authorLink: ");
  }

  @Test
  void linksMustBeHttp() {
    assertThatThrownBy(() -> Attachment.builder().title("t").titleLink("javascript:alert(1)").build())
        .hasMessageStartingWith("titleLink: ");
    assertThatThrownBy(() -> Attachment.builder().imageUrl("ftp://host/x.png").build())
        .hasMessageStartingWith("imageUrl: ");
    assertThatThrownBy(() -> Attachment.builder().thumbUrl("https:///nohost").build())
        .hasMessageStartingWith("thumbUrl: ");
    assertThatThrownBy(() -> Attachment.builder().footerIcon("/relative.png").build())
        .hasMessageStartingWith("footerIcon: ");
    assertThatThrownBy(() -> Attachment.builder().authorName("a").authorIcon("data:x").build())
        .hasMessageStartingWith("authorIcon: ");
    assertThatThrownBy(() -> Post.builder().text("x").iconUrl("file:///etc/passwd").build())
        .hasMessageStartingWith("iconUrl: ");
    assertThatThrownBy(() -> Attachment.builder().imageUrl("https://bad host/x.png").build())
        .hasMessageStartingWith("imageUrl: ");
    assertThatThrownBy(() -> Attachment.builder().imageUrl("https://host:80x/x.png").build())
        .hasMessageStartingWith("imageUrl: ");
    assertThatThrownBy(() -> Attachment.builder().imageUrl("https://host/x\n.png").build())
        .hasMessageStartingWith("imageUrl: ");
    assertThatThrownBy(() -> Attachment.builder().imageUrl("HTTPS://host/x.png").build())
        .hasMessageStartingWith("imageUrl: ");
    assertThatThrownBy(() -> Attachment.builder().imageUrl("https://host/100%.png").build())
        .hasMessageStartingWith("imageUrl: ");
    assertThatThrownBy(() -> Attachment.builder().imageUrl("https://host#frag").build())
        .hasMessageStartingWith("imageUrl: ");
  }

  /** What Go's url.ParseRequestURI takes, the server takes (server/public/model/utils.go IsValidHTTPURL). */
  @Test
  void acceptsLinksTheServerAcceptsThatJavaUriWouldNot() {
    Attachment attachment = Attachment.builder()
        .title("t").titleLink("http://jenkins_master:8080/job/api/42/")
        .authorName("a").authorLink("https://sonar.corp/dashboard?id=a|b&branch={main}")
        .imageUrl("https://[::1]:9000/i.png")
        .thumbUrl("https://ci.corp/job/a b/?q=100%#top")
        .build();
    assertThat(attachment.titleLink()).isEqualTo("http://jenkins_master:8080/job/api/42/");
  }

  @Test
  void footerIsLimitedTo300Characters() {
    Attachment.builder().footer("x".repeat(300)).build();
    assertThatThrownBy(() -> Attachment.builder().footer("x".repeat(301)).build())
        .hasMessageStartingWith("footer: ");
  }

  @Test
  void persistentNotificationsOnlyWithUrgent() {
    assertThat(Priority.builder(Priority.Level.URGENT).persistentNotifications(true).requestedAck(true).build()
        .persistentNotifications()).isTrue();
    assertThatThrownBy(() -> Priority.builder(Priority.Level.IMPORTANT).persistentNotifications(true).build())
        .hasMessageStartingWith("priority.persistentNotifications: ");
  }

  @Test
  void persistentNotificationsNeedSomeoneToNotify() {
    Priority persistent = Priority.builder(Priority.Level.URGENT).persistentNotifications(true).build();
    assertThatThrownBy(() -> Post.builder().text("Build failed").priority(persistent).build())
        .hasMessageStartingWith("priority.persistentNotifications: ");
    assertThatThrownBy(() -> Post.builder().text("mail ops@example.com").priority(persistent).build())
        .hasMessageStartingWith("priority.persistentNotifications: ");
    Post.builder().text("Build failed @alice").priority(persistent).build();
    Post.builder().addAttachment(Attachment.builder().addField(Field.of("Culprit", "@bob", true)).build())
        .priority(persistent).build();
    Post.builder().text("Build failed").channel("@alice").priority(persistent).build();
  }

  @Test
  void priorityOnlyOnRootPosts() {
    assertThatThrownBy(() -> Post.builder().text("x").rootId(ID).priority(Priority.urgent()).build())
        .hasMessageStartingWith("priority: ");
  }

  @Test
  void postNeedsContent() {
    assertThatThrownBy(() -> Post.builder().text("  ").build()).hasMessageStartingWith("text: ");
    assertThat(Post.builder().addAttachment(Attachment.builder().text("a").build()).build().text()).isNull();
  }

  @Test
  void rejectsMalformedIdsAndManagedProps() {
    assertThatThrownBy(() -> Post.builder().text("x").rootId("short").build()).hasMessageStartingWith("rootId: ");
    assertThatThrownBy(() -> Post.builder().text("x").addFileId("nope").build()).hasMessageStartingWith("fileIds[0]: ");
    assertThatThrownBy(() -> Post.builder().text("x").prop("attachments", List.of()).build())
        .hasMessageStartingWith("props.attachments: ");
    assertThatThrownBy(() -> Post.builder().text("x").channel("my channel").build())
        .hasMessageStartingWith("channel: ");
  }

  @Test
  void atMostTenFilesPerPost() {
    Post.Builder builder = Post.builder().text("x");
    for (int i = 0; i < 11; i++) {
      builder.addFileId(ID);
    }
    assertThatThrownBy(builder::build).hasMessageStartingWith("fileIds: ");
  }

  @Test
  void newBuilderCopiesEverything() {
    Post post = Post.builder().text("hello").channel("builds").username("ci").iconEmoji(":robot:")
        .addAttachment(Attachment.builder().title("t").titleLink("https://ci/1").addField(Field.of("a", "b", true)).build())
        .prop("card", "details").priority(Priority.important()).build();
    assertThat(post.newBuilder().build()).isEqualTo(post);
    assertThat(post.newBuilder().text("other").build().attachments()).isEqualTo(post.attachments());
    assertThat(post.attachments().get(0).newBuilder().build()).isEqualTo(post.attachments().get(0));
    assertThat(post.toString()).doesNotContain("hello");
  }

  @Test
  void valuesAreImmutable() {
    Post post = Post.builder().text("x").addFileId(ID).build();
    assertThatThrownBy(() -> post.fileIds().add(ID)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> post.props().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullArgumentsFailFast() {
    assertThatThrownBy(() -> Post.builder().addAttachment(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("attachment == null");
    assertThatThrownBy(() -> Field.of(null, "v", false)).hasMessage("title == null");
  }

  @Test
  void retryPolicyValidatesAndComputesBackoff() {
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(java.time.Duration.ofMillis(100))
        .maxBackoff(java.time.Duration.ofMillis(1000)).multiplier(2).jitter(0.5).build();
    assertThat(policy.backoffMillis(1, 0.0)).isEqualTo(100);
    assertThat(policy.backoffMillis(2, 0.0)).isEqualTo(200);
    assertThat(policy.backoffMillis(3, 0.999)).isBetween(200L, 201L);
    assertThat(policy.backoffMillis(10, 0.0)).isEqualTo(1000);
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).hasMessageStartingWith("maxAttempts: ");
    assertThatThrownBy(() -> RetryPolicy.builder().jitter(1.5)).hasMessageStartingWith("jitter: ");
  }

  @Test
  void proxyNoProxyPatterns() {
    ProxySettings proxy = ProxySettings.builder().host("proxy.corp").port(3128)
        .noProxyHosts(List.of("localhost", ".internal", "*.corp.example", "10.0.*")).build();
    assertThat(proxy.bypasses("LOCALHOST")).isTrue();
    assertThat(proxy.bypasses("chat.internal")).isTrue();
    assertThat(proxy.bypasses("internal")).isTrue();
    assertThat(proxy.bypasses("chat.corp.example")).isTrue();
    assertThat(proxy.bypasses("10.0.3.4")).isTrue();
    assertThat(proxy.bypasses("chat.example.com")).isFalse();
    assertThat(proxy.bypasses("notinternal")).isFalse();
    assertThatThrownBy(() -> ProxySettings.builder().host("proxy").port(0).build()).hasMessageStartingWith("proxy.port: ");
    assertThatThrownBy(() -> ProxySettings.builder().host("http://proxy").port(80).build()).hasMessageStartingWith("proxy.host: ");
    assertThat(ProxySettings.builder().host("p").port(1).username("u").password("hunter2").build().toString())
        .doesNotContain("hunter2");
  }

  @Test
  void clientBuilderNamesTheFieldWithoutEchoingSecrets() {
    assertThatThrownBy(() -> MattermostClient.builder().build()).hasMessageStartingWith("siteUrl: ");
    assertThatThrownBy(() -> MattermostClient.builder().siteUrl("https://chat.example").build())
        .hasMessageStartingWith("token: ");
    assertThatThrownBy(() -> MattermostClient.builder().webhookUrl("https://chat.example/hooks/sekr3tkey?x=1").build())
        .hasMessageStartingWith("webhookUrl: ").hasMessageNotContaining("sekr3tkey");
    assertThatThrownBy(() -> MattermostClient.builder().webhookUrl("https://chat.example/hooks/k1")
        .siteUrl("https://chat.example").token("t").build()).hasMessageStartingWith("webhookUrl: ");
    assertThatThrownBy(() -> MattermostClient.builder().siteUrl("chat.example").token("t").build())
        .hasMessageStartingWith("siteUrl: ");
    assertThatThrownBy(() -> MattermostClient.builder().siteUrl("https://chat.example").token("a b").build())
        .hasMessageStartingWith("token: ").hasMessageNotContaining("a b");
    assertThatThrownBy(() -> MattermostClient.builder().webhookUrl("https://bob:pa55word@chat.example/hooks/k1").build())
        .hasMessageStartingWith("webhookUrl: ").hasMessageNotContaining("pa55word");
    assertThatThrownBy(() -> MattermostClient.builder().siteUrl("https://bob:pa55word@chat.example").token("t").build())
        .hasMessageStartingWith("siteUrl: ").hasMessageNotContaining("pa55word");
  }

  @Test
  void webhookClientDerivesSiteUrlAndHidesKey() {
    MattermostClient client = MattermostClient.builder()
        .webhookUrl("https://chat.example/mm/hooks/xyzsecretkey123").build();
    assertThat(client.isWebhook()).isTrue();
    assertThat(client.siteUrl()).isEqualTo("https://chat.example/mm");
    assertThat(client.toString()).doesNotContain("xyzsecretkey123");
    assertThatThrownBy(client::me).isInstanceOf(IllegalStateException.class);
  }
}
