package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextSplitterTest {
  private static int runes(String s) {
    return s.codePointCount(0, s.length());
  }

  @Test
  void shortTextIsOnePiece() {
    assertThat(TextSplitter.split("hello", 16383)).containsExactly("hello");
    String exactly = "é".repeat(16383);
    assertThat(TextSplitter.split(exactly, 16383)).containsExactly(exactly);
  }

  @Test
  void limitCountsCodePointsNotUtf16Units() {
    String emoji = "\uD83D\uDE00".repeat(16383); // 16383 runes, 32766 chars
    assertThat(TextSplitter.split(emoji, 16383)).hasSize(1);
  }

  @Test
  void splitsOnLineBoundaries() {
    String text = "aaaa\nbbbb\ncccc\ndddd\n";
    List<String> pieces = TextSplitter.split(text, 16);
    assertThat(pieces).containsExactly("aaaa\nbbbb\ncccc", "dddd");
  }

  @Test
  void neverSplitsASurrogatePairOrGrapheme() {
    String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // one grapheme, 5 code points
    String line = ("x" + family).repeat(40);
    for (String piece : TextSplitter.split(line, 37)) {
      assertThat(runes(piece)).isLessThanOrEqualTo(37);
      assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
      assertThat(piece.endsWith("\u200D")).isFalse();
      assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
    }
    assertThat(String.join("", TextSplitter.split(line, 37))).isEqualTo(line);
  }

  /** One huge line (a minified log, a stack trace on one line) is cut piece by piece, losing nothing. */
  @Test
  void cutsOneHugeLineIntoFullPiecesAndLosesNothing() {
    StringBuilder line = new StringBuilder();
    for (int i = 0; line.length() < 2_000_000; i++) {
      line.append("token").append(i).append(i % 7 == 0 ? ' ' : ',');
    }
    String text = line.toString();

    List<String> pieces = TextSplitter.split(text, TextSplitter.MAX_POST_RUNES);

    assertThat(pieces).allSatisfy(p -> assertThat(p.codePointCount(0, p.length())).isLessThanOrEqualTo(
        TextSplitter.MAX_POST_RUNES));
    assertThat(String.join("", pieces)).isEqualTo(text.stripTrailing());
    assertThat(pieces).hasSizeLessThan(text.length() / (TextSplitter.MAX_POST_RUNES * 4 / 5) + 2);
  }

  @Test
  void prefersSpacesWhenCuttingALongLine() {
    String line = "word ".repeat(30).trim();
    for (String piece : TextSplitter.split(line, 32)) {
      assertThat(runes(piece)).isLessThanOrEqualTo(32);
      assertThat(piece).doesNotStartWith("ord");
    }
  }

  @Test
  void keepsAFenceThatFitsInOnePieceWhole() {
    String text = "intro line\nmore intro\n```java\nint a;\nint b;\n```\nafter\n";
    List<String> pieces = TextSplitter.split(text, 40);
    assertThat(pieces).allSatisfy(p -> assertThat(runes(p)).isLessThanOrEqualTo(40));
    assertThat(pieces).anySatisfy(p -> assertThat(p).contains("```java\nint a;\nint b;\n```"));
  }

  @Test
  void closesAndReopensAFenceLongerThanAPiece() {
    StringBuilder text = new StringBuilder("Console:\n```text\n");
    for (int i = 0; i < 30; i++) {
      text.append("log line ").append(i).append('\n');
    }
    text.append("```\nDone.");
    List<String> pieces = TextSplitter.split(text.toString(), 60);
    assertThat(pieces.size()).isGreaterThan(2);
    for (String piece : pieces) {
      assertThat(runes(piece)).isLessThanOrEqualTo(60);
      long fences = piece.lines().filter(l -> l.startsWith("```")).count();
      assertThat(fences % 2).as("balanced fences in:\n" + piece).isZero();
    }
    assertThat(pieces.get(1)).startsWith("```text\n");
    assertThat(pieces.get(pieces.size() - 1)).endsWith("Done.");
  }

  @Test
  void tildeFencesAndLongerClosingFencesAreRecognised() {
    String text = "~~~~\n" + "x\n".repeat(30) + "~~~~~\nend";
    for (String piece : TextSplitter.split(text, 20)) {
      long fences = piece.lines().filter(l -> l.startsWith("~~~~")).count();
      assertThat(fences % 2).isZero();
    }
  }

  /** Random texts of mixed scripts, emoji, combining marks, long lines and fences; a fixed seed keeps it repeatable. */
  @Test
  void randomTextsKeepEveryInvariant() {
    String[] atoms = {"a", "word ", "é", "e\u0301", "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD",
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\u4E2D", "\n", "\n", "\n```\n", "\n~~~~\n", "@", "#"};
    Random random = new Random(20261129L);
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      int length = 20 + random.nextInt(400);
      for (int i = 0; i < length; i++) {
        text.append(atoms[random.nextInt(atoms.length)]);
      }
      int max = 16 + random.nextInt(60);
      String original = text.toString();
      List<String> pieces = TextSplitter.split(original, max);
      StringBuilder joined = new StringBuilder();
      for (String piece : pieces) {
        assertThat(runes(piece)).as("round %d, max %d: %s", round, max, piece).isLessThanOrEqualTo(max);
        assertThat(piece).isNotBlank();
        assertThat(Character.isLowSurrogate(piece.charAt(0))).isFalse();
        assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
        assertThat(piece.charAt(0)).as("a piece never starts inside a grapheme").isNotIn('\u0301', '\u200D');
        joined.append(piece).append('\n');
      }
      // Nothing is lost: apart from line breaks and repaired fence lines, every character survives in order.
      String fenceLines = "(?m)^(```|~~~~)$";
      assertThat(joined.toString().replaceAll(fenceLines, "").replaceAll("\\s", ""))
          .as("round %d, max %d", round, max)
          .isEqualTo(original.replaceAll(fenceLines, "").replaceAll("\\s", ""));
    }
  }
}
