package io.modlink.core.internal.naming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamingRulesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "ApiKey, api_key",
      "SalesChannel, sales_channel",
      "lastUsedAt, last_used_at",
      "isDisabled, is_disabled",
      "HTTPHeader, http_header",
      "address2, address2",
      "already_snake, already_snake",
      "Product, product"
  })
  void snakeCase(String java, String snake) {
    assertThat(SnakeCase.of(java)).isEqualTo(snake);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "api_key, api_keys",
      "sales_channel, sales_channels",
      "product_category, product_categories",
      "address, addresses",
      "tax_box, tax_boxes",
      "branch, branches",
      "day, days",
      "person, people",
      "metadata, metadata",
      "status, statuses",
      "keys, keys",
      "publishable_api_key, publishable_api_keys"
  })
  void plural(String singular, String plural) {
    assertThat(Inflector.plural(singular)).isEqualTo(plural);
  }

  @Test
  void didYouMeanSuggestsCloseNamesOnly() {
    List<String> known = List.of("sales_channel", "api_key", "product");
    assertThat(DidYouMean.closest("sales_chanel", known)).contains("sales_channel");
    assertThat(DidYouMean.closest("API_KEY", known)).contains("api_key");
    assertThat(DidYouMean.closest("inventory", known)).isEmpty();
    assertThat(DidYouMean.hint("prodct", known)).isEqualTo(" (did you mean 'product'?)");
    assertThat(DidYouMean.hint("zzz", known)).isEmpty();
    assertThat(DidYouMean.closest("titel", List.of("title", "token"))).contains("title");
  }

  @Test
  void identifiers() {
    assertThat(Identifiers.isValid("publishable_api_key_sales_channel")).isTrue();
    assertThat(Identifiers.isValid("Bad-Name")).isFalse();
    assertThat(Identifiers.isValid("1abc")).isFalse();
    assertThat(Identifiers.isValid("a".repeat(64))).isFalse();
  }
}
