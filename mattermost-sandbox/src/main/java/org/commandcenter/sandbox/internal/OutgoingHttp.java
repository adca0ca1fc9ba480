package org.commandcenter.sandbox.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The server's requests to integrations (button actions, slash commands), made like HTTPService.MakeClient(false)
 * (server/platform/services/httpservice/httpservice.go, client.go): a host listed in
 * ServiceSettings.AllowedUntrustedInternalConnections is dialled as is; otherwise every address the name resolves to
 * must be neither reserved (loopback, private, link-local, …) nor one of this host's own, unless a CIDR of that
 * setting covers it; if none may be dialled the request fails with the server's AddressForbidden error. Errors read as
 * Go's http.Client writes them ({@code Post "URL": …}).
 */
final class OutgoingHttp {
  /** httpservice.AddressForbidden. */
  static final String ADDRESS_FORBIDDEN = "address forbidden, you may need to set AllowedUntrustedInternalConnections "
      + "to allow an integration access to your internal network";
  /** httpservice.defaultUserAgent. */
  static final String USER_AGENT = "Mattermost-Bot/1.1";
  /** app/webhook.go MaxIntegrationResponseSize = 1024 * 1024. */
  static final int MAX_RESPONSE_BYTES = 1024 * 1024;
  /** httpservice.ConnectTimeout. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  /** httpservice/client.go reservedIPRanges (RFC 6890). */
  private static final List<String> RESERVED = List.of("0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16",
      "172.16.0.0/12", "192.168.0.0/16", "::/128", "::1/128", "fc00::/7", "fe80::/10");

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();

  record Answer(int status, String contentType, byte[] body) {
    /** Go's resp.Status: the code and its standard text, e.g. {@code 404 Not Found}. */
    String statusLine() {
      return status + " " + reason(status);
    }
  }

  /** @throws IOException whose message is Go's error text for the failed request */
  Answer send(String method, URI url, Map<String, String> headers, byte[] body, Duration timeout,
      String allowedUntrustedInternalConnections) throws IOException {
    String goMethod = method.charAt(0) + method.substring(1).toLowerCase(java.util.Locale.ROOT);
    String prefix = goMethod + " \"" + url + "\": ";
    checkAddress(url.getHost(), allowedUntrustedInternalConnections, prefix);
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("User-Agent", USER_AGENT);
    headers.forEach(request::header);
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpConnectTimeoutException e) {
      throw new IOException(prefix + "dial tcp " + url.getHost() + ": i/o timeout", e);
    } catch (HttpTimeoutException e) {
      throw new IOException(prefix + "context deadline exceeded", e);
    } catch (java.net.ConnectException e) {
      throw new IOException(prefix + "dial tcp " + url.getHost() + ":" + port(url) + ": connect: connection refused", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(prefix + "context canceled", e);
    }
    try (InputStream in = response.body()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while (out.size() < MAX_RESPONSE_BYTES && (n = in.read(buffer, 0, Math.min(buffer.length,
          MAX_RESPONSE_BYTES - out.size()))) != -1) {
        out.write(buffer, 0, n);
      }
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          out.toByteArray());
    }
  }

  private static int port(URI url) {
    return url.getPort() != -1 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
  }

  /** dialContextFilter with MakeTransport's allowHost and allowIP. */
  private static void checkAddress(String host, String allowed, String prefix) throws IOException {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    List<String> entries = fields(allowed);
    if (entries.contains(bare)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare);
    } catch (UnknownHostException e) {
      throw new IOException(prefix + "dial tcp: lookup " + bare + ": no such host", e);
    }
    for (InetAddress address : addresses) {
      if (!isReserved(address) && !isOwn(address)) {
        return;
      }
      for (String entry : entries) {
        if (entry.contains("/") && inCidr(address, entry)) {
          return;
        }
      }
    }
    throw new IOException(prefix + ADDRESS_FORBIDDEN);
  }

  /** strings.FieldsFunc with splitFields: whitespace or commas. */
  static List<String> fields(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.strip().split("[\\s,]+"));
  }

  static boolean isReserved(InetAddress address) {
    for (String range : RESERVED) {
      if (inCidr(address, range)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOwn(InetAddress address) {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress own : Collections.list(nic.getInetAddresses())) {
          if (own.equals(address)) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException e) {
      return true; // The server defaults to the secure answer when it cannot list its addresses.
    }
  }

  /** net.IPNet.Contains; a malformed CIDR contains nothing (net.ParseCIDR fails). */
  static boolean inCidr(InetAddress address, String cidr) {
    int slash = cidr.indexOf('/');
    try {
      InetAddress network = InetAddress.getByName(cidr.substring(0, slash));
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      byte[] a = address.getAddress();
      byte[] n = network.getAddress();
      if (a.length != n.length || bits < 0 || bits > n.length * 8) {
        return false;
      }
      BigInteger mask = BigInteger.ONE.shiftLeft(n.length * 8).subtract(BigInteger.ONE)
          .xor(BigInteger.ONE.shiftLeft(n.length * 8 - bits).subtract(BigInteger.ONE));
      return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Go's http.StatusText for the statuses integrations answer with. */
  static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 201: return "Created";
      case 202: return "Accepted";
      case 204: return "No Content";
      case 301: return "Moved Permanently";
      case 302: return "Found";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 413: return "Request Entity Too Large";
      case 415: return "Unsupported Media Type";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return "status code " + status;
    }
  }
}
