package io.modlink.core.internal.workflow;

import io.modlink.core.Modlink;
import io.modlink.core.workflow.Compensation;
import io.modlink.core.workflow.CompensationFailure;
import io.modlink.core.workflow.Step;
import io.modlink.core.workflow.StepContext;
import io.modlink.core.workflow.StepResult;
import io.modlink.core.workflow.Transactions;
import io.modlink.core.workflow.WorkflowException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One run of a workflow: its steps' outputs and compensations, and how a failure is undone. */
public final class WorkflowRun {
  private final String workflowId;
  private final List<Step<?, ?>> steps;
  private final Modlink modlink;
  private final @Nullable Object input;
  private final Transactions transactions;
  /** Outputs of the completed steps, by step id. */
  private final Map<String, @Nullable Object> outputs = new LinkedHashMap<>();
  /** Compensations of the completed steps, oldest first. */
  private final List<Done> done = new ArrayList<>();

  private record Done(String stepId, Compensation compensation, boolean outsideDatabase) {}

  /** A step's failure, carried out of the unit of work so that it rolls back. */
  private static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String stepId;

    StepFailed(String stepId, RuntimeException cause) {
      super(cause.getMessage(), cause, true, false);
      this.stepId = stepId;
    }
  }

  private WorkflowRun(String workflowId, List<Step<?, ?>> steps, Modlink modlink, @Nullable Object input) {
    this.workflowId = workflowId;
    this.steps = steps;
    this.modlink = modlink;
    this.input = input;
    this.transactions = modlink.transactions();
  }

  /** Runs {@code steps} and returns the last one's output; see {@link io.modlink.core.workflow.Workflow}. */
  public static @Nullable Object run(String workflowId, List<Step<?, ?>> steps, Modlink modlink,
      @Nullable Object input) {
    return new WorkflowRun(workflowId, steps, modlink, input).run();
  }

  private @Nullable Object run() {
    boolean joined = transactions.isActive();
    if (joined || transactions.isAtomic()) {
      try {
        return transactions.fromTransaction(unit -> invokeAll(false));
      } catch (StepFailed failed) {
        RuntimeException cause = (RuntimeException) failed.getCause();
        // what went wrong while the unit rolled back (an action after rollback) belongs to the failure
        for (Throwable suppressed : failed.getSuppressed()) {
          cause.addSuppressed(suppressed);
        }
        throw undo(failed.stepId, cause, true);
      } catch (RuntimeException commitFailed) {
        throw undo(null, commitFailed, true);
      }
    }
    try {
      return invokeAll(true);
    } catch (StepFailed failed) {
      throw undo(failed.stepId, (RuntimeException) failed.getCause(), false);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private @Nullable Object invokeAll(boolean unitPerStep) {
    @Nullable Object value = input;
    for (Step<?, ?> step : steps) {
      Step raw = step;
      Object in = value;
      StepContext context = context(step.id());
      StepResult<?> result;
      try {
        result = unitPerStep
            ? transactions.fromTransaction(unit -> (StepResult<?>) raw.invoke(in, context))
            : (StepResult<?>) raw.invoke(in, context);
        Objects.requireNonNull(result, () -> "step '" + step.id() + "' of workflow '" + workflowId + "' returned no"
            + " StepResult; return StepResult.of(output)");
      } catch (RuntimeException e) {
        throw new StepFailed(step.id(), e);
      }
      outputs.put(step.id(), result.output());
      result.compensation().ifPresent(c -> done.add(new Done(step.id(), c, result.isOutsideDatabase())));
      value = result.output();
    }
    return value;
  }

  /** Runs the compensations a failure calls for, newest first, and says what happened. */
  private WorkflowException undo(@Nullable String failedStep, RuntimeException cause, boolean rolledBack) {
    List<String> compensated = new ArrayList<>();
    List<CompensationFailure> failures = new ArrayList<>();
    for (int i = done.size() - 1; i >= 0; i--) {
      Done d = done.get(i);
      if (rolledBack && !d.outsideDatabase()) {
        continue;
      }
      StepContext context = context(d.stepId());
      try {
        transactions.inTransaction(unit -> d.compensation().compensate(context));
        compensated.add(d.stepId());
      } catch (RuntimeException e) {
        failures.add(new CompensationFailure(d.stepId(), e));
      }
    }
    return new WorkflowException(workflowId, failedStep, cause, rolledBack, compensated, failures);
  }

  private StepContext context(String stepId) {
    return new StepContext() {
      @Override
      public String workflowId() {
        return workflowId;
      }

      @Override
      public String stepId() {
        return stepId;
      }

      @Override
      public Modlink modlink() {
        return modlink;
      }

      @Override
      public @Nullable Object input() {
        return input;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T extends @Nullable Object> T outputOf(Step<?, T> step) {
        Objects.requireNonNull(step, "step");
        if (!steps.contains(step)) {
          throw new IllegalArgumentException("step '" + step.id() + "' is not a step of workflow '" + workflowId
              + "' (its steps: " + String.join(", ", steps.stream().map(Step::id).toList()) + ")");
        }
        if (!outputs.containsKey(step.id())) {
          throw new IllegalArgumentException("step '" + step.id() + "' of workflow '" + workflowId + "' has not"
              + " completed yet; a step can read the outputs of the steps before it");
        }
        return (T) outputs.get(step.id());
      }

      @Override
      public String toString() {
        return "StepContext[" + workflowId + "." + stepId + "]";
      }
    };
  }
}
