package io.modlink.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Runs a graph query: Medusa's {@code useQueryGraphStep}. Inside the workflow's unit of work it
 * sees what the earlier steps wrote. It changes nothing, so it has no compensation.
 *
 * <pre>{@code
 * QueryGraphStep<Object, GraphResult> keys = QueryGraphStep.of("keys-with-channels",
 *     GraphQuery.entity("api_key").fields("id", "sales_channels.*").build());
 * QueryGraphStep<String, Optional<ObjectNode>> key = QueryGraphStep.first("find-key",
 *     token -> GraphQuery.entity("api_key").fields("id").filters(Map.of("token", token)).build());
 * }</pre>
 *
 * @param <I> the input type, from which the query is made
 * @param <O> the output: the whole {@link GraphResult}, or the first row ({@link #first})
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class QueryGraphStep<I extends @Nullable Object, O> implements Step<I, O> {
  private final String id;
  private final BiFunction<? super I, StepContext, GraphQuery> query;
  private final Function<GraphResult, O> output;

  private QueryGraphStep(String id, BiFunction<? super I, StepContext, GraphQuery> query,
      Function<GraphResult, O> output) {
    this.id = Objects.requireNonNull(id, "id");
    this.query = Objects.requireNonNull(query, "query");
    this.output = output;
  }

  /** A step that runs {@code query}, whatever its input. */
  public static QueryGraphStep<@Nullable Object, GraphResult> of(String id, GraphQuery query) {
    Objects.requireNonNull(query, "query");
    return new QueryGraphStep<>(id, (in, context) -> query, r -> r);
  }

  /** A step that runs the query made from its input. */
  public static <I extends @Nullable Object> QueryGraphStep<I, GraphResult> of(String id,
      Function<? super I, GraphQuery> query) {
    Objects.requireNonNull(query, "query");
    return new QueryGraphStep<I, GraphResult>(id, (in, context) -> query.apply(in), r -> r);
  }

  /** A step that runs the query made from its input and the context (earlier steps' outputs). */
  public static <I extends @Nullable Object> QueryGraphStep<I, GraphResult> of(String id,
      BiFunction<? super I, StepContext, GraphQuery> query) {
    return new QueryGraphStep<>(id, query, r -> r);
  }

  /**
   * A step that runs the query made from its input and returns its first row, or nothing: select
   * one record (by id, or with {@code take(1)}).
   */
  public static <I extends @Nullable Object> QueryGraphStep<I, Optional<ObjectNode>> first(String id,
      Function<? super I, GraphQuery> query) {
    Objects.requireNonNull(query, "query");
    return new QueryGraphStep<I, Optional<ObjectNode>>(id, (in, context) -> query.apply(in), QueryGraphStep::firstRow);
  }

  /** As {@link #first(String, Function)}, from the input and the context. */
  public static <I extends @Nullable Object> QueryGraphStep<I, Optional<ObjectNode>> first(String id,
      BiFunction<? super I, StepContext, GraphQuery> query) {
    return new QueryGraphStep<>(id, query, QueryGraphStep::firstRow);
  }

  private static Optional<ObjectNode> firstRow(GraphResult result) {
    JsonNode first = result.data().isEmpty() ? null : result.data().get(0);
    return Optional.ofNullable((ObjectNode) first);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public StepResult<O> invoke(I input, StepContext context) {
    GraphQuery q = Objects.requireNonNull(query.apply(input, context), () -> "step '" + id + "' made no query");
    return StepResult.of(output.apply(context.query().graph(q)));
  }

  @Override
  public String toString() {
    return "QueryGraphStep[" + id + "]";
  }
}
