package io.modlink.core.internal.naming;

import java.util.Locale;

/** Converts Java names ({@code SalesChannel}, {@code isDisabled}, {@code HTTPHeader}) to snake case. */
public final class SnakeCase {
  private SnakeCase() {}

  /**
   * {@code ApiKey -> api_key}, {@code lastUsedAt -> last_used_at}, {@code HTTPHeader -> http_header},
   * {@code already_snake -> already_snake}, {@code address2 -> address2}.
   */
  public static String of(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean previousLowerOrDigit = i > 0
            && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1)));
        boolean acronymEnds = i > 0 && Character.isUpperCase(name.charAt(i - 1))
            && i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if ((previousLowerOrDigit || acronymEnds) && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else if (c == '-' || c == ' ') {
        out.append('_');
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
