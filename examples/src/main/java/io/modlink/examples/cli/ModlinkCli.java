package io.modlink.examples.cli;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ModlinkException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code modlink} command line ({@code ./modlink ...}): one entry point with subcommands.
 *
 * <p>Every command takes {@code --help}, {@code --verbose} and the database options
 * ({@link DatabaseOptions}). Exit codes: {@value #OK} done; {@value #FAILED} failed (the database or
 * the data said no); {@value #USAGE} a bad command line: an unknown option, a bad value, an unknown
 * entity or field. An error is one line on {@code stderr}, {@code modlink <command>: <reason>};
 * {@code --verbose} adds the stack trace.
 *
 * <p>A new command is a picocli {@code @Command} class added to {@code subcommands} below (the store
 * server's {@code serve} goes there); its constructor may take the {@link Console}.
 */
@Command(name = "modlink", mixinStandardHelpOptions = true, versionProvider = ModlinkCli.Version.class,
    description = {"modlink's command line: the demo, the store server, link tables, graph queries and benchmarks.",
        "Every command takes --db-url, --db-user and --db-password (or MODLINK_DB_URL, MODLINK_DB_USER,"
            + " MODLINK_DB_PASSWORD); without them it runs on a new embedded H2 database."},
    subcommands = {DemoCommand.class, ServeCommand.class, LinksCommand.class, QueryCommand.class, BenchCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:failed: the database or the data said no",
        "2:bad command line: an unknown option, a bad value, an unknown entity or field"})
public final class ModlinkCli implements Callable<Integer> {
  /** Done. */
  public static final int OK = 0;
  /** Failed: the database or the data said no. */
  public static final int FAILED = 1;
  /** A bad command line. */
  public static final int USAGE = 2;

  private final Console console;

  @Mixin
  private CommonOptions common = new CommonOptions();

  public ModlinkCli(Console console) {
    this.console = console;
  }

  /** Runs the command line in this process and exits with its code. */
  public static void main(String[] args) {
    configureLogging(Arrays.asList(args).contains(CommonOptions.VERBOSE));
    System.exit(run(Console.system(), args));
  }

  /**
   * Runs a command line against a console, without exiting.
   *
   * @return the exit code
   */
  public static int run(Console console, String... args) {
    boolean verbose = Arrays.asList(args).contains(CommonOptions.VERBOSE);
    CommandLine cli = new CommandLine(ModlinkCli.class, new Factory(console));
    cli.setOut(new PrintWriter(new OutputStreamWriter(console.out(), StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(console.err(), StandardCharsets.UTF_8), true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((e, arguments) -> {
      console.err().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": " + usageReason(e)
          + "; see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
      if (verbose) {
        e.printStackTrace(console.err());
      }
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      console.err().println(command.getCommandSpec().qualifiedName() + ": " + reason(e)
          + (verbose ? "" : " (--verbose shows the stack trace)"));
      if (verbose) {
        e.printStackTrace(console.err());
      }
      return e instanceof InvalidDataException ? USAGE : FAILED;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    console.err().println("modlink: name a command: demo, serve, links, query or bench; see 'modlink --help'");
    return USAGE;
  }

  /** The one-line reason of a bad command line. */
  static String usageReason(ParameterException e) {
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String argument = unmatched.getUnmatched().get(0);
      List<String> suggestions = unmatched.getSuggestions();
      boolean option = argument.startsWith("-");
      String what = option ? "unknown option" : e.getCommandLine().getSubcommands().isEmpty()
          ? "unexpected argument" : "unknown command";
      return what + " '" + argument + "'" + (suggestions.isEmpty() ? ""
          : " (did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?)");
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return firstLine(message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1));
  }

  /**
   * The one-line reason of a failure: the message of a modlink exception (which names the value and
   * the fix), the database's message for a database error, else the outermost message that says more
   * than the exception it wraps.
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ModlinkException m) {
        return m.type().code() + ": " + oneLine(m.getMessage());
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return "database error: " + oneLine(sql.getMessage());
      }
    }
    // the outermost message that says more than the cause it wraps
    Throwable t = e;
    while ((t.getMessage() == null || t.getMessage().isBlank() || t.getMessage().equals(String.valueOf(t.getCause())))
        && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getName() : oneLine(message);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }

  private static String oneLine(@Nullable String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  /**
   * Logging of the command line (slf4j-simple): WARN and above on stderr, INFO with {@code --verbose};
   * the link schema's warning about unsafe changes is left to {@code links sync}, which reports them
   * itself. Options given with {@code -D} (e.g. in {@code MODLINK_JAVA_OPTS}) win.
   */
  static void configureLogging(boolean verbose) {
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.io.modlink.core.storage.LinkSchemaSync", verbose ? "info" : "error");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** Creates commands and mixins, handing the console to those that take it. */
  private record Factory(Console console) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      try {
        return type.getDeclaredConstructor(Console.class).newInstance(console);
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(type);
      }
    }
  }

  /** The version of the build, from the examples' resources. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = ModlinkCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"modlink " + properties.getProperty("version", "(unknown version)")};
    }
  }
}
