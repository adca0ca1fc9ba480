// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/User.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import java.util.Collection;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

public class User {
    private User() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getFullName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends UserProperty> T getProperty(Class<T> clazz) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Authentication impersonate2() throws UsernameNotFoundException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static User getById(String id, boolean create) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static Collection<User> getAll() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
