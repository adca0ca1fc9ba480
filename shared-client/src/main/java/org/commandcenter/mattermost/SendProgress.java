package org.commandcenter.mattermost;

import java.util.ArrayList;
import java.util.List;

/**
 * How far one logical send got, kept across redeliveries of the same post so a retry later
 * neither repeats the parts already posted nor loses the thread they started. The pending post id
 * of each part is kept too, so a part whose answer was lost is de-duplicated by the server.
 */
final class SendProgress {
  final List<String> postIds = new ArrayList<>();
  private final List<String> pendingPostIds = new ArrayList<>();
  int completedParts;
  String threadRoot;

  String pendingPostId(int part) {
    while (pendingPostIds.size() <= part) {
      pendingPostIds.add(Ids.newId());
    }
    return pendingPostIds.get(part);
  }
}
