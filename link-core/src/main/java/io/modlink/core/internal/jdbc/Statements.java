package io.modlink.core.internal.jdbc;

import java.util.function.Supplier;

/**
 * Counts the SQL statements modlink's own stores send on the current thread while a piece of work
 * runs, so that a graph query reports its round trips exactly even though it reads through stores.
 */
public final class Statements {
  private static final ThreadLocal<int[]> COUNTER = new ThreadLocal<>();

  private Statements() {}

  /** The result of some work and the statements it sent. */
  public record Counted<T>(T value, int statements) {}

  /** Runs {@code work} and counts the statements sent on this thread meanwhile (nested counts add up). */
  public static <T> Counted<T> count(Supplier<T> work) {
    int[] outer = COUNTER.get();
    int[] mine = {0};
    COUNTER.set(mine);
    try {
      return new Counted<>(work.get(), mine[0]);
    } finally {
      if (outer == null) {
        COUNTER.remove();
      } else {
        outer[0] += mine[0];
        COUNTER.set(outer);
      }
    }
  }

  /** Records one statement sent on this thread. */
  static void sent() {
    int[] counter = COUNTER.get();
    if (counter != null) {
      counter[0]++;
    }
  }
}
