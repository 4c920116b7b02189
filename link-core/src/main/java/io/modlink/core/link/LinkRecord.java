package io.modlink.core.link;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One row of a link table.
 *
 * @param link the link the row belongs to
 * @param id the row id: the link's id prefix, {@code _}, a ULID
 * @param leftKey the value of the left key column
 * @param rightKey the value of the right key column
 * @param data the extra column values
 * @param createdAt when the pair was first linked
 * @param updatedAt when the row last changed
 * @param deletedAt when the pair was dismissed, or null while it is live
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LinkRecord(ResolvedLink link, String id, Object leftKey, Object rightKey, Map<String, @Nullable Object> data,
    Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
  public LinkRecord {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(id, "id");
    data = data.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** The link table. */
  public String table() {
    return link.table().orElseThrow();
  }

  /** Whether the pair is live (not dismissed). */
  public boolean isLive() {
    return deletedAt == null;
  }

  /** A request that would create this link again (with its extra column values). */
  public LinkRequest toRequest() {
    Map<String, Object> values = new LinkedHashMap<>(data);
    return LinkRequest.between(LinkKey.of(link.left().module(), link.left().column(), leftKey),
        LinkKey.of(link.right().module(), link.right().column(), rightKey)).withData(values);
  }

  @Override
  public String toString() {
    return table() + "[" + id + ": " + link.left().column() + "=" + leftKey + ", " + link.right().column() + "="
        + rightKey + (deletedAt == null ? "" : ", dismissed") + "]";
  }
}
