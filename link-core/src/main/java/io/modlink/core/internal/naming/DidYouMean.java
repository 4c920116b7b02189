package io.modlink.core.internal.naming;

import java.util.Collection;
import java.util.Optional;

/** Suggests the closest known name for a misspelt one (edit distance counting adjacent swaps as one edit). */
public final class DidYouMean {
  /** Names longer than this get no suggestion. */
  static final int MAX_LENGTH = 200;

  private DidYouMean() {}

  /**
   * The known name closest to {@code given}, if it is close enough to be a plausible typo: at most
   * a third of the longer name's length in edits (and at least one), or a case-insensitive match.
   */
  public static Optional<String> closest(String given, Collection<String> known) {
    if (given.length() > MAX_LENGTH) {
      return Optional.empty(); // no typo of a name is this long, and the distance would cost its square
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      if (candidate.equalsIgnoreCase(given)) {
        return Optional.of(candidate);
      }
      int d = distance(given, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    int allowed = Math.max(1, Math.max(given.length(), best.length()) / 3);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** {@code " (did you mean 'x'?)"} or the empty string. */
  public static String hint(String given, Collection<String> known) {
    return closest(given, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
