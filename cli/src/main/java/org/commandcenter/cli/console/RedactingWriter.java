package org.commandcenter.cli.console;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;

/**
 * Buffers output line by line and redacts every line before it reaches the terminal, so a secret is
 * masked even when it is printed in several pieces on one line.
 */
public final class RedactingWriter extends Writer {
  private final Writer target;
  private final Secrets secrets;
  private final StringBuilder line = new StringBuilder();

  public RedactingWriter(Writer target, Secrets secrets) {
    this.target = requireNonNull(target, "target == null");
    this.secrets = requireNonNull(secrets, "secrets == null");
  }

  @Override
  public synchronized void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      line.append(buffer[i]);
      if (buffer[i] == '\n') {
        emit();
      }
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    emit();
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    target.close();
  }

  private void emit() throws IOException {
    if (line.length() > 0) {
      target.write(secrets.redact(line.toString()));
      line.setLength(0);
    }
  }
}
