package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs failing sends while capturing System.out, System.err and every java.util.logging record,
 * prints each exception with its stack trace and cause chain, then searches all of it for the
 * webhook key and the token.
 */
class SecretsDoNotLeakTest {
  private final MockWebServer server = new MockWebServer();
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private PrintStream originalOut;
  private PrintStream originalErr;
  private Handler logHandler;
  private Level originalLevel;

  @BeforeEach
  void startCapturing() throws Exception {
    server.start();
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(capture);
    System.setErr(capture);
    Logger root = Logger.getLogger("");
    originalLevel = root.getLevel();
    root.setLevel(Level.ALL);
    Logger.getLogger("org.commandcenter").setLevel(Level.ALL);
    Logger.getLogger("okhttp3").setLevel(Level.ALL);
    logHandler = new Handler() {
      private final SimpleFormatter formatter = new SimpleFormatter();

      @Override
      public void publish(LogRecord record) {
        // The mock server is the party that owns the secrets; only our side must keep them.
        String name = record.getLoggerName();
        if (name != null && name.startsWith("mockwebserver3")) {
          return;
        }
        capture.print(formatter.format(record));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logHandler.setLevel(Level.ALL);
    root.addHandler(logHandler);
  }

  @AfterEach
  void stopCapturing() {
    Logger root = Logger.getLogger("");
    root.removeHandler(logHandler);
    root.setLevel(originalLevel);
    Logger.getLogger("org.commandcenter").setLevel(null);
    Logger.getLogger("okhttp3").setLevel(null);
    System.setOut(originalOut);
    System.setErr(originalErr);
    server.close();
    String output = captured.toString(StandardCharsets.UTF_8);
    assertThat(output).isNotEmpty();
    assertThat(output).doesNotContain(Wire.HOOK_KEY).doesNotContain(Wire.TOKEN);
  }

  private void report(Throwable failure) {
    capture.println(failure);
    failure.printStackTrace(capture);
  }

  /** A misbehaving proxy or server that echoes the request (and its secret) into its error body. */
  private static MockResponse echoingSecrets(int code, String request) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/plain")
        .body("bad request: " + request).build();
  }

  private static MockResponse echoingWebhook(int code) {
    return echoingSecrets(code, "POST /hooks/" + Wire.HOOK_KEY);
  }

  private static MockResponse echoingToken(int code) {
    return echoingSecrets(code, "GET /api/v4/users/me Authorization: Bearer " + Wire.TOKEN);
  }

  @Test
  void webhookFailuresNeverShowTheKey() {
    MattermostClient client = Wire.webhook(server, sleeper).build();
    capture.println(client);
    server.enqueue(echoingWebhook(400));
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, this::report);
    for (int i = 0; i < 4; i++) {
      server.enqueue(echoingWebhook(503));
    }
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, this::report);
    server.enqueue(new MockResponse.Builder().code(302)
        .setHeader("Location", "https://login.example/?next=/hooks/" + Wire.HOOK_KEY).build());
    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, this::report);
  }

  @Test
  void aSecretCutByTheMessageLengthLimitLeavesNoPrefixBehind() {
    MattermostClient client = Wire.webhook(server, sleeper).build();
    // The key straddles the 500 characters an error message keeps of a body.
    server.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "text/html")
        .body("x".repeat(490) + "/hooks/" + Wire.HOOK_KEY + " not found").build());

    assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          report(e);
          String keyPrefix = Wire.HOOK_KEY.substring(0, 3);
          assertThat(e.getMessage()).doesNotContain("/hooks/" + keyPrefix);
          assertThat(e.serverMessage()).doesNotContain("/hooks/" + keyPrefix).contains("/hooks/***");
        });
  }

  @Test
  void restFailuresNeverShowTheToken() {
    MattermostClient client = Wire.rest(server, sleeper).build();
    capture.println(client);
    server.enqueue(echoingToken(401));
    assertThatThrownBy(client::me).isInstanceOfSatisfying(MattermostException.class, this::report);
    server.enqueue(new MockResponse.Builder().code(200).body("{not json " + Wire.TOKEN).build());
    assertThatThrownBy(client::me).isInstanceOfSatisfying(MattermostException.class, this::report);
  }

  @Test
  void connectionFailuresNeverShowSecrets() throws Exception {
    server.close();
    // A bound but not listening socket holds the port, so nobody else can start listening there meanwhile.
    try (java.net.Socket holder = new java.net.Socket()) {
      holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      connectionFailuresNeverShowSecrets(holder.getLocalPort());
    }
  }

  private void connectionFailuresNeverShowSecrets(int port) {
    MattermostClient webhook = MattermostClient.builder().webhookUrl("http://127.0.0.1:" + port + "/hooks/" + Wire.HOOK_KEY)
        .retryPolicy(Wire.fastRetries()).sleeper(sleeper).build();
    MattermostClient rest = MattermostClient.builder().siteUrl("http://127.0.0.1:" + port).token(Wire.TOKEN)
        .retryPolicy(Wire.fastRetries()).sleeper(sleeper).build();
    capture.println(webhook);
    capture.println(rest);
    assertThatThrownBy(() -> webhook.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, this::report);
    assertThatThrownBy(() -> rest.send(Post.builder().text("x").channel(Wire.CHANNEL_ID).build()))
        .isInstanceOfSatisfying(MattermostException.class, this::report);
  }

  @Test
  void invalidConfigurationNeverShowsSecrets() {
    assertThatThrownBy(() -> MattermostClient.builder().webhookUrl("ftp://chat/hooks/" + Wire.HOOK_KEY).build())
        .satisfies(this::report);
    assertThatThrownBy(() -> MattermostClient.builder().siteUrl("https://chat").token(Wire.TOKEN + " x").build())
        .satisfies(this::report);
    assertThatThrownBy(() -> MattermostClient.builder().webhookUrl("https://chat/hooks/" + Wire.HOOK_KEY)
        .token(Wire.TOKEN).build()).satisfies(this::report);
  }

  @Test
  void engineFailuresAreLoggedAndStoredWithoutSecrets(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    MattermostClient webhook = Wire.webhook(server, sleeper).build();
    MattermostClient rest = Wire.rest(server, sleeper).build();
    server.enqueue(echoingWebhook(400));
    server.enqueue(echoingToken(403));
    java.nio.file.Path outbox = dir.resolve("outbox");
    DeliveryEngine engine = DeliveryEngine.builder(key -> key.equals("hook") ? webhook : rest)
        .outbox(Outbox.directory(outbox)).build();
    engine.start();
    try {
      DeliveryResult hooked = engine.submit(Delivery.builder().connection("hook").post(Post.builder().text("x")
          .build()).build()).outcome().get(5, TimeUnit.SECONDS);
      DeliveryResult posted = engine.submit(Delivery.builder().connection("bot").channel(Wire.CHANNEL_ID)
          .post(Post.builder().text("y").build()).build()).outcome().get(5, TimeUnit.SECONDS);
      capture.println(hooked);
      capture.println(posted);
      capture.println(engine.health());
      assertThat(hooked.status()).isEqualTo(DeliveryResult.Status.FAILED);
      assertThat(posted.status()).isEqualTo(DeliveryResult.Status.FAILED);
    } finally {
      engine.close();
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(outbox)) {
      for (java.nio.file.Path file : (Iterable<java.nio.file.Path>) files::iterator) {
        if (java.nio.file.Files.isRegularFile(file)) {
          String content = new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(content).as(file.toString()).doesNotContain(Wire.HOOK_KEY).doesNotContain(Wire.TOKEN);
        }
      }
    }
  }
}
