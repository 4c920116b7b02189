package io.modlink.core.workflow;

import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Step} returns: its output, passed on to the next step, and optionally how to undo
 * it.
 *
 * <p>A compensation made with {@link #of(Object, Compensation)} undoes writes to modlink's
 * databases: it runs only where the workflow is not one unit of work (its stores are on several
 * DataSources), since otherwise the database has already rolled those writes back. A step that
 * also does things no database rollback undoes (a call to a payment service, a file, a message)
 * marks its result {@link #outsideDatabase()}: its compensation then runs whenever a later step
 * fails.
 *
 * @param <O> the output type
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StepResult<O extends @Nullable Object> {
  private final O output;
  private final @Nullable Compensation compensation;
  private final boolean outsideDatabase;

  private StepResult(O output, @Nullable Compensation compensation, boolean outsideDatabase) {
    this.output = output;
    this.compensation = compensation;
    this.outsideDatabase = outsideDatabase;
  }

  /** An output with nothing to undo. */
  public static <O extends @Nullable Object> StepResult<O> of(O output) {
    return new StepResult<>(output, null, false);
  }

  /** An output, and the compensation that undoes the step's writes to modlink's databases. */
  public static <O extends @Nullable Object> StepResult<O> of(O output, Compensation compensation) {
    return new StepResult<>(output, Objects.requireNonNull(compensation, "compensation"), false);
  }

  /**
   * This result, with a compensation that runs even when the database has rolled the workflow
   * back: the step did things outside modlink's databases.
   *
   * @throws IllegalStateException if the result has no compensation
   */
  public StepResult<O> outsideDatabase() {
    if (compensation == null) {
      throw new IllegalStateException("a step result without a compensation has nothing to undo outside the"
          + " database; give one with StepResult.of(output, compensation)");
    }
    return new StepResult<>(output, compensation, true);
  }

  /** The output, passed on to the next step. */
  public O output() {
    return output;
  }

  /** How to undo the step, if it has anything to undo. */
  public Optional<Compensation> compensation() {
    return Optional.ofNullable(compensation);
  }

  /** Whether the compensation undoes things outside modlink's databases. */
  public boolean isOutsideDatabase() {
    return outsideDatabase;
  }

  @Override
  public String toString() {
    return "StepResult[" + output + (compensation == null ? "" : outsideDatabase ? ", compensated outside the"
        + " database" : ", compensated") + "]";
  }
}
