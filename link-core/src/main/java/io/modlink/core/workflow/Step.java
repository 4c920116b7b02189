package io.modlink.core.workflow;

import java.util.Objects;
import java.util.function.BiFunction;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One step of a {@link Workflow}: the Java counterpart of Medusa's {@code createStep(id, invoke,
 * compensate)}. It receives the previous step's output (the workflow's input for the first step)
 * and returns a {@link StepResult}: its own output and, optionally, a {@link Compensation} that
 * undoes it from what it recorded.
 *
 * <pre>{@code
 * Step<Order, Reservation> reserve = Step.of("reserve-stock", (order, context) -> {
 *   Reservation reservation = inventory.reserve(order.items());     // a remote service
 *   return StepResult.of(reservation, undo -> inventory.release(reservation.id())).outsideDatabase();
 * });
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe: a workflow is a definition that runs many
 * times, concurrently. Built-in steps: {@link QueryGraphStep}, {@link CreateLinksStep},
 * {@link DismissLinksStep}, {@link RemoveLinksStep}, {@link UpdateLinksStep}.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Step<I extends @Nullable Object, O extends @Nullable Object> {
  /** The id, unique within a workflow: it names the step in errors and in {@link StepContext#outputOf}. */
  String id();

  /**
   * Does the step's work. It runs in the workflow's unit of work (or, when the workflow's stores
   * are on several DataSources, in one of its own that commits when it returns).
   *
   * @throws RuntimeException to fail the workflow: the completed steps are undone
   */
  StepResult<O> invoke(I input, StepContext context);

  /** A step from a function. */
  static <I extends @Nullable Object, O extends @Nullable Object> Step<I, O> of(String id,
      BiFunction<? super I, StepContext, StepResult<O>> invoke) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(invoke, "invoke");
    return new Step<>() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public StepResult<O> invoke(I input, StepContext context) {
        return Objects.requireNonNull(invoke.apply(input, context), () -> "step '" + id + "' returned no StepResult;"
            + " return StepResult.of(output)");
      }

      @Override
      public String toString() {
        return "Step[" + id + "]";
      }
    };
  }
}
