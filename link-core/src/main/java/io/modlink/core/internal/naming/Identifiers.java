package io.modlink.core.internal.naming;

import java.util.regex.Pattern;

/** The identifiers modlink accepts for tables, columns, aliases and id prefixes. */
public final class Identifiers {
  private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");
  /** PostgreSQL truncates identifiers at 63 bytes; names are kept well under that. */
  public static final int MAX_LENGTH = 63;

  private Identifiers() {}

  /** Lower-case letters, digits and underscores, starting with a letter, at most 63 characters. */
  public static boolean isValid(String name) {
    return name.length() <= MAX_LENGTH && SNAKE.matcher(name).matches();
  }

  public static String rule() {
    return "lower-case letters, digits and '_', starting with a letter, at most " + MAX_LENGTH + " characters";
  }
}
