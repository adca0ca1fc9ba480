// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/security/csrf/CrumbExclusion.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.security.csrf;

import hudson.ExtensionPoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

public abstract class CrumbExclusion implements ExtensionPoint {
    /** The plugin's exclusion subclasses it; the implicit constructor does nothing, so it can be created in tests. */
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
