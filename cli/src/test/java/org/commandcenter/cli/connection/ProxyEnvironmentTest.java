package org.commandcenter.cli.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Map;
import okhttp3.HttpUrl;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.cli.console.Environment;
import org.commandcenter.cli.console.Secrets;
import org.commandcenter.mattermost.ProxySettings;
import org.junit.jupiter.api.Test;

class ProxyEnvironmentTest {
  private final Secrets secrets = new Secrets();

  private ProxySettings proxyFor(String target, Map<String, String> variables) {
    return ProxyEnvironment.forTarget(Environment.of(variables, InputStream.nullInputStream()), HttpUrl.get(target), secrets);
  }

  @Test
  void readsHttpsProxyForHttpsTargetsLikeCurl() {
    ProxySettings proxy = proxyFor("https://chat.factory.test", Map.of("https_proxy", "http://proxy.corp.test:3128"));

    assertThat(proxy.host()).isEqualTo("proxy.corp.test");
    assertThat(proxy.port()).isEqualTo(3128);
  }

  @Test
  void exemptsDomainsAndTheirSubdomainsListedInNoProxy() {
    Map<String, String> variables = Map.of("HTTPS_PROXY", "proxy.corp.test:3128", "NO_PROXY", "localhost, .internal.test,factory.test");

    assertThat(proxyFor("https://chat.factory.test", variables)).isNull();
    assertThat(proxyFor("https://mm.internal.test", variables)).isNull();
    assertThat(proxyFor("https://localhost:8443", variables)).isNull();
    assertThat(proxyFor("https://chat.elsewhere.test", variables)).isNotNull();
  }

  @Test
  void registersTheProxyPasswordAsASecret() {
    ProxySettings proxy = proxyFor("https://chat.factory.test", Map.of("HTTPS_PROXY", "http://ci%40corp:p%3Ass@proxy.corp.test:8080"));

    assertThat(proxy.username()).isEqualTo("ci@corp");
    assertThat(proxy.password()).isEqualTo("p:ss");
    assertThat(secrets.redact("password p:ss")).isEqualTo("password ****");
  }

  @Test
  void refusesAnHttpsProxyUrlByVariableName() {
    assertThatThrownBy(() -> proxyFor("https://chat.factory.test", Map.of("HTTPS_PROXY", "https://proxy.corp.test:3128")))
        .isInstanceOf(CliException.class).hasMessageStartingWith("HTTPS_PROXY: only http:// proxies");
  }
}
