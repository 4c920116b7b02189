package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.examples.cli.Console;
import io.modlink.examples.cli.ModlinkCli;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.StandardError;
import io.modlink.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs every {@code $ modlink ...} line of {@code docs/cli.md}, in order and in this process, against
 * a database of the test's own (standing for the page's {@code MODLINK_DB_URL}), and compares each
 * output block with what the command printed: stdout, then stderr. Generated ids, times and the
 * test database's URL are set aside in the comparison; {@code -Dmodlink.docs.update=true} rewrites
 * the blocks from a real run.
 */
class CliDocsTest {
  private static final String PAGE = "docs/cli.md";
  private static final Pattern EXIT = Pattern.compile("#\\s*exit\\s+(\\d+)\\s*$");

  @DatabaseTest
  void everyCommandOnThePagePrintsWhatThePageShows(TestDatabase db) throws Throwable {
    List<String> lines = Files.readAllLines(root().resolve(PAGE));
    String pageUrl = null;
    Map<String, String> env = new HashMap<>();
    int commands = 0;
    int outputs = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).equals("```bash")) {
        continue;
      }
      String printed = null;
      int end = i + 1;
      for (; !lines.get(end).equals("```"); end++) {
        String line = lines.get(end);
        assertThat(line).as(PAGE + ":" + (end + 1) + ": a command line starts with '$ '").startsWith("$ ");
        List<String> words = words(line.substring(2));
        if (words.get(0).equals("export")) {
          for (String assignment : words.subList(1, words.size())) {
            String name = assignment.substring(0, assignment.indexOf('='));
            String value = assignment.substring(assignment.indexOf('=') + 1);
            if (name.equals("MODLINK_DB_URL")) {
              pageUrl = value;
              value = db.jdbcUrl();
            } else if (name.equals("MODLINK_DB_USER")) {
              value = String.valueOf(db.user());
            }
            env.put(name, value);
          }
          continue;
        }
        assertThat(words.get(0)).as(PAGE + ":" + (end + 1)).isEqualTo("modlink");
        Matcher exit = EXIT.matcher(line);
        int expectedExit = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
        int redirect = words.indexOf(">");
        List<String> args = words.subList(1, redirect < 0 ? words.size() : redirect);
        String[] result = run(env, args);
        assertThat(Integer.parseInt(result[0])).as(PAGE + ":" + (end + 1) + ": exit code of " + line + "\n"
            + result[1] + result[2]).isEqualTo(expectedExit);
        printed = result[1] + result[2];
        commands++;
      }
      int next = end + 1;
      while (next < lines.size() && lines.get(next).isBlank()) {
        next++;
      }
      Matcher marker = Pattern.compile("<!-- output: ([\\w-]+) -->").matcher(next < lines.size() ? lines.get(next) : "");
      if (marker.matches()) {
        assertThat(printed).as(PAGE + ":" + (next + 1) + ": an output block follows a command").isNotNull();
        String url = pageUrl;
        String shown = url == null ? printed : printed.replace(db.jdbcUrl(), url);
        assertOutput(PAGE, marker.group(1), shown, normalize());
        outputs++;
        lines = Files.readAllLines(root().resolve(PAGE)); // an update may have moved the lines
      }
      i = end;
    }
    assertThat(commands).isGreaterThan(15);
    assertThat(outputs).isGreaterThan(15);
  }

  @Test
  void everyCommandHasItsHelpOnThePage() throws Exception {
    String page = Files.readString(root().resolve(PAGE));
    List<String> missing = new ArrayList<>();
    collect(new CommandLine(ModlinkCli.class, factory()), missing, page);
    assertThat(missing).as("commands without '$ modlink ... --help' on " + PAGE).isEmpty();
  }

  private static void collect(CommandLine command, List<String> missing, String page) {
    String name = command.getCommandSpec().qualifiedName();
    if (!page.contains("$ " + name + " --help\n")) {
      missing.add(name);
    }
    command.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help"))
        .forEach(c -> collect(c, missing, page));
  }

  private static CommandLine.IFactory factory() {
    Console console = new Console(System.out, System.err, false, Map.of());
    return new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        try {
          var constructor = type.getDeclaredConstructor(Console.class);
          constructor.setAccessible(true);
          return constructor.newInstance(console);
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(type);
        }
      }
    };
  }

  /** Exit code, stdout, stderr; what the command logs (a warning it also reports itself) stays off the run. */
  private static String[] run(Map<String, String> env, List<String> args) throws Throwable {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = StandardError.capture(() -> ModlinkCli.run(new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false, env), args.toArray(String[]::new))).value();
    return new String[] {String.valueOf(exit), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  /** Generated ids, times and redacted tokens, which differ from run to run. */
  private static UnaryOperator<String> normalize() {
    return text -> text
        .replaceAll("\\b([a-z]+)_[0-9A-Z]{26}\\b", "$1_<ulid>")
        .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<time>")
        .replaceAll("pk_[0-9a-f]{3}\\*\\*\\*[0-9a-f]{3}", "pk_<redacted>");
  }

  /** The words of a shell command line: quotes group, a comment ends it. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (c == '#' && word == null) {
        break;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
