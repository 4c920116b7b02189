package io.modlink.core.workflow;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.storage.LinkService;
import io.modlink.core.internal.storage.Recorded;
import io.modlink.core.link.CascadeResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The delete cascade of {@link io.modlink.core.link.Link#delete}: Medusa's
 * {@code removeRemoteLinkStep}. Given records by module, linkable key and values (records a
 * module has just deleted), it dismisses every live link that references them and soft-deletes the
 * records of {@code deleteCascade} sides, recursively. Its output is the {@link CascadeResult}.
 *
 * <p>Compensation restores exactly what the cascade changed: the link rows get every column back
 * as it was ({@code updated_at} and {@code deleted_at} included), the records it soft-deleted are
 * restored.
 *
 * <pre>{@code
 * RemoveLinksStep<List<String>> unlinkKeys = RemoveLinksStep.of("remove-key-links",
 *     ids -> Map.of("api_key", Map.of("api_key_id", ids)));
 * }</pre>
 *
 * @param <I> the input type, from which the records are named
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RemoveLinksStep<I extends @Nullable Object> implements Step<I, CascadeResult> {
  private final String id;
  private final BiFunction<? super I, StepContext, ? extends Map<String, ? extends Map<String, ? extends List<?>>>>
      keys;

  private RemoveLinksStep(String id,
      BiFunction<? super I, StepContext, ? extends Map<String, ? extends Map<String, ? extends List<?>>>> keys) {
    this.id = Objects.requireNonNull(id, "id");
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** A step whose input names the records: module -> linkable key -> values. */
  public static RemoveLinksStep<Map<String, ? extends Map<String, ? extends List<?>>>> of(String id) {
    return new RemoveLinksStep<>(id, (in, context) -> in);
  }

  /** A step that names the records from its input. */
  public static <I extends @Nullable Object> RemoveLinksStep<I> of(String id,
      Function<? super I, ? extends Map<String, ? extends Map<String, ? extends List<?>>>> keys) {
    Objects.requireNonNull(keys, "keys");
    return new RemoveLinksStep<I>(id, (in, context) -> keys.apply(in));
  }

  /** A step that names the records from its input and the context. */
  public static <I extends @Nullable Object> RemoveLinksStep<I> of(String id,
      BiFunction<? super I, StepContext, ? extends Map<String, ? extends Map<String, ? extends List<?>>>> keys) {
    return new RemoveLinksStep<>(id, keys);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public StepResult<CascadeResult> invoke(I input, StepContext context) {
    Map<String, ? extends Map<String, ? extends List<?>>> records = keys.apply(input, context);
    if (records == null) {
      throw new InvalidDataException("step '" + id + "' was given no records (null); give module -> linkable key"
          + " -> values, empty for none");
    }
    LinkService links = LinkService.of(context.link());
    Recorded<CascadeResult> removed = links.deleteRecorded(records);
    return removed.changes().isEmpty() ? StepResult.of(removed.value())
        : StepResult.of(removed.value(), undo -> links.undo(removed.changes()));
  }

  @Override
  public String toString() {
    return "RemoveLinksStep[" + id + "]";
  }
}
