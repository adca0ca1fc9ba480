package org.commandcenter.realservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real headless Chromium (Debian package chromium; ./run-tests installs it) on a page that needs no network. */
class ChromiumTest {

  @Test
  void dumpsTheDomAndTakesAScreenshot(@TempDir Path dir) throws Exception {
    assertThat(Chromium.isInstalled()).as("headless Chromium at %s (apt-get install -y chromium)", Chromium.EXECUTABLE)
        .isTrue();
    Path page = Files.writeString(dir.resolve("page.html"),
        "<html><body><p id=\"x\">hi</p><script>document.getElementById('x').textContent = 'built';</script></body></html>");
    Chromium chromium = new Chromium(dir);

    assertThat(chromium.dom(page.toUri().toString())).contains("<p id=\"x\">built</p>");

    Path png = dir.resolve("shots/page.png");
    chromium.screenshot(page.toUri().toString(), png, 400, 300);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }
}
