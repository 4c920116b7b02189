package io.modlink.core.workflow;

import io.modlink.core.internal.storage.LinkService;
import io.modlink.core.internal.storage.Recorded;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Creates (upserts) links with {@link io.modlink.core.link.Link#create}: Medusa's
 * {@code createRemoteLinkStep}. Its output is the rows as written.
 *
 * <p>Compensation: links that did not exist are deleted, and links that did (live, or dismissed
 * and revived by the step) get every column back as it was, extra columns, {@code updated_at} and
 * {@code deleted_at} included. Medusa dismisses every link of the step, breaking those that were
 * there before.
 *
 * <pre>{@code
 * CreateLinksStep<List<LinkRequest>> link = CreateLinksStep.of("link-key");
 * CreateLinksStep<ApiKeyRecord> toWeb = CreateLinksStep.of("link-to-web", key -> List.of(LinkRequest.between(
 *     LinkKey.of("api_key", "api_key_id", key.id()), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))));
 * }</pre>
 *
 * @param <I> the input type, from which the requests are made
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CreateLinksStep<I extends @Nullable Object> implements Step<I, List<LinkRecord>> {
  private final String id;
  private final BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests;
  private final CreateOptions options;

  private CreateLinksStep(String id, BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests,
      CreateOptions options) {
    this.id = Objects.requireNonNull(id, "id");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A step that creates the links it is given. */
  public static CreateLinksStep<List<LinkRequest>> of(String id) {
    return new CreateLinksStep<>(id, (in, context) -> in, CreateOptions.defaults());
  }

  /** A step that creates the links made from its input. */
  public static <I extends @Nullable Object> CreateLinksStep<I> of(String id,
      Function<? super I, ? extends List<LinkRequest>> requests) {
    Objects.requireNonNull(requests, "requests");
    return new CreateLinksStep<I>(id, (in, context) -> requests.apply(in), CreateOptions.defaults());
  }

  /** A step that creates the links made from its input and the context (earlier steps' outputs). */
  public static <I extends @Nullable Object> CreateLinksStep<I> of(String id,
      BiFunction<? super I, StepContext, ? extends List<LinkRequest>> requests) {
    return new CreateLinksStep<>(id, requests, CreateOptions.defaults());
  }

  /** This step, creating with {@code options} (e.g. {@link CreateOptions#withoutVerification()}). */
  public CreateLinksStep<I> with(CreateOptions options) {
    return new CreateLinksStep<>(id, requests, options);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public StepResult<List<LinkRecord>> invoke(I input, StepContext context) {
    LinkService links = LinkService.of(context.link());
    Recorded<List<LinkRecord>> created = links.createRecorded(Steps.requests(id, requests.apply(input, context)),
        options);
    return created.changes().isEmpty() ? StepResult.of(created.value())
        : StepResult.of(created.value(), undo -> links.undo(created.changes()));
  }

  @Override
  public String toString() {
    return "CreateLinksStep[" + id + "]";
  }
}
