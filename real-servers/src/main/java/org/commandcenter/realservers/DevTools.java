package org.commandcenter.realservers;

import static java.util.Objects.requireNonNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A page in a real headless Chromium driven over the DevTools protocol (loopback only): open it, evaluate
 * JavaScript in it (e.g. click a button as a person would, then read what the page shows). Chromium is stopped by
 * PID when this closes.
 */
public final class DevTools implements AutoCloseable {
  private static final Duration START_LIMIT = Duration.ofSeconds(30);

  private final ManagedProcess chromium;
  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ZERO).build();
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

  private DevTools(ManagedProcess chromium, String pageSocketUrl) {
    this.chromium = chromium;
    this.socket = http.newWebSocket(new Request.Builder().url(pageSocketUrl).build(), new WebSocketListener() {
      @Override
      public void onMessage(WebSocket webSocket, String text) {
        JsonObject message = JsonParser.parseString(text).getAsJsonObject();
        if (message.has("id")) {
          CompletableFuture<JsonObject> waiting = pending.remove(message.get("id").getAsInt());
          if (waiting != null) {
            waiting.complete(message);
          }
        }
      }

      @Override
      public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        pending.values().forEach(future -> future.completeExceptionally(t));
      }
    });
  }

  /** Opens {@code url} in a fresh headless Chromium of {@code chromium}'s kind. */
  public static DevTools open(Chromium chromium, String url) throws IOException, InterruptedException {
    Chromium.Page page = chromium.page(url).flags("--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0", "--window-size=1280,900");
    Path profile = page.profile();
    ManagedProcess process = page.start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + START_LIMIT.toNanos();
      while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile, StandardCharsets.UTF_8).isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IOException("Chromium wrote no DevToolsActivePort within " + START_LIMIT.toSeconds() + " s: "
              + process.logTail(20));
        }
        Thread.sleep(100);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile, StandardCharsets.UTF_8).get(0).strip());
      String socketUrl = pageSocket(port, deadline);
      return new DevTools(process, socketUrl);
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /** The first page target's socket, from {@code /json/list}. */
  private static String pageSocket(int port, long deadline) throws IOException, InterruptedException {
    OkHttpClient client = new OkHttpClient();
    while (true) {
      try (Response response = client.newCall(new Request.Builder()
          .url("http://127.0.0.1:" + port + "/json/list").build()).execute()) {
        JsonArray targets = JsonParser.parseString(response.body().string()).getAsJsonArray();
        for (JsonElement target : targets) {
          JsonObject json = target.getAsJsonObject();
          if ("page".equals(json.get("type").getAsString()) && json.has("webSocketDebuggerUrl")) {
            return json.get("webSocketDebuggerUrl").getAsString();
          }
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("Chromium shows no page to debug");
      }
      Thread.sleep(100);
    }
  }

  /**
   * The value of a JavaScript expression in the page (promises awaited), as JSON; null for undefined. Throws when the
   * expression throws.
   */
  public JsonElement evaluate(String expression) throws IOException, InterruptedException {
    JsonObject params = new JsonObject();
    params.addProperty("expression", requireNonNull(expression, "expression == null"));
    params.addProperty("returnByValue", true);
    params.addProperty("awaitPromise", true);
    JsonObject answer = call("Runtime.evaluate", params);
    JsonObject result = answer.getAsJsonObject("result");
    if (result.has("exceptionDetails")) {
      throw new IOException("the page threw: " + result.getAsJsonObject("exceptionDetails"));
    }
    return result.getAsJsonObject("result").get("value");
  }

  /**
   * Evaluates {@code condition} until it is true (pages reload and fetch; evaluation errors while a page loads count
   * as false), or fails after {@code timeout}.
   */
  public void await(String condition, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        JsonElement value = evaluate("Boolean(" + condition + ")");
        if (value != null && value.getAsBoolean()) {
          return;
        }
      } catch (IOException e) {
        last = e.getMessage();
      }
      Thread.sleep(100);
    }
    throw new IOException("not true within " + timeout.toSeconds() + " s: " + condition + (last.isEmpty() ? ""
        : " (" + last + ")"));
  }

  private JsonObject call(String method, JsonObject params) throws IOException, InterruptedException {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    pending.put(id, answer);
    JsonObject message = new JsonObject();
    message.addProperty("id", id);
    message.addProperty("method", method);
    message.add("params", params);
    if (!socket.send(message.toString())) {
      pending.remove(id);
      throw new IOException("the DevTools connection is closed");
    }
    try {
      JsonObject reply = answer.get(30, TimeUnit.SECONDS);
      if (reply.has("error")) {
        throw new IOException(method + ": " + reply.get("error"));
      }
      return reply;
    } catch (ExecutionException | TimeoutException e) {
      pending.remove(id);
      throw new IOException(method + " failed: " + e, e);
    }
  }

  @Override
  public void close() {
    socket.close(1000, "done");
    http.dispatcher().executorService().shutdown();
    chromium.close();
  }
}
