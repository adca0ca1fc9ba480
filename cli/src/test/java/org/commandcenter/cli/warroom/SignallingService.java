package org.commandcenter.cli.warroom;

import static java.util.Objects.requireNonNull;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The test's signalling service: serves the peer page, hands each side its ICE configuration, relays the offer, the
 * answer and the candidates (each side long-polls its mailbox), and takes the getStats() report each side posts at the
 * end. Listens on the root-namespace end of each browser's signalling veth (see {@link WarRoomTopology}), one port.
 */
final class SignallingService implements AutoCloseable {
  private static final Gson GSON = new Gson();
  private static final String PAGE = "peer.html";

  private final byte[] page;
  private final List<HttpServer> servers = new ArrayList<>();
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "war-room-signalling");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final int port;

  SignallingService(String... addresses) throws IOException {
    try (InputStream in = requireNonNull(SignallingService.class.getResourceAsStream(PAGE), PAGE)) {
      page = in.readAllBytes();
    }
    int chosen = 0;
    for (String address : addresses) {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), chosen), 16);
      chosen = server.getAddress().getPort();
      server.createContext("/", this::handle);
      server.setExecutor(executor);
      server.start();
      servers.add(server);
    }
    port = chosen;
  }

  /** The page for one side of {@code call}, as loaded from {@code address}. */
  String pageUrl(String address, Call call, String role) {
    return origin(address) + "/" + PAGE + "?case=" + call.name + "&role=" + role;
  }

  String origin(String address) {
    return "http://" + address + ":" + port;
  }

  /** A call to be made: each side's configuration ({@code /setup}) and, later, its report. */
  Call call(String name, JsonObject clientSetup, JsonObject serverSetup) {
    Call call = new Call(name, clientSetup, serverSetup);
    if (calls.putIfAbsent(name, call) != null) {
      throw new IllegalArgumentException("name: call " + name + " exists");
    }
    return call;
  }

  static final class Call {
    final String name;
    private final Map<String, JsonObject> setups;
    private final Map<String, LinkedBlockingQueue<JsonObject>> mailboxes = Map.of(
        "client", new LinkedBlockingQueue<>(), "server", new LinkedBlockingQueue<>());
    private final Map<String, CompletableFuture<JsonObject>> reports = Map.of(
        "client", new CompletableFuture<>(), "server", new CompletableFuture<>());

    private Call(String name, JsonObject clientSetup, JsonObject serverSetup) {
      this.name = name;
      this.setups = Map.of("client", clientSetup, "server", serverSetup);
    }

    /** What the side posted to {@code /result}. */
    CompletableFuture<JsonObject> report(String role) {
      return reports.get(role);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      URI uri = exchange.getRequestURI();
      Map<String, String> query = query(uri.getRawQuery());
      String path = uri.getPath();
      if (path.equals("/" + PAGE)) {
        send(exchange, 200, "text/html; charset=utf-8", page);
        return;
      }
      Call call = calls.get(query.getOrDefault("case", ""));
      String role = query.getOrDefault("role", "");
      if (call == null || !call.setups.containsKey(role)) {
        send(exchange, 404, "text/plain", "no such call or role\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("/setup")) {
        json(exchange, call.setups.get(role));
      } else if (method.equals("GET") && path.equals("/signal")) {
        json(exchange, drain(call.mailboxes.get(role)));
      } else if (method.equals("POST") && path.equals("/signal")) {
        JsonObject message = body(exchange);
        String to = message.remove("to").getAsString();
        call.mailboxes.get(to).add(message);
        json(exchange, new JsonObject());
      } else if (method.equals("POST") && path.equals("/result")) {
        call.reports.get(role).complete(body(exchange));
        json(exchange, new JsonObject());
      } else {
        send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
      }
    } catch (RuntimeException e) {
      // A malformed request from the page: answered, and visible in the page's report as a failed fetch.
      send(exchange, 400, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
    } finally {
      exchange.close();
    }
  }

  /** Waits up to a second for the first message, then takes whatever else is queued. */
  private static JsonArray drain(LinkedBlockingQueue<JsonObject> mailbox) {
    JsonArray messages = new JsonArray();
    try {
      JsonObject first = mailbox.poll(1, TimeUnit.SECONDS);
      if (first != null) {
        messages.add(first);
        List<JsonObject> rest = new ArrayList<>();
        mailbox.drainTo(rest);
        rest.forEach(messages::add);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return messages;
  }

  private static JsonObject body(HttpExchange exchange) throws IOException {
    return JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  private static void json(HttpExchange exchange, JsonElement json) throws IOException {
    send(exchange, 200, "application/json", GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new ConcurrentHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          values.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1),
              StandardCharsets.UTF_8));
        }
      }
    }
    return values;
  }

  @Override
  public void close() {
    servers.forEach(server -> server.stop(0));
    executor.shutdownNow();
  }
}
