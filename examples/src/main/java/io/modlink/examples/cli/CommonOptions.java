package io.modlink.examples.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, on every command: stack traces with errors, and modlink's and Hibernate's INFO log. */
public final class CommonOptions {
  static final String VERBOSE = "--verbose";

  @Option(names = VERBOSE, order = 200,
      description = "show the stack trace of an error, and log at INFO (modlink, Hibernate, HikariCP)")
  boolean verbose;
}
