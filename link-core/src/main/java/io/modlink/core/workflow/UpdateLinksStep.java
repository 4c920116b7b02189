package io.modlink.core.workflow;

import io.modlink.core.internal.storage.LinkService;
import io.modlink.core.internal.storage.Recorded;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Changes the extra columns of live links with {@link io.modlink.core.link.Link#update}: Medusa's
 * {@code updateRemoteLinksStep}. Each request names a pair and the values to write
 * ({@link LinkRequest#withData}); a pair without a live link fails the step with
 * {@code not_found}. Its output is the rows as written.
 *
 * <p>Compensation writes every column of the rows back as it was, {@code updated_at} included.
 *
 * @param <I> the input type, from which the requests are made
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class UpdateLinksStep<I extends @Nullable Object> implements Step<I, List<LinkRecord>> {
  private final String id;
  private final BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests;

  private UpdateLinksStep(String id, BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests) {
    this.id = Objects.requireNonNull(id, "id");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  /** A step that applies the updates it is given. */
  public static UpdateLinksStep<List<LinkRequest>> of(String id) {
    return new UpdateLinksStep<>(id, (in, context) -> in);
  }

  /** A step that applies the updates made from its input. */
  public static <I extends @Nullable Object> UpdateLinksStep<I> of(String id,
      Function<? super I, ? extends List<LinkRequest>> requests) {
    Objects.requireNonNull(requests, "requests");
    return new UpdateLinksStep<I>(id, (in, context) -> requests.apply(in));
  }

  /** A step that applies the updates made from its input and the context. */
  public static <I extends @Nullable Object> UpdateLinksStep<I> of(String id,
      BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests) {
    return new UpdateLinksStep<>(id, requests);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public StepResult<List<LinkRecord>> invoke(I input, StepContext context) {
    LinkService links = LinkService.of(context.link());
    Recorded<List<LinkRecord>> updated = links.updateRecorded(Steps.requests(id, requests.apply(input, context)));
    return updated.changes().isEmpty() ? StepResult.of(updated.value())
        : StepResult.of(updated.value(), undo -> links.undo(updated.changes()));
  }

  @Override
  public String toString() {
    return "UpdateLinksStep[" + id + "]";
  }
}
