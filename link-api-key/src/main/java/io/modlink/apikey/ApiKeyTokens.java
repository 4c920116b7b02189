package io.modlink.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * Token generation, hashing and redaction, compatible with Medusa's API Key module: a key made by
 * Medusa authenticates here and the other way round.
 *
 * <ul>
 *   <li>publishable: {@code pk_} + 32 random bytes in hex, stored as is;
 *   <li>secret: {@code sk_} + 32 random bytes in hex, stored as
 *       {@code hex(scrypt(token, salt, N=16384, r=8, p=1, 64 bytes))}, where the salt is 16 random
 *       bytes in hex and is used as text (its UTF-8 bytes), as Node's {@code crypto.scrypt} does;
 *   <li>redacted: the first 6 characters, {@code ***}, the last 3.
 * </ul>
 */
final class ApiKeyTokens {
  static final String PUBLISHABLE_PREFIX = "pk_";
  static final String SECRET_PREFIX = "sk_";
  private static final Pattern SECRET = Pattern.compile("sk_[0-9a-f]{64}");
  private static final int TOKEN_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final int COST = 16384;
  private static final int BLOCK_SIZE = 8;
  private static final int PARALLELISM = 1;
  private static final int HASH_BYTES = 64;
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyTokens() {}

  /** A token to show once, and what to store. */
  record Generated(String rawToken, String storedToken, String salt, String redacted) {}

  static Generated publishable() {
    String token = PUBLISHABLE_PREFIX + randomHex(TOKEN_BYTES);
    return new Generated(token, token, "", redact(token));
  }

  static Generated secret() {
    String token = SECRET_PREFIX + randomHex(TOKEN_BYTES);
    String salt = randomHex(SALT_BYTES);
    return new Generated(token, hash(token, salt), salt, redact(token));
  }

  /** The stored form of a secret token. */
  static String hash(String token, String salt) {
    return HEX.formatHex(SCrypt.generate(token.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8),
        COST, BLOCK_SIZE, PARALLELISM, HASH_BYTES));
  }

  /** Whether {@code token} hashes to {@code storedHash} with {@code salt}; compares in constant time. */
  static boolean matches(String token, String salt, String storedHash) {
    byte[] computed = hash(token, salt).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(computed, storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  /** Spends the time of one {@link #matches}, so that a token with no candidate takes as long as one with a candidate. */
  static void hashForNothing(String token) {
    hash(token, "00000000000000000000000000000000");
  }

  /** Whether the text has the shape of a secret token. */
  static boolean looksSecret(String token) {
    return SECRET.matcher(token).matches();
  }

  /** {@code pk_44d***3be}: the first 6 characters, {@code ***}, the last 3. */
  static String redact(String token) {
    return token.substring(0, Math.min(6, token.length())) + "***" + token.substring(Math.max(0, token.length() - 3));
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HEX.formatHex(b);
  }
}
