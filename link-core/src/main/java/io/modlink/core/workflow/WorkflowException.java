package io.modlink.core.workflow;

import io.modlink.core.error.ErrorType;
import io.modlink.core.error.ModlinkException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Workflow} failed: it names the step that failed and carries its exception as the
 * cause, says how the completed steps were undone, and lists every compensation that failed too
 * (each also a suppressed exception).
 *
 * <p>Its {@link #type()} is the cause's when the cause is a {@link ModlinkException} (a step that
 * found nothing fails the workflow with {@code not_found}), else {@code unexpected_state}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class WorkflowException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  private final String workflowId;
  private final @Nullable String failedStep;
  private final boolean rolledBack;
  private final List<String> compensated;
  private final transient List<CompensationFailure> compensationFailures;

  /**
   * @param workflowId the workflow
   * @param failedStep the step that threw, or null when every step completed and the commit failed
   * @param cause what the step (or the commit) threw
   * @param rolledBack whether a database rollback undid the completed steps' database writes
   * @param compensated the steps whose compensation ran and succeeded, in the order they ran
   * @param compensationFailures the compensations that failed
   */
  public WorkflowException(String workflowId, @Nullable String failedStep, Throwable cause, boolean rolledBack,
      List<String> compensated, List<CompensationFailure> compensationFailures) {
    super(cause instanceof ModlinkException m ? m.type() : ErrorType.UNEXPECTED_STATE,
        message(workflowId, failedStep, cause, rolledBack, compensated, compensationFailures), cause);
    this.workflowId = Objects.requireNonNull(workflowId, "workflowId");
    this.failedStep = failedStep;
    this.rolledBack = rolledBack;
    this.compensated = List.copyOf(compensated);
    this.compensationFailures = List.copyOf(compensationFailures);
    compensationFailures.forEach(f -> addSuppressed(f.failure()));
  }

  private static String message(String workflowId, @Nullable String failedStep, Throwable cause, boolean rolledBack,
      List<String> compensated, List<CompensationFailure> failures) {
    StringBuilder m = new StringBuilder("workflow '").append(workflowId).append("' failed ")
        .append(failedStep == null ? "committing, after its last step" : "at step '" + failedStep + "'")
        .append(": ").append(cause.getMessage() == null ? cause.toString() : cause.getMessage());
    if (rolledBack) {
      m.append("; the database rolled back what the steps wrote");
    }
    if (!compensated.isEmpty()) {
      m.append("; compensated: ").append(String.join(", ", compensated));
    }
    for (CompensationFailure f : failures) {
      m.append("; the compensation of step '").append(f.stepId()).append("' failed too: ")
          .append(f.failure().getMessage() == null ? f.failure().toString() : f.failure().getMessage());
    }
    if (!rolledBack && compensated.isEmpty() && failures.isEmpty()) {
      m.append("; no completed step had anything to undo");
    }
    return m.toString();
  }

  /** The workflow's id. */
  public String workflowId() {
    return workflowId;
  }

  /** The step that failed; empty when every step completed and committing their work failed. */
  public Optional<String> failedStep() {
    return Optional.ofNullable(failedStep);
  }

  /**
   * Whether the workflow ran in one unit of work, so that a database rollback undid what its
   * completed steps wrote (no compensation was needed for it).
   */
  public boolean rolledBack() {
    return rolledBack;
  }

  /** The steps whose compensation ran and succeeded, in the order they ran (newest step first). */
  public List<String> compensated() {
    return compensated;
  }

  /** The compensations that failed; the others ran regardless. */
  public List<CompensationFailure> compensationFailures() {
    return compensationFailures;
  }

  /**
   * What a service that runs a workflow throws to keep its own contract: the failed step's
   * {@link ModlinkException} (a {@code not_found}, a {@code not_allowed}) when the run was undone
   * cleanly, and this exception otherwise: the cause is not a {@code ModlinkException}, or a
   * compensation failed and the caller must learn what was left behind.
   */
  public RuntimeException unwrap() {
    return getCause() instanceof ModlinkException cause && compensationFailures.isEmpty() ? cause : this;
  }
}
