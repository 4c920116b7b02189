package io.modlink.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Token formats, hashing and redaction, without a database. */
class ApiKeyTokensTest {
  @Test
  void publishableTokensArePk_And64HexCharactersStoredAsThey() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      ApiKeyTokens.Generated token = ApiKeyTokens.publishable();
      assertThat(token.rawToken()).matches("pk_[0-9a-f]{64}");
      assertThat(token.storedToken()).isEqualTo(token.rawToken());
      assertThat(token.salt()).isEmpty();
      assertThat(token.redacted()).isEqualTo(token.rawToken().substring(0, 6) + "***" + token.rawToken().substring(64));
      seen.add(token.rawToken());
    }
    assertThat(seen).hasSize(50);
  }

  @Test
  void secretTokensAreSk_And64HexCharactersStoredAsAnScryptHashWithA16ByteSalt() {
    ApiKeyTokens.Generated token = ApiKeyTokens.secret();
    assertThat(token.rawToken()).matches("sk_[0-9a-f]{64}");
    assertThat(token.salt()).matches("[0-9a-f]{32}");                  // 16 random bytes
    assertThat(token.storedToken()).matches("[0-9a-f]{128}").doesNotContain(token.rawToken().substring(3));
    assertThat(token.storedToken()).isEqualTo(ApiKeyTokens.hash(token.rawToken(), token.salt()));
    assertThat(token.redacted()).matches("sk_[0-9a-f]{3}\\*\\*\\*[0-9a-f]{3}");
    assertThat(ApiKeyTokens.matches(token.rawToken(), token.salt(), token.storedToken())).isTrue();
    assertThat(ApiKeyTokens.secret().salt()).isNotEqualTo(token.salt());
  }

  @Test
  void hashesAreThoseOfMedusa() {
    // node -e 'console.log(require("crypto").scryptSync(token, salt, 64).toString("hex"))'
    String token = "sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    String salt = "00112233445566778899aabbccddeeff";
    String medusa = "af22226b323641a2799e2def6a423fa8172cba40f0480062fe4e4b37d0e214be"
        + "602f8179645441b48d247b01b27fc15282524b8fa2bb335d8f5a1499aa509c54";
    assertThat(ApiKeyTokens.hash(token, salt)).isEqualTo(medusa);
    assertThat(ApiKeyTokens.matches(token, salt, medusa)).isTrue();
    assertThat(ApiKeyTokens.matches(token, salt, medusa.replace('a', 'b'))).isFalse();
    assertThat(ApiKeyTokens.matches(token.replace('0', '1'), salt, medusa)).isFalse();
    assertThat(ApiKeyTokens.matches(token, "00112233445566778899aabbccddeef0", medusa)).isFalse();
  }

  @Test
  void redactionKeepsTheFirstSixAndTheLastThreeCharacters() {
    assertThat(ApiKeyTokens.redact("pk_44d0c1e7d05d8f1ad0ba6b8e53c5c4e0ae1ab0d6e3c5e6ff9a1c6d8cbc8b73be"))
        .isEqualTo("pk_44d***3be");
    assertThat(ApiKeyTokens.redact("sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"))
        .isEqualTo("sk_012***def");
  }

  @Test
  void onlyTheShapeOfASecretTokenLooksSecret() {
    assertThat(ApiKeyTokens.looksSecret(ApiKeyTokens.secret().rawToken())).isTrue();
    assertThat(ApiKeyTokens.looksSecret(ApiKeyTokens.publishable().rawToken())).isFalse();
    assertThat(ApiKeyTokens.looksSecret("sk_123")).isFalse();
    assertThat(ApiKeyTokens.looksSecret("")).isFalse();
  }
}
