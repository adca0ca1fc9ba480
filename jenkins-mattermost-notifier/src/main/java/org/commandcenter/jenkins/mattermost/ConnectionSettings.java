package org.commandcenter.jenkins.mattermost;

import java.time.Duration;
import java.util.Objects;
import org.commandcenter.notifier.core.StepPolicy;

/**
 * How to reach Mattermost, as configured globally (and partly overridden per job or step). Jenkins-free and
 * immutable; holds no secret: the token or webhook URL is resolved from Jenkins credentials at send time.
 */
final class ConnectionSettings {
  static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
  static final int DEFAULT_READ_TIMEOUT_SECONDS = 30;
  static final int DEFAULT_DEADLINE_SECONDS = 30;

  private final String siteUrl;
  private final String credentialsId;
  private final String team;
  private final String channel;
  private final String warRoomChannel;
  private final String username;
  private final String iconUrl;
  private final String caCertificate;
  private final boolean useProxy;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration deadline;
  private final StepPolicy stepPolicy;
  private final boolean culpritsByEmail;

  private ConnectionSettings(Builder b) {
    this.siteUrl = blankToNull(b.siteUrl);
    this.credentialsId = blankToNull(b.credentialsId);
    this.team = blankToNull(b.team);
    this.channel = blankToNull(b.channel);
    this.warRoomChannel = blankToNull(b.warRoomChannel);
    this.username = blankToNull(b.username);
    this.iconUrl = blankToNull(b.iconUrl);
    this.caCertificate = blankToNull(b.caCertificate);
    this.useProxy = b.useProxy;
    this.connectTimeout = positive("connectTimeout", b.connectTimeout);
    this.readTimeout = positive("readTimeout", b.readTimeout);
    this.deadline = positive("deadline", b.deadline);
    this.stepPolicy = b.stepPolicy;
    this.culpritsByEmail = b.culpritsByEmail;
  }

  static Builder builder() {
    return new Builder();
  }

  Builder newBuilder() {
    Builder b = new Builder();
    b.siteUrl = siteUrl;
    b.credentialsId = credentialsId;
    b.team = team;
    b.channel = channel;
    b.warRoomChannel = warRoomChannel;
    b.username = username;
    b.iconUrl = iconUrl;
    b.caCertificate = caCertificate;
    b.useProxy = useProxy;
    b.connectTimeout = connectTimeout;
    b.readTimeout = readTimeout;
    b.deadline = deadline;
    b.stepPolicy = stepPolicy;
    b.culpritsByEmail = culpritsByEmail;
    return b;
  }

  /** Base URL of the Mattermost site (REST API), without trailing slash; null if only a webhook is used. */
  String siteUrl() {
    return siteUrl;
  }

  String credentialsId() {
    return credentialsId;
  }

  String team() {
    return team;
  }

  String channel() {
    return channel;
  }

  String warRoomChannel() {
    return warRoomChannel;
  }

  String username() {
    return username;
  }

  String iconUrl() {
    return iconUrl;
  }

  String caCertificate() {
    return caCertificate;
  }

  boolean useProxy() {
    return useProxy;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  Duration readTimeout() {
    return readTimeout;
  }

  Duration deadline() {
    return deadline;
  }

  /** What Pipeline steps may do (the safe defaults unless an administrator changed them). */
  StepPolicy stepPolicy() {
    return stepPolicy;
  }

  /** Whether committers without a Mattermost username in their Jenkins profile are looked up by commit e-mail. */
  boolean culpritsByEmail() {
    return culpritsByEmail;
  }

  private static String blankToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  private static Duration positive(String field, Duration d) {
    Objects.requireNonNull(d, field + " == null");
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": must be positive");
    }
    return d;
  }

  static final class Builder {
    private String siteUrl;
    private String credentialsId;
    private String team;
    private String channel;
    private String warRoomChannel;
    private String username;
    private String iconUrl;
    private String caCertificate;
    private boolean useProxy = true;
    private Duration connectTimeout = Duration.ofSeconds(DEFAULT_CONNECT_TIMEOUT_SECONDS);
    private Duration readTimeout = Duration.ofSeconds(DEFAULT_READ_TIMEOUT_SECONDS);
    private Duration deadline = Duration.ofSeconds(DEFAULT_DEADLINE_SECONDS);
    private StepPolicy stepPolicy = StepPolicy.defaults();
    private boolean culpritsByEmail;

    private Builder() {
    }

    Builder culpritsByEmail(boolean culpritsByEmail) {
      this.culpritsByEmail = culpritsByEmail;
      return this;
    }

    Builder stepPolicy(StepPolicy stepPolicy) {
      this.stepPolicy = Objects.requireNonNull(stepPolicy, "stepPolicy == null");
      return this;
    }

    Builder siteUrl(String siteUrl) {
      this.siteUrl = siteUrl == null ? null : siteUrl.trim().replaceAll("/+$", "");
      return this;
    }

    Builder credentialsId(String credentialsId) {
      this.credentialsId = credentialsId;
      return this;
    }

    Builder team(String team) {
      this.team = team;
      return this;
    }

    Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    Builder warRoomChannel(String warRoomChannel) {
      this.warRoomChannel = warRoomChannel;
      return this;
    }

    Builder username(String username) {
      this.username = username;
      return this;
    }

    Builder iconUrl(String iconUrl) {
      this.iconUrl = iconUrl;
      return this;
    }

    Builder caCertificate(String caCertificate) {
      this.caCertificate = caCertificate;
      return this;
    }

    Builder useProxy(boolean useProxy) {
      this.useProxy = useProxy;
      return this;
    }

    Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    Builder readTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
      return this;
    }

    Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    ConnectionSettings build() {
      return new ConnectionSettings(this);
    }
  }
}
