package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.HttpReply;

/**
 * Where Mattermost calls Jenkins for ChatOps: {@code POST <root>/mattermost/actions} (a button click, JSON) and
 * {@code POST <root>/mattermost/command} (the {@code /jenkins} slash command, a form). Mattermost has no Jenkins
 * session, so this is an unprotected root action; each request carries its own credentials (a signed button context,
 * the command token), which {@link ChatOps} checks before anything else. The CSRF crumb is waived for exactly these
 * two paths ({@link ChatOpsCrumbExclusion}).
 *
 * <p>The body is read here, raw and capped at {@link ChatOps#MAX_BODY_BYTES}; nothing calls {@code getParameter*},
 * which would read (and uncap) it as a form. The reply is written as ChatOps made it: Mattermost reads an action answer
 * only with status 200 and a command answer as JSON only when it is {@code application/json}, so no Jenkins envelope.
 * With ChatOps off or not fully configured every path answers 404 and says nothing about why. Other paths are 404 by
 * Stapler's dispatch: these are the only web methods (the getters return Strings, which Jenkins does not route to).
 */
@Extension
public final class ChatOpsEndpoint implements UnprotectedRootAction {
  static final String URL_NAME = "mattermost";
  static final String ACTIONS_PATH = "/" + URL_NAME + "/actions";
  static final String COMMAND_PATH = "/" + URL_NAME + "/command";
  private static final Logger LOGGER = Logger.getLogger(ChatOpsEndpoint.class.getName());

  private final Supplier<ChatOps> chatOps;

  public ChatOpsEndpoint() {
    this(() -> PluginContext.current().chatOps());
  }

  /** @param chatOps the current ChatOps, or null while it is off or not configured */
  ChatOpsEndpoint(Supplier<ChatOps> chatOps) {
    this.chatOps = chatOps;
  }

  @Override
  public String getIconFileName() {
    return null;
  }

  @Override
  public String getDisplayName() {
    return null;
  }

  @Override
  public String getUrlName() {
    return URL_NAME;
  }

  /** {@code <root>/mattermost/actions}: a click on a button of an alert. */
  public void doActions(HttpServletRequest request, HttpServletResponse response) throws IOException {
    serve(request, response, false);
  }

  /** {@code <root>/mattermost/command}: the slash command. */
  public void doCommand(HttpServletRequest request, HttpServletResponse response) throws IOException {
    serve(request, response, true);
  }

  private void serve(HttpServletRequest request, HttpServletResponse response, boolean command) throws IOException {
    ChatOps current = chatOps.get();
    // Stapler also hands .../actions/anything to doActions: only the exact path is served.
    if (current == null || !(command ? COMMAND_PATH : ACTIONS_PATH).equals(request.getPathInfo())) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    // Checked here rather than with @RequirePOST, whose Jenkins error page is a "Try POSTing" form.
    if (!"POST".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      response.setHeader("Allow", "POST");
      return;
    }
    if (request.getContentLengthLong() > ChatOps.MAX_BODY_BYTES) {
      write(response, HttpReply.error(413, "Request body larger than " + ChatOps.MAX_BODY_BYTES + " bytes"));
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      // One byte more than allowed, so ChatOps sees (and refuses) a body whose length was not announced.
      body = in.readNBytes(ChatOps.MAX_BODY_BYTES + 1);
    }
    HttpReply reply;
    try {
      reply = command
          ? current.handleCommand(body, request.getContentType(), request.getHeader("Authorization"))
          : current.handleAction(body, request.getContentType());
    } catch (RuntimeException e) {
      // ChatOps always answers; should it not, Mattermost still gets a plain error and the log the cause (masked, no
      // stack trace: its messages may hold what was being handled).
      StackTraceElement[] where = e.getStackTrace();
      LOGGER.log(Level.WARNING, "ChatOps failed on {0}: {1}", new Object[] {command ? COMMAND_PATH : ACTIONS_PATH,
          Redaction.redact(e.toString(), null) + (where.length > 0 ? " at " + where[0] : "")});
      reply = HttpReply.error(500, "Jenkins failed while handling this request; the Jenkins log says why.");
    }
    write(response, reply);
  }

  private static void write(HttpServletResponse response, HttpReply reply) throws IOException {
    byte[] bytes = reply.bodyBytes();
    response.setStatus(reply.status());
    response.setContentType(reply.contentType());
    response.setContentLength(bytes.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(bytes);
    }
  }
}
