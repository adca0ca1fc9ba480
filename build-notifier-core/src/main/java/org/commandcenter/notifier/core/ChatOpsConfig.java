package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.commandcenter.mattermost.rules.MattermostIds;

/** How ChatOps behaves; the adapter maps its global configuration here. Immutable. */
public final class ChatOpsConfig {
  public static final int DEFAULT_LOG_TAIL_LINES = 40;
  public static final int MAX_LOG_TAIL_LINES = 500;
  /** Mattermost gives a slash command 3 s in its UI before it shows "…"; answer before, report later. */
  public static final Duration DEFAULT_ANSWER_WITHIN = Duration.ofMillis(2500);
  /** Under Mattermost's OutgoingIntegrationRequestsTimeout (30 s default, server/public/model/config.go). */
  public static final Duration DEFAULT_ACTION_DEADLINE = Duration.ofSeconds(20);

  private final String trigger;
  private final String commandToken;
  private final Set<String> allowedTeamIds;
  private final int rateLimitRequests;
  private final Duration rateLimitPeriod;
  private final int logTailLines;
  private final UnaryOperator<String> logRedactor;
  private final Duration answerWithin;
  private final Duration actionDeadline;
  private final Duration userCacheTtl;
  private final int overviewLimit;

  private ChatOpsConfig(Builder builder) {
    this.trigger = builder.trigger;
    this.commandToken = builder.commandToken;
    this.allowedTeamIds = Set.copyOf(builder.allowedTeamIds);
    this.rateLimitRequests = builder.rateLimitRequests;
    this.rateLimitPeriod = builder.rateLimitPeriod;
    this.logTailLines = builder.logTailLines;
    this.logRedactor = builder.logRedactor;
    this.answerWithin = builder.answerWithin;
    this.actionDeadline = builder.actionDeadline;
    this.userCacheTtl = builder.userCacheTtl;
    this.overviewLimit = builder.overviewLimit;
  }

  public static ChatOpsConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The slash command's trigger, without the slash ({@code jenkins}). */
  public String trigger() {
    return trigger;
  }

  /** The slash command's token, or null when {@code /jenkins} is not set up (every command is then refused). */
  public String commandToken() {
    return commandToken;
  }

  /** Teams whose {@code /jenkins} is accepted; empty means any team. */
  public Set<String> allowedTeamIds() {
    return allowedTeamIds;
  }

  public int rateLimitRequests() {
    return rateLimitRequests;
  }

  public Duration rateLimitPeriod() {
    return rateLimitPeriod;
  }

  public int logTailLines() {
    return logTailLines;
  }

  /** Applied to every log line before anyone sees it, after the port's own masking. */
  public UnaryOperator<String> logRedactor() {
    return logRedactor;
  }

  public Duration answerWithin() {
    return answerWithin;
  }

  public Duration actionDeadline() {
    return actionDeadline;
  }

  public Duration userCacheTtl() {
    return userCacheTtl;
  }

  public int overviewLimit() {
    return overviewLimit;
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "ChatOpsConfig{trigger=/" + trigger + ", token=" + (commandToken == null ? "unset" : "set")
        + ", teams=" + (allowedTeamIds.isEmpty() ? "any" : allowedTeamIds) + ", rateLimit=" + rateLimitRequests
        + "/" + rateLimitPeriod + "}";
  }

  public static final class Builder {
    private String trigger = "jenkins";
    private String commandToken;
    private Set<String> allowedTeamIds = new LinkedHashSet<>();
    private int rateLimitRequests = 20;
    private Duration rateLimitPeriod = Duration.ofMinutes(1);
    private int logTailLines = DEFAULT_LOG_TAIL_LINES;
    private UnaryOperator<String> logRedactor = UnaryOperator.identity();
    private Duration answerWithin = DEFAULT_ANSWER_WITHIN;
    private Duration actionDeadline = DEFAULT_ACTION_DEADLINE;
    private Duration userCacheTtl = Duration.ofMinutes(1);
    private int overviewLimit = 10;

    Builder() {}

    Builder(ChatOpsConfig config) {
      this.trigger = config.trigger;
      this.commandToken = config.commandToken;
      this.allowedTeamIds = new LinkedHashSet<>(config.allowedTeamIds);
      this.rateLimitRequests = config.rateLimitRequests;
      this.rateLimitPeriod = config.rateLimitPeriod;
      this.logTailLines = config.logTailLines;
      this.logRedactor = config.logRedactor;
      this.answerWithin = config.answerWithin;
      this.actionDeadline = config.actionDeadline;
      this.userCacheTtl = config.userCacheTtl;
      this.overviewLimit = config.overviewLimit;
    }

    public Builder trigger(String trigger) {
      this.trigger = trigger;
      return this;
    }

    /** The token Mattermost generated for the slash command (a Secret Text credential in Jenkins). */
    public Builder commandToken(String commandToken) {
      this.commandToken = Checks.emptyToNull(commandToken);
      return this;
    }

    public Builder allowedTeamIds(Set<String> allowedTeamIds) {
      this.allowedTeamIds = new LinkedHashSet<>(requireNonNull(allowedTeamIds, "allowedTeamIds == null"));
      return this;
    }

    /** At most {@code requests} per user per {@code period}. */
    public Builder rateLimit(int requests, Duration period) {
      this.rateLimitRequests = requests;
      this.rateLimitPeriod = requireNonNull(period, "period == null");
      return this;
    }

    public Builder logTailLines(int logTailLines) {
      this.logTailLines = logTailLines;
      return this;
    }

    public Builder logRedactor(UnaryOperator<String> logRedactor) {
      this.logRedactor = requireNonNull(logRedactor, "logRedactor == null");
      return this;
    }

    public Builder answerWithin(Duration answerWithin) {
      this.answerWithin = requireNonNull(answerWithin, "answerWithin == null");
      return this;
    }

    public Builder actionDeadline(Duration actionDeadline) {
      this.actionDeadline = requireNonNull(actionDeadline, "actionDeadline == null");
      return this;
    }

    public Builder userCacheTtl(Duration userCacheTtl) {
      this.userCacheTtl = requireNonNull(userCacheTtl, "userCacheTtl == null");
      return this;
    }

    public Builder overviewLimit(int overviewLimit) {
      this.overviewLimit = overviewLimit;
      return this;
    }

    /** @throws IllegalArgumentException naming the field */
    public ChatOpsConfig build() {
      Checks.requireNotBlank("trigger", trigger);
      trigger = trigger.strip();
      if (trigger.startsWith("/")) {
        trigger = trigger.substring(1);
      }
      if (trigger.isEmpty() || trigger.length() > 128 || trigger.chars().anyMatch(Character::isWhitespace)) {
        // server/public/model/command.go IsValid: 1..128 characters, no slash, no spaces.
        throw Checks.invalid("trigger", "must be 1 to 128 characters without spaces, e.g. jenkins");
      }
      int index = 0;
      for (String team : allowedTeamIds) {
        MattermostIds.require("allowedTeamIds[" + index++ + "]", team);
      }
      if (rateLimitRequests < 1) {
        throw Checks.invalid("rateLimit", "must allow at least 1 request");
      }
      if (rateLimitPeriod.isNegative() || rateLimitPeriod.isZero()) {
        throw Checks.invalid("rateLimit", "period must be positive");
      }
      if (logTailLines < 1 || logTailLines > MAX_LOG_TAIL_LINES) {
        throw Checks.invalid("logTailLines", "must be between 1 and " + MAX_LOG_TAIL_LINES);
      }
      for (String name : new String[] {"answerWithin", "actionDeadline", "userCacheTtl"}) {
        Duration value = name.equals("answerWithin") ? answerWithin
            : name.equals("actionDeadline") ? actionDeadline : userCacheTtl;
        if (value.isNegative() || (value.isZero() && !name.equals("userCacheTtl"))) {
          throw Checks.invalid(name, "must be positive");
        }
      }
      if (actionDeadline.compareTo(Duration.ofSeconds(29)) > 0) {
        throw Checks.invalid("actionDeadline", "must stay under Mattermost's 30 s request timeout");
      }
      if (overviewLimit < 1 || overviewLimit > 50) {
        throw Checks.invalid("overviewLimit", "must be between 1 and 50");
      }
      return new ChatOpsConfig(this);
    }
  }
}
