package org.commandcenter.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import org.commandcenter.cli.connection.MattermostOptions;
import org.commandcenter.cli.connection.ProxyEnvironment;
import org.commandcenter.cli.console.CliContext;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.cli.console.DurationConverter;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.cli.console.Failures;
import org.commandcenter.cli.console.Secrets;
import org.commandcenter.cli.console.VersionProvider;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.FileContent;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.Priority;
import org.commandcenter.mattermost.ProxySettings;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.MattermostIds;
import org.commandcenter.mattermost.text.SafeText;
import org.commandcenter.mattermost.tls.CaTrust;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code command-center send}: posts one alert over an incoming webhook or the REST API and prints its id. */
@Command(name = "send", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
    versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Post an alert to Mattermost from any shell or CI job, over an incoming webhook or the REST API (bot token).",
        "Prints the post id (REST) on success. Failed deliveries are retried with backoff until --deadline."},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  delivered",
        "  1  delivery failed after the retries (network, server error, rate limit)",
        "  2  usage error or invalid message (the message names the option or field)",
        "  3  token or webhook rejected, or permission denied (HTTP 401/403)",
        "  4  team, channel, thread or webhook not found (HTTP 404)",
        "  5  TLS failed (untrusted certificate, name mismatch, expired): run `command-center doctor`",
        "",
        "Secrets: prefer MATTERMOST_WEBHOOK_URL or MATTERMOST_TOKEN / --token-file to flags; they are never printed."})
public final class SendCommand implements Callable<Integer> {
  static final String WEBHOOK_ENV = "MATTERMOST_WEBHOOK_URL";

  /** The client's field names (validation messages) to the flag that sets them. */
  private static final Map<String, String> FLAG_OF_FIELD = Map.ofEntries(
      Map.entry("text", "TEXT"), Map.entry("channel", "--channel"), Map.entry("username", "--username"),
      Map.entry("iconUrl", "--icon-url"), Map.entry("iconEmoji", "--icon-emoji"), Map.entry("priority", "--priority"),
      Map.entry("rootId", "--thread"), Map.entry("fileIds", "--file"), Map.entry("webhookUrl", "--webhook-url"),
      Map.entry("siteUrl", "--url"), Map.entry("team", "--team"), Map.entry("token", "--token"));

  enum PriorityLevel { important, urgent }

  @ParentCommand
  CliContext.Source root;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT",
      description = "Message text (Markdown). Or use --text-file.")
  String text;

  @Option(names = "--text-file", paramLabel = "FILE", description = "Read the message text from FILE ('-' = standard input).")
  String textFile;

  @Option(names = {"-c", "--channel"}, paramLabel = "CHANNEL",
      description = "Channel URL name (e.g. builds) or 26-character id. Webhooks default to their own channel.")
  String channel;

  @Option(names = {"--thread", "--root-id"}, paramLabel = "POST_ID", description = "Reply in the thread of this post (REST only).")
  String rootId;

  @Option(names = "--priority", paramLabel = "LEVEL", description = "Message priority: important or urgent.")
  PriorityLevel priority;

  @Option(names = "--ack", description = "Request acknowledgement (needs --priority).")
  boolean ack;

  @Option(names = "--persistent", description = "Persistent notifications until acknowledged (needs --priority urgent).")
  boolean persistent;

  @Option(names = "--username", paramLabel = "NAME", description = "Override the displayed sender name (needs EnablePostUsernameOverride).")
  String username;

  @Option(names = "--icon-url", paramLabel = "URL", description = "Override the sender icon (needs EnablePostIconOverride).")
  String iconUrl;

  @Option(names = "--icon-emoji", paramLabel = "EMOJI", description = "Sender icon as an emoji, e.g. :rotating_light:.")
  String iconEmoji;

  @Option(names = "--untrusted-text",
      description = "Neutralize TEXT and the attachment texts as untrusted input (commit messages, branch names): "
          + "no @channel/@here/@all or @user pings, no link, image or heading injection.")
  boolean untrustedText;

  @Mixin
  AttachmentOptions attachment;

  @Option(names = "--attachments-json", paramLabel = "FILE",
      description = "Attachments as Mattermost JSON (array, one object, or {\"attachments\": [...]}) from FILE ('-' = standard input); "
          + "an attachment from flags is appended.")
  String attachmentsJson;

  @Option(names = "--file", paramLabel = "PATH", description = "Upload a file with the post (REST only); repeatable.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--webhook-url", paramLabel = "URL",
      description = "Incoming webhook URL. Avoid on the command line (it is a secret); prefer env MATTERMOST_WEBHOOK_URL or --webhook-url-file.")
  String webhookUrl;

  @Option(names = "--webhook-url-file", paramLabel = "FILE", description = "File holding the incoming webhook URL.")
  Path webhookUrlFile;

  @Mixin
  MattermostOptions server;

  @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "5",
      description = "Attempts before giving up (default: ${DEFAULT-VALUE}; 1 = no retry).")
  int maxAttempts;

  @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "Give up after this long, all attempts and waits included (default: ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(names = "--json", description = "Print the result as JSON (post_id, channel_id, root_id, post_ids).")
  boolean json;

  @Override
  public Integer call() throws IOException {
    CliContext context = root.context();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (maxAttempts < 1) {
      throw CliException.usage("--max-attempts: must be at least 1");
    }
    if (deadline.isZero()) {
      throw CliException.usage("--deadline: must be more than 0");
    }
    String webhook = webhookUrl(context, err);
    boolean rest = webhook == null;
    if (rest && server.siteUrlOrNull(context) == null) {
      throw CliException.usage("nowhere to send: set MATTERMOST_WEBHOOK_URL (or --webhook-url-file), "
          + "or --url with a bot token (MATTERMOST_TOKEN or --token-file)");
    }
    if (!rest) {
      requireRestOnly(rootId != null, "--thread");
      requireRestOnly(!files.isEmpty(), "--file");
    }

    Post post = buildPost(context, err);
    RetryPolicy retryPolicy = RetryPolicy.defaults().newBuilder().maxAttempts(maxAttempts).deadline(deadline).build();
    try {
      MattermostClient client = rest ? restClient(context, err, retryPolicy) : webhookClient(context, webhook, retryPolicy);
      if (!files.isEmpty()) {
        post = withUploadedFiles(client, context, post);
      }
      PostResult result = client.send(post);
      printResult(out, err, result, rest);
      return ExitCode.OK;
    } catch (MattermostException e) {
      err.println("error: " + Failures.describe(e));
      return Failures.exitCode(e);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(flagMessage(e.getMessage()));
    }
  }

  /** The webhook URL when this send goes over a webhook, or null for REST. Explicit flags win over the environment. */
  private String webhookUrl(CliContext context, PrintWriter err) {
    if (webhookUrl != null && webhookUrlFile != null) {
      throw CliException.usage("--webhook-url and --webhook-url-file: give only one");
    }
    String fromFlags = null;
    if (webhookUrlFile != null) {
      fromFlags = MattermostOptions.readSecretFile(webhookUrlFile, "--webhook-url-file", context.secrets());
    } else if (webhookUrl != null) {
      context.secrets().register(webhookUrl);
      err.println("warning: --webhook-url puts the webhook key in the process list and shell history; "
          + "prefer MATTERMOST_WEBHOOK_URL or --webhook-url-file");
      fromFlags = webhookUrl.trim();
    }
    if (fromFlags != null) {
      if (server.hasUrlOption()) {
        throw CliException.usage("--url and --webhook-url: choose the REST API or a webhook, not both");
      }
      return fromFlags;
    }
    if (server.hasUrlOption()) {
      return null;
    }
    String fromEnvironment = context.environment().get(WEBHOOK_ENV);
    context.secrets().register(fromEnvironment);
    return fromEnvironment;
  }

  private static void requireRestOnly(boolean used, String option) {
    if (used) {
      throw CliException.usage(option + " needs the REST API (--url and a bot token): incoming webhooks cannot do that");
    }
  }

  private Post buildPost(CliContext context, PrintWriter err) {
    UnaryOperator<String> untrusted = untrustedText
        ? value -> value == null ? null : SafeText.neutralize(value)
        : UnaryOperator.identity();
    String message = readText(context);
    List<Attachment> attachments = new ArrayList<>();
    if (attachmentsJson != null) {
      attachments.addAll(AttachmentsJson.parse(readSource(context, attachmentsJson, "--attachments-json"),
          attachmentsJson.equals("-") ? "(stdin)" : attachmentsJson, warning -> err.println("warning: " + warning)));
    }
    Attachment fromFlags = attachment.toAttachment(spec.commandLine().getParseResult(), untrusted);
    if (fromFlags != null) {
      attachments.add(fromFlags);
    }
    if ((message == null || message.isBlank()) && attachments.isEmpty() && files.isEmpty()) {
      throw CliException.usage("nothing to send: give TEXT, --text-file, attachment flags or --attachments-json");
    }
    Post.Builder builder = Post.builder()
        .text(message == null ? null : untrusted.apply(message))
        .channel(channel)
        .username(username)
        .iconUrl(iconUrl)
        .iconEmoji(iconEmoji)
        .rootId(rootId)
        .attachments(attachments);
    if (priority != null) {
      Priority.Level level = priority == PriorityLevel.urgent ? Priority.Level.URGENT : Priority.Level.IMPORTANT;
      try {
        builder.priority(Priority.builder(level).requestedAck(ack).persistentNotifications(persistent).build());
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--persistent: needs --priority urgent");
      }
    } else if (ack || persistent) {
      throw CliException.usage((ack ? "--ack" : "--persistent") + ": needs --priority");
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(flagMessage(e.getMessage()));
    }
  }

  private String readText(CliContext context) {
    if (text != null && textFile != null) {
      throw CliException.usage("TEXT and --text-file: give only one");
    }
    if (textFile != null) {
      if (textFile.equals("-") && "-".equals(attachmentsJson)) {
        throw CliException.usage("--text-file and --attachments-json cannot both read standard input");
      }
      return readSource(context, textFile, "--text-file");
    }
    return text;
  }

  private static String readSource(CliContext context, String source, String option) {
    try {
      if (source.equals("-")) {
        InputStream in = context.environment().stdin();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(source), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CliException.usage(option + ": file not found: " + source);
    } catch (IOException e) {
      throw CliException.usage(option + ": cannot read " + source + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private MattermostClient restClient(CliContext context, PrintWriter err, RetryPolicy retryPolicy) {
    if (channel == null) {
      throw CliException.usage("--channel is required with the REST API");
    }
    if (!MattermostIds.isValid(channel) && server.team(context) == null) {
      throw CliException.usage("--team (or MATTERMOST_TEAM) is required to resolve the channel name '" + channel
          + "'; or give the 26-character channel id");
    }
    return server.client(context, err, retryPolicy);
  }

  private MattermostClient webhookClient(CliContext context, String webhook, RetryPolicy retryPolicy) {
    MattermostClient.Builder builder = MattermostClient.builder()
        .webhookUrl(webhook)
        .connectTimeout(server.connectTimeout())
        .readTimeout(server.readTimeout())
        .retryPolicy(retryPolicy);
    CaTrust trust = server.caTrust(context);
    if (trust != null) {
      builder.trust(trust);
    }
    HttpUrl target = HttpUrls.parse(webhook.strip());
    if (target == null) {
      throw CliException.usage("webhook URL: not a URL");
    }
    ProxySettings proxy = ProxyEnvironment.forTarget(context.environment(), target, context.secrets());
    if (proxy != null) {
      builder.proxy(proxy);
    }
    return builder.build();
  }

  private Post withUploadedFiles(MattermostClient client, CliContext context, Post post) throws IOException {
    String channelId = MattermostIds.isValid(channel) ? channel : client.channel(server.team(context), channel).id();
    Post.Builder builder = post.newBuilder();
    for (Path file : files) {
      FileContent content;
      try {
        content = FileContent.of(file); // streamed when uploaded, never read into memory whole
      } catch (NoSuchFileException e) {
        throw CliException.usage("--file: file not found: " + file);
      }
      builder.addFileId(client.uploadFile(channelId, file.getFileName().toString(), content));
    }
    return builder.build();
  }

  private void printResult(PrintWriter out, PrintWriter err, PostResult result, boolean rest) {
    if (json) {
      JsonObject object = new JsonObject();
      object.addProperty("transport", rest ? "rest" : "webhook");
      object.addProperty("post_id", result.postId());
      object.addProperty("channel_id", result.channelId());
      object.addProperty("root_id", result.rootId());
      JsonArray ids = new JsonArray();
      result.postIds().forEach(ids::add);
      object.add("post_ids", ids);
      Gson gson = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
      out.println(gson.toJson(object));
    } else if (result.postId() != null) {
      out.println(result.postId());
    } else {
      err.println("delivered over the incoming webhook (webhooks return no post id)");
    }
    out.flush();
  }

  /** The client names fields as its builder does; tell the user which flag to fix instead. */
  static String flagMessage(String message) {
    if (message == null) {
      return "invalid message";
    }
    Matcher leading = Pattern.compile("^(\\w+)([.\\[][^:]*)?: (.*)$", Pattern.DOTALL).matcher(message);
    if (leading.matches() && FLAG_OF_FIELD.containsKey(leading.group(1))) {
      return FLAG_OF_FIELD.get(leading.group(1)) + (leading.group(2) == null ? "" : leading.group(2)) + ": " + leading.group(3);
    }
    return message;
  }
}
