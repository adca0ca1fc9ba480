// Mirrors jenkinsci/stapler at 1903.1905.ve5a_f469356f0: core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java
// Compile-only: the Stapler of Jenkins 2.479.3; the real interface has many more members, only what the plugin calls
// is declared. Stapler 1.263, which the rest of the build compiles against, predates it.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

public interface StaplerRequest2 extends HttpServletRequest {
    void bindJSON(Object bean, JSONObject src);
}
