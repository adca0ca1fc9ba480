// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Result.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public final class Result {
    public static final Result SUCCESS = new Result("SUCCESS", 0, true);
    public static final Result UNSTABLE = new Result("UNSTABLE", 1, true);
    public static final Result FAILURE = new Result("FAILURE", 2, true);
    public static final Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    public static final Result ABORTED = new Result("ABORTED", 4, false);

    private final String name;
    public final int ordinal;
    public final boolean completeBuild;

    /** Sets the fields as the real constant does, so that unit tests can tell the constants apart. */
    private Result(String name, int ordinal, boolean complete) {
        this.name = name;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    public Result combine(Result that) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static Result combine(Result r1, Result r2) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isWorseThan(Result that) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isWorseOrEqualTo(Result that) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isBetterThan(Result that) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isBetterOrEqualTo(Result that) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isCompleteBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String toString() {
        return name;
    }

    public static Result fromString(String s) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
