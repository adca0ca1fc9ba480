package org.commandcenter.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real coturn (Debian package coturn; ./run-tests installs it) from the shipped file plus our loopback overlay. */
class CoturnServerTest {

  @Test
  void startsFromTheShippedFileWithAnOverlayAndStopsByPid(@TempDir Path dir) throws Exception {
    assertThat(CoturnServer.isInstalled()).as("coturn at %s (apt-get install -y coturn)", CoturnServer.TURNSERVER)
        .isTrue();
    long pid;
    try (CoturnServer coturn = CoturnServer.builder(CoturnServer.shippedConfiguration(), dir)
        .echoPeer(true).overlay(List.of("# extra line")).start()) {
      pid = coturn.pid();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
      assertThat(coturn.plainPort()).isNotEqualTo(coturn.tlsPort());
      assertThat(coturn.peer().getHostString()).isEqualTo("127.0.0.1");
      assertThat(coturn.secret()).matches("[0-9a-f]{64}");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(coturn.secretFile())))
          .isEqualTo("rw-------");
      assertThat(Files.readString(coturn.caFile())).startsWith("-----BEGIN CERTIFICATE-----");
      String conf = Files.readString(dir.resolve("turnserver.conf"));
      assertThat(conf).startsWith(Files.readString(CoturnServer.shippedConfiguration()))
          .contains("listening-ip=127.0.0.1", "listening-port=" + coturn.plainPort(),
              "tls-listening-port=" + coturn.tlsPort(), "allowed-peer-ip=127.0.0.1")
          .endsWith("# extra line\n");
    }
    Optional<ProcessHandle> after = ProcessHandle.of(pid);
    assertThat(after.map(ProcessHandle::isAlive).orElse(false)).as("turnserver stopped").isFalse();
  }

  @Test
  void usesTheSecretItIsGiven(@TempDir Path dir) throws Exception {
    try (CoturnServer coturn = CoturnServer.start(dir, "given-secret", List.of())) {
      assertThat(coturn.secret()).isEqualTo("given-secret");
      assertThat(Files.readString(dir.resolve("turnserver.conf"))).contains("static-auth-secret=given-secret");
    }
  }
}
