package io.modlink.core.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How Bean Validation annotations read as modlink's messages: the field in snake case, the value, the hint. */
class FieldRulesTest {
  record Input(@NotBlank String displayName, @Size(min = 2, max = 3) List<String> tags, @Min(1) @Max(10) int rank,
      @DecimalMax(value = "9.99", inclusive = false) BigDecimal price, @Email String contactEmail,
      @NotNull(message = "say who owns it") String owner, @NotEmpty String code, @PositiveOrZero long stock,
      @AssertTrue boolean agreed) {}

  private static Input valid() {
    return new Input("Mug", List.of("a", "b"), 5, new BigDecimal("9.98"), "ada@example.com", "ada", "M1", 0, true);
  }

  @Test
  void aValidInputPasses() {
    assertThat(FieldRules.problems(valid())).isEmpty();
    FieldRules.check("product [0]", valid());
  }

  @Test
  void everyBrokenRuleIsWordedWithTheFieldInSnakeCaseInDeclarationOrder() {
    Input bad = new Input(" ", List.of("a"), 11, new BigDecimal("9.99"), "not an address", null, "", -1, false);
    assertThat(FieldRules.problems(bad)).containsExactly(
        "display_name must not be blank",
        "tags has 1 elements; at least 2 are required",
        "rank is 11; the most allowed is 10",
        "price is 9.99; the most allowed is 9.99 (excluded)",
        "contact_email 'not an address' is not an email address",
        "owner is required; say who owns it",
        "code must not be empty",
        "stock is -1; it must be 0 or more",
        "agreed must be true (got false)");
  }

  @Test
  void checkReportsTheFirstAsInvalidDataNamingTheRecord() {
    Input bad = new Input("Mug", List.of("a", "b", "c", "d"), 0, BigDecimal.ONE, "ada@example.com", "ada", "M1", 0,
        true);
    assertThatThrownBy(() -> FieldRules.check("product [3]", bad))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("product [3]: tags has 4 elements; at most 3 are allowed")
        .extracting(e -> ((InvalidDataException) e).type()).isEqualTo(ErrorType.INVALID_DATA);
  }
}
