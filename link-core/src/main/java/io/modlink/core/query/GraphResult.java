package io.modlink.core.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modlink.core.error.InvalidDataException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The result of a graph query: the rows as Jackson trees, paging metadata, warnings and costs.
 *
 * @param data one {@code ObjectNode} per root record
 * @param metadata skip, take and count, when a page or a count was asked
 * @param warnings facts worth knowing, e.g. link rows pointing at records that do not exist
 * @param stats what the query cost
 */
@API(status = API.Status.STABLE, since = "0.1")
public record GraphResult(ArrayNode data, Optional<Metadata> metadata, List<String> warnings, QueryStats stats) {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public GraphResult {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(metadata, "metadata");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(stats, "stats");
  }

  /**
   * The rows converted to records or POJOs (unknown properties ignored; snake-case JSON names
   * map to components annotated {@code @JsonProperty} or named in snake case).
   */
  public <T> List<T> as(Class<T> type) {
    List<T> out = new ArrayList<>(data.size());
    try {
      for (var node : data) {
        out.add(MAPPER.treeToValue(node, type));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidDataException("rows cannot be read as " + type.getName() + ": " + e.getOriginalMessage(), e);
    }
    return out;
  }

  /**
   * Paging metadata.
   *
   * @param skip rows skipped
   * @param take the page size, or null when not limited
   * @param count the number of matching root rows, ignoring the page
   */
  public record Metadata(int skip, Integer take, long count) {}
}
