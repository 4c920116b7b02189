package io.modlink.core.workflow;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A compensation that failed while a workflow undid its completed steps.
 *
 * @param stepId the step whose compensation failed
 * @param failure what it threw
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record CompensationFailure(String stepId, Throwable failure) {
  public CompensationFailure {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(failure, "failure");
  }
}
