package io.modlink.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real {@code ./modlink} launcher, run as a process after the build packaged the examples
 * (failsafe, integration-test phase): it must find nothing to rebuild and run the command line, on
 * H2 and against PostgreSQL. A handful of runs only: each one is a JVM start.
 */
class LauncherIT {
  private static final Path ROOT = root();

  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @Test
  void helpRunsWithoutRebuilding() throws Exception {
    Run help = launch(Map.of(), "--help");

    assertThat(help.exit()).as(help.toString()).isZero();
    assertThat(help.err()).as("the launcher must not rebuild what the build just packaged").isEmpty();
    assertThat(help.out()).startsWith("Usage: modlink [-hV] [--verbose] [COMMAND]").contains("Commands:")
        .contains("demo ").contains("serve ").contains("links ").contains("query ").contains("bench ");
  }

  @Test
  void theDemoRunsOnEmbeddedH2AndABadOptionIsExitCodeTwo() throws Exception {
    Run demo = launch(Map.of(), "demo");
    assertThat(demo.exit()).as(demo.toString()).isZero();
    assertThat(demo.err()).isEmpty();
    assertThat(demo.out()).startsWith("modlink demo: the API Key and Sales Channel modules, linked, on an embedded H2")
        .contains("\"name\" : \"Web\"").contains("graph query on api_key: push-down");

    Run bad = launch(Map.of(), "demo", "--frobnicate");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err()).isEqualTo("modlink demo: unknown option '--frobnicate'; see 'modlink demo --help'\n");
  }

  @DatabaseTest(Engine.POSTGRESQL)
  void theCommandsRunAgainstPostgresql(TestDatabase db) throws Exception {
    List<String> database = new ArrayList<>(List.of("--db-url", db.jdbcUrl(), "--db-user", String.valueOf(db.user())));
    Run demo = launch(Map.of(), concat(List.of("demo"), database));
    assertThat(demo.exit()).as(demo.toString()).isZero();
    assertThat(demo.out()).contains("on " + db.jdbcUrl());

    Run query = launch(Map.of(), concat(List.of("query", "api_key", "--fields", "id,sales_channels.*"), database));
    assertThat(query.exit()).as(query.toString()).isZero();
    JsonNode rows = new ObjectMapper().readTree(query.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("sales_channels")).hasSize(1);
    assertThat(rows.get(0).get("sales_channels").get(0).get("name").asText()).isEqualTo("Web");
    assertThat(query.err()).isEqualTo("1 row, 1 round trip (push-down)\n");

    // the environment instead of options
    Run plan = launch(Map.of("MODLINK_DB_URL", db.jdbcUrl(), "MODLINK_DB_USER", String.valueOf(db.user())),
        "links", "plan");
    assertThat(plan.exit()).as(plan.toString()).isZero();
    assertThat(plan.out()).isEqualTo("""
        ACTION  TABLE                              SAFE  REASON
        noop    publishable_api_key_sales_channel  yes   up to date
        """);
  }

  private static String[] concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all.toArray(String[]::new);
  }

  private static Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("modlink").toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("MODLINK_DB_"));
    builder.environment().putAll(env);
    File out = Files.createTempFile("modlink-out", ".txt").toFile();
    File err = Files.createTempFile("modlink-err", ".txt").toFile();
    try {
      Process process = builder.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE)
          .start();
      process.getOutputStream().close();
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("./modlink " + String.join(" ", args) + " did not end in 3 minutes");
      }
      return new Run(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("modlink"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("the modlink launcher is not above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
