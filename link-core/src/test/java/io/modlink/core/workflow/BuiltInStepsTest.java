package io.modlink.core.workflow;

import static io.modlink.core.workflow.WorkflowFixture.ps;
import static io.modlink.core.workflow.WorkflowFixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.ErrorType;
import io.modlink.core.link.CascadeResult;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.query.GraphQuery;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Each built-in step does its work, and when a later step fails the databases afterwards equal the
 * databases before, row by row and column by column: on one database by the database's rollback
 * (no compensation runs, no statement either), on separate databases by the step's compensation.
 */
class BuiltInStepsTest {

  @DatabaseTest
  void onOneDatabaseTheDatabaseRollsTheStepsBack(TestDatabase db) {
    try (WorkflowFixture f = WorkflowFixture.oneDatabase(db)) {
      assertThat(f.modlink.transactions().isAtomic()).isTrue();
      everyStep(f, true);
    }
  }

  @DatabaseTest
  void onSeparateDatabasesTheCompensationsPutEveryRowBack(TestDatabase db) {
    try (WorkflowFixture f = WorkflowFixture.separateDatabases(db)) {
      assertThat(f.modlink.transactions().isAtomic()).isFalse();
      everyStep(f, false);
    }
  }

  private static void everyStep(WorkflowFixture f, boolean atomic) {
    createLinks(f, atomic);
    dismissLinks(f, atomic);
    removeLinks(f, atomic);
    updateLinks(f, atomic);
    queryGraph(f, atomic);
  }

  private static <I> @Nullable Object run(WorkflowFixture f, Step<I, ?> step, I input) {
    return Workflow.<I>builder(step.id()).then(step).build().run(f.modlink, input);
  }

  /**
   * Runs {@code step} then a step that fails, and checks that every row is back as it was; on one
   * database, that no compensation ran and no statement, no store call followed the failure.
   */
  private static <I> Map<String, List<Map<String, @Nullable Object>>> undoneExactly(WorkflowFixture f,
      boolean atomic, Step<I, ?> step, I input, boolean changesSomething) {
    f.reset();
    var before = f.snapshot();
    int[] atFailure = new int[2];
    Workflow<I, Object> workflow = Workflow.<I>builder(step.id() + "-then-fail").then(step)
        .then(Step.of("fail", (Object in, StepContext context) -> {
          atFailure[0] = f.sql.count();
          atFailure[1] = f.stores.count();
          throw new IllegalStateException("a later step failed");
        }))
        .build();
    WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> workflow.run(f.modlink, input));
    assertThat(e.failedStep()).contains("fail");
    assertThat(e.getCause()).hasMessage("a later step failed");
    assertThat(f.snapshot()).as("%s: every row of every table as before", step.id()).isEqualTo(before);
    assertThat(e.compensationFailures()).isEmpty();
    if (atomic) {
      assertThat(e.rolledBack()).isTrue();
      assertThat(e.compensated()).as("no compensation on one database").isEmpty();
      assertThat(f.sql.count()).as("no statement after the failure").isEqualTo(atFailure[0]);
      assertThat(f.stores.count()).as("no store call after the failure").isEqualTo(atFailure[1]);
    } else {
      assertThat(e.rolledBack()).isFalse();
      assertThat(e.compensated()).isEqualTo(changesSomething ? List.of(step.id()) : List.of());
    }
    return before;
  }

  private static List<String> live(WorkflowFixture f, String table) {
    return f.modlink.link().list(LinkQuery.of(table)).stream().map(r -> r.leftKey() + "-" + r.rightKey()).toList();
  }

  private static Map<String, Object> data(Object... pairs) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], pairs[i + 1]);
    }
    return out;
  }

  private static void createLinks(WorkflowFixture f, boolean atomic) {
    CreateLinksStep<List<LinkRequest>> create = CreateLinksStep.of("create-links");
    List<LinkRequest> requests = List.of(
        pw("p4", "w3").withData(data("note", "new")),                  // a new link
        pw("p1", "w1").withData(data("note", "changed", "priority", 9)),   // a live link: its extra columns change
        pw("p3", "w2"),                                                 // a dismissed link: revived
        ps("p4", "s1"));
    f.reset();
    LinkRecord firstBefore = f.modlink.link().list(LinkQuery.of("product_warehouse").where("product_id", "p1"))
        .get(0);
    @SuppressWarnings("unchecked")
    List<LinkRecord> created = (List<LinkRecord>) run(f, create, requests);
    assertThat(created).hasSize(4);
    assertThat(live(f, "product_warehouse")).containsExactlyInAnyOrder("p1-w1", "p2-w1", "p3-w2", "p4-w3");
    assertThat(live(f, "product_shelf")).containsExactlyInAnyOrder("p1-s1", "p2-s2", "p4-s3", "p4-s1");
    LinkRecord first = created.get(1);
    assertThat(first.id()).isEqualTo(firstBefore.id());
    assertThat(first.data()).containsEntry("note", "changed").containsEntry("priority", 9);
    assertThat(first.data().get("meta").toString()).isEqualTo("{\"a\":1}");
    assertThat(first.updatedAt()).isAfter(firstBefore.updatedAt());
    assertThat(created.get(0).data()).containsEntry("note", "new").containsEntry("priority", 0);

    var before = undoneExactly(f, atomic, create, requests, true);
    // the link that was there before is left alone: its extra columns and times as they were
    assertThat(f.modlink.link().list(LinkQuery.of("product_warehouse").where("product_id", "p1")))
        .singleElement().satisfies(r -> assertThat(r.data()).containsEntry("note", "first")
            .containsEntry("priority", 5));
    assertThat(f.snapshot().get("product_warehouse")).filteredOn(row -> "p1".equals(row.get("product_id")))
        .containsExactlyElementsOf(before.get("product_warehouse").stream()
            .filter(row -> "p1".equals(row.get("product_id"))).toList());
  }

  private static void dismissLinks(WorkflowFixture f, boolean atomic) {
    DismissLinksStep<List<LinkRequest>> dismiss = DismissLinksStep.of("dismiss-links");
    List<LinkRequest> requests = List.of(pw("p1", "w1"), ps("p1", "s1"), pw("p4", "w3"));   // the last is not linked
    f.reset();
    @SuppressWarnings("unchecked")
    List<LinkRecord> dismissed = (List<LinkRecord>) run(f, dismiss, requests);
    assertThat(dismissed).extracting(r -> r.leftKey() + "-" + r.rightKey()).containsExactly("p1-w1", "p1-s1");
    assertThat(dismissed).allSatisfy(r -> assertThat(r.isLive()).isFalse());
    assertThat(dismissed.get(0).data()).containsEntry("note", "first");
    assertThat(live(f, "product_warehouse")).containsExactly("p2-w1");
    assertThat(live(f, "product_shelf")).containsExactlyInAnyOrder("p2-s2", "p4-s3");

    undoneExactly(f, atomic, dismiss, requests, true);
  }

  private static void removeLinks(WorkflowFixture f, boolean atomic) {
    RemoveLinksStep<Map<String, ? extends Map<String, ? extends List<?>>>> remove = RemoveLinksStep.of("remove-links");
    Map<String, Map<String, List<String>>> keys = Map.of("stock", Map.of("warehouse_id", List.of("w1")));
    f.reset();
    CascadeResult removed = (CascadeResult) run(f, remove, keys);
    // w1's links go; its products are deleted with it, and their shelves with them
    assertThat(removed.links().get("product_warehouse")).extracting(LinkRecord::leftKey)
        .containsExactlyInAnyOrder("p1", "p2");
    assertThat(removed.recordIds("catalog", "product")).containsExactlyInAnyOrder("p1", "p2");
    assertThat(removed.recordIds("stock", "shelf")).containsExactlyInAnyOrder("s1", "s2");
    assertThat(live(f, "product_warehouse")).isEmpty();
    assertThat(live(f, "product_shelf")).containsExactly("p4-s3");

    undoneExactly(f, atomic, remove, keys, true);
  }

  private static void updateLinks(WorkflowFixture f, boolean atomic) {
    UpdateLinksStep<List<LinkRequest>> update = UpdateLinksStep.of("update-links");
    List<LinkRequest> requests = List.of(pw("p1", "w1").withData(data("note", "updated", "priority", 7)),
        pw("p2", "w1").withData(data("meta", Map.of("b", 2))));
    f.reset();
    @SuppressWarnings("unchecked")
    List<LinkRecord> updated = (List<LinkRecord>) run(f, update, requests);
    assertThat(updated.get(0).data()).containsEntry("note", "updated").containsEntry("priority", 7);
    assertThat(updated.get(0).data().get("meta").toString()).isEqualTo("{\"a\":1}");
    assertThat(updated.get(1).data().get("meta").toString()).isEqualTo("{\"b\":2}");
    assertThat(f.modlink.link().list(LinkQuery.of("product_warehouse").where("product_id", "p1")).get(0).data())
        .containsEntry("note", "updated");

    undoneExactly(f, atomic, update, requests, true);

    // a pair without a live link is not_found, and nothing is written
    f.reset();
    var before = f.snapshot();
    List<LinkRequest> missing = List.of(pw("p1", "w1").withData(data("note", "x")),
        pw("p3", "w2").withData(data("note", "dismissed")), pw("p4", "w3").withData(data("note", "never")));
    WorkflowException e = catchThrowableOfType(WorkflowException.class, () -> run(f, update, missing));
    assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
    assertThat(e.failedStep()).contains("update-links");
    assertThat(e.getCause()).hasMessage("no live link product p3 <-> warehouse w2 (product_warehouse), product p4 <->"
        + " warehouse w3 (product_warehouse); update changes links that exist: create them first (create upserts,"
        + " and revives a dismissed link)");
    assertThat(f.snapshot()).isEqualTo(before);
  }

  private static void queryGraph(WorkflowFixture f, boolean atomic) {
    QueryGraphStep<Object, Optional<ObjectNode>> readBack = QueryGraphStep.first("read-back",
        (Object in) -> GraphQuery.entity("product").fields("id", "warehouse.name", "shelves.id")
            .filters(Map.of("id", "p4")).build());
    f.reset();
    @SuppressWarnings("unchecked")
    Optional<ObjectNode> p4 = (Optional<ObjectNode>) Workflow.builder("link-then-read")
        .then(CreateLinksStep.of("link", (Object in) -> List.of(pw("p4", "w3"))))
        .then(readBack).build().run(f.modlink, "x");
    // inside the workflow's unit of work the query sees the link the step before created
    assertThat(p4).hasValueSatisfying(row -> {
      assertThat(row.get("warehouse").get("name").asText()).isEqualTo("Warehouse 3");
      assertThat(row.get("shelves").get(0).get("id").asText()).isEqualTo("s3");
    });
    Optional<?> none = (Optional<?>) run(f, QueryGraphStep.first("none", (Object in) -> GraphQuery.entity("product")
        .filters(Map.of("id", "p9")).build()), "x");
    assertThat(none).isEmpty();
    var all = run(f, QueryGraphStep.of("all", GraphQuery.entity("product").fields("id").build()), "x");
    assertThat(((io.modlink.core.query.GraphResult) all).data()).hasSize(4);

    undoneExactly(f, atomic, readBack, "x", false);
  }
}
