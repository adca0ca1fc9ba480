package org.commandcenter.cli.console;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), so {@code --version} matches the artifact. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"command-center " + (version == null ? "(development build)" : version),
        "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
  }
}
