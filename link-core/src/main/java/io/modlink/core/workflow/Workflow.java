package io.modlink.core.workflow;

import io.modlink.core.Modlink;
import io.modlink.core.internal.workflow.WorkflowRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Steps run in order, each given the previous one's output, undone together when one fails: the
 * Java counterpart of Medusa's {@code createWorkflow}, without its engine (no persistence, no
 * retries, no async steps).
 *
 * <pre>{@code
 * Workflow<String, List<LinkRecord>> linkToWeb = Workflow.<String>builder("link-key-to-web")
 *     .then(QueryGraphStep.first("find-key", (String token) -> GraphQuery.entity("api_key")
 *         .fields("id").filters(Map.of("token", token)).build()))
 *     .then(CreateLinksStep.of("link-key", key -> List.of(LinkRequest.between(
 *         LinkKey.of("api_key", "api_key_id", key.orElseThrow().get("id").asText()),
 *         LinkKey.of("sales_channel", "sales_channel_id", "sc_web")))))
 *     .build();
 * List<LinkRecord> links = linkToWeb.run(modlink, "pk_123");
 * }</pre>
 *
 * <h2>How a run is undone</h2>
 * <ul>
 *   <li>When every module and the link tables share one DataSource ({@link Transactions#isAtomic()}),
 *       or the run starts inside a unit of work, the steps run in <b>one unit of work</b>: when a
 *       step fails, the database rolls back everything they wrote, and only compensations marked
 *       {@link StepResult#outsideDatabase()} run.
 *   <li>Otherwise each step runs in a unit of work of its own, which commits when the step returns;
 *       when a step fails, the completed steps' compensations run, newest first, each in a unit of
 *       work of its own. A compensation that fails does not stop the others.
 *   <li>Either way the run then throws a {@link WorkflowException} naming the failed step, with
 *       its exception as the cause and every failed compensation.
 * </ul>
 * The built-in steps' compensations are exact: every row of every table they touched is put back
 * as it was, {@code updated_at} and {@code deleted_at} included.
 *
 * <p>Immutable and thread-safe: build it once, run it many times.
 *
 * @param <I> the input type
 * @param <O> the output type: the last step's output
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Workflow<I extends @Nullable Object, O extends @Nullable Object> {
  private final String id;
  private final List<Step<?, ?>> steps;

  private Workflow(String id, List<Step<?, ?>> steps) {
    this.id = id;
    this.steps = List.copyOf(steps);
  }

  /**
   * A workflow with this id; add its steps with {@link Builder#then}.
   *
   * @throws IllegalArgumentException if the id is blank
   */
  public static <I extends @Nullable Object> Builder<I, I> builder(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("a workflow id must not be blank; name the workflow, e.g. \"link-key\"");
    }
    return new Builder<>(id, List.of());
  }

  /** The id. */
  public String id() {
    return id;
  }

  /** The steps, in the order they run. */
  public List<Step<?, ?>> steps() {
    return steps;
  }

  /**
   * Runs the steps on {@code modlink}; see the class comment for how a failed run is undone.
   *
   * @return the last step's output
   * @throws WorkflowException if a step (or the commit) failed
   */
  public O run(Modlink modlink, I input) {
    Objects.requireNonNull(modlink, "modlink");
    @SuppressWarnings("unchecked")
    O output = (O) WorkflowRun.run(id, steps, modlink, input);
    return output;
  }

  @Override
  public String toString() {
    return "Workflow[" + id + ": " + String.join(" -> ", steps.stream().map(Step::id).toList()) + "]";
  }

  /**
   * Adds steps; each call returns a builder typed by the new last output.
   *
   * @param <I> the workflow's input type
   * @param <O> the last step's output type
   */
  public static final class Builder<I extends @Nullable Object, O extends @Nullable Object> {
    private final String id;
    private final List<Step<?, ?>> steps;

    private Builder(String id, List<Step<?, ?>> steps) {
      this.id = id;
      this.steps = steps;
    }

    /**
     * Adds a step that takes the output of the one before (the workflow's input, for the first).
     *
     * @throws IllegalArgumentException if its id is blank or already taken by another step
     */
    public <P extends @Nullable Object> Builder<I, P> then(Step<? super O, P> step) {
      Objects.requireNonNull(step, "step");
      String stepId = step.id();
      if (stepId == null || stepId.isBlank()) {
        throw new IllegalArgumentException("step " + (steps.size() + 1) + " of workflow '" + id + "' has a blank id;"
            + " give every step an id");
      }
      for (int i = 0; i < steps.size(); i++) {
        if (steps.get(i).id().equals(stepId)) {
          throw new IllegalArgumentException("step id '" + stepId + "' of workflow '" + id + "' is already the id of"
              + " step " + (i + 1) + "; give step " + (steps.size() + 1) + " an id of its own, e.g. '"
              + freeId(stepId) + "'");
        }
      }
      List<Step<?, ?>> more = new ArrayList<>(steps);
      more.add(step);
      return new Builder<>(id, List.copyOf(more));
    }

    private String freeId(String taken) {
      for (int n = 2; ; n++) {
        String candidate = taken + "-" + n;
        if (steps.stream().noneMatch(s -> s.id().equals(candidate))) {
          return candidate;
        }
      }
    }

    /**
     * The workflow.
     *
     * @throws IllegalStateException if no step was added
     */
    public Workflow<I, O> build() {
      if (steps.isEmpty()) {
        throw new IllegalStateException("workflow '" + id + "' has no steps; add them with then(step)");
      }
      return new Workflow<>(id, steps);
    }
  }
}
