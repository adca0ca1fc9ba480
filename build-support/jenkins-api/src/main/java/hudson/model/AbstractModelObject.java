// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/AbstractModelObject.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
// (The real class implements hudson.search.SearchableModelObject, a ModelObject; the search API is not mirrored.)
package hudson.model;

public abstract class AbstractModelObject implements ModelObject {
    /** Does nothing, as the real (implicit) constructor; plugin monitors can be created in unit tests. */
    public AbstractModelObject() {
    }

    public String getSearchName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
