package io.modlink.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What every guide test needs: the source tree, output blocks, captured output, test methods. */
final class DocPages {
  private DocPages() {}

  /** Code that may throw, for {@link #printed}. */
  @FunctionalInterface
  interface Code {
    void run() throws Exception;
  }

  /** The repository root: the first directory up from the working directory that has {@code docs/README.md}. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/README.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("docs/README.md not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /**
   * Asserts that {@code actual} is the text of the block that follows {@code <!-- output: name -->}
   * on {@code page}. Run with {@code -Dmodlink.docs.update=true} to rewrite the block after an
   * intended change, then review the diff.
   */
  static void assertOutput(String page, String name, String actual) {
    assertOutput(page, name, actual, UnaryOperator.identity());
  }

  /**
   * Like {@link #assertOutput(String, String, String)}, comparing both texts after {@code normalize}:
   * for outputs with generated ids or times, which the page shows as one real run printed them.
   */
  static void assertOutput(String page, String name, String actual, UnaryOperator<String> normalize) {
    try {
      Path file = root().resolve(page);
      List<String> lines = new ArrayList<>(Files.readAllLines(file));
      int marker = lines.indexOf("<!-- output: " + name + " -->");
      if (marker < 0 || !lines.get(marker + 1).equals("```text")) {
        throw new AssertionError("no block '<!-- output: " + name + " -->' followed by ```text in " + page);
      }
      int end = marker + 2;
      while (!lines.get(end).equals("```")) {
        end++;
      }
      String expected = lines.subList(marker + 2, end).stream().map(l -> l + "\n").collect(Collectors.joining());
      if (Boolean.getBoolean("modlink.docs.update") && !normalize.apply(expected).equals(normalize.apply(actual))) {
        lines.subList(marker + 2, end).clear();
        lines.addAll(marker + 2, actual.lines().toList());
        Files.write(file, lines);
        expected = actual;
      }
      assertThat(normalize.apply(actual)).as("output '%s' in %s (update with -Dmodlink.docs.update=true)", name, page)
          .isEqualTo(normalize.apply(expected));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code code} prints to {@code System.out}, captured (not printed). */
  static String printed(Code code) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      code.run();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      System.setOut(original);
    }
    // not echoed: the guide tests compare it with the guide, and a test run prints only what is worth reading
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** Whether {@code type} declares a {@code @Test} method named {@code name}. */
  static boolean isTest(Class<?> type, String name) {
    return Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(name))
        .anyMatch((Method m) -> m.isAnnotationPresent(Test.class));
  }

  /** The lines of a method (any return type) of a class's source, from its declaration to the next member. */
  static List<String> methodBody(String source, String name) {
    List<String> lines = source.lines().toList();
    Pattern declaration = Pattern.compile("  (?:[\\w<>\\[\\],.? ]+ )?\\w[\\w<>\\[\\],.?]* " + Pattern.quote(name)
        + "\\(.*");
    for (int start = 0; start < lines.size(); start++) {
      if (declaration.matcher(lines.get(start)).matches()) {
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).matches("  [^ }].*")) {
          end++;
        }
        return lines.subList(start, end);
      }
    }
    return List.of();
  }
}
