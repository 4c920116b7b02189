package io.modlink.core.link;

import io.modlink.core.internal.naming.Inflector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The naming rules for links, following Medusa's so that people moving from it find their tables.
 *
 * <ul>
 *   <li>Table: module and key names of both sides, each without a trailing {@code _id}, lower-case,
 *       joined by {@code _}: {@code api_key + api_key_id + sales_channel + sales_channel_id ->
 *       api_key_api_key_sales_channel_sales_channel}; {@link #compress compressed} when over
 *       {@value #MAX_TABLE_NAME} characters.
 *   <li>Alias: the other entity's name, pluralised when the other side is a list.
 *   <li>Id prefix: the initials of the two entity names ({@code api_key, sales_channel -> aksc}).
 * </ul>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LinkNaming {
  /** The longest table name the rules produce. */
  public static final int MAX_TABLE_NAME = 58;
  private static final int HASH_LENGTH = 8;

  private LinkNaming() {}

  /** The default table name of a link between {@code (leftModule, leftKey)} and {@code (rightModule, rightKey)}. */
  public static String tableName(String leftModule, String leftKey, String rightModule, String rightKey) {
    String joined = String.join("_", stripId(leftModule), stripId(leftKey), stripId(rightModule), stripId(rightKey));
    return compress(joined.toLowerCase(Locale.ROOT), MAX_TABLE_NAME);
  }

  /**
   * Fits {@code name} into {@code limit} characters. Names that fit are returned lower-cased. Longer
   * ones lose consecutive repeated segments ({@code product_product_variant -> product_variant});
   * if still too long, each segment is cut to 4 characters; then a hash of the original name (8 hex
   * characters) is appended, cutting the end so that the result is exactly within the limit. The
   * hash keeps two long names that compress alike apart.
   */
  public static String compress(String name, int limit) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.length() <= limit) {
      return lower;
    }
    String[] parts = lower.split("_");
    List<String> deduplicated = new ArrayList<>();
    for (String part : parts) {
      if (deduplicated.isEmpty() || !deduplicated.get(deduplicated.size() - 1).equals(part)) {
        deduplicated.add(part);
      }
    }
    String result = String.join("_", deduplicated);
    if (result.length() > limit) {
      List<String> cut = new ArrayList<>();
      for (String part : deduplicated) {
        cut.add(part.length() > 4 ? part.substring(0, 4) : part);
      }
      result = String.join("_", cut);
    }
    String hash = hash(lower);
    int room = limit - hash.length();
    if (result.length() > room) {
      result = result.substring(0, room);
    }
    return result + hash;
  }

  /** The alias under which one entity reaches the other: {@code sales_channel -> sales_channels} for a list. */
  public static String alias(String otherEntity, boolean otherIsList) {
    return otherIsList ? Inflector.plural(otherEntity) : otherEntity;
  }

  /** The default id prefix: initials of the snake-case segments of both entity names. */
  public static String idPrefix(String leftEntity, String rightEntity) {
    return initials(leftEntity) + initials(rightEntity);
  }

  private static String initials(String snake) {
    StringBuilder out = new StringBuilder();
    for (String part : snake.split("_")) {
      if (!part.isEmpty()) {
        out.append(part.charAt(0));
      }
    }
    return out.toString();
  }

  static String stripId(String name) {
    return name.endsWith("_id") ? name.substring(0, name.length() - 3) : name;
  }

  private static String hash(String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
