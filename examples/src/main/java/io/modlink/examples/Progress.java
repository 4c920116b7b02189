package io.modlink.examples;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work, shown as a bar on {@code stderr} when a person watches, and nothing at all
 * when the output is piped or captured. Close it when the work ends.
 */
public interface Progress extends AutoCloseable {
  /** Reports {@code n} more units done. */
  void step(long n);

  @Override
  void close();

  /** Progress that shows nothing. */
  static Progress none() {
    return new Progress() {
      @Override
      public void step(long n) {}

      @Override
      public void close() {}
    };
  }

  /** Makes progress reporters for one console. */
  @FunctionalInterface
  interface Factory {
    /**
     * Starts reporting a task of {@code total} units ({@code -1}: unknown).
     *
     * @param task what is being done, e.g. {@code seeding 100000 api keys}
     */
    Progress start(String task, long total);

    /** A factory that never shows anything. */
    static Factory none() {
      return (task, total) -> Progress.none();
    }

    /** Bars on {@code err} when a person watches ({@code interactive}), else nothing. */
    static Factory of(PrintStream err, boolean interactive) {
      if (!interactive) {
        return none();
      }
      return (task, total) -> {
        ProgressBar bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .setConsumer(new ConsoleProgressBarConsumer(err))
            .clearDisplayOnFinish()
            .build();
        return new Progress() {
          @Override
          public void step(long n) {
            bar.stepBy(n);
          }

          @Override
          public void close() {
            bar.close();
          }
        };
      };
    }
  }
}
