package org.commandcenter.sandbox.inbox;

import static org.commandcenter.sandbox.inbox.Markdown.escape;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commandcenter.sandbox.SandboxSettings;
import org.commandcenter.sandbox.internal.Store;

/** Renders the inbox: the channel list and one channel's posts, drawn the way Mattermost draws them. */
final class InboxPage {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final String CSS = loadCss();
  /** Inline icons: the page must look right without emoji fonts or anything fetched. */
  private static final String LOCK = "<svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"12\" height=\"12\" aria-label=\"private\">"
      + "<path fill=\"currentColor\" d=\"M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z\"/></svg>";
  private static final String PHONE = "<svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"14\" height=\"14\" aria-hidden=\"true\">"
      + "<path fill=\"currentColor\" d=\"M3.6 1h2.2l1.1 3.3-1.6 1.2a9 9 0 0 0 5.2 5.2l1.2-1.6 3.3 1.1v2.2A1.6 1.6 0 0 1 13.4 14 12.4 12.4 0 0 1 2 2.6 1.6 1.6 0 0 1 3.6 1z\"/></svg>";
  private static final String FILE = "<svg class=\"icon\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\">"
      + "<path fill=\"currentColor\" d=\"M3 1h6l4 4v10H3V1zm6 1v4h3\"/></svg>";

  private final Store store;
  private final SandboxSettings settings;
  private final String siteUrl;
  /** Whose page this is: their buttons act as them and their ephemeral answers show; null when nobody can log in. */
  private final Store.User viewer;

  InboxPage(Store store, SandboxSettings settings, String siteUrl, Store.User viewer) {
    this.store = store;
    this.settings = settings;
    this.siteUrl = siteUrl;
    this.viewer = viewer;
  }

  private static String loadCss() {
    try (InputStream in = InboxPage.class.getResourceAsStream("inbox.css")) {
      if (in == null) throw new IllegalStateException("inbox.css missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @param selected the channel to show, or null for the busiest one; joinCall shows the War Room banner. */
  String render(Store.Channel selected, boolean joinCall, int refreshSeconds) {
    List<Store.Post> all = store.posts();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Store.Post p : all) counts.merge(p.channelId, 1, Integer::sum);
    if (selected == null) selected = defaultChannel(all);
    StringBuilder html = new StringBuilder(16 * 1024);
    String title = selected == null ? "Inbox" : channelTitle(selected);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (refreshSeconds > 0) html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
    html.append("<title>").append(escape(title)).append(" · Mattermost sandbox</title><style>").append(CSS)
        .append("</style></head><body");
    if (viewer != null) html.append(" data-viewer=\"").append(escape(viewer.username)).append("\"");
    html.append("><div class=\"app\">");
    sidebar(html, selected, counts);
    html.append("<main class=\"channel\"");
    if (selected != null) html.append(" data-channel-id=\"").append(selected.id).append("\"");
    html.append(">");
    if (selected == null) {
      html.append("<header class=\"channel-header\"><h1>Inbox</h1></header>")
          .append("<div class=\"empty\">No channels are seeded.</div>");
    } else {
      channel(html, selected, all, joinCall);
    }
    html.append("</main></div><script src=\"/_sandbox/inbox.js\"></script></body></html>\n");
    return html.toString();
  }

  private Store.Channel defaultChannel(List<Store.Post> all) {
    if (!all.isEmpty()) {
      return store.channel(all.get(all.size() - 1).channelId).orElse(null);
    }
    List<Store.Channel> channels = store.channels();
    return channels.isEmpty() ? null : channels.get(0);
  }

  private String channelTitle(Store.Channel channel) {
    return channel.type.equals("D") ? "Direct message" : channel.displayName;
  }

  private void sidebar(StringBuilder html, Store.Channel selected, Map<String, Integer> counts) {
    html.append("<aside class=\"sidebar\"><div class=\"team-header\">");
    List<Store.Team> teams = store.teams();
    html.append("<div class=\"team-name\">").append(escape(teams.isEmpty() ? "Mattermost" : teams.get(0).displayName))
        .append("</div><div class=\"server-name\">Mattermost sandbox · ").append(escape(siteUrl)).append("</div></div>");
    viewerSwitch(html, selected);
    for (Store.Team team : teams) {
      html.append("<div class=\"sidebar-section\">").append(escape(team.displayName.toUpperCase(Locale.ROOT)))
          .append("</div><nav class=\"channel-list\">");
      for (Store.Channel c : store.channels()) {
        if (c.teamId.equals(team.id)) channelLink(html, team.name, c, selected, counts);
      }
      html.append("</nav>");
    }
    List<Store.Channel> directs = new ArrayList<>();
    for (Store.Channel c : store.channels()) if (c.type.equals("D")) directs.add(c);
    if (!directs.isEmpty()) {
      html.append("<div class=\"sidebar-section\">DIRECT MESSAGES</div><nav class=\"channel-list\">");
      for (Store.Channel c : directs) channelLink(html, teams.isEmpty() ? "_" : teams.get(0).name, c, selected, counts);
      html.append("</nav>");
    }
    html.append("<div class=\"sidebar-footer\"><a href=\"/_sandbox/posts\">JSON of every post</a></div></aside>");
  }

  /** Links to view the page as another person: buttons and commands then act as them. */
  private void viewerSwitch(StringBuilder html, Store.Channel selected) {
    if (viewer == null) return;
    html.append("<div class=\"viewer\">Viewing as ");
    String base = selected == null ? "/" : "/" + escape(teamName(selected)) + "/channels/" + escape(selected.name);
    for (Store.User user : store.users()) {
      if (user.bot) continue;
      html.append("<a href=\"").append(base).append("?as=").append(escape(user.username)).append("\"")
          .append(user.id.equals(viewer.id) ? " class=\"current\"" : "").append(">@").append(escape(user.username))
          .append("</a>");
    }
    html.append("</div>");
  }

  private String teamName(Store.Channel channel) {
    return store.team(channel.teamId).map(t -> t.name).orElse("_");
  }

  private String asViewer() {
    return viewer == null ? "" : "?as=" + escape(viewer.username);
  }

  private void channelLink(StringBuilder html, String teamName, Store.Channel c, Store.Channel selected,
      Map<String, Integer> counts) {
    boolean active = selected != null && selected.id.equals(c.id);
    int count = counts.getOrDefault(c.id, 0);
    String icon = c.type.equals("P") ? LOCK : c.type.equals("D") ? "@" : "#";
    String label = c.type.equals("D") ? dmLabel(c) : c.name;
    html.append("<a class=\"channel-link").append(active ? " active" : "").append(count > 0 ? " unread" : "")
        .append("\" href=\"/").append(escape(teamName)).append("/channels/").append(escape(c.name)).append(asViewer())
        .append("\">")
        .append("<span class=\"channel-icon\">").append(icon).append("</span><span class=\"channel-name\">")
        .append(escape(label)).append("</span>");
    if (count > 0) html.append("<span class=\"badge\">").append(count).append("</span>");
    html.append("</a>");
  }

  private String dmLabel(Store.Channel c) {
    String[] ids = c.name.split("__");
    List<String> names = new ArrayList<>();
    for (String id : ids) names.add(store.user(id).map(u -> u.username).orElse(id));
    return String.join(", ", names);
  }

  private void channel(StringBuilder html, Store.Channel channel, List<Store.Post> all, boolean joinCall) {
    List<Store.Post> roots = new ArrayList<>();
    Map<String, List<Store.Post>> replies = new LinkedHashMap<>();
    List<Store.Post> visible = new ArrayList<>(all);
    if (viewer != null) {
      // Ephemeral posts reach only their user, in the channel or the thread they answer (SendEphemeralPost).
      visible.addAll(store.ephemeralsFor(viewer.id));
      visible.sort(java.util.Comparator.comparingLong(p -> p.createAt));
    }
    for (Store.Post p : visible) {
      if (!p.channelId.equals(channel.id) || p.deleteAt != 0) continue;
      if (p.rootId.isEmpty()) roots.add(p);
      else replies.computeIfAbsent(p.rootId, k -> new ArrayList<>()).add(p);
    }
    int total = roots.size() + replies.values().stream().mapToInt(List::size).sum();
    html.append("<header class=\"channel-header\"><h1><span class=\"channel-icon\">")
        .append(channel.type.equals("P") ? LOCK : "#").append("</span>").append(escape(channelTitle(channel)))
        .append("</h1><span class=\"channel-meta\">").append(total).append(total == 1 ? " post" : " posts");
    boolean callsOn = store.callsEnabled(channel.id).orElse(settings.callsDefaultEnabled());
    html.append(" · Calls ").append(callsOn ? "enabled" : "off");
    if (store.callActive(channel.id)) html.append(" · <span class=\"call-live\">call in progress</span>");
    html.append("</span></header>");
    if (joinCall) {
      html.append("<div class=\"war-room-banner\" role=\"status\"><strong>" + PHONE + " Joining the call in ")
          .append(escape(channelTitle(channel))).append("</strong> — in Mattermost this link opens the Calls widget ")
          .append("and joins the call (join_call=true). The sandbox has no media server, so this is where it stops.</div>");
    }
    html.append("<div class=\"posts\">");
    if (roots.isEmpty() && replies.isEmpty()) {
      html.append("<div class=\"empty\">No posts in this channel yet.</div>");
    }
    for (Store.Post root : roots) {
      html.append("<article class=\"post").append(isEphemeral(root) ? " ephemeral" : "").append("\" id=\"post-")
          .append(root.id).append("\" data-post-id=\"").append(root.id).append("\">");
      post(html, root);
      List<Store.Post> thread = replies.remove(root.id);
      if (thread != null) {
        html.append("<div class=\"thread\" data-root-id=\"").append(root.id).append("\"><div class=\"thread-count\">")
            .append(thread.size()).append(thread.size() == 1 ? " reply" : " replies").append("</div>");
        for (Store.Post reply : thread) {
          html.append("<div class=\"post reply").append(isEphemeral(reply) ? " ephemeral" : "").append("\" id=\"post-")
              .append(reply.id).append("\" data-post-id=\"").append(reply.id).append("\" data-root-id=\"")
              .append(root.id).append("\">");
          post(html, reply);
          html.append("</div>");
        }
        html.append("</div>");
      }
      html.append("</article>");
    }
    html.append("</div>");
    if (viewer != null) {
      html.append("<form class=\"command-box\" autocomplete=\"off\"><input name=\"command\" aria-label=\"Command\" ")
          .append("placeholder=\"Write a slash command as @").append(escape(viewer.username))
          .append(", e.g. /jenkins help\"><button type=\"submit\">Send</button></form>")
          .append("<div class=\"command-error\" role=\"alert\"></div>");
    }
  }

  private static boolean isEphemeral(Store.Post post) {
    return post.type.equals("system_ephemeral");
  }

  private void post(StringBuilder html, Store.Post post) {
    Store.User user = store.user(post.userId).orElse(null);
    String account = user == null ? "unknown" : user.username;
    String name = string(post.props, "override_username");
    if (name.isEmpty()) name = account;
    boolean fromWebhook = "true".equals(string(post.props, "from_webhook"));
    boolean bot = fromWebhook || (user != null && user.bot);
    html.append("<div class=\"avatar\" style=\"background:").append(avatarColor(name)).append("\" aria-hidden=\"true\">")
        .append(escape(initial(name))).append("</div><div class=\"post-body\"><div class=\"post-header\">")
        .append("<span class=\"username\">").append(escape(name)).append("</span>");
    if (bot) html.append("<span class=\"bot-tag\">BOT</span>");
    if (post.priority != null) {
      String level = string(post.priority, "priority");
      if (level.equals("urgent") || level.equals("important")) {
        html.append("<span class=\"priority-label priority-").append(level).append("\">")
            .append(level.toUpperCase(Locale.ROOT)).append("</span>");
      }
    }
    Instant created = Instant.ofEpochMilli(post.createAt);
    html.append("<time datetime=\"").append(created).append("\" title=\"").append(DATE_TIME.format(created))
        .append("\">").append(TIME.format(created)).append("</time>");
    if (post.editAt > 0) {
      html.append("<span class=\"edited\" title=\"Edited ").append(DATE_TIME.format(Instant.ofEpochMilli(post.editAt)))
          .append("\">(edited)</span>");
    }
    if (isEphemeral(post)) html.append("<span class=\"ephemeral-label\">(Only visible to you)</span>");
    html.append("</div>");
    if (!post.message.isEmpty()) {
      html.append("<div class=\"post-message markdown\">").append(Markdown.toHtml(post.message)).append("</div>");
    }
    JsonArray attachments = post.attachments();
    if (attachments.size() > 0) {
      html.append("<div class=\"attachments\">");
      for (JsonElement a : attachments) {
        if (a.isJsonObject()) attachment(html, a.getAsJsonObject(), post.id);
      }
      html.append("</div>");
    }
    files(html, post);
    if (post.priority != null && post.priority.has("requested_ack") && post.priority.get("requested_ack").getAsBoolean()) {
      html.append("<div class=\"ack\"><button type=\"button\" class=\"ack-button\">&#10003; Acknowledge</button></div>");
    }
    html.append("</div>");
  }

  private void attachment(StringBuilder html, JsonObject a, String postId) {
    String color = color(string(a, "color"));
    html.append("<div class=\"attachment\" data-color=\"").append(escape(color)).append("\" style=\"border-left-color:")
        .append(escape(color)).append("\">");
    String pretext = string(a, "pretext");
    if (!pretext.isEmpty()) html.append("<div class=\"attachment-pretext markdown\">").append(Markdown.toHtml(pretext)).append("</div>");
    html.append("<div class=\"attachment-content\"><div class=\"attachment-main\">");
    String authorName = string(a, "author_name");
    if (!authorName.isEmpty()) {
      html.append("<div class=\"attachment-author\">");
      image(html, string(a, "author_icon"), "attachment-author-icon", "");
      link(html, string(a, "author_link"), authorName);
      html.append("</div>");
    }
    String title = string(a, "title");
    if (!title.isEmpty()) {
      html.append("<h2 class=\"attachment-title\">");
      link(html, string(a, "title_link"), title);
      html.append("</h2>");
    }
    String text = string(a, "text");
    if (!text.isEmpty()) html.append("<div class=\"attachment-text markdown\">").append(Markdown.toHtml(text)).append("</div>");
    JsonElement fields = a.get("fields");
    if (fields != null && fields.isJsonArray() && fields.getAsJsonArray().size() > 0) {
      html.append("<div class=\"attachment-fields\">");
      for (JsonElement f : fields.getAsJsonArray()) {
        if (!f.isJsonObject()) continue;
        JsonObject field = f.getAsJsonObject();
        boolean isShort = field.has("short") && field.get("short").isJsonPrimitive()
            && (field.get("short").getAsJsonPrimitive().isBoolean() ? field.get("short").getAsBoolean()
                : "true".equals(field.get("short").getAsString()));
        html.append("<div class=\"attachment-field ").append(isShort ? "attachment-field--short" : "attachment-field--long")
            .append("\"><div class=\"attachment-field-title\">").append(escape(string(field, "title")))
            .append("</div><div class=\"attachment-field-value markdown\">")
            .append(Markdown.toHtml(valueText(field.get("value")))).append("</div></div>");
      }
      html.append("</div>");
    }
    image(html, string(a, "image_url"), "attachment-image", "image");
    html.append("</div>");
    String thumb = string(a, "thumb_url");
    if (!thumb.isEmpty()) {
      html.append("<div class=\"attachment-thumb\">");
      image(html, thumb, "attachment-thumb-image", "thumbnail");
      html.append("</div>");
    }
    html.append("</div>");
    String footer = string(a, "footer");
    String ts = timestamp(a.get("ts"));
    if (!footer.isEmpty() || !ts.isEmpty()) {
      html.append("<div class=\"attachment-footer\">");
      image(html, string(a, "footer_icon"), "attachment-footer-icon", "");
      html.append("<span>").append(escape(footer)).append("</span>");
      if (!ts.isEmpty()) html.append("<span class=\"attachment-ts\">").append(escape(ts)).append("</span>");
      html.append("</div>");
    }
    actions(html, a, postId);
    html.append("</div>");
  }

  /** The webapp's action buttons: one per action with an id; the integration itself never reaches clients. */
  private void actions(StringBuilder html, JsonObject attachment, String postId) {
    JsonElement actions = attachment.get("actions");
    if (actions == null || !actions.isJsonArray() || actions.getAsJsonArray().size() == 0) return;
    html.append("<div class=\"attachment-actions\">");
    for (JsonElement element : actions.getAsJsonArray()) {
      if (!element.isJsonObject()) continue;
      JsonObject action = element.getAsJsonObject();
      String style = string(action, "style");
      boolean disabled = action.has("disabled") && action.get("disabled").isJsonPrimitive()
          && action.get("disabled").getAsBoolean();
      html.append("<button type=\"button\" class=\"action-button")
          .append(style.isEmpty() ? "" : " btn-" + escape(style)).append("\" data-post-id=\"").append(escape(postId))
          .append("\" data-action-id=\"").append(escape(string(action, "id"))).append("\" data-action-name=\"")
          .append(escape(string(action, "name"))).append("\"").append(disabled ? " disabled" : "").append(">")
          .append(escape(string(action, "name"))).append("</button>");
    }
    html.append("</div>");
  }

  private void files(StringBuilder html, Store.Post post) {
    List<Store.FileInfo> files = store.filesOf(post.fileIds);
    if (files.isEmpty()) return;
    html.append("<div class=\"files\">");
    for (Store.FileInfo f : files) {
      html.append("<a class=\"file\" href=\"/_sandbox/files/").append(f.id).append("\"><span class=\"file-icon\">" + FILE + "</span>")
          .append("<span class=\"file-name\">").append(escape(f.name)).append("</span><span class=\"file-size\">")
          .append(size(f.content.length)).append("</span></a>");
    }
    html.append("</div>");
  }

  /** Images load only from this sandbox: an air-gapped page must not reach out (others show as links). */
  private void image(StringBuilder html, String url, String cssClass, String label) {
    if (url.isEmpty() || !Markdown.isSafeUrl(url)) return;
    if (url.startsWith("/") || url.startsWith(siteUrl + "/")) {
      html.append("<img class=\"").append(cssClass).append("\" src=\"").append(escape(url)).append("\" alt=\"\">");
    } else if (!label.isEmpty()) {
      html.append("<a class=\"").append(cssClass).append(" external-image\" href=\"").append(escape(url))
          .append("\" target=\"_blank\" rel=\"noopener noreferrer\">[").append(escape(label)).append("]").append("</a>");
    }
  }

  private static void link(StringBuilder html, String url, String text) {
    if (Markdown.isSafeUrl(url)) {
      html.append("<a href=\"").append(escape(url)).append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
          .append(escape(text)).append("</a>");
    } else {
      html.append(escape(text));
    }
  }

  private static String color(String color) {
    if (color.startsWith("#") && color.matches("#[0-9A-Fa-f]{3,8}")) return color.toLowerCase(Locale.ROOT);
    return Markdown.COLORS.getOrDefault(color, "#dddddd");
  }

  private static String timestamp(JsonElement ts) {
    if (ts == null || ts.isJsonNull() || !ts.isJsonPrimitive()) return "";
    try {
      double seconds = Double.parseDouble(ts.getAsString());
      return DATE_TIME.format(Instant.ofEpochMilli((long) (seconds * 1000)));
    } catch (NumberFormatException e) {
      return "";
    }
  }

  private static String valueText(JsonElement value) {
    if (value == null || value.isJsonNull()) return "";
    return value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }

  private static String string(JsonObject object, String name) {
    JsonElement e = object.get(name);
    return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
  }

  private static String initial(String name) {
    return name.isEmpty() ? "?" : name.substring(0, name.offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT);
  }

  private static String avatarColor(String name) {
    int hue = Math.floorMod(name.hashCode(), 360);
    return "hsl(" + hue + ",45%,45%)";
  }

  private static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
