package org.commandcenter.cli.warroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.commandcenter.cli.warroom.WarRoomTopology.CLIENT_SIGNALLING;
import static org.commandcenter.cli.warroom.WarRoomTopology.MEDIA;
import static org.commandcenter.cli.warroom.WarRoomTopology.MEDIA_DENIED;
import static org.commandcenter.cli.warroom.WarRoomTopology.NAT_PUBLIC;
import static org.commandcenter.cli.warroom.WarRoomTopology.SERVER_SIGNALLING;
import static org.commandcenter.cli.warroom.WarRoomTopology.TURN_PRIVATE;
import static org.commandcenter.cli.warroom.WarRoomTopology.TURN_PUBLIC;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.commandcenter.cli.warroom.SignallingService.Call;
import org.commandcenter.cli.warroom.WarRoomTopology.Block;
import org.commandcenter.mattermost.IceServer;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.realservers.Chromium;
import org.commandcenter.realservers.CoturnServer;
import org.commandcenter.realservers.ManagedProcess;
import org.commandcenter.realservers.NetworkNamespace;
import org.commandcenter.sandbox.IceServerConfig;
import org.commandcenter.sandbox.MattermostSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import okhttp3.tls.HeldCertificate;

/**
 * A War Room call's media path where it breaks in real life: headless Chromium behind an office NAT, relay only, with
 * the ICE servers and credentials the Calls plugin (the Mattermost stand-in, configured from the shipped
 * deploy/mattermost/calls-settings.json) hands a user, through a real coturn started from the shipped
 * turnserver.conf behind a 1:1 NAT, to a second Chromium on the media host. Then the same with UDP blocked (TURN over
 * TCP), with UDP and TCP 3478 blocked (TURN over TLS, trusting the test CA), and three ways it must fail, each named by
 * {@code command-center doctor} run from the same client namespace. See {@link WarRoomTopology} for the network.
 * Needs root, iproute2, nftables, coturn, chromium and certutil (libnss3-tools); skipped with the reason otherwise.
 * Prints the measured figures and writes them to target/war-room-e2e.md (docs/war-room.md quotes them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarRoomNatE2E {
  /** How long a connecting call may take on a loaded machine; the page reports as soon as it connects. */
  private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(45);
  /** How long a call that must not connect is given to connect anyway. */
  private static final Duration REFUSED_DEADLINE = Duration.ofSeconds(12);
  /** Media and data-channel pings both ways once connected. */
  private static final Duration FLOW = Duration.ofSeconds(4);

  @TempDir
  static Path workDir;
  private static WarRoomTopology topology;
  private static CoturnServer coturn;
  private static SignallingService signalling;
  private static MattermostSandbox mattermost;
  private static Chromium chromium;
  private static Path caFile;
  private static final List<String> figures = new ArrayList<>();
  private static final List<String> refusals = new ArrayList<>();

  /** Why this machine cannot run the test (then every case is skipped with it), or null. */
  private static String missing;

  @BeforeAll
  static void buildTheSite() throws Exception {
    missing = missingPrerequisite();
    if (missing != null) {
      // Also on the console: Maven's summary would only count the skipped cases.
      System.out.println("WarRoomNatE2E skipped: " + missing);
      return;
    }
    topology = WarRoomTopology.create();
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("War Room Test CA")
        .duration(2, TimeUnit.DAYS).build();
    caFile = Files.writeString(workDir.resolve("war-room-test-ca.pem"), ca.certificatePem());
    // Clients know coturn by its public address; the certificate names it (turns:10.213.2.1:5349).
    HeldCertificate turnCertificate = new HeldCertificate.Builder().commonName(TURN_PUBLIC)
        .addSubjectAlternativeName(TURN_PUBLIC).signedBy(ca).duration(2, TimeUnit.DAYS).build();
    coturn = CoturnServer.builder(CoturnServer.shippedConfiguration(), workDir.resolve("coturn"))
        .namespace(topology.turn)
        .listeningAddress(TURN_PRIVATE)
        .externalAddress(TURN_PUBLIC)
        .allowedPeer(MEDIA)
        .certificate(turnCertificate)
        .startupLimit(Duration.ofSeconds(30))
        .start();
    signalling = new SignallingService(CLIENT_SIGNALLING, SERVER_SIGNALLING);
    mattermost = callsAsShipped(Clock.systemUTC());
    chromium = new Chromium(workDir.resolve("chromium"));
  }

  @BeforeEach
  void needsThePrerequisites() {
    Assumptions.assumeTrue(missing == null, missing);
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      if (coturn != null) {
        coturn.close();
      }
      if (signalling != null) {
        signalling.close();
      }
      if (mattermost != null) {
        mattermost.close();
      }
    } finally {
      if (topology != null) {
        topology.close();
      }
      if (!figures.isEmpty() || !refusals.isEmpty()) {
        String table = String.join("\n", figures) + "\n\n" + String.join("\n", refusals) + "\n";
        System.out.println("\nWar Room through coturn from behind a NAT (WarRoomNatE2E):\n" + table);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
          Files.writeString(target.resolve("war-room-e2e.md"), table, StandardCharsets.UTF_8);
        }
      }
    }
  }

  @Test
  @Order(1)
  void relaysMediaOverUdpFromBehindTheNat() throws Exception {
    topology.blockFromClient(Block.NOTHING);

    JsonObject client = connectedCall("udp", iceServersCallsHandsOut(mattermost), "udp");

    // The media host sees the relay at the site's public address, not coturn's private one: external-ip at work.
    assertThat(client.getAsJsonObject("stats").getAsJsonObject("local").get("address").getAsString())
        .isEqualTo(TURN_PUBLIC);
    Map<String, JsonObject> doctor = doctorFromTheClient("udp", mattermost, "--turn-permission-host", MEDIA);
    assertThat(doctor).hasSize(3).allSatisfy((url, check) -> {
      JsonObject facts = check.getAsJsonObject("facts");
      assertThat(facts.get("diagnosis").getAsString()).as(url).isEqualTo("OK");
      // coturn saw the client as the office NAT's public address.
      assertThat(facts.get("mappedAddress").getAsString()).as(url).startsWith(NAT_PUBLIC + ":");
      assertThat(facts.get("relayedAddress").getAsString()).as(url).startsWith(TURN_PUBLIC + ":");
    });
  }

  @Test
  @Order(2)
  void fallsBackToTurnOverTcpWhenUdpIsBlocked() throws Exception {
    topology.blockFromClient(Block.UDP);

    connectedCall("udp-blocked", iceServersCallsHandsOut(mattermost), "tcp");

    Map<String, JsonObject> doctor = doctorFromTheClient("udp-blocked", mattermost);
    // The client's own firewall drops the packets as they leave: doctor says so, not "refused by coturn".
    assertThat(diagnoses(doctor)).containsExactly("BLOCKED_LOCALLY", "OK", "OK");
  }

  @Test
  @Order(3)
  void fallsBackToTurnOverTlsWhenOnly5349IsOpen() throws Exception {
    topology.blockFromClient(Block.UDP_AND_TCP_3478);

    connectedCall("only-5349", iceServersCallsHandsOut(mattermost), "tls");
  }

  @Test
  @Order(4)
  void refusesCredentialsFromAWrongSecret() throws Exception {
    topology.blockFromClient(Block.NOTHING);
    String coturnSecret = coturn.secret();
    mattermost.settings(mattermost.settings().newBuilder().callsTurnStaticAuthSecret("not-" + coturnSecret).build());
    try {
      JsonObject client = refusedCall("wrong-secret", iceServersCallsHandsOut(mattermost), MEDIA);

      assertThat(errorCodes(client)).as(client.toString()).contains(401);
      List<String> doctor = diagnoses(doctorFromTheClient("wrong-secret", mattermost));
      assertThat(doctor).containsOnly("WRONG_SECRET").hasSize(3);
      recordRefusal("wrong-secret", client, doctor);
    } finally {
      mattermost.settings(mattermost.settings().newBuilder().callsTurnStaticAuthSecret(coturnSecret).build());
    }
  }

  @Test
  @Order(5)
  void refusesCredentialsThatExpiredBeforeTheyArrived() throws Exception {
    topology.blockFromClient(Block.NOTHING);
    // A Mattermost host whose clock runs five hours behind: 240-minute credentials are an hour old on arrival.
    try (MattermostSandbox behind = callsAsShipped(Clock.offset(Clock.systemUTC(), Duration.ofHours(-5)))) {
      JsonObject client = refusedCall("expired", iceServersCallsHandsOut(behind), MEDIA);

      assertThat(errorCodes(client)).as(client.toString()).contains(401);
      List<String> doctor = diagnoses(doctorFromTheClient("expired", behind));
      assertThat(doctor).containsOnly("CREDENTIALS_EXPIRED").hasSize(3);
      recordRefusal("expired", client, doctor);
    }
  }

  @Test
  @Order(6)
  void refusesARelayTowardsADeniedPeer() throws Exception {
    topology.blockFromClient(Block.NOTHING);

    // The media host announces only its address in 10.0.0.0/8, which the shipped deny list refuses.
    JsonObject client = refusedCall("denied-peer", iceServersCallsHandsOut(mattermost), MEDIA_DENIED);

    assertThat(relayProtocols(client)).as("coturn allocates; only the permission is refused").isNotEmpty();
    assertThat(coturn.log()).contains("A peer IP " + MEDIA_DENIED + " denied in the range: 10.0.0.0-10.255.255.255");
    List<String> doctor = diagnoses(
        doctorFromTheClient("denied-peer", mattermost, "--turn-permission-host", MEDIA_DENIED));
    assertThat(doctor).containsOnly("PEER_FORBIDDEN").hasSize(3);
    recordRefusal("denied-peer", client, doctor);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * A call that must connect over a relay whose client-side transport is {@code relayProtocol}: asserts it from both
   * sides' getStats() and records the figures. Returns the client's report.
   */
  private static JsonObject connectedCall(String name, JsonArray iceServers, String relayProtocol) throws Exception {
    Map<String, JsonObject> reports = call(name, iceServers, MEDIA, CONNECT_DEADLINE, true);
    JsonObject client = reports.get("client");
    JsonObject server = reports.get("server");
    for (JsonObject report : List.of(client, server)) {
      assertThat(report.get("connected").getAsBoolean()).as(report.toString()).isTrue();
    }
    JsonObject clientStats = client.getAsJsonObject("stats");
    JsonObject serverStats = server.getAsJsonObject("stats");
    JsonObject local = clientStats.getAsJsonObject("local");
    assertThat(local.get("type").getAsString()).as(client.toString()).isEqualTo("relay");
    assertThat(local.get("relayProtocol").getAsString()).as(client.toString()).isEqualTo(relayProtocol);
    assertThat(clientStats.getAsJsonObject("remote").get("address").getAsString()).isEqualTo(MEDIA);
    assertThat(serverStats.getAsJsonObject("remote").get("address").getAsString()).isEqualTo(TURN_PUBLIC);
    // Media both ways, data channel both ways, loss and round-trip time reported.
    assertThat(clientStats.get("audioPacketsReceived").getAsLong()).as(client.toString()).isPositive();
    assertThat(serverStats.get("audioPacketsReceived").getAsLong()).as(server.toString()).isPositive();
    assertThat(server.get("pingsReceived").getAsInt()).isPositive();
    assertThat(client.getAsJsonArray("pongs")).isNotEmpty();
    assertThat(clientStats.get("audioPacketsLost").isJsonNull()).isFalse();
    assertThat(serverStats.get("audioPacketsLost").isJsonNull()).isFalse();
    assertThat(clientStats.get("pairRoundTripMillis").isJsonNull()).isFalse();
    record(name, local.get("url").getAsString(), client, server);
    return client;
  }

  /** A call that must not connect; returns the client's report. */
  private static JsonObject refusedCall(String name, JsonArray iceServers, String announce) throws Exception {
    JsonObject client = call(name, iceServers, announce, REFUSED_DEADLINE, false).get("client");
    assertThat(client.get("connected").getAsBoolean()).as(client.toString()).isFalse();
    return client;
  }

  /** Opens the server's page, then the client's, and waits for their reports; stops both browsers by PID. */
  private static Map<String, JsonObject> call(String name, JsonArray iceServers, String announce, Duration deadline,
      boolean bothSides) throws Exception {
    JsonObject clientSetup = setup(iceServers, "relay", null, deadline);
    JsonObject serverSetup = setup(new JsonArray(), "all", announce, deadline);
    Call call = signalling.call(name, clientSetup, serverSetup);
    Map<String, JsonObject> reports = new LinkedHashMap<>();
    try (ManagedProcess server = browser(topology.server, SERVER_SIGNALLING, call, "server");
        ManagedProcess client = browser(topology.client, CLIENT_SIGNALLING, call, "client")) {
      Duration wait = deadline.plus(FLOW).plus(Duration.ofSeconds(60));
      try {
        reports.put("client", call.report("client").get(wait.toSeconds(), TimeUnit.SECONDS));
        if (bothSides) {
          reports.put("server", call.report("server").get(wait.toSeconds(), TimeUnit.SECONDS));
        }
      } catch (TimeoutException | ExecutionException e) {
        fail("no report from the " + (reports.isEmpty() ? "client" : "server") + " of call " + name + " within "
            + wait.toSeconds() + " s\n--- client chromium ---\n" + client.logTail(20) + "\n--- server chromium ---\n"
            + server.logTail(20) + "\n--- coturn ---\n" + coturn.logTail(20));
      }
    }
    keep(name, reports);
    return reports;
  }

  /** Each side's whole report in target/war-room-e2e/, to read when a figure or a failure needs explaining. */
  private static void keep(String name, Map<String, JsonObject> reports) throws IOException {
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Path dir = Files.createDirectories(target.resolve("war-room-e2e"));
      for (Map.Entry<String, JsonObject> report : reports.entrySet()) {
        Files.writeString(dir.resolve(name + "-" + report.getKey() + ".json"), report.getValue().toString());
      }
    }
  }

  private static JsonObject setup(JsonArray iceServers, String policy, String announce, Duration deadline) {
    JsonObject setup = new JsonObject();
    setup.add("iceServers", iceServers);
    setup.addProperty("iceTransportPolicy", policy);
    setup.addProperty("announceAddress", announce);
    setup.addProperty("deadlineMillis", deadline.toMillis());
    setup.addProperty("flowMillis", FLOW.toMillis());
    return setup;
  }

  /**
   * Headless Chromium in {@code namespace} with fake audio, real IP addresses in host candidates (no mDNS names),
   * camera and microphone granted to the plain-http signalling origin, and the test CA trusted for turns:. The CA goes
   * into a fresh NSS database under the profile's HOME, where Chromium on Linux looks for the user's trust: that is how
   * a site's users trust its private CA, and Chromium checks a TURN server's certificate against it like any other
   * (--ignore-certificate-errors-spki-list also gets through, but pins the leaf and skips the chain).
   */
  private static ManagedProcess browser(NetworkNamespace namespace, String address, Call call, String role)
      throws IOException {
    Chromium.Page page = chromium.page(signalling.pageUrl(address, call, role))
        .flags("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--unsafely-treat-insecure-origin-as-secure=" + signalling.origin(address))
        .wrappedIn(namespace::command);
    Path home = Files.createDirectories(page.profile().resolve("home"));
    Path nssdb = Files.createDirectories(home.resolve(".pki/nssdb"));
    Duration timeout = Duration.ofSeconds(30);
    ManagedProcess.output(List.of("certutil", "-d", "sql:" + nssdb, "-N", "--empty-password"), timeout);
    ManagedProcess.output(List.of("certutil", "-d", "sql:" + nssdb, "-A", "-t", "C,,", "-n", "war-room-test-ca",
        "-i", caFile.toString()), timeout);
    return page.environment("HOME", home.toString()).start();
  }

  /**
   * The Mattermost stand-in with Calls set up as deploy/mattermost/calls-settings.json sets it (ICE servers with
   * TURN_HOST = coturn's public address, credentials lifetime), TURNStaticAuthSecret = coturn's. It listens on the
   * client's signalling address, so that doctor in the client namespace reaches it as a user's machine does.
   */
  private static MattermostSandbox callsAsShipped(Clock clock) throws IOException {
    Path settingsFile = CoturnServer.shippedConfiguration().getParent().getParent()
        .resolve("mattermost/calls-settings.json");
    JsonObject calls = JsonParser.parseString(Files.readString(settingsFile)).getAsJsonObject()
        .getAsJsonObject("PluginSettings").getAsJsonObject("Plugins").getAsJsonObject("com.mattermost.calls");
    List<IceServerConfig> iceServers = new ArrayList<>();
    String configured = calls.get("iceserversconfigs").getAsString().replace("${TURN_HOST}", TURN_PUBLIC);
    for (JsonElement entry : JsonParser.parseString(configured).getAsJsonArray()) {
      List<String> urls = new ArrayList<>();
      entry.getAsJsonObject().getAsJsonArray("urls").forEach(url -> urls.add(url.getAsString()));
      iceServers.add(IceServerConfig.of(urls));
    }
    MattermostSandbox sandbox = MattermostSandbox.builder().withSampleData().host(CLIENT_SIGNALLING).clock(clock)
        .build();
    sandbox.settings(sandbox.settings().newBuilder().callsIceServersConfigs(iceServers)
        .callsTurnStaticAuthSecret(coturn.secret())
        .callsTurnCredentialsExpirationMinutes(calls.get("turncredentialsexpirationminutes").getAsInt())
        .build());
    return sandbox.start();
  }

  /** What Calls hands alice when she joins a call (the same request a Calls client makes), as RTCIceServer JSON. */
  private static JsonArray iceServersCallsHandsOut(MattermostSandbox sandbox) throws IOException {
    List<IceServer> servers = MattermostClient.builder().siteUrl(sandbox.url()).token(MattermostSandbox.ALICE_TOKEN)
        .build().calls().iceServers();
    assertThat(servers.stream().flatMap(server -> server.turnUrls().stream()))
        .as("the shipped ICE servers configuration").hasSize(3);
    JsonArray json = new JsonArray();
    for (IceServer server : servers) {
      JsonObject entry = new JsonObject();
      JsonArray urls = new JsonArray();
      server.urls().forEach(urls::add);
      entry.add("urls", urls);
      if (!server.username().isEmpty()) {
        entry.addProperty("username", server.username());
        entry.addProperty("credential", server.credential());
      }
      json.add(entry);
    }
    return json;
  }

  /**
   * {@code command-center doctor --json} run in the client's namespace, behind the NAT, as a user would run it on
   * their machine: its Calls-issued TURN checks by URL.
   */
  private static Map<String, JsonObject> doctorFromTheClient(String name, MattermostSandbox sandbox, String... extra)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.commandcenter.cli.CommandCenter", "doctor",
        "--url", sandbox.url(), "--turn-ca-file", caFile.toString(), "--turn-timeout", "3s", "--json"));
    command.addAll(List.of(extra));
    Path out = Files.createTempFile(workDir, "doctor-", ".json");
    ManagedProcess doctor = ManagedProcess.builder("doctor", topology.client.command(command))
        .log(workDir.resolve(out.getFileName() + ".log")).output(out).noInput()
        .environment("MATTERMOST_TOKEN", MattermostSandbox.ALICE_TOKEN).withoutEnvironment("JAVA_TOOL_OPTIONS")
        .start();
    try (doctor) {
      assertThat(doctor.waitFor(Duration.ofSeconds(120))).as("doctor finished: " + doctor.logTail(20)).isTrue();
    }
    String report = Files.readString(out);
    keep(name, Map.of("doctor", JsonParser.parseString(report).getAsJsonObject()));
    Map<String, JsonObject> checks = new LinkedHashMap<>();
    for (JsonElement element : JsonParser.parseString(report).getAsJsonObject().getAsJsonArray("checks")) {
      JsonObject check = element.getAsJsonObject();
      String id = check.get("id").getAsString();
      if (id.startsWith("calls:turn-credentials:")) {
        checks.put(id.substring("calls:turn-credentials:".length()), check);
      }
    }
    assertThat(checks).as(report).isNotEmpty();
    assertThat(report).doesNotContain(coturn.secret());
    return checks;
  }

  /** The doctor diagnoses in URL order: turn:…udp, turn:…tcp, turns:…. */
  private static List<String> diagnoses(Map<String, JsonObject> checks) {
    return checks.values().stream().map(check -> check.getAsJsonObject("facts").get("diagnosis").getAsString())
        .toList();
  }

  private static List<Integer> errorCodes(JsonObject report) {
    List<Integer> codes = new ArrayList<>();
    report.getAsJsonArray("iceErrors").forEach(error -> codes.add(error.getAsJsonObject().get("errorCode").getAsInt()));
    return codes;
  }

  private static List<String> relayProtocols(JsonObject report) {
    List<String> protocols = new ArrayList<>();
    for (JsonElement candidate : report.getAsJsonArray("gathered")) {
      if (candidate.getAsJsonObject().get("type").getAsString().equals("relay")) {
        JsonElement protocol = candidate.getAsJsonObject().get("relayProtocol");
        protocols.add(protocol == null || protocol.isJsonNull() ? "udp" : protocol.getAsString());
      }
    }
    return protocols;
  }

  private static void record(String name, String url, JsonObject client, JsonObject server) {
    if (figures.isEmpty()) {
      figures.add("| case | TURN URL the client's relay used | setup (client) | audio received / lost "
          + "(client ← server, server ← client) | RTT candidate pair / RTCP (client) | data channel RTT median |");
      figures.add("|---|---|---|---|---|---|");
    }
    JsonObject c = client.getAsJsonObject("stats");
    JsonObject s = server.getAsJsonObject("stats");
    List<Double> pongs = new ArrayList<>();
    client.getAsJsonArray("pongs").forEach(pong -> pongs.add(pong.getAsDouble()));
    pongs.sort(Double::compare);
    figures.add(String.format(java.util.Locale.ROOT, "| %s | `%s` | %d ms | %d / %d, %d / %d | %s ms / %s ms | %.1f ms |",
        name, url, client.get("setupMillis").getAsLong(),
        c.get("audioPacketsReceived").getAsLong(), c.get("audioPacketsLost").getAsLong(),
        s.get("audioPacketsReceived").getAsLong(), s.get("audioPacketsLost").getAsLong(),
        number(c.get("pairRoundTripMillis")), number(c.get("remoteReportedRoundTripMillis")),
        pongs.get(pongs.size() / 2)));
  }

  private static void recordRefusal(String name, JsonObject client, List<String> doctor) {
    if (refusals.isEmpty()) {
      refusals.add("| case | browser (client) | relay candidates gathered | ICE errors | doctor from the client |");
      refusals.add("|---|---|---|---|---|");
    }
    List<String> errors = new ArrayList<>();
    client.getAsJsonArray("iceErrors").forEach(error -> errors.add(error.getAsJsonObject().get("errorCode").getAsInt()
        + " " + error.getAsJsonObject().get("url").getAsString()));
    refusals.add("| " + name + " | " + client.get("error").getAsString() + " | " + relayProtocols(client) + " | "
        + errors.stream().distinct().toList() + " | " + String.join(", ", doctor.stream().distinct().toList()) + " |");
  }

  private static String number(JsonElement value) {
    return value == null || value.isJsonNull() ? "–" : String.format(java.util.Locale.ROOT, "%.1f", value.getAsDouble());
  }

  /** Why this machine cannot run the test, or null. */
  private static String missingPrerequisite() {
    String namespaces = NetworkNamespace.unavailableReason();
    if (namespaces != null) {
      return namespaces;
    }
    if (!CoturnServer.isInstalled()) {
      return CoturnServer.TURNSERVER + " is missing: apt-get install -y coturn";
    }
    if (!Chromium.isInstalled()) {
      return Chromium.EXECUTABLE + " is missing: apt-get install -y chromium";
    }
    for (String tool : List.of("nft", "certutil", "ss", "sysctl")) {
      if (!onPath(tool)) {
        return tool + " is missing: apt-get install -y nftables libnss3-tools iproute2 procps";
      }
    }
    return null;
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
