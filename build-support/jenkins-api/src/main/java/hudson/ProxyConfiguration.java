// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/ProxyConfiguration.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import hudson.model.AbstractDescribableImpl;
import hudson.model.Saveable;
import hudson.util.Secret;
import java.io.IOException;
import java.io.Serializable;
import java.net.Proxy;
import java.util.List;
import java.util.regex.Pattern;

public final class ProxyConfiguration extends AbstractDescribableImpl<ProxyConfiguration> implements Saveable, Serializable {
    private static final long serialVersionUID = 1L;

    public final String name;

    public final int port;

    public ProxyConfiguration(String name, int port) {
        this.name = name;
        this.port = port;
    }

    public String getUserName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Secret getSecretPassword() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public int getPort() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public List<Pattern> getNoProxyHostPatterns() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getNoProxyHost() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static List<Pattern> getNoProxyHostPatterns(String noProxyHost) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Proxy createProxy(String host) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public void save() throws IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
