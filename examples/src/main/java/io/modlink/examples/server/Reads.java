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
import io.modlink.core.spi.ReadRequest;
import java.util.ArrayList;
import java.util.HashMap;
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
    List<String> fields = FieldSelection.resolve(defaults, params.fields());
    List<List<String>> tokens = tokenPaths(entity, fields);
    GraphQuery.Builder query = GraphQuery.entity(entity).fields(withoutTokens(fields, tokens)).filters(filters);
    GraphResult result = graph(params.page(query).build());
    fillTokens(result.data(), tokens);
    ObjectNode body = mapper.createObjectNode();
    body.set(plural, sanitize(entity, result.data()));
    body.put("count", result.metadata().map(GraphResult.Metadata::count).orElse((long) result.data().size()));
    body.put("offset", params.offset());
    body.put("limit", params.limit());
    return body;
  }

  /** The one record the filters select, with the fields asked, if there is one. */
  Optional<ObjectNode> one(String entity, List<String> defaults, ListParams params, Map<String, Object> filters) {
    List<String> fields = FieldSelection.resolve(defaults, params.fields());
    List<List<String>> tokens = tokenPaths(entity, fields);
    GraphResult result = graph(GraphQuery.entity(entity).fields(withoutTokens(fields, tokens)).filters(filters).take(1)
        .build());
    fillTokens(result.data(), tokens);
    ArrayNode rows = (ArrayNode) sanitize(entity, result.data());
    return rows.isEmpty() ? Optional.empty() : Optional.of((ObjectNode) rows.get(0));
  }

  /**
   * Checks the route's query string before a write: the fields must exist (the planner checks them
   * without reading anything), so that a bad {@code fields} is a 400 before anything changes.
   */
  ListParams checked(String entity, List<String> defaults, ListParams params) {
    List<String> fields = FieldSelection.resolve(defaults, params.fields());
    modlink.query().explain(GraphQuery.entity(entity).fields(withoutTokens(fields, tokenPaths(entity, fields))).build());
    return params;
  }

  // ------------------------------------------------------------------ API key tokens
  // The api_key module hides token (and salt) from graph queries: a secret key's column holds a hash.
  // Medusa's routes show a publishable key's token, so a route that asks for token gets it from the
  // module's store, which returns a hidden field when it is named: one batched read for all the keys
  // of the response, publishable tokens as they are, "" for secret keys.

  /** The relation paths (empty for the root) at which {@code token} (or {@code *}) of an API key is asked for. */
  private List<List<String>> tokenPaths(String entity, List<String> fields) {
    List<List<String>> out = new ArrayList<>();
    for (String field : fields) {
      List<String> segments = List.of(field.split("\\."));
      String last = segments.get(segments.size() - 1);
      if (!last.equals("token") && !last.equals("*")) {   // rel.* shows a key's token too, as in Medusa
        continue;
      }
      String at = entity;
      List<String> prefix = segments.subList(0, segments.size() - 1);
      for (String alias : prefix) {
        Optional<Relation> relation = registry.relation(at, alias);
        if (relation.isEmpty()) {
          at = null;
          break;
        }
        at = relation.get().target().name();
      }
      if ("api_key".equals(at) && !out.contains(prefix)) {
        out.add(prefix);
      }
    }
    return out;
  }

  private static List<String> withoutTokens(List<String> fields, List<List<String>> tokens) {
    List<String> out = new ArrayList<>();
    for (String field : fields) {
      boolean token = tokens.stream().anyMatch(prefix -> field.equals(String.join(".", append(prefix, "token"))));
      if (!token) {
        out.add(field);
      } else if (!tokens.isEmpty()) {
        List<String> prefix = List.of(field.split("\\.")).subList(0, field.split("\\.").length - 1);
        String id = String.join(".", append(prefix, "id"));
        if (!out.contains(id)) {
          out.add(id);   // the key's id, to find its token
        }
      }
    }
    return out;
  }

  private static List<String> append(List<String> prefix, String last) {
    List<String> out = new ArrayList<>(prefix);
    out.add(last);
    return out;
  }

  private void fillTokens(ArrayNode rows, List<List<String>> paths) {
    if (paths.isEmpty()) {
      return;
    }
    List<ObjectNode> keys = new ArrayList<>();
    for (List<String> path : paths) {
      collect(rows, path, 0, keys);
    }
    List<String> ids = keys.stream().map(k -> k.path("id").asText()).distinct().toList();
    Map<String, String> tokens = new HashMap<>();
    if (!ids.isEmpty()) {
      for (ObjectNode row : store("api_key").read(ReadRequest.builder().filter("id", ids)
          .fields("id", "token", "type").withDeleted().build()).rows()) {
        tokens.put(row.path("id").asText(), "publishable".equals(row.path("type").asText())
            ? row.path("token").asText() : "");
      }
    }
    for (ObjectNode key : keys) {
      key.put("token", tokens.getOrDefault(key.path("id").asText(), ""));
    }
  }

  private static void collect(JsonNode node, List<String> path, int at, List<ObjectNode> out) {
    if (node instanceof ArrayNode array) {
      array.forEach(item -> collect(item, path, at, out));
    } else if (node instanceof ObjectNode object) {
      if (at == path.size()) {
        out.add(object);
      } else {
        collect(object.path(path.get(at)), path, at + 1, out);
      }
    }
  }

  /** An entity's store, for the reads a graph query may not make (fields the module hides). */
  io.modlink.core.spi.EntityStore store(String entity) {
    roundTrips.increment();
    return modlink.store(entity);
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
