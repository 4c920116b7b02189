package io.modlink.examples.cli;

import io.modlink.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the command line in this process, as a test sees it: exit code, stdout, stderr. */
final class Cli {
  private Cli() {}

  /** What a command line did. */
  record Result(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    return run(Map.of(), args);
  }

  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ModlinkCli.run(new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false, env), args);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The arguments followed by the database options of a test database. */
  static String[] on(TestDatabase db, String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--db-url", db.jdbcUrl()));
    if (db.user() != null) {
      all.addAll(List.of("--db-user", db.user()));
    }
    if (db.password() != null && !db.password().isEmpty()) {
      all.addAll(List.of("--db-password", db.password()));
    }
    return all.toArray(String[]::new);
  }
}
