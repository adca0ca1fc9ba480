// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/security/Permission.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.security;

public final class Permission {
    public final String name;

    private final String id;

    /** Only for {@link #fromId}: a token standing for a permission, so that permission constants are distinct in unit tests. */
    private Permission(String id) {
        this.id = id;
        this.name = id.substring(id.lastIndexOf('.') + 1);
    }

    public String getId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    /** Returns a token carrying the id (the real method looks the permission up in Jenkins). */
    public static Permission fromId(String id) {
        return new Permission(id);
    }
}
