package org.commandcenter.cli.connection;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.mattermost.tls.CaTrust;

/** CA bundles named on the command line: read into the client's {@link CaTrust}, or a usage error naming the option. */
public final class CaFiles {
  private CaFiles() {}

  /** Reads a PEM CA bundle given with {@code option}; null when none was given. */
  public static CaTrust read(Path caFile, String option) {
    if (caFile == null) {
      return null;
    }
    try {
      return CaTrust.fromPemFile(caFile);
    } catch (NoSuchFileException e) {
      throw CliException.usage(option + ": file not found: " + caFile);
    } catch (IOException e) {
      throw CliException.usage(option + ": cannot read " + caFile + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw CliException.usage(option + ": " + caFile + " is not a PEM certificate bundle (expected -----BEGIN CERTIFICATE----- blocks)");
    }
  }

  /** What a connection trusts: the bundle given, else the JVM's own trust store. */
  public static CaTrust orJvmDefault(CaTrust caTrust) {
    return caTrust != null ? caTrust : CaTrust.jvmDefault();
  }
}
