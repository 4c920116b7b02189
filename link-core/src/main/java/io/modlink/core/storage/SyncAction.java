package io.modlink.core.storage;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One planned change to one link table.
 *
 * @param kind what the change does
 * @param table the table (after the change, for a rename)
 * @param previousTable the table's old name for a {@link SyncKind#RENAME}, else null
 * @param sql the statements that make the change, in order; empty for {@link SyncKind#NOOP}
 * @param reason why, in a sentence: {@code "column priority is missing"}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SyncAction(SyncKind kind, String table, @Nullable String previousTable, List<String> sql, String reason) {
  public SyncAction {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(table, "table");
    sql = List.copyOf(sql);
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + " " + (previousTable == null ? "" : previousTable + " -> ") + table + ": "
        + reason;
  }
}
