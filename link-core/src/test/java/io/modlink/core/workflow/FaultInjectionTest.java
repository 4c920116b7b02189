package io.modlink.core.workflow;

import static io.modlink.core.workflow.WorkflowFixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.InjectedFault;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/**
 * A three-step workflow (create links, the delete cascade of a warehouse, update a link) failed at
 * every position: every SQL statement Hibernate prepares, then every store call, one at a time.
 * Each failed run leaves every row of every table as it was; the run that outlasts the faults
 * leaves what a run without faults leaves. On one database (the database rolls back) and with
 * stock on a database of its own (compensations).
 */
class FaultInjectionTest {

  private static final Workflow<Object, List<LinkRecord>> RESTOCK = Workflow.builder("restock")
      .then(CreateLinksStep.of("link", (Object in) -> List.of(pw("p4", "w3").withData(Map.of("note", "new")),
          pw("p1", "w1").withData(Map.of("note", "changed")))))
      .then(RemoveLinksStep.of("remove-w1", (List<LinkRecord> in) -> Map.of("stock", Map.of("warehouse_id",
          List.of("w1")))))
      .then(UpdateLinksStep.of("update", (Object in) -> List.of(pw("p4", "w3").withData(Map.of("priority", 3)))))
      .build();

  private enum Kind { STATEMENT, STORE_CALL }

  @DatabaseTest
  void onOneDatabase(TestDatabase db) {
    try (WorkflowFixture f = WorkflowFixture.oneDatabase(db)) {
      everyPosition(f);
    }
  }

  @DatabaseTest
  void onSeparateDatabases(TestDatabase db) {
    try (WorkflowFixture f = WorkflowFixture.separateDatabases(db)) {
      everyPosition(f);
      aFailingCompensationIsReportedWithTheFailure(f);
    }
  }

  private static void everyPosition(WorkflowFixture f) {
    f.reset();
    RESTOCK.run(f.modlink, "go");
    var expected = f.state();
    for (Kind kind : Kind.values()) {
      int failed = 0;
      for (int n = 1; n < 1000; n++) {
        f.reset();
        var before = f.snapshot();
        int fired = fired(f, kind);
        if (kind == Kind.STATEMENT) {
          f.sql.failAt(n);
        } else {
          f.stores.failAt(n);
        }
        WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> RESTOCK.run(f.modlink, "go"));
        if (e == null) {
          assertThat(fired(f, kind)).as("a run that succeeded met no fault").isEqualTo(fired);
          assertThat(f.state()).as("%s %d: the run without faults", kind, n).isEqualTo(expected);
          break;
        }
        failed++;
        assertThat(InjectedFault.isIn(e)).as("%s %d failed the run: %s", kind, n, e).isTrue();
        assertThat(e.compensationFailures()).isEmpty();
        assertThat(f.snapshot()).as("%s %d (%s): every row as before", kind, n, e.getMessage()).isEqualTo(before);
      }
      assertThat(failed).as("positions of %s", kind).isGreaterThanOrEqualTo(kind == Kind.STATEMENT ? 15 : 4);
    }
  }

  private static int fired(WorkflowFixture f, Kind kind) {
    return kind == Kind.STATEMENT ? f.sql.fired() : f.stores.fired();
  }

  /** The cascade's compensation fails on its first statement: reported, and the other steps still undone. */
  private static void aFailingCompensationIsReportedWithTheFailure(WorkflowFixture f) {
    f.reset();
    var before = f.snapshot();
    Workflow<Object, Object> workflow = Workflow.builder("restock-then-fail")
        .then(CreateLinksStep.of("link", (Object in) -> List.<LinkRequest>of(pw("p4", "w3"))))
        .then(RemoveLinksStep.of("remove-w1", (Object in) -> Map.of("stock", Map.of("warehouse_id", List.of("w1")))))
        .then(Step.of("fail", (Object in, StepContext context) -> {
          f.sql.failAt(1);   // the first statement of the first compensation (the cascade's) fails
          throw new IllegalStateException("a later step failed");
        }))
        .build();
    WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> workflow.run(f.modlink, "go"));
    assertThat(e.getCause()).hasMessage("a later step failed");
    assertThat(e.compensated()).containsExactly("link");
    assertThat(e.compensationFailures()).singleElement().satisfies(failure -> {
      assertThat(failure.stepId()).isEqualTo("remove-w1");
      assertThat(InjectedFault.isIn(failure.failure())).isTrue();
    });
    assertThat(e.getSuppressed()).hasSize(1);
    assertThat(e.getMessage()).startsWith("workflow 'restock-then-fail' failed at step 'fail': a later step failed;"
        + " compensated: link; the compensation of step 'remove-w1' failed too: ");
    // the link is gone again; what the cascade did stays, as the exception says
    var after = f.snapshot();
    assertThat(after.get("product_warehouse")).hasSameSizeAs(before.get("product_warehouse"));
    assertThat(after).isNotEqualTo(before);
  }
}
