package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.HttpReply;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The endpoint Mattermost calls: exactly two POST paths, bodies capped and read raw, ChatOps' reply written as is. */
class ChatOpsEndpointTest {
  private static final byte[] CLICK = "{\"user_id\":\"u1\",\"post_id\":\"p1\",\"context\":{}}"
      .getBytes(StandardCharsets.UTF_8);
  private static final String FORM = "application/x-www-form-urlencoded";

  private final ChatOps chatOps = mock(ChatOps.class);
  private final AtomicReference<ChatOps> current = new AtomicReference<>(chatOps);
  private final ChatOpsEndpoint endpoint = new ChatOpsEndpoint(current::get);

  @Test
  void isTheUnprotectedRootActionAtMattermost() {
    assertThat(endpoint).isInstanceOf(hudson.model.UnprotectedRootAction.class);
    assertThat(endpoint.getUrlName()).isEqualTo("mattermost");
    assertThat(endpoint.getIconFileName()).isNull();
    assertThat(endpoint.getDisplayName()).isNull();
  }

  /** Stapler routes public doXxx methods taking a request: only these two may exist (everything else is 404). */
  @Test
  void hasExactlyTheTwoWebMethods() {
    List<String> webMethods = Arrays.stream(ChatOpsEndpoint.class.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getName().startsWith("do"))
        .map(Method::getName).sorted().toList();
    assertThat(webMethods).containsExactly("doActions", "doCommand");
  }

  @Test
  void handsTheRawClickToChatOpsAndWritesItsReplyByteForByte() throws Exception {
    HttpReply reply = HttpReply.json("{\"ephemeral_text\":\"Rebuilt by @alice as #43 — ok\"}");
    when(chatOps.handleAction(any(), any())).thenReturn(reply);
    HttpServletRequest request = ServletFakes.post("/mattermost/actions", "application/json", CLICK);
    ServletFakes.RecordedResponse response = new ServletFakes.RecordedResponse();

    endpoint.doActions(request, response.response);

    ArgumentCaptor<byte[]> body = ArgumentCaptor.forClass(byte[].class);
    verify(chatOps).handleAction(body.capture(), org.mockito.ArgumentMatchers.eq("application/json"));
    assertThat(body.getValue()).isEqualTo(CLICK);
    assertThat(response.status).isEqualTo(200);
    assertThat(response.contentType).isEqualTo("application/json");
    assertThat(response.body.toByteArray()).isEqualTo(reply.bodyBytes());
    assertThat(response.contentLength).isEqualTo(reply.bodyBytes().length);
    assertThat(new String(response.body.toByteArray(), StandardCharsets.UTF_8)).doesNotContain("\"status\":\"ok\"");
  }

  @Test
  void handsTheCommandFormWithItsAuthorizationHeaderAndWritesErrorsAsChatOpsMadeThem() throws Exception {
    HttpReply refused = HttpReply.error(401, "The slash command token does not match the one configured in Jenkins");
    when(chatOps.handleCommand(any(), any(), any())).thenReturn(refused);
    byte[] form = "token=t&text=status".getBytes(StandardCharsets.UTF_8);
    HttpServletRequest request = ServletFakes.request("POST", "/mattermost/command", FORM, form.length, form,
        Map.of("Authorization", "Token t"));
    ServletFakes.RecordedResponse response = new ServletFakes.RecordedResponse();

    endpoint.doCommand(request, response.response);

    verify(chatOps).handleCommand(form, FORM, "Token t");
    assertThat(response.status).isEqualTo(401);
    assertThat(response.contentType).isEqualTo(HttpReply.TEXT);
    assertThat(response.body.toByteArray()).isEqualTo(refused.bodyBytes());
  }

  @Test
  void neverReadsParametersWhichWouldConsumeTheBodyUncapped() throws Exception {
    when(chatOps.handleCommand(any(), any(), any())).thenReturn(HttpReply.json("{}"));
    byte[] form = "token=t&text=help".getBytes(StandardCharsets.UTF_8);
    HttpServletRequest request = ServletFakes.post("/mattermost/command", FORM, form);

    endpoint.doCommand(request, new ServletFakes.RecordedResponse().response);

    verify(request, never()).getParameter(anyString());
    verify(request, never()).getParameterMap();
    verify(request, never()).getParameterNames();
    verify(request, never()).getParameterValues(anyString());
    verify(request, never()).getReader();
  }

  @Test
  void anAnnouncedOversizedBodyIs413WithoutBeingRead() throws Exception {
    byte[] big = new byte[ChatOps.MAX_BODY_BYTES + 1];
    ServletFakes.CountingInput input = ServletFakes.input(big);
    HttpServletRequest request = ServletFakes.request("POST", "/mattermost/actions", "application/json",
        big.length, big, Map.of());
    when(request.getInputStream()).thenReturn(input);
    ServletFakes.RecordedResponse response = new ServletFakes.RecordedResponse();

    endpoint.doActions(request, response.response);

    assertThat(response.status).isEqualTo(413);
    assertThat(response.body.toString(StandardCharsets.UTF_8)).contains("larger than 65536 bytes");
    assertThat(input.read.get()).isZero();
    verifyNoInteractions(chatOps);
  }

  /** Without Content-Length (chunked) at most one byte more than allowed is read, so ChatOps can refuse it (413). */
  @Test
  void anUnannouncedBodyIsReadOnlyUpToOneByteOverTheCap() throws Exception {
    when(chatOps.handleAction(any(), any())).thenReturn(HttpReply.error(413, "too large"));
    byte[] huge = new byte[ChatOps.MAX_BODY_BYTES * 4];
    ServletFakes.CountingInput input = ServletFakes.input(huge);
    HttpServletRequest request = ServletFakes.request("POST", "/mattermost/actions", "application/json", -1, huge,
        Map.of());
    when(request.getInputStream()).thenReturn(input);
    ServletFakes.RecordedResponse response = new ServletFakes.RecordedResponse();

    endpoint.doActions(request, response.response);

    ArgumentCaptor<byte[]> body = ArgumentCaptor.forClass(byte[].class);
    verify(chatOps).handleAction(body.capture(), any());
    assertThat(body.getValue()).hasSize(ChatOps.MAX_BODY_BYTES + 1);
    assertThat(input.read.get()).isEqualTo(ChatOps.MAX_BODY_BYTES + 1);
    assertThat(response.status).isEqualTo(413);
  }

  @Test
  void otherMethodsAre405WithAllowPost() throws Exception {
    for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS")) {
      for (String path : List.of("/mattermost/actions", "/mattermost/command")) {
        ServletFakes.RecordedResponse response = new ServletFakes.RecordedResponse();
        HttpServletRequest request = ServletFakes.request(method, path, null, -1, new byte[0], Map.of());

        if (path.endsWith("actions")) {
          endpoint.doActions(request, response.response);
        } else {
          endpoint.doCommand(request, response.response);
        }

        assertThat(response.status).as(method + " " + path).isEqualTo(405);
        assertThat(response.headers).as(method + " " + path).containsEntry("Allow", "POST");
        assertThat(response.body.size()).isZero();
      }
    }
    verifyNoInteractions(chatOps);
  }

  /** Stapler hands .../actions/anything to doActions as well. */
  @Test
  void pathsBelowTheTwoAre404() throws Exception {
    ServletFakes.RecordedResponse below = new ServletFakes.RecordedResponse();
    endpoint.doActions(ServletFakes.post("/mattermost/actions/x", "application/json", CLICK), below.response);
    ServletFakes.RecordedResponse crossed = new ServletFakes.RecordedResponse();
    endpoint.doCommand(ServletFakes.post("/mattermost/actions", FORM, CLICK), crossed.response);

    assertThat(below.status).isEqualTo(404);
    assertThat(crossed.status).isEqualTo(404);
    verifyNoInteractions(chatOps);
  }

  @Test
  void whileChatOpsIsOffEveryRequestIs404AndSaysNothing() throws Exception {
    current.set(null);
    for (String method : List.of("POST", "GET")) {
      ServletFakes.RecordedResponse actions = new ServletFakes.RecordedResponse();
      ServletFakes.RecordedResponse command = new ServletFakes.RecordedResponse();
      endpoint.doActions(ServletFakes.request(method, "/mattermost/actions", "application/json", CLICK.length, CLICK,
          Map.of()), actions.response);
      endpoint.doCommand(ServletFakes.request(method, "/mattermost/command", FORM, CLICK.length, CLICK, Map.of()),
          command.response);

      for (ServletFakes.RecordedResponse response : List.of(actions, command)) {
        assertThat(response.status).isEqualTo(404);
        assertThat(response.headers).isEmpty();
        assertThat(response.body.size()).isZero();
        verify(response.response, never()).getOutputStream();
      }
    }
  }

  @Test
  void aFailureInsideChatOpsIsAPlain500WithoutDetails() throws Exception {
    when(chatOps.handleAction(any(), any())).thenThrow(new IllegalStateException("secret detail"));
    ServletFakes.RecordedResponse response = new ServletFakes.RecordedResponse();

    endpoint.doActions(ServletFakes.post("/mattermost/actions", "application/json", CLICK), response.response);

    assertThat(response.status).isEqualTo(500);
    assertThat(response.body.toString(StandardCharsets.UTF_8)).doesNotContain("secret detail");
  }
}
