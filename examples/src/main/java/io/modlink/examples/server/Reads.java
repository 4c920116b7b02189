package io.modlink.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.Modlink;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.Relation;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reads of the routes: each one graph query, whose result is the response. API keys in a
 * result (at the root or through a link) never carry their salt, nor a secret key's token hash.
 */
final class Reads {
  private final Modlink modlink;
  private final ObjectMapper mapper;
  private final LinkRegistry registry;

  private final LongAdder roundTrips = new LongAdder();

  Reads(Modlink modlink) {
    this.modlink = modlink;
    this.mapper = modlink.objectMapper();
    this.registry = modlink.registry();
  }

  /**
   * A page of records: {@code {<plural>: [...], count, offset, limit}}.
   *
   * @param filters graph-query filters, already translated from the query string
   */
  ObjectNode list(String entity, String plural, List<String> defaults, ListParams params, Map<String, Object> filters) {
    GraphQuery.Builder query = GraphQuery.entity(entity).fields(FieldSelection.resolve(defaults, params.fields()))
        .filters(filters);
    GraphResult result = graph(params.page(query).build());
    ObjectNode body = mapper.createObjectNode();
    body.set(plural, sanitize(entity, result.data()));
    body.put("count", result.metadata().map(GraphResult.Metadata::count).orElse((long) result.data().size()));
    body.put("offset", params.offset());
    body.put("limit", params.limit());
    return body;
  }

  /** The one record the filters select, with the fields asked, if there is one. */
  Optional<ObjectNode> one(String entity, List<String> defaults, ListParams params, Map<String, Object> filters) {
    GraphResult result = graph(GraphQuery.entity(entity)
        .fields(FieldSelection.resolve(defaults, params.fields())).filters(filters).take(1).build());
    ArrayNode rows = (ArrayNode) sanitize(entity, result.data());
    return rows.isEmpty() ? Optional.empty() : Optional.of((ObjectNode) rows.get(0));
  }

  /**
   * Checks the route's query string before a write: the fields must exist (the planner checks them
   * without reading anything), so that a bad {@code fields} is a 400 before anything changes.
   */
  ListParams checked(String entity, List<String> defaults, ListParams params) {
    modlink.query().explain(GraphQuery.entity(entity).fields(FieldSelection.resolve(defaults, params.fields())).build());
    return params;
  }

  /** Runs a graph query, counting its database round trips. */
  GraphResult graph(GraphQuery query) {
    GraphResult result = modlink.query().graph(query);
    roundTrips.add(result.stats().roundTrips());
    return result;
  }

  /** The database round trips of every graph query so far. */
  long roundTrips() {
    return roundTrips.sum();
  }

  /** {@code {key: value}} as a JSON object. */
  ObjectNode wrap(String key, JsonNode value) {
    ObjectNode body = mapper.createObjectNode();
    body.set(key, value);
    return body;
  }

  /** A free-text search over some fields of an entity, Medusa's {@code q}: any of them contains the text. */
  static Map<String, Object> search(Object q, List<String> fields) {
    if (!(q instanceof String text)) {
      throw HttpProblem.invalid("q must be a single text, got " + q);
    }
    List<Object> any = new ArrayList<>();
    for (String field : fields) {
      any.add(Map.of(field, Map.of("$ilike", "%" + text + "%")));
    }
    return Map.of("$or", any);
  }

  /** Filters with the entries of {@code extra} added, combined with {@code $and} where both have one key. */
  static Map<String, Object> and(Map<String, Object> filters, Map<String, Object> extra) {
    Map<String, Object> out = new LinkedHashMap<>(filters);
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      if (out.containsKey(e.getKey())) {
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("$and", List.of(Map.of(e.getKey(), out.remove(e.getKey())), Map.of(e.getKey(), e.getValue())));
        out.putAll(both);
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** Removes what an API key must never show, wherever API keys are in the tree. */
  JsonNode sanitize(String entity, JsonNode node) {
    if (node instanceof ArrayNode array) {
      array.forEach(item -> sanitize(entity, item));
    } else if (node instanceof ObjectNode object) {
      if (entity.equals("api_key")) {
        object.remove("salt");
        JsonNode token = object.get("token");
        if (token != null && token.isTextual() && !token.asText().startsWith("pk_")) {
          object.put("token", "");       // a secret key's stored token is a hash: never shown
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isContainerNode()) {
          Optional<Relation> relation = registry.relation(entity, field.getKey());
          relation.ifPresent(r -> sanitize(r.target().name(), field.getValue()));
        }
      }
    }
    return node;
  }
}
