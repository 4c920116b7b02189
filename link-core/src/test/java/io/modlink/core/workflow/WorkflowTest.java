package io.modlink.core.workflow;

import static io.modlink.core.workflow.WorkflowFixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a workflow runs and is undone: order, outputs, the failed step, compensations newest first,
 * only those outside the database where it rolls back, failed compensations, step ids. On embedded
 * H2; what the built-in steps do to the databases is in {@link BuiltInStepsTest}.
 */
class WorkflowTest {
  /** Every module and the link tables on one database: workflows run in one unit of work. */
  private static Modlink atomic;
  /** Stock on a database of its own: each step runs in a unit of work of its own. */
  private static Modlink federated;

  private final List<String> undone = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    atomic = LinkFixtures.builder(DatabaseConfig.embedded()).build();
    federated = LinkFixtures.builder(DatabaseConfig.embedded()).database("stock", DatabaseConfig.embedded()).build();
    LinkFixtures.seed(atomic, 3);
    LinkFixtures.seed(federated, 3);
  }

  @AfterAll
  static void stop() {
    atomic.close();
    federated.close();
  }

  @BeforeEach
  void clearLinks() {
    for (Modlink modlink : List.of(atomic, federated)) {
      modlink.link().dismiss(modlink.link().listRequests(LinkQuery.of("product_warehouse")));
    }
  }

  /** A step that passes its input on and records its compensation in {@link #undone}. */
  private Step<Object, Object> undoable(String id) {
    return Step.of(id, (in, context) -> StepResult.of(in, c -> undone.add(c.stepId())));
  }

  private Step<Object, Object> undoableOutside(String id) {
    return Step.of(id, (in, context) -> StepResult.of(in, c -> undone.add(c.stepId())).outsideDatabase());
  }

  private static Step<Object, Object> failing(String id, RuntimeException failure) {
    return Step.of(id, (in, context) -> {
      throw failure;
    });
  }

  @Test
  void stepsRunInOrderEachGivenTheOutputBefore() {
    Step<Integer, Integer> doubled = Step.of("double", (n, context) -> StepResult.of(n * 2));
    Step<Integer, String> described = Step.of("describe", (n, context) -> StepResult.of("n=" + n + ", input="
        + context.input() + ", doubled=" + context.outputOf(doubled) + ", in " + context.workflowId() + "."
        + context.stepId()));
    Workflow<Integer, String> workflow = Workflow.<Integer>builder("arithmetic").then(doubled).then(described).build();

    assertThat(workflow.run(atomic, 5)).isEqualTo("n=10, input=5, doubled=10, in arithmetic.describe");
    assertThat(workflow.run(federated, 7)).isEqualTo("n=14, input=7, doubled=14, in arithmetic.describe");
    assertThat(workflow.steps()).extracting(Step::id).containsExactly("double", "describe");
    assertThat(workflow).hasToString("Workflow[arithmetic: double -> describe]");
  }

  @Test
  void aStepReadsOnlyTheOutputsOfStepsBeforeItInTheSameWorkflow() {
    Step<Object, Object> later = undoable("later");
    Step<Object, Object> elsewhere = undoable("elsewhere");
    Workflow<Object, Object> early = Workflow.builder("early")
        .then(Step.of("peek", (in, context) -> StepResult.of((Object) context.outputOf(later))))
        .then(later).build();
    assertThatThrownBy(() -> early.run(atomic, "x")).isInstanceOf(WorkflowException.class)
        .hasMessage("workflow 'early' failed at step 'peek': step 'later' of workflow 'early' has not completed yet;"
            + " a step can read the outputs of the steps before it; the database rolled back what the steps wrote")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    Workflow<Object, Object> foreign = Workflow.builder("foreign")
        .then(Step.of("peek", (in, context) -> StepResult.of((Object) context.outputOf(elsewhere)))).build();
    assertThatThrownBy(() -> foreign.run(atomic, "x")).hasRootCauseMessage(
        "step 'elsewhere' is not a step of workflow 'foreign' (its steps: peek)");
  }

  @Test
  void aFailedRunNamesTheStepCarriesItsCauseAndTakesItsType() {
    NotFoundException missing = new NotFoundException("sales channel sc_9 not found");
    Workflow<Object, Object> notFound = Workflow.builder("find").then(undoable("first"))
        .then(failing("lookup", missing)).build();
    WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> notFound.run(federated, "x"));
    assertThat(e.workflowId()).isEqualTo("find");
    assertThat(e.failedStep()).contains("lookup");
    assertThat(e.getCause()).isSameAs(missing);
    assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
    assertThat(e.unwrap()).isSameAs(missing);
    assertThat(e).hasMessage("workflow 'find' failed at step 'lookup': sales channel sc_9 not found; compensated:"
        + " first");

    IllegalStateException down = new IllegalStateException("the store is down");
    WorkflowException other = catchThrowableOfType(WorkflowException.class,
        () -> Workflow.builder("other").then(failing("read", down)).build().run(federated, "x"));
    assertThat(other.type()).isEqualTo(ErrorType.UNEXPECTED_STATE);
    assertThat(other.unwrap()).isSameAs(other);
  }

  @Test
  void acrossDatabasesTheCompletedStepsAreCompensatedNewestFirst() {
    Workflow<Object, Object> workflow = Workflow.builder("three")
        .then(undoable("a"))
        .then(Step.of("nothing-to-undo", (in, context) -> StepResult.of(in)))
        .then(undoable("b"))
        .then(failing("c", new IllegalStateException("c failed")))
        .then(undoable("never"))
        .build();
    WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> workflow.run(federated, "x"));
    assertThat(undone).containsExactly("b", "a");
    assertThat(e.compensated()).containsExactly("b", "a");
    assertThat(e.rolledBack()).isFalse();
    assertThat(e.compensationFailures()).isEmpty();
  }

  @Test
  void onOneDatabaseTheDatabaseRollsBackAndOnlyWorkOutsideItIsCompensated() {
    Workflow<Object, Object> workflow = Workflow.builder("mixed")
        .then(undoable("in-database"))
        .then(undoableOutside("outside"))
        .then(CreateLinksStep.of("link", (Object in) -> List.of(pw("p1", "w1"))))
        .then(failing("fail", new IllegalStateException("failed")))
        .build();
    WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> workflow.run(atomic, "x"));
    assertThat(undone).containsExactly("outside");
    assertThat(e.rolledBack()).isTrue();
    assertThat(e.compensated()).containsExactly("outside");
    assertThat(atomic.link().list(LinkQuery.of("product_warehouse"))).isEmpty();
    assertThat(e).hasMessage("workflow 'mixed' failed at step 'fail': failed; the database rolled back what the steps"
        + " wrote; compensated: outside");
  }

  @Test
  void aCompensationThatFailsDoesNotStopTheOthersAndIsReportedWithTheFailure() {
    IllegalStateException undoFailed = new IllegalStateException("cannot undo b");
    Workflow<Object, Object> workflow = Workflow.builder("stubborn")
        .then(undoable("a"))
        .then(Step.of("b", (in, context) -> StepResult.of(in, c -> {
          throw undoFailed;
        })))
        .then(undoable("c"))
        .then(failing("d", new IllegalStateException("d failed")))
        .build();
    WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> workflow.run(federated, "x"));
    assertThat(undone).containsExactly("c", "a");
    assertThat(e.compensated()).containsExactly("c", "a");
    assertThat(e.compensationFailures()).singleElement().satisfies(f -> {
      assertThat(f.stepId()).isEqualTo("b");
      assertThat(f.failure()).isSameAs(undoFailed);
    });
    assertThat(e.getSuppressed()).containsExactly(undoFailed);
    assertThat(e.getCause()).hasMessage("d failed");
    assertThat(e).hasMessage("workflow 'stubborn' failed at step 'd': d failed; compensated: c, a; the compensation"
        + " of step 'b' failed too: cannot undo b");
    assertThat(e.unwrap()).isSameAs(e);
  }

  @Test
  void stepIdsAreUniqueAndTheRefusalSaysHowToNameTheSecond() {
    Workflow.Builder<Object, Object> builder = Workflow.builder("links").then(undoable("link"))
        .then(undoable("link-2"));
    assertThatThrownBy(() -> builder.then(undoable("link")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step id 'link' of workflow 'links' is already the id of step 1; give step 3 an id of its own,"
            + " e.g. 'link-3'");
    assertThatThrownBy(() -> builder.then(undoable(" ")))
        .hasMessage("step 3 of workflow 'links' has a blank id; give every step an id");
    assertThatThrownBy(() -> Workflow.builder("empty").build())
        .hasMessage("workflow 'empty' has no steps; add them with then(step)");
    assertThatThrownBy(() -> Workflow.builder(""))
        .hasMessage("a workflow id must not be blank; name the workflow, e.g. \"link-key\"");
    // the builder is immutable: the refused step left it as it was
    assertThat(builder.build().steps()).extracting(Step::id).containsExactly("link", "link-2");
  }

  @Test
  void aRunInsideAUnitOfWorkJoinsItAndItsFailureRollsTheUnitBack() {
    Workflow<Object, List<LinkRecord>> link = Workflow.builder("link")
        .then(CreateLinksStep.of("link", (Object in) -> List.of(pw("p2", "w2")))).build();
    for (Modlink modlink : List.of(atomic, federated)) {
      assertThatThrownBy(() -> modlink.inTransaction(tx -> {
        link.run(modlink, "x");
        throw new IllegalStateException("the caller failed after the workflow");
      })).hasMessage("the caller failed after the workflow");
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse"))).isEmpty();

      Workflow<Object, Object> failing = Workflow.builder("failing")
          .then(CreateLinksStep.of("link", (Object in) -> List.of(pw("p2", "w2"))))
          .then(failing("fail", new IllegalStateException("failed"))).build();
      WorkflowException e = catchThrowableOfType(WorkflowException.class,
          () -> modlink.inTransaction(tx -> failing.run(modlink, "x")));
      assertThat(e.rolledBack()).isTrue();
      assertThat(e.compensated()).isEmpty();
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse"))).isEmpty();
    }
  }
}
