package org.commandcenter.notifier.core;

/** Where every ChatOps action is recorded; the Jenkins adapter writes them to the Jenkins log. */
@FunctionalInterface
public interface AuditSink {
  void record(AuditEvent event);

  static AuditSink none() {
    return event -> {};
  }
}
