package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Medusa's {@code fields} rules. */
class FieldSelectionTest {
  private static final List<String> DEFAULTS = List.of("id", "title", "type", "sales_channels.id");

  @Test
  void withoutFieldsTheDefaultsAreQueried() {
    assertThat(FieldSelection.resolve(DEFAULTS, null)).containsExactly("id", "title", "type", "sales_channels.id");
    assertThat(FieldSelection.resolve(List.of("id", "*sales_channels"), null)).containsExactly("id", "sales_channels.*");
  }

  @Test
  void anEntryWithoutAPrefixReplacesTheDefaultsAndIdIsAlwaysThere() {
    assertThat(FieldSelection.resolve(DEFAULTS, "title")).containsExactly("title", "id");
    assertThat(FieldSelection.resolve(DEFAULTS, "title,+token,-type")).containsExactly("title", "token", "type", "id");
    assertThat(FieldSelection.resolve(DEFAULTS, "")).containsExactly("id");
  }

  @Test
  void prefixesAddAndRemoveFromTheDefaults() {
    assertThat(FieldSelection.resolve(DEFAULTS, "+token,-type")).containsExactly("id", "title", "sales_channels.id",
        "token");
    assertThat(FieldSelection.resolve(DEFAULTS, " token")).containsExactly("id", "title", "type", "sales_channels.id",
        "token");   // a + the query string decoded as a space
    assertThat(FieldSelection.resolve(DEFAULTS, "-id")).contains("id");
  }

  @Test
  void starsAddRelations() {
    assertThat(FieldSelection.resolve(DEFAULTS, "*sales_channels")).containsExactly("id", "title", "type",
        "sales_channels.id", "sales_channels.*");
    assertThat(FieldSelection.resolve(DEFAULTS, "sales_channels.*,-sales_channels.id")).containsExactly("id", "title",
        "type", "sales_channels.*");
    assertThat(FieldSelection.resolve(DEFAULTS, "id,*publishable_api_keys")).containsExactly("id",
        "publishable_api_keys.*");
  }

  @Test
  void aSaltIsNeverAField() {
    assertThatThrownBy(() -> FieldSelection.resolve(DEFAULTS, "+salt")).isInstanceOf(HttpProblem.class)
        .hasMessage("Requested fields [salt] are not valid");
    assertThatThrownBy(() -> FieldSelection.resolve(DEFAULTS, "id,publishable_api_keys.salt"))
        .hasMessage("Requested fields [publishable_api_keys.salt] are not valid");
  }
}
