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
 * Dismisses (soft-deletes) links with {@link io.modlink.core.link.Link#dismiss}: Medusa's
 * {@code dismissRemoteLinkStep}. Its output is the rows dismissed; pairs without a live link are
 * ignored.
 *
 * <p>The step snapshots the rows it dismisses, with their extra columns; its compensation revives
 * them with every column as it was, {@code updated_at} and {@code deleted_at} included.
 *
 * @param <I> the input type, from which the requests are made
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DismissLinksStep<I extends @Nullable Object> implements Step<I, List<LinkRecord>> {
  private final String id;
  private final BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests;

  private DismissLinksStep(String id, BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests) {
    this.id = Objects.requireNonNull(id, "id");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  /** A step that dismisses the links it is given. */
  public static DismissLinksStep<List<LinkRequest>> of(String id) {
    return new DismissLinksStep<>(id, (in, context) -> in);
  }

  /** A step that dismisses the links made from its input. */
  public static <I extends @Nullable Object> DismissLinksStep<I> of(String id,
      Function<? super I, ? extends List<LinkRequest>> requests) {
    Objects.requireNonNull(requests, "requests");
    return new DismissLinksStep<I>(id, (in, context) -> requests.apply(in));
  }

  /** A step that dismisses the links made from its input and the context. */
  public static <I extends @Nullable Object> DismissLinksStep<I> of(String id,
      BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests) {
    return new DismissLinksStep<>(id, requests);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public StepResult<List<LinkRecord>> invoke(I input, StepContext context) {
    LinkService links = LinkService.of(context.link());
    Recorded<List<LinkRecord>> dismissed = links.dismissRecorded(Steps.requests(id, requests.apply(input, context)));
    return dismissed.changes().isEmpty() ? StepResult.of(dismissed.value())
        : StepResult.of(dismissed.value(), undo -> links.undo(dismissed.changes()));
  }

  @Override
  public String toString() {
    return "DismissLinksStep[" + id + "]";
  }
}
