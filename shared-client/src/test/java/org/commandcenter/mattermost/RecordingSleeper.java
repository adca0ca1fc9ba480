package org.commandcenter.mattermost;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records backoff waits instead of sleeping, so retry tests run instantly. */
final class RecordingSleeper implements HttpExecutor.Sleeper {
  final List<Long> waits = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(long millis) {
    waits.add(millis);
  }
}
