// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/FilePath.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;

public final class FilePath {
    public FilePath(File localPath) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public FilePath(FilePath base, String rel) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public FilePath child(String relOrAbsolute) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getRemote() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean exists() throws IOException, InterruptedException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isDirectory() throws IOException, InterruptedException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public long length() throws IOException, InterruptedException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public InputStream read() throws IOException, InterruptedException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public FilePath[] list(String includes) throws IOException, InterruptedException { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
