package io.modlink.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Generated inputs for fuzz tests of a module's service: texts, filter values, filter maps and
 * ids, valid and invalid mixed, drawn from a {@link Random} the test seeds (so a failure is
 * reproduced by its seed). Covers null, blank, over-long, NUL, non-ASCII and SQL-looking texts,
 * values of the wrong type, unknown operators and malformed keys.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class FuzzInputs {
  private FuzzInputs() {}

  /** One of {@code from}, chosen by {@code r}. */
  public static <T> T pick(Random r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }

  /** A map of one entry that may hold a null value (unlike {@code Map.of}). */
  public static Map<String, @Nullable Object> single(String key, @Nullable Object value) {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    map.put(key, value);
    return map;
  }

  /**
   * A text, or null: blank, 255 and 256 characters, 5,000 characters, NUL characters, emoji,
   * SQL-looking, LIKE wildcards, control characters, or random printable ASCII.
   */
  public static @Nullable String text(Random r) {
    return switch (r.nextInt(16)) {
      case 0 -> null;
      case 1 -> "";
      case 2 -> "   ";
      case 3 -> "t".repeat(255);
      case 4 -> "t".repeat(256);
      case 5 -> "x".repeat(5_000);
      case 6 -> "nul\u0000byte";
      case 7 -> "\u0000";
      case 8 -> "emoji \uD83D\uDE00 ünïcödé";
      case 9 -> "' or 1=1 --";
      case 10 -> pick(r, List.of("%", "_", "\\", "%_%"));
      case 11 -> "tab\tnew\nline";
      default -> {
        StringBuilder s = new StringBuilder();
        int n = 1 + r.nextInt(20);
        for (int k = 0; k < n; k++) {
          s.append((char) (' ' + r.nextInt(95)));
        }
        yield s.toString();
      }
    };
  }

  /**
   * A filter value: null, a number, a boolean, a list, an operator map (known and unknown
   * operators), an object that is no value at all, a huge double, one of {@code samples} (texts
   * meaningful for the entity, such as enum names or dates), or a {@link #text}.
   */
  public static @Nullable Object value(Random r, List<String> samples) {
    return switch (r.nextInt(12)) {
      case 0 -> null;
      case 1 -> 42;
      case 2 -> true;
      case 3 -> Arrays.asList(text(r), text(r));
      case 4 -> single(pick(r, List.of("$gt", "$lte", "$ne", "$like", "$ilike", "$in", "$exists", "$bogus")),
          r.nextBoolean() ? text(r) : Arrays.asList(text(r)));
      case 5 -> Map.of("$exists", r.nextBoolean());
      case 6 -> pick(r, samples);
      case 7 -> new Object();
      case 8 -> Map.of();
      case 9 -> 1.5e300;
      default -> text(r);
    };
  }

  /**
   * A filter map of up to two entries keyed by {@code fields} (which should hold real fields
   * first, then misspelt ones and {@code $and}/{@code $or}); {@code $and}/{@code $or} nest a
   * filter on one of the first {@code realFields} fields and a further generated filter.
   */
  public static Map<String, @Nullable Object> filters(Random r, List<String> fields, int realFields,
      List<String> samples) {
    Map<String, @Nullable Object> filters = new LinkedHashMap<>();
    int n = r.nextInt(3);
    for (int k = 0; k < n; k++) {
      String field = pick(r, fields);
      Object value = field.equals("$and") || field.equals("$or")
          ? (r.nextInt(4) == 0 ? value(r, samples) : Arrays.asList(
              single(pick(r, fields.subList(0, realFields)), value(r, samples)),
              filters(r, fields, realFields, samples)))
          : value(r, samples);
      filters.put(field, value);
    }
    return filters;
  }

  /**
   * Two times in three one of {@code ids} (records that exist), else a malformed or unknown id
   * with the entity's {@code prefix}: null, blank, unknown, over-long, with a NUL character, a
   * wildcard, or well-formed but absent.
   */
  public static @Nullable String id(Random r, List<String> ids, String prefix) {
    return r.nextInt(3) > 0 ? pick(r, ids) : pick(r, Arrays.asList(null, "", " ", prefix + "_unknown",
        "i".repeat(300), prefix + "\u0000", "%", prefix + "_01ARZ3NDEKTSV4RRFFQ69G5FAV"));
  }

  /** Null one time in fifteen, else up to three {@link #id}s. */
  public static @Nullable List<@Nullable String> idList(Random r, List<String> ids, String prefix) {
    if (r.nextInt(15) == 0) {
      return null;
    }
    List<@Nullable String> out = new ArrayList<>();
    int n = r.nextInt(4);
    for (int k = 0; k < n; k++) {
      out.add(id(r, ids, prefix));
    }
    return out;
  }

  /** A value for a failure message: long texts by length, NUL characters escaped. */
  public static String show(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof String s ? "\"" + s + "\"" : value.toString();
    if (text.length() > 80) {
      text = text.substring(0, 40) + "...(" + text.length() + " characters)";
    }
    return text.replace("\u0000", "\\u0000");
  }
}
