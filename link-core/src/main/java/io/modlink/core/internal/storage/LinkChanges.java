package io.modlink.core.internal.storage;

import io.modlink.core.spi.EntityStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Link writes changed, in order, so that {@link LinkService#undo} can put every row back as
 * it was: link rows inserted (deleted again), link rows changed (every column written back,
 * {@code updated_at} and {@code deleted_at} included), records soft-deleted or restored through a
 * store (the opposite call). Filled while the writes run, on their thread.
 */
public final class LinkChanges {
  /** One change, in the order made. */
  sealed interface Change permits Rows, Records {}

  /**
   * Link rows of one table: the rows inserted, the full previous values of the rows changed, and
   * for each of those whether the change left it live (to tell listeners what the undo changes).
   */
  record Rows(LinkTable table, List<Map<String, Object>> inserted, List<Map<String, Object>> previous,
      List<Boolean> liveAfter) implements Change {}

  /**
   * Records a store soft-deleted ({@code deleted} true) or restored; for a restore, the
   * {@code deleted_at} each record had before, which the undo writes back.
   */
  record Records(EntityStore store, List<Object> ids, boolean deleted, Map<Object, Instant> deletedAtBefore)
      implements Change {}

  private final List<Change> changes = new ArrayList<>();

  /**
   * Records rows inserted into and changed in {@code table}.
   *
   * @param inserted the rows inserted, as written
   * @param previous copies of the changed rows taken before the change
   * @param liveAfter for each previous row, whether the change left it live
   */
  void rows(LinkTable table, List<Map<String, Object>> inserted, List<Map<String, Object>> previous,
      List<Boolean> liveAfter) {
    if (!inserted.isEmpty() || !previous.isEmpty()) {
      changes.add(new Rows(table, List.copyOf(inserted), List.copyOf(previous), List.copyOf(liveAfter)));
    }
  }

  void records(EntityStore store, List<Object> ids, boolean deleted, Map<Object, Instant> deletedAtBefore) {
    if (!ids.isEmpty()) {
      changes.add(new Records(store, List.copyOf(ids), deleted, Map.copyOf(deletedAtBefore)));
    }
  }

  /** Undoes one store change: restores what was soft-deleted, soft-deletes what was restored at its old time. */
  static void undo(Records records) {
    if (records.deleted()) {
      records.store().restore(records.ids());
    } else {
      Map<Object, Instant> at = new java.util.LinkedHashMap<>();
      for (Object id : records.ids()) {
        Instant before = records.deletedAtBefore().get(id);
        if (before != null) {
          at.put(id, before);
        }
      }
      records.store().softDeleteAt(at);
    }
  }

  /** Every change so far, oldest first. */
  List<Change> changes() {
    return Collections.unmodifiableList(changes);
  }

  /** Whether nothing was changed. */
  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** A copy of a row as read, without Hibernate's type entry: the value to write back. */
  static Map<String, Object> copy(Map<String, Object> row) {
    Map<String, Object> copy = new HashMap<>(row);
    copy.remove("$type$");
    return copy;
  }

  @Override
  public String toString() {
    return "LinkChanges" + changes;
  }
}
