package io.modlink.examples.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Medusa's {@code fields} query parameter, turned into the field paths of a graph query.
 *
 * <ul>
 *   <li>Comma-separated. If any entry has no prefix ({@code +}, {@code -}, a space, {@code *}) and
 *       is not {@code rel.*}, the list replaces the route's defaults.
 *   <li>Otherwise {@code +f} (or {@code " f"}: a {@code +} that URL decoding turned into a space)
 *       adds {@code f}, {@code -f} removes it, {@code *rel} and {@code rel.*} add every field of a
 *       relation.
 *   <li>{@code id} is always included. {@code *rel} becomes {@code rel.*}.
 * </ul>
 * Field names are checked by the graph query, which rejects an unknown one naming it; fields that
 * are never shown ({@code salt}) are rejected here.
 */
final class FieldSelection {
  private static final Set<String> RESTRICTED = Set.of("salt");

  private FieldSelection() {}

  /**
   * The field paths to query.
   *
   * @param defaults the route's default fields, in Medusa's notation ({@code *rel} allowed)
   * @param fields the {@code fields} parameter, or null
   * @throws HttpProblem 400 for a restricted field
   */
  static List<String> resolve(List<String> defaults, @Nullable String fields) {
    Set<String> all = new LinkedHashSet<>(defaults);
    if (fields != null) {
      List<String> custom = new ArrayList<>();
      for (String entry : fields.split(",")) {
        if (!entry.isEmpty()) {
          custom.add(entry);
        }
      }
      boolean replace = custom.isEmpty() || custom.stream().anyMatch(f -> !(f.startsWith("-") || f.startsWith("+")
          || f.startsWith(" ") || f.startsWith("*") || f.endsWith(".*")));
      if (replace) {
        all = new LinkedHashSet<>();
        for (String f : custom) {
          all.add(f.replaceFirst("^[+ -]", "").strip());
        }
      } else {
        for (String f : custom) {
          if (f.startsWith("+") || f.startsWith(" ")) {
            all.add(f.strip().replaceFirst("^\\+", ""));
          } else if (f.startsWith("-")) {
            all.remove(f.substring(1));
          } else {
            all.add(f);
          }
        }
      }
      all.add("id");
    }
    List<String> out = new ArrayList<>();
    List<String> restricted = new ArrayList<>();
    for (String f : all) {
      String path = f.startsWith("*") ? f.substring(1) + ".*" : f;
      if (path.isBlank()) {
        throw HttpProblem.invalid("fields has an empty entry in '" + fields + "'; separate field names with commas");
      }
      for (String segment : path.split("\\.")) {
        if (RESTRICTED.contains(segment)) {
          restricted.add(path);
        }
      }
      if (!out.contains(path)) {
        out.add(path);
      }
    }
    if (!restricted.isEmpty()) {
      throw HttpProblem.invalid("Requested fields [" + String.join(", ", restricted) + "] are not valid");
    }
    return out;
  }
}
