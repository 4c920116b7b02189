package io.modlink.core.workflow;

import org.apiguardian.api.API;

/**
 * Undoes what one invocation of a {@link Step} did, from what the step recorded (it captures it).
 * A workflow calls it when a later step fails; see {@link StepResult} for when.
 */
@FunctionalInterface
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Compensation {
  /**
   * Undoes the step's work. Runs in a unit of work of its own (the caller's, inside one). An
   * exception does not stop the other compensations: the workflow reports it with the failure.
   */
  void compensate(StepContext context);
}
