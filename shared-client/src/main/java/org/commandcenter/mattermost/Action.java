package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.commandcenter.mattermost.rules.PostActions;

/**
 * An interactive message action on an {@link Attachment}: a button (or a menu) that makes Mattermost POST to
 * {@link #integrationUrl()} with {@link #context()} when someone clicks it. Validated at {@link Builder#build()} as
 * the server validates it (server/public/model/integration_action.go PostAction.IsValid, whose texts the errors
 * repeat), plus the one rule the server does not check but its click route enforces: the id must be ASCII letters
 * and digits (server/channels/api4/integration_action.go, {@code {action_id:[A-Za-z0-9]+}}).
 *
 * <p>Mattermost never shows the integration to clients (Post.StripActionIntegrations), but it is stored with the
 * post and comes back with every click: the context is only as trustworthy as the integration makes it (sign it).
 */
public final class Action {
  /** PostActionTypeButton and PostActionTypeSelect. */
  public enum Type {
    BUTTON("button"),
    SELECT("select");

    private final String wireValue;

    Type(String wireValue) {
      this.wireValue = wireValue;
    }

    public String wireValue() {
      return wireValue;
    }
  }

  private final String id;
  private final Type type;
  private final String name;
  private final boolean disabled;
  private final String style;
  private final String dataSource;
  private final List<Option> options;
  private final String defaultOption;
  private final String integrationUrl;
  private final Map<String, Object> context;

  private Action(Builder builder) {
    this.id = builder.id;
    this.type = builder.type;
    this.name = builder.name;
    this.disabled = builder.disabled;
    this.style = builder.style;
    this.dataSource = builder.dataSource;
    this.options = List.copyOf(builder.options);
    this.defaultOption = builder.defaultOption;
    this.integrationUrl = builder.integrationUrl;
    this.context = Collections.unmodifiableMap(new LinkedHashMap<>(builder.context));
  }

  /** A button with the given id (letters and digits) and label. */
  public static Builder button(String id, String name) {
    return new Builder().type(Type.BUTTON).id(id).name(name);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Null when the server is to generate one (it does for an empty id). */
  public String id() {
    return id;
  }

  public Type type() {
    return type;
  }

  public String name() {
    return name;
  }

  public boolean disabled() {
    return disabled;
  }

  public String style() {
    return style;
  }

  public String dataSource() {
    return dataSource;
  }

  public List<Option> options() {
    return options;
  }

  public String defaultOption() {
    return defaultOption;
  }

  public String integrationUrl() {
    return integrationUrl;
  }

  /** JSON values only: strings, numbers, booleans, lists and maps of them. */
  public Map<String, Object> context() {
    return context;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Action)) {
      return false;
    }
    Action that = (Action) other;
    return disabled == that.disabled
        && Objects.equals(id, that.id)
        && type == that.type
        && Objects.equals(name, that.name)
        && Objects.equals(style, that.style)
        && Objects.equals(dataSource, that.dataSource)
        && options.equals(that.options)
        && Objects.equals(defaultOption, that.defaultOption)
        && Objects.equals(integrationUrl, that.integrationUrl)
        && context.equals(that.context);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, name, disabled, style, integrationUrl, context);
  }

  /** Leaves out the integration: its context may be a credential for whoever holds it. */
  @Override
  public String toString() {
    return "Action{id=" + id + ", type=" + (type == null ? null : type.wireValue()) + ", name=" + name + "}";
  }

  /** One entry of a select menu (PostActionOptions); both texts are required. */
  public static final class Option {
    private final String text;
    private final String value;

    private Option(String text, String value) {
      this.text = text;
      this.value = value;
    }

    public static Option of(String text, String value) {
      requireNonNull(text, "text == null");
      requireNonNull(value, "value == null");
      return new Option(text, value);
    }

    public String text() {
      return text;
    }

    public String value() {
      return value;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Option && ((Option) other).text.equals(text) && ((Option) other).value.equals(value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(text, value);
    }

    @Override
    public String toString() {
      return "Option{" + text + "}";
    }
  }

  public static final class Builder {
    private String id;
    private Type type = Type.BUTTON;
    private String name;
    private boolean disabled;
    private String style;
    private String dataSource;
    private final List<Option> options = new ArrayList<>();
    private String defaultOption;
    private String integrationUrl;
    private final Map<String, Object> context = new LinkedHashMap<>();

    Builder() {}

    Builder(Action action) {
      this.id = action.id;
      this.type = action.type;
      this.name = action.name;
      this.disabled = action.disabled;
      this.style = action.style;
      this.dataSource = action.dataSource;
      this.options.addAll(action.options);
      this.defaultOption = action.defaultOption;
      this.integrationUrl = action.integrationUrl;
      this.context.putAll(action.context);
    }

    /** ASCII letters and digits; null lets the server generate one. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder type(Type type) {
      this.type = requireNonNull(type, "type == null");
      return this;
    }

    /** The button's label. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    /** {@code default, primary, success, good, warning, danger} or {@code #RRGGBB}. */
    public Builder style(String style) {
      this.style = style;
      return this;
    }

    /** For a select: {@code users} or {@code channels}. */
    public Builder dataSource(String dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    public Builder addOption(Option option) {
      this.options.add(requireNonNull(option, "option == null"));
      return this;
    }

    public Builder defaultOption(String defaultOption) {
      this.defaultOption = defaultOption;
      return this;
    }

    /** Where Mattermost POSTs the click: an absolute http(s) URL or a {@code /plugins/…} path. */
    public Builder integrationUrl(String integrationUrl) {
      this.integrationUrl = integrationUrl;
      return this;
    }

    /** Replaces the context sent back with every click. */
    public Builder context(Map<String, ?> context) {
      requireNonNull(context, "context == null");
      this.context.clear();
      context.forEach(this::contextValue);
      return this;
    }

    public Builder contextValue(String key, Object value) {
      requireNonNull(key, "key == null");
      this.context.put(key, value);
      return this;
    }

    /** @throws IllegalArgumentException naming the field, with the server's own text where it has one */
    public Action build() {
      if (id != null && !id.isEmpty() && !PostActions.isClickableId(id)) {
        throw Checks.invalid("id", "must be ASCII letters and digits only: Mattermost routes clicks to "
            + "/actions/{action_id:[A-Za-z0-9]+} and never reaches any other id");
      }
      if (name == null || name.isEmpty()) {
        throw Checks.invalid("name", "action must have a name");
      }
      if (style != null && !style.isEmpty() && !PostActions.isValidStyle(style)) {
        throw Checks.invalid("style", "invalid style '" + style
            + "' - must be one of [default, primary, success, good, warning, danger] or a hex color");
      }
      boolean hasDataSource = dataSource != null && !dataSource.isEmpty();
      if (type == Type.BUTTON) {
        if (!options.isEmpty()) {
          throw Checks.invalid("options", "button action must not have options");
        }
        if (hasDataSource) {
          throw Checks.invalid("dataSource", "button action must not have a data source");
        }
      } else if (hasDataSource) {
        if (!PostActions.DATA_SOURCES.contains(dataSource)) {
          throw Checks.invalid("dataSource", "invalid data_source '" + dataSource + "' for select action");
        }
        if (!options.isEmpty()) {
          throw Checks.invalid("options", "select action cannot have both DataSource and Options set");
        }
      } else if (options.isEmpty()) {
        throw Checks.invalid("options", "select action must have either DataSource or Options set");
      } else {
        for (int i = 0; i < options.size(); i++) {
          if (options.get(i).text().isEmpty()) {
            throw Checks.invalid("options[" + i + "].text", "text is required");
          }
          if (options.get(i).value().isEmpty()) {
            throw Checks.invalid("options[" + i + "].value", "value is required");
          }
        }
      }
      if (integrationUrl == null || integrationUrl.isEmpty()) {
        throw Checks.invalid("integrationUrl", "action must have an integration URL");
      }
      if (!PostActions.isValidIntegrationUrl(integrationUrl)) {
        throw Checks.invalid("integrationUrl", "action must have an valid integration URL (an absolute http(s) "
            + "URL or a /plugins/ path)");
      }
      for (Map.Entry<String, Object> entry : context.entrySet()) {
        requireJsonValue("context." + entry.getKey(), entry.getValue());
      }
      return new Action(this);
    }

    private static void requireJsonValue(String field, Object value) {
      if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
        return;
      }
      if (value instanceof List) {
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
          requireJsonValue(field + "[" + i + "]", list.get(i));
        }
        return;
      }
      if (value instanceof Map) {
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          if (!(entry.getKey() instanceof String)) {
            throw Checks.invalid(field, "map keys must be strings");
          }
          requireJsonValue(field + "." + entry.getKey(), entry.getValue());
        }
        return;
      }
      throw Checks.invalid(field, "must be a JSON value (string, number, boolean, list or map), not "
          + value.getClass().getSimpleName());
    }
  }
}
