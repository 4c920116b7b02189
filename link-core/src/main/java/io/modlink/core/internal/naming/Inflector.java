package io.modlink.core.internal.naming;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * English plurals for snake-case names: only the last segment changes
 * ({@code sales_channel -> sales_channels}, {@code product_category -> product_categories}).
 * Covers the regular rules and the irregular nouns that turn up in data models; names that are
 * already plural or uncountable are left alone.
 */
public final class Inflector {
  private static final Map<String, String> IRREGULAR = Map.ofEntries(
      Map.entry("person", "people"), Map.entry("child", "children"), Map.entry("man", "men"),
      Map.entry("woman", "women"), Map.entry("foot", "feet"), Map.entry("tooth", "teeth"),
      Map.entry("mouse", "mice"), Map.entry("goose", "geese"), Map.entry("ox", "oxen"),
      Map.entry("criterion", "criteria"), Map.entry("datum", "data"), Map.entry("index", "indices"),
      Map.entry("matrix", "matrices"), Map.entry("vertex", "vertices"), Map.entry("axis", "axes"),
      Map.entry("analysis", "analyses"), Map.entry("leaf", "leaves"), Map.entry("life", "lives"),
      Map.entry("knife", "knives"), Map.entry("wife", "wives"), Map.entry("half", "halves"),
      Map.entry("shelf", "shelves"), Map.entry("quiz", "quizzes"));
  private static final Set<String> UNCOUNTABLE = Set.of(
      "metadata", "data", "information", "equipment", "news", "series", "species", "sheep", "fish",
      "deer", "media", "feedback", "inventory", "software", "staff", "money");
  private static final List<String> SIBILANT_ENDINGS = List.of("s", "x", "z", "ch", "sh");

  private Inflector() {}

  /** The plural of a snake-case name: {@code api_key -> api_keys}, {@code address -> addresses}. */
  public static String plural(String name) {
    int cut = name.lastIndexOf('_');
    String head = name.substring(0, cut + 1);
    String last = name.substring(cut + 1);
    return head + pluralWord(last);
  }

  private static String pluralWord(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.isEmpty() || UNCOUNTABLE.contains(lower) || IRREGULAR.containsValue(lower)) {
      return word;
    }
    String irregular = IRREGULAR.get(lower);
    if (irregular != null) {
      return irregular;
    }
    if (lower.endsWith("ss") || lower.endsWith("us")) {
      return word + "es";
    }
    if (lower.endsWith("s") && !lower.endsWith("ss")) {
      return word; // already plural: channels, keys
    }
    for (String ending : SIBILANT_ENDINGS) {
      if (lower.endsWith(ending)) {
        return word + "es";
      }
    }
    if (lower.endsWith("y") && lower.length() > 1 && !isVowel(lower.charAt(lower.length() - 2))) {
      return word.substring(0, word.length() - 1) + "ies";
    }
    return word + "s";
  }

  private static boolean isVowel(char c) {
    return "aeiou".indexOf(c) >= 0;
  }
}
