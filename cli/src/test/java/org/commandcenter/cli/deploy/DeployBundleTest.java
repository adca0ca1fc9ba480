package org.commandcenter.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commandcenter.cli.doctor.SecretStrength;
import org.commandcenter.realservers.ManagedProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled deployment under {@code deploy/}: the Compose stack validates (Debian's
 * docker-compose, no engine needed) once its secrets are filled in, every variable it uses is named
 * in {@code .env.example} without a secret, the preflight refuses weak secrets (its shell script run
 * for real), every service is hardened, and the Calls settings, the Compose environment and
 * turnserver.conf agree.
 */
@Tag("deploy")
class DeployBundleTest {
  private static final String DOCKER_COMPOSE = "/usr/bin/docker-compose";
  /** docker-compose's own interpreter, with PyYAML. */
  private static final String PYTHON = "/usr/bin/python3";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The stack's secrets: what deploy/preflight.sh checks. */
  private static final List<String> SECRETS = List.of("POSTGRES_PASSWORD", "SONAR_DB_PASSWORD", "TURN_STATIC_AUTH_SECRET");
  /**
   * The shells preflight.sh meets: Debian's dash (/bin/sh here and in the Debian-based images) and BusyBox's ash
   * (/bin/sh of the Alpine-based ones, nginx:*-alpine among them).
   */
  private static final List<List<String>> SHELLS = List.of(List.of("/bin/sh"), List.of("/bin/busybox", "sh"));

  /** The settings keys of the Calls plugin v1.12 (plugin.json), as config.json stores them: lower case. */
  private static final Set<String> CALLS_SETTING_KEYS = Set.of(
      "defaultenabled", "maxcallparticipants", "allowscreensharing", "enablesimulcast", "enableringing",
      "enableav1", "enabledcsignaling", "enablevideo", "rtcdserviceurl", "udpserveraddress",
      "tcpserveraddress", "udpserverport", "tcpserverport", "enableipv6", "icehostoverride",
      "icehostportoverride", "iceserversconfigs", "turnstaticauthsecret", "turncredentialsexpirationminutes",
      "serversideturn", "enablerecordings", "jobserviceurl", "maxrecordingduration", "recordingquality",
      "enabletranscriptions", "transcribeapi", "transcribermodelsize", "transcribernumthreads",
      "transcribeapiazurespeechkey", "transcribeapiazurespeechregion", "enablelivecaptions",
      "livecaptionsmodelsize", "livecaptionsnumtranscribers", "livecaptionsnumthreadspertranscriber",
      "livecaptionslanguage");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:[:?-][^}]*)?}");

  private final Path deploy = deployDirectory();

  @Test
  void composeStackValidatesOnceTheSecretsAreGenerated(@TempDir Path temp) throws Exception {
    Map<String, String> secrets = generatedSecrets();

    Result result = dockerCompose(filledInEnvironment(temp, secrets), "config");

    assertThat(result.exitCode).as(result.output).isZero();
    assertThat(result.output)
        .contains("--static-auth-secret=" + secrets.get("TURN_STATIC_AUTH_SECRET"))
        .contains("--external-ip=203.0.113.10/172.28.0.10")
        .contains("--allowed-peer-ip=203.0.113.10")
        .contains("ipv4_address: 172.28.0.10")
        .contains("/usr/share/jenkins/ref/plugins/mattermost-notifier.jpi")
        .contains("/opt/sonarqube/extensions/plugins/sonar-mattermost-gate.jar");
  }

  @Test
  void composeRefusesTheExampleEnvironmentAsShipped() throws Exception {
    Result result = dockerCompose(deploy.resolve(".env.example"), "config", "-q");

    assertThat(result.exitCode).isNotZero();
    assertThat(result.output).containsPattern("set (POSTGRES_PASSWORD|SONAR_DB_PASSWORD|TURN_STATIC_AUTH_SECRET) in .env");
  }

  @Test
  void composeRefusesToRunWithoutTheTurnSecret(@TempDir Path temp) throws Exception {
    Path filledIn = filledInEnvironment(temp, generatedSecrets());
    List<String> lines = Files.readAllLines(filledIn, StandardCharsets.UTF_8);
    Path missing = Files.write(temp.resolve("missing.env"), lines.stream()
        .filter(line -> !line.startsWith("TURN_STATIC_AUTH_SECRET=")).collect(Collectors.toList()), StandardCharsets.UTF_8);
    Path empty = Files.write(temp.resolve("empty.env"), lines.stream()
        .map(line -> line.startsWith("TURN_STATIC_AUTH_SECRET=") ? "TURN_STATIC_AUTH_SECRET=" : line)
        .collect(Collectors.toList()), StandardCharsets.UTF_8);

    for (Path envFile : List.of(missing, empty)) {
      Result result = dockerCompose(envFile, "config", "-q");

      assertThat(result.exitCode).as(envFile.getFileName().toString()).isNotZero();
      assertThat(result.output).contains("set TURN_STATIC_AUTH_SECRET in .env");
    }
  }

  @Test
  void everyVariableOfTheStackIsNamedInEnvExample() throws IOException {
    Set<String> used = new TreeSet<>();
    for (Path file : List.of(deploy.resolve("docker-compose.yml"), deploy.resolve("mattermost/calls-settings.json"))) {
      Matcher matcher = VARIABLE.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (matcher.find()) {
        used.add(matcher.group(1));
      }
    }

    assertThat(envExample().keySet()).containsAll(used);
  }

  @Test
  void envExampleCommitsNoSecret() throws IOException {
    Map<String, String> env = envExample();
    List<String> secrets = env.keySet().stream()
        .filter(name -> name.contains("PASSWORD") || name.contains("SECRET") || name.contains("TOKEN"))
        .collect(Collectors.toList());

    assertThat(secrets).containsExactlyInAnyOrderElementsOf(SECRETS);
    for (String name : secrets) {
      // Empty: an unedited .env stops `docker-compose config`, instead of running with a value everyone knows.
      assertThat(env.get(name)).as(name).isEmpty();
    }
    assertThat(Files.readString(deploy.resolve(".env.example"), StandardCharsets.UTF_8)).contains("openssl rand -hex 32");
    assertThat(Files.readAllLines(deploy.resolve(".gitignore"), StandardCharsets.UTF_8)).contains(".env", "tls/");
  }

  // --- The preflight: deploy/preflight.sh, run for real in the shells of the stack's images ---------------------

  @Test
  void preflightAcceptsGeneratedSecrets() throws Exception {
    Map<String, String> secrets = generatedSecrets();

    for (List<String> shell : SHELLS) {
      Result result = preflight(shell, secrets);

      assertThat(result.exitCode).as(shell + ": " + result.output).isZero();
      assertThat(result.output).contains("preflight: ok: POSTGRES_PASSWORD SONAR_DB_PASSWORD TURN_STATIC_AUTH_SECRET");
      assertPrintsNoValue(result, secrets);
    }
  }

  @Test
  void preflightRefusesAnEmptyOrMissingSecretNamingIt() throws Exception {
    for (String name : SECRETS) {
      for (List<String> shell : SHELLS) {
        Map<String, String> empty = new LinkedHashMap<>(generatedSecrets());
        empty.put(name, "");
        Map<String, String> missing = new LinkedHashMap<>(generatedSecrets());
        missing.remove(name);

        for (Map<String, String> secrets : List.of(empty, missing)) {
          Result result = preflight(shell, secrets);

          assertThat(result.exitCode).as(shell + " " + name).isEqualTo(1);
          assertThat(result.output).contains("preflight: " + name + " is empty: set it in .env")
              .contains("generate each secret with 'openssl rand -hex 32'");
          assertOnlyNamed(result, name);
          assertPrintsNoValue(result, secrets);
        }
      }
    }
  }

  @Test
  void preflightRefusesChangeMePlaceholders() throws Exception {
    // The values .env.example used to ship, and the same placeholder made long enough or spelt otherwise.
    List<String> placeholders = List.of("CHANGE_ME_postgres_password", "CHANGE_ME_turn_static_auth_secret",
        "CHANGE_ME_" + generatedSecret(), "change-me-" + generatedSecret(), "ChangeMe" + generatedSecret());
    for (String name : SECRETS) {
      for (String placeholder : placeholders) {
        for (List<String> shell : SHELLS) {
          Map<String, String> secrets = new LinkedHashMap<>(generatedSecrets());
          secrets.put(name, placeholder);

          Result result = preflight(shell, secrets);

          assertThat(result.exitCode).as(shell + " " + name).isEqualTo(1);
          assertThat(result.output).contains("preflight: " + name + " is still the CHANGE_ME placeholder");
          assertOnlyNamed(result, name);
          assertPrintsNoValue(result, secrets);
        }
      }
    }
  }

  @Test
  void preflightRefusesSecretsShorterThan32Characters() throws Exception {
    String thirtyTwo = generatedSecret().substring(0, 32);
    for (String name : SECRETS) {
      for (List<String> shell : SHELLS) {
        Map<String, String> secrets = new LinkedHashMap<>(generatedSecrets());
        secrets.put(name, thirtyTwo.substring(0, 31));

        Result result = preflight(shell, secrets);

        assertThat(result.exitCode).as(shell + " " + name).isEqualTo(1);
        assertThat(result.output).contains("preflight: " + name + " is shorter than 32 characters");
        assertOnlyNamed(result, name);
        assertPrintsNoValue(result, secrets);

        secrets.put(name, thirtyTwo);
        assertThat(preflight(shell, secrets).exitCode).as(shell + " " + name + " of 32 characters").isZero();
      }
    }
  }

  @Test
  void preflightRefusesCharactersThatBreakTheDatabaseUrlOrCoturnsCommandLine(@TempDir Path temp) throws Exception {
    // POSTGRES_PASSWORD is part of MM_SQLSETTINGS_DATASOURCE; coturn's docker-entrypoint.sh runs `eval "echo $arg"`.
    Path evaluated = temp.resolve("evaluated");
    for (String bad : List.of("$(touch " + evaluated + ")", "`touch " + evaluated + "`", "a b", "p@ss/word:x#y",
        ";x", "x\\ny", "x\ny", "caf\u00e9")) {
      String secret = generatedSecret() + bad;
      for (List<String> shell : SHELLS) {
        Map<String, String> secrets = new LinkedHashMap<>(generatedSecrets());
        secrets.put("TURN_STATIC_AUTH_SECRET", secret);

        Result result = preflight(shell, secrets);

        assertThat(result.exitCode).as(shell + " " + bad).isEqualTo(1);
        assertThat(result.output).contains("preflight: TURN_STATIC_AUTH_SECRET has characters other than letters, "
            + "digits and . _ ~ -");
        assertThat(result.output).doesNotContain(secret);
        assertThat(evaluated).as("the preflight evaluated a secret").doesNotExist();
      }
    }
  }

  @Test
  void preflightAndDoctorJudgeSecretsByOneRule() throws Exception {
    String hex = generatedSecret();
    List<String> samples = List.of("", "CHANGE_ME", "change_me_" + hex, "CHANGEME" + hex, hex.substring(0, 31),
        hex.substring(0, 32), hex, hex + "CHANGE_ME", "Tr0ub4dor.and~horse-battery_staple-42");
    for (String sample : samples) {
      Map<String, String> secrets = new LinkedHashMap<>(generatedSecrets());
      secrets.put("TURN_STATIC_AUTH_SECRET", sample);

      boolean preflightAccepts = preflight(SHELLS.get(0), secrets).exitCode == 0;

      assertThat(preflightAccepts).as("preflight and doctor on a sample of " + sample.length() + " characters")
          .isEqualTo(SecretStrength.weakness(sample).isEmpty());
    }
  }

  // --- How the stack runs the preflight and hardens every service (docker-compose config, as JSON) -------------

  @Test
  void everyServiceThatUsesASecretStartsOnlyAfterThePreflightSucceeded(@TempDir Path temp) throws Exception {
    Map<String, String> secrets = generatedSecrets();
    JsonObject services = composeConfig(filledInEnvironment(temp, secrets)).getAsJsonObject("services");

    Set<String> usingSecrets = new TreeSet<>();
    for (String name : services.keySet()) {
      String service = services.get(name).toString();
      if (!name.equals("preflight") && secrets.values().stream().anyMatch(service::contains)) {
        usingSecrets.add(name);
        JsonObject dependsOn = services.getAsJsonObject(name).getAsJsonObject("depends_on");
        assertThat(dependsOn).as(name + " depends_on").isNotNull();
        assertThat(dependsOn.getAsJsonObject("preflight").get("condition").getAsString()).as(name)
            .isEqualTo("service_completed_successfully");
      }
    }
    assertThat(usingSecrets).containsExactly("coturn", "mattermost", "postgres", "sonarqube", "sonarqube-db");
  }

  @Test
  void preflightServiceRunsTheShippedScriptOnAnImageOfTheStack(@TempDir Path temp) throws Exception {
    Map<String, String> secrets = generatedSecrets();
    JsonObject services = composeConfig(filledInEnvironment(temp, secrets)).getAsJsonObject("services");
    JsonObject preflight = services.getAsJsonObject("preflight");

    assertThat(strings(preflight.get("entrypoint"))).containsExactly("/bin/sh", "/preflight.sh");
    assertThat(strings(preflight.get("volumes"))).containsExactly(deploy.resolve("preflight.sh") + ":/preflight.sh:ro");
    // No extra image for an air-gapped site to mirror: the nginx image, with its /bin/sh.
    assertThat(preflight.get("image").getAsString()).isEqualTo(services.getAsJsonObject("nginx").get("image").getAsString());
    assertThat(preflight.get("restart").getAsString()).isEqualTo("no");
    assertThat(preflight.get("network_mode").getAsString()).isEqualTo("none");
    assertThat(preflight.get("user").getAsString()).isEqualTo("65534:65534");
    JsonObject environment = preflight.getAsJsonObject("environment");
    assertThat(environment.keySet()).containsExactlyInAnyOrderElementsOf(SECRETS);
    for (String name : SECRETS) {
      assertThat(environment.get(name).getAsString()).as(name).isEqualTo(secrets.get(name));
    }
  }

  @Test
  void everyServiceRunsWithoutNewPrivilegesAndOnlyTheCapabilitiesItsImageNeeds(@TempDir Path temp) throws Exception {
    JsonObject services = composeConfig(filledInEnvironment(temp, generatedSecrets())).getAsJsonObject("services");
    // Reasoned from each image's Dockerfile and entrypoint in docker-compose.yml's comments.
    Map<String, List<String>> capabilities = Map.of(
        "preflight", List.of(),
        "postgres", List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"),
        "sonarqube-db", List.of("CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"),
        "mattermost", List.of(),
        "coturn", List.of("NET_BIND_SERVICE"),
        "nginx", List.of("CHOWN", "NET_BIND_SERVICE", "SETGID", "SETUID"),
        "jenkins", List.of(),
        "sonarqube", List.of());

    assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(capabilities.keySet());
    for (String name : services.keySet()) {
      JsonObject service = services.getAsJsonObject(name);
      assertThat(strings(service.get("security_opt"))).as(name).contains("no-new-privileges:true");
      assertThat(strings(service.get("cap_drop"))).as(name).containsExactly("ALL");
      assertThat(strings(service.get("cap_add"))).as(name).containsExactlyInAnyOrderElementsOf(capabilities.get(name));
      assertThat(service.has("privileged")).as(name).isFalse();
    }
  }

  @Test
  void everyServiceButMattermostHasAReadOnlyRootFileSystem(@TempDir Path temp) throws Exception {
    JsonObject services = composeConfig(filledInEnvironment(temp, generatedSecrets())).getAsJsonObject("services");

    for (String name : services.keySet()) {
      JsonObject service = services.getAsJsonObject(name);
      // Mattermost rewrites client/root.html in its image at start-up (see docker-compose.yml).
      boolean readOnly = service.has("read_only") && service.get("read_only").getAsBoolean();
      assertThat(readOnly).as(name).isEqualTo(!name.equals("mattermost"));
    }
    // Where the images must write, as their entrypoints and docker-compose.yml's comments say.
    assertThat(strings(services.getAsJsonObject("nginx").get("tmpfs")))
        .containsExactlyInAnyOrder("/var/cache/nginx", "/var/run", "/etc/nginx/conf.d");
    assertThat(strings(services.getAsJsonObject("postgres").get("tmpfs"))).containsExactlyInAnyOrder("/var/run/postgresql", "/tmp");
    assertThat(strings(services.getAsJsonObject("coturn").get("tmpfs"))).containsExactly("/var/lib/coturn:size=16m");
    assertThat(strings(services.getAsJsonObject("coturn").get("command")))
        .contains("--pidfile=/var/lib/coturn/turnserver.pid");
    assertThat(strings(services.getAsJsonObject("sonarqube").get("volumes"))).contains("sonarqube-temp:/opt/sonarqube/temp:rw");
  }

  @Test
  void everyImageMayBeADigestReference(@TempDir Path temp) throws Exception {
    Path filledIn = filledInEnvironment(temp, generatedSecrets());
    Map<String, String> pinned = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(filledIn, StandardCharsets.UTF_8)) {
      Matcher image = Pattern.compile("^([A-Z]+_IMAGE)=(.+)$").matcher(line);
      if (image.matches()) {
        String reference = "registry.example.internal/" + image.group(2) + "@sha256:" + generatedSecret();
        pinned.put(image.group(1), reference);
        line = image.group(1) + "=" + reference;
      }
      lines.add(line);
    }
    JsonObject services = composeConfig(Files.write(temp.resolve("pinned.env"), lines, StandardCharsets.UTF_8))
        .getAsJsonObject("services");

    assertThat(pinned).containsOnlyKeys("POSTGRES_IMAGE", "MATTERMOST_IMAGE", "COTURN_IMAGE", "NGINX_IMAGE",
        "JENKINS_IMAGE", "SONARQUBE_IMAGE");
    for (String name : services.keySet()) {
      assertThat(services.getAsJsonObject(name).get("image").getAsString()).as(name).isIn(pinned.values());
    }
  }

  @Test
  void publishedCoturnPortsMatchTurnserverConf() throws IOException {
    Map<String, String> conf = turnserverConf();
    String compose = Files.readString(deploy.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
    String range = conf.get("min-port") + "-" + conf.get("max-port");

    assertThat(compose)
        .contains("\"" + range + ":" + range + "/udp\"")
        .contains("\"" + conf.get("listening-port") + ":" + conf.get("listening-port") + "/udp\"")
        .contains("\"" + conf.get("listening-port") + ":" + conf.get("listening-port") + "/tcp\"")
        .contains("\"" + conf.get("tls-listening-port") + ":" + conf.get("tls-listening-port") + "/tcp\"");
    int relayPorts = Integer.parseInt(conf.get("max-port")) - Integer.parseInt(conf.get("min-port")) + 1;
    assertThat(Integer.parseInt(conf.get("total-quota"))).isLessThanOrEqualTo(relayPorts);
  }

  @Test
  void callsSettingsUseTheCallsPluginKeysAndLetCallsGenerateTurnCredentials() throws IOException {
    JsonObject calls = callsSettings();

    assertThat(calls.keySet()).isSubsetOf(CALLS_SETTING_KEYS);
    assertThat(calls.get("turnstaticauthsecret").getAsString()).isEqualTo("${TURN_STATIC_AUTH_SECRET}");
    assertThat(calls.get("turncredentialsexpirationminutes").getAsInt()).isEqualTo(240);
    assertThat(calls.get("udpserverport").getAsInt()).isEqualTo(8443);
    assertThat(calls.get("tcpserverport").getAsInt()).isEqualTo(8443);
    assertThat(calls.get("defaultenabled").getAsBoolean()).isTrue();

    JsonArray servers = JsonParser.parseString(calls.get("iceserversconfigs").getAsString()).getAsJsonArray();
    List<String> turnUrls = new ArrayList<>();
    for (JsonElement server : servers) {
      JsonObject entry = server.getAsJsonObject();
      assertThat(entry.keySet()).isSubsetOf("urls", "username", "credential");
      for (JsonElement url : entry.getAsJsonArray("urls")) {
        if (url.getAsString().startsWith("turn")) {
          turnUrls.add(url.getAsString());
          // Without username/credential the plugin generates short-lived credentials.
          assertThat(entry.has("username")).isFalse();
          assertThat(entry.has("credential")).isFalse();
        }
      }
    }
    Map<String, String> conf = turnserverConf();
    assertThat(turnUrls).containsExactly(
        "turn:${TURN_HOST}:" + conf.get("listening-port") + "?transport=udp",
        "turn:${TURN_HOST}:" + conf.get("listening-port") + "?transport=tcp",
        "turns:${TURN_HOST}:" + conf.get("tls-listening-port") + "?transport=tcp");
  }

  @Test
  void composeGivesMattermostTheSameCallsSettings() throws IOException {
    JsonObject calls = callsSettings();
    String compose = Files.readString(deploy.resolve("docker-compose.yml"), StandardCharsets.UTF_8);
    Map<String, String> environment = new LinkedHashMap<>();
    Matcher matcher = Pattern.compile("(?m)^\\s+(MM_CALLS_[A-Z_]+): (.*)$").matcher(compose);
    while (matcher.find()) {
      environment.put(matcher.group(1), unquote(matcher.group(2)));
    }

    assertThat(environment).containsEntry("MM_CALLS_DEFAULT_ENABLED", calls.get("defaultenabled").getAsString())
        .containsEntry("MM_CALLS_UDP_SERVER_PORT", calls.get("udpserverport").getAsString())
        .containsEntry("MM_CALLS_TCP_SERVER_PORT", calls.get("tcpserverport").getAsString())
        .containsEntry("MM_CALLS_TURN_CREDENTIALS_EXPIRATION_MINUTES",
            calls.get("turncredentialsexpirationminutes").getAsString());
    assertThat(withoutDefaults(environment.get("MM_CALLS_ICE_SERVERS_CONFIGS")))
        .isEqualTo(calls.get("iceserversconfigs").getAsString());
    assertThat(withoutDefaults(environment.get("MM_CALLS_ICE_HOST_OVERRIDE")))
        .isEqualTo(calls.get("icehostoverride").getAsString());
    assertThat(withoutDefaults(environment.get("MM_CALLS_TURN_STATIC_AUTH_SECRET")))
        .isEqualTo(calls.get("turnstaticauthsecret").getAsString());
  }

  @Test
  void mattermostImageCanRunCallsV112AndTakeALicence() throws IOException {
    String image = envExample().get("MATTERMOST_IMAGE");
    String compose = Files.readString(deploy.resolve("docker-compose.yml"), StandardCharsets.UTF_8);

    // mattermost-plugin-calls v1.12 plugin.json: "min_server_version": "11.0.0".
    Matcher version = Pattern.compile(":(?:release-)?(\\d+)(?:\\.\\d+)*$").matcher(image);
    assertThat(version.find()).as(image).isTrue();
    assertThat(Integer.parseInt(version.group(1))).as(image).isGreaterThanOrEqualTo(11);
    // Calls allows calls in channels only on licensed servers (server/enterprise/license.go
    // GroupCallsAllowed); the team-edition image cannot take a licence at all.
    assertThat(image).startsWith("mattermost/mattermost-enterprise-edition:");
    assertThat(compose).contains("image: ${MATTERMOST_IMAGE:-" + image + "}");
  }

  @Test
  void deniedPeerRangesCoverEverySpecialPurposeRange() throws IOException {
    List<BigInteger[]> denied = new ArrayList<>();
    for (String line : Files.readAllLines(deploy.resolve("coturn/turnserver.conf"), StandardCharsets.UTF_8)) {
      if (line.startsWith("denied-peer-ip=")) {
        String[] range = line.substring("denied-peer-ip=".length()).trim().split("-", 2);
        denied.add(new BigInteger[] {address(range[0]), address(range.length == 2 ? range[1] : range[0])});
      }
    }
    // The IANA special-purpose registries' ranges that are not globally reachable, plus multicast,
    // reserved and the deprecated site-local and IPv4-compatible IPv6 ranges: ::/96 but its first
    // address, which coturn refuses by itself and no range may name (see the next test).
    List<String> required = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32",
        "::1/128", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "100:0:0:1::/64",
        "2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10",
        "ff00::/8");

    for (String cidr : required) {
      String[] parts = cidr.split("/");
      int bits = parts[0].contains(":") ? 128 : 32;
      BigInteger first = address(parts[0]);
      BigInteger last = first.add(BigInteger.ONE.shiftLeft(bits - Integer.parseInt(parts[1]))).subtract(BigInteger.ONE);
      assertThat(denied.stream().anyMatch(range -> range[0].compareTo(first) <= 0 && range[1].compareTo(last) >= 0))
          .as("a denied-peer-ip line covering " + cidr).isTrue();
    }
    BigInteger first = address("::1");
    BigInteger last = address("::ffff:ffff");
    assertThat(denied.stream().anyMatch(range -> range[0].compareTo(first) <= 0 && range[1].compareTo(last) >= 0))
        .as("a denied-peer-ip line covering ::/96 but ::").isTrue();
  }

  @Test
  void noDeniedPeerRangeStartsAtTheUnspecifiedAddress() throws IOException {
    // coturn 4.6 (ns_turn_ioaddr.c ioa_addr_in_range) reads a range starting at :: as starting at "any
    // address" and orders IPv4 before IPv6: denied-peer-ip=::-::ffff:ffff refused every IPv4 peer
    // (WarRoomNatE2E showed 10.x peers refused "in the range ::-::ffff:ffff").
    for (String line : Files.readAllLines(deploy.resolve("coturn/turnserver.conf"), StandardCharsets.UTF_8)) {
      if (line.startsWith("denied-peer-ip=")) {
        String first = line.substring("denied-peer-ip=".length()).trim().split("-", 2)[0];
        if (first.contains(":")) {
          assertThat(address(first)).as(line).isNotEqualTo(address("::"));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** 32 random bytes in hex, as `openssl rand -hex 32` makes them. */
  private static String generatedSecret() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static Map<String, String> generatedSecrets() {
    Map<String, String> secrets = new LinkedHashMap<>();
    SECRETS.forEach(name -> secrets.put(name, generatedSecret()));
    return secrets;
  }

  /** .env.example with the given secrets filled in, as deploy/README.md says to. */
  private Path filledInEnvironment(Path directory, Map<String, String> secrets) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(deploy.resolve(".env.example"), StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      String name = line.startsWith("#") || equals < 0 ? null : line.substring(0, equals);
      lines.add(name != null && secrets.containsKey(name) ? name + "=" + secrets.get(name) : line);
    }
    return Files.write(directory.resolve("filled-in.env"), lines, StandardCharsets.UTF_8);
  }

  /** Runs deploy/preflight.sh in {@code shell} with exactly {@code secrets} of the stack's secrets set. */
  private Result preflight(List<String> shell, Map<String, String> secrets) throws Exception {
    assertThat(Path.of(shell.get(0))).as("the shell " + shell.get(0) + " (busybox: apt-get install -y busybox)")
        .isExecutable();
    List<String> command = new ArrayList<>(shell);
    command.add(deploy.resolve("preflight.sh").toString());
    Path log = Files.createTempFile("preflight-", ".log");
    ManagedProcess.Builder builder = ManagedProcess.builder("preflight", command).log(log).noInput()
        .withoutEnvironment("PREFLIGHT_SECRETS");
    SECRETS.forEach(builder::withoutEnvironment);
    builder.environment(secrets);
    try (ManagedProcess process = builder.start()) {
      if (!process.waitFor(Duration.ofSeconds(30))) {
        throw new AssertionError("preflight.sh did not finish within 30 s");
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Not one of the (non-empty) values appears in what the preflight printed. */
  private static void assertPrintsNoValue(Result result, Map<String, String> secrets) {
    for (Map.Entry<String, String> secret : secrets.entrySet()) {
      if (!secret.getValue().isEmpty()) {
        assertThat(result.output).as("the value of " + secret.getKey()).doesNotContain(secret.getValue());
      }
    }
  }

  /** The preflight named {@code name} as wrong, and no other secret. */
  private static void assertOnlyNamed(Result result, String name) {
    for (String other : SECRETS) {
      if (!other.equals(name)) {
        assertThat(result.output).as(name).doesNotContain("preflight: " + other + " ");
      }
    }
  }

  /**
   * {@code docker-compose config} as JSON: docker-compose prints YAML, which its own interpreter (Debian's python3
   * with PyYAML, both docker-compose's dependencies) turns into JSON for Gson.
   */
  private JsonObject composeConfig(Path envFile) throws Exception {
    Path yaml = Files.createTempFile("docker-compose-config-", ".yml");
    try {
      Result result = dockerCompose(envFile, yaml, "config");
      assertThat(result.exitCode).as(result.output).isZero();
      String json = ManagedProcess.output(List.of(PYTHON, "-c",
          "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)", yaml.toString()),
          Duration.ofSeconds(30));
      return JsonParser.parseString(json).getAsJsonObject();
    } finally {
      Files.deleteIfExists(yaml);
    }
  }

  /** A YAML list as strings; an absent key as an empty list. */
  private static List<String> strings(JsonElement list) {
    List<String> strings = new ArrayList<>();
    if (list != null && !list.isJsonNull()) {
      list.getAsJsonArray().forEach(element -> strings.add(element.getAsString()));
    }
    return strings;
  }

  /** An address as a number; IPv6 ones are offset by 2^128 so that the two families never overlap. */
  private static BigInteger address(String literal) {
    try {
      byte[] bytes = InetAddress.getByName(literal.trim()).getAddress();
      BigInteger value = new BigInteger(1, bytes);
      if (!literal.contains(":")) {
        return value;
      }
      // Java hands IPv4-mapped literals (::ffff:a.b.c.d) back as IPv4 addresses.
      return (bytes.length == 4 ? value.or(BigInteger.valueOf(0xffffL).shiftLeft(32)) : value).setBit(128);
    } catch (UnknownHostException e) {
      throw new AssertionError("not an address literal: " + literal, e);
    }
  }

  private JsonObject callsSettings() throws IOException {
    JsonObject root = JsonParser.parseString(
        Files.readString(deploy.resolve("mattermost/calls-settings.json"), StandardCharsets.UTF_8)).getAsJsonObject();
    JsonObject pluginSettings = root.getAsJsonObject("PluginSettings");
    assertThat(pluginSettings.getAsJsonObject("PluginStates").getAsJsonObject("com.mattermost.calls")
        .get("Enable").getAsBoolean()).isTrue();
    return pluginSettings.getAsJsonObject("Plugins").getAsJsonObject("com.mattermost.calls");
  }

  private static String unquote(String value) {
    String trimmed = value.trim();
    if (trimmed.length() >= 2 && (trimmed.startsWith("'") || trimmed.startsWith("\""))) {
      return trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed;
  }

  /** {@code ${NAME:?message}} -> {@code ${NAME}}, to compare with the plain placeholders of the JSON. */
  private static String withoutDefaults(String value) {
    return value == null ? null : VARIABLE.matcher(value).replaceAll("\\${$1}");
  }

  private Map<String, String> envExample() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(deploy.resolve(".env.example"), StandardCharsets.UTF_8)) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      assertThat(equals).as("line without '=': " + line).isPositive();
      env.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }
    return env;
  }

  private Map<String, String> turnserverConf() throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    for (String line : Files.readAllLines(deploy.resolve("coturn/turnserver.conf"), StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      if (!line.startsWith("#") && equals > 0) {
        options.putIfAbsent(line.substring(0, equals).trim().toLowerCase(Locale.ROOT), line.substring(equals + 1).trim());
      }
    }
    return options;
  }

  private Result dockerCompose(Path envFile, String... command) throws Exception {
    return dockerCompose(envFile, null, command);
  }

  /** Runs docker-compose; the result has its output, only standard error when {@code stdout} takes the rest. */
  private Result dockerCompose(Path envFile, Path stdout, String... command) throws Exception {
    assertThat(Path.of(DOCKER_COMPOSE)).as("Debian's docker-compose (apt-get install -y docker-compose)").isExecutable();
    List<String> arguments = new ArrayList<>(List.of(DOCKER_COMPOSE, "--project-directory", deploy.toString(),
        "--env-file", envFile.toString(), "-f", deploy.resolve("docker-compose.yml").toString()));
    arguments.addAll(List.of(command));
    Path log = Files.createTempFile("docker-compose-", ".log");
    ManagedProcess.Builder builder = ManagedProcess.builder("docker-compose", arguments).directory(deploy).log(log);
    if (stdout != null) {
      builder.output(stdout);
    }
    // No engine is contacted by `config`; keep a stray DOCKER_HOST from changing that, and secrets in this
    // JVM's environment from filling in what the env file leaves out.
    builder.withoutEnvironment("DOCKER_HOST").withoutEnvironment("COMPOSE_FILE").withoutEnvironment("COMPOSE_PROJECT_NAME");
    SECRETS.forEach(builder::withoutEnvironment);
    try (ManagedProcess process = builder.start()) {
      if (!process.waitFor(Duration.ofSeconds(60))) {
        throw new AssertionError("docker-compose did not finish within 60 s");
      }
      return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static final class Result {
    final int exitCode;
    final String output;

    Result(int exitCode, String output) {
      this.exitCode = exitCode;
      this.output = output;
    }
  }

  static Path deployDirectory() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/docker-compose.yml"))) {
        try {
          return dir.resolve("deploy").toRealPath();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    throw new IllegalStateException("deploy/docker-compose.yml not found above " + start);
  }
}
