package io.modlink.core.workflow;

import io.modlink.core.Modlink;
import io.modlink.core.link.Link;
import io.modlink.core.query.Query;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** What a step (and its compensation) can reach while its workflow runs. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface StepContext {
  /** The id of the running workflow. */
  String workflowId();

  /** The id of the step this context was given to. */
  String stepId();

  /** The composition the workflow runs on. */
  Modlink modlink();

  /** {@code modlink().link()}. */
  default Link link() {
    return modlink().link();
  }

  /** {@code modlink().query()}. */
  default Query query() {
    return modlink().query();
  }

  /** The input the workflow was run with. */
  @Nullable Object input();

  /**
   * The output of a step of this workflow that has completed in this run.
   *
   * @throws IllegalArgumentException if {@code step} is not a step of this workflow or has not
   *     completed yet
   */
  <T extends @Nullable Object> T outputOf(Step<?, T> step);
}
