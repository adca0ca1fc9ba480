package org.commandcenter.benchmarks;

import com.google.gson.Gson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.tls.CaTrust;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * (b) Sustained posts per second to a loopback server, over plain HTTP and over HTTPS with a private CA:
 * the shared client (one connection pool, one TLS configuration) against a sender that builds a new HTTP client
 * for every message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class SendThroughputBenchmark {
  private static final String TOKEN = "benchmark-bot-token";

  @Param({"http", "https"})
  public String scheme;

  private LoopbackMattermost server;
  private MattermostClient client;
  private ClientPerMessageSender perMessageSender;
  private KeptAliveOkHttpSender keptAliveOkHttp;
  /** What the reference senders trust over HTTPS; null over plain HTTP. */
  private HandshakeCertificates clientTrust;
  private Post alert;
  private String alertJson;

  @Setup(Level.Trial)
  public void start() throws Exception {
    TestPki pki = new TestPki();
    boolean tls = scheme.equals("https");
    server = tls
        ? LoopbackMattermost.tls(pki.serverCertificates.sslContext())
        : LoopbackMattermost.plain();
    MattermostClient.Builder builder = MattermostClient.builder().siteUrl(server.url()).token(TOKEN);
    if (tls) {
      builder.trust(CaTrust.fromPem(pki.caPem()).withoutSystemTrust());
    }
    client = builder.build();
    perMessageSender = new ClientPerMessageSender(server.url(), TOKEN, tls ? pki.caPem() : null);
    alert = Alerts.failedBuild(42);
    alertJson = baselineJson(alert);
    clientTrust = tls ? pki.clientCertificates() : null;
    keptAliveOkHttp = new KeptAliveOkHttpSender(server.url(), TOKEN, alertJson, clientTrust);
  }

  @TearDown(Level.Trial)
  public void stop() {
    server.close();
  }

  @Benchmark
  public PostResult sharedClient() throws Exception {
    return client.send(alert);
  }

  @Benchmark
  public int clientPerMessage() throws Exception {
    return perMessageSender.send(alertJson);
  }

  /** Reference: bare OkHttp, one client for all messages, nothing of ours. */
  @Benchmark
  public int referenceKeptAliveOkHttp() throws Exception {
    return keptAliveOkHttp.send();
  }

  /** Reference: the round-trip floor, a hand-written HTTP/1.1 exchange on one kept-alive socket. */
  @Benchmark
  public int referenceBareSocket(BareSocketPerThread connection) throws Exception {
    return connection.sender.send();
  }

  /** A socket cannot be shared by sender threads: each has its own, as each would have its own connection. */
  @State(Scope.Thread)
  public static class BareSocketPerThread {
    BareSocketSender sender;

    @Setup(Level.Trial)
    public void connect(SendThroughputBenchmark benchmark) throws Exception {
      sender = new BareSocketSender(benchmark.server.url(), TOKEN, benchmark.alertJson, benchmark.clientTrust);
    }

    @TearDown(Level.Trial)
    public void disconnect() throws Exception {
      sender.close();
    }
  }

  /** The same request body the shared client sends, built the way a simple sender would. */
  static String baselineJson(Post post) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("channel_id", post.channel());
    body.put("message", post.text());
    body.put("props", Map.of("attachments", List.of(Map.of(
        "fallback", post.attachments().get(0).fallback(),
        "color", post.attachments().get(0).color(),
        "title", post.attachments().get(0).title(),
        "text", post.attachments().get(0).text()))));
    return new Gson().toJson(body);
  }
}
