package org.commandcenter.jenkins.mattermost;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A request as Stapler hands it to a web method, and a response that records what was written. */
final class ServletFakes {
  private ServletFakes() {
  }

  /** @param contentLength as announced ({@code -1}: none, e.g. chunked) */
  static HttpServletRequest request(String method, String pathInfo, String contentType, long contentLength,
      byte[] body, Map<String, String> headers) throws IOException {
    HttpServletRequest request = mock(HttpServletRequest.class);
    when(request.getMethod()).thenReturn(method);
    when(request.getPathInfo()).thenReturn(pathInfo);
    when(request.getContentType()).thenReturn(contentType);
    when(request.getContentLengthLong()).thenReturn(contentLength);
    when(request.getContentLength()).thenReturn((int) Math.min(Integer.MAX_VALUE, contentLength));
    when(request.getHeader(anyString())).thenAnswer(i -> headers.get(i.getArgument(0, String.class)));
    when(request.getInputStream()).thenReturn(input(body));
    return request;
  }

  static HttpServletRequest post(String pathInfo, String contentType, byte[] body) throws IOException {
    return request("POST", pathInfo, contentType, body.length, body, Map.of());
  }

  /** A body stream that counts what was read from it. */
  static CountingInput input(byte[] body) {
    return new CountingInput(body);
  }

  static final class CountingInput extends ServletInputStream {
    private final ByteArrayInputStream in;
    final AtomicInteger read = new AtomicInteger();

    CountingInput(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    @Override
    public int read() {
      int b = in.read();
      if (b >= 0) {
        read.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        read.addAndGet(n);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.available() == 0;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new UnsupportedOperationException();
    }
  }

  /** What a web method wrote: status, headers, content type and length, body bytes. */
  static final class RecordedResponse {
    final HttpServletResponse response = mock(HttpServletResponse.class);
    final Map<String, String> headers = new HashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = 200;
    String contentType;
    Integer contentLength;

    RecordedResponse() throws IOException {
      doAnswer(i -> status = i.getArgument(0)).when(response).setStatus(anyInt());
      doAnswer(i -> contentType = i.getArgument(0)).when(response).setContentType(anyString());
      doAnswer(i -> contentLength = i.getArgument(0)).when(response).setContentLength(anyInt());
      doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response).setHeader(anyString(), anyString());
      doAnswer(i -> headers.put(i.getArgument(0), i.getArgument(1))).when(response).addHeader(anyString(), anyString());
      when(response.getOutputStream()).thenReturn(new ServletOutputStream() {
        @Override
        public void write(int b) {
          body.write(b);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
          throw new UnsupportedOperationException();
        }
      });
    }
  }
}
