package io.modlink.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON request body, read field by field: a wrong type is a 400 naming the field and the type it
 * must have. An empty body is {@code {}} (Medusa's client posts some requests with none). Fields a
 * route does not read are ignored, as Medusa ignores them.
 */
final class Body {
  private final ObjectNode json;

  private Body(ObjectNode json) {
    this.json = json;
  }

  static Body parse(ObjectMapper mapper, String text) {
    if (text.isBlank()) {
      return new Body(mapper.createObjectNode());
    }
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw HttpProblem.invalid("the request body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return new Body(mapper.createObjectNode());
    }
    if (!(node instanceof ObjectNode object)) {
      throw HttpProblem.invalid("the request body must be a JSON object, got " + kind(node));
    }
    return new Body(object);
  }

  boolean has(String field) {
    return json.has(field);
  }

  String string(String field) {
    String value = optionalString(field);
    if (value == null) {
      throw HttpProblem.invalid(field + " is required (a string)");
    }
    return value;
  }

  @Nullable String optionalString(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw wrongType(field, "a string", node);
    }
    return node.asText();
  }

  @Nullable Boolean optionalBoolean(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw wrongType(field, "true or false", node);
    }
    return node.asBoolean();
  }

  /** A whole number of 0 or more, or null. */
  @Nullable Long optionalCount(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
      throw wrongType(field, "a whole number of 0 or more", node);
    }
    return node.asLong();
  }

  <E extends Enum<E>> @Nullable E optionalEnum(String field, Class<E> type) {
    String value = optionalString(field);
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    throw HttpProblem.invalid(field + " must be one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
        .toList() + ", got '" + value + "'");
  }

  List<String> strings(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(field, "an array of strings", node);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        throw wrongType(field + "[" + i + "]", "a string", node.get(i));
      }
      out.add(node.get(i).asText());
    }
    return out;
  }

  /** An array of objects, or an empty list. */
  List<Body> objects(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw wrongType(field, "an array of objects", node);
    }
    List<Body> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      if (!(node.get(i) instanceof ObjectNode object)) {
        throw wrongType(field + "[" + i + "]", "an object", node.get(i));
      }
      out.add(new Body(object));
    }
    return out;
  }

  /** A JSON object as plain Java values, or null; whether it was given is {@link #has}. */
  @Nullable Map<String, Object> optionalObject(String field, ObjectMapper mapper) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw wrongType(field, "an object", node);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = mapper.convertValue(node, LinkedHashMap.class);
    return map;
  }

  private static HttpProblem wrongType(String field, String expected, JsonNode node) {
    return HttpProblem.invalid(field + " must be " + expected + ", got " + kind(node) + " " + abbreviate(node));
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      default -> "null";
    };
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
