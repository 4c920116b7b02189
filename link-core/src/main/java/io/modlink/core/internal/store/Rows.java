package io.modlink.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.module.FieldModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import org.jspecify.annotations.Nullable;

/** Writes field values into JSON rows: instants as ISO-8601 UTC strings, enums by name, JSON as trees. */
public final class Rows {
  private final ObjectMapper mapper;

  public Rows(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public ObjectNode newRow() {
    return mapper.createObjectNode();
  }

  public void put(ObjectNode row, FieldModel field, @Nullable Object value) {
    String key = field.name();
    if (value == null) {
      row.putNull(key);
    } else if (value instanceof String s) {
      row.put(key, s);
    } else if (value instanceof Integer i) {
      row.put(key, i);
    } else if (value instanceof Long l) {
      row.put(key, l);
    } else if (value instanceof Short s) {
      row.put(key, s);
    } else if (value instanceof Boolean b) {
      row.put(key, b);
    } else if (value instanceof BigDecimal d) {
      row.put(key, d);
    } else if (value instanceof BigInteger d) {
      row.put(key, d);
    } else if (value instanceof Double d) {
      row.put(key, d);
    } else if (value instanceof Float f) {
      row.put(key, f);
    } else if (value instanceof Instant i) {
      row.put(key, i.toString());
    } else if (value instanceof OffsetDateTime o) {
      row.put(key, o.toInstant().toString());
    } else if (value instanceof ZonedDateTime z) {
      row.put(key, z.toInstant().toString());
    } else if (value instanceof LocalDateTime l) {
      row.put(key, l.toInstant(ZoneOffset.UTC).toString());
    } else if (value instanceof Date d) {
      row.put(key, d.toInstant().toString());
    } else if (value instanceof Enum<?> e) {
      row.put(key, e.name());
    } else if (value instanceof JsonNode n) {
      row.set(key, n);
    } else if (value instanceof CharSequence || value instanceof java.util.UUID || value instanceof java.time.LocalDate) {
      row.put(key, value.toString());
    } else {
      row.set(key, mapper.valueToTree(value));
    }
  }
}
