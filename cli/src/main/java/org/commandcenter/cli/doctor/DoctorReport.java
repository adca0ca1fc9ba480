package org.commandcenter.cli.doctor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** All check results of one doctor run, rendered for people (✔/✘ with fixes) or machines (JSON). */
public final class DoctorReport {
  private static final Gson JSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private final String target;
  private final List<CheckResult> results = new ArrayList<>();

  public DoctorReport(String target) {
    this.target = target;
  }

  public CheckResult add(CheckResult result) {
    results.add(result);
    return result;
  }

  public List<CheckResult> results() {
    return List.copyOf(results);
  }

  public boolean allPassed() {
    return results.stream().noneMatch(result -> result.status() == CheckStatus.FAIL);
  }

  public long count(CheckStatus status) {
    return results.stream().filter(result -> result.status() == status).count();
  }

  public void printText(PrintWriter out, boolean ascii) {
    out.println("command-center doctor" + (target == null ? "" : " — " + target));
    out.println();
    int width = 0;
    for (CheckResult result : results) {
      width = Math.max(width, result.title().length());
    }
    for (CheckResult result : results) {
      String symbol = ascii ? asciiSymbol(result.status()) : result.status().symbol();
      StringBuilder line = new StringBuilder("  ").append(symbol).append(' ')
          .append(String.format("%-" + width + "s", result.title()));
      if (!result.detail().isEmpty()) {
        line.append("  ").append(result.detail());
      }
      out.println(line);
      if (!result.fix().isEmpty()) {
        out.println("      " + " ".repeat(symbol.length() - 1) + "fix: " + result.fix());
      }
    }
    out.println();
    out.println(summary(ascii));
    out.flush();
  }

  public void printJson(PrintWriter out) {
    JsonObject root = new JsonObject();
    root.addProperty("target", target);
    root.addProperty("ok", allPassed());
    JsonArray checks = new JsonArray();
    for (CheckResult result : results) {
      JsonObject check = new JsonObject();
      check.addProperty("id", result.id());
      check.addProperty("title", result.title());
      check.addProperty("status", result.status().jsonName());
      check.addProperty("detail", result.detail());
      check.addProperty("fix", result.fix());
      if (!result.facts().isEmpty()) {
        check.add("facts", JSON.toJsonTree(result.facts()));
      }
      checks.add(check);
    }
    root.add("checks", checks);
    JsonObject summary = new JsonObject();
    for (CheckStatus status : CheckStatus.values()) {
      summary.addProperty(status.jsonName(), count(status));
    }
    root.add("summary", summary);
    out.println(JSON.toJson(root));
    out.flush();
  }

  String summary(boolean ascii) {
    return results.size() + " checks: " + count(CheckStatus.PASS) + " passed, " + count(CheckStatus.WARN)
        + " warnings, " + count(CheckStatus.FAIL) + " failed, " + count(CheckStatus.SKIP) + " skipped"
        + (allPassed() ? " — all good" : " — fix the " + (ascii ? "[FAIL]" : "✘") + " lines above, then run doctor again");
  }

  private static String asciiSymbol(CheckStatus status) {
    switch (status) {
      case PASS:
        return "[ok]";
      case WARN:
        return "[warn]";
      case FAIL:
        return "[FAIL]";
      default:
        return "[skip]";
    }
  }
}
