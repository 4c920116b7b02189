package io.modlink.examples.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command runs against: where it writes its results ({@code out}) and its messages and
 * progress ({@code err}), whether a person watches (a terminal: progress bars, pretty JSON), and the
 * environment it reads ({@code MODLINK_DB_URL} ...).
 *
 * @param out the results
 * @param err messages, progress and errors
 * @param interactive whether the output goes to a terminal
 * @param env the environment variables
 */
public record Console(PrintStream out, PrintStream err, boolean interactive, Map<String, String> env) {
  public Console {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
  }

  /** The process's own: {@code System.out}, {@code System.err}, a terminal when there is a console. */
  public static Console system() {
    return new Console(System.out, System.err, System.console() != null, System.getenv());
  }
}
