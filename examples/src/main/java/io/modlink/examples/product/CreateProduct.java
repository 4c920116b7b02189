package io.modlink.examples.product;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ProductService#create} needs: Medusa's {@code {title, status?, handle?, options}}.
 *
 * @param title the title: not blank, at most 255 characters
 * @param handle the handle, or null to make one from the title ({@code "Blue Shirt"} -> {@code blue-shirt})
 * @param status draft (the default, with null) or published
 * @param options the product's options, each a title and its values
 */
public record CreateProduct(String title, @Nullable String handle, @Nullable ProductStatus status,
    List<Option> options) {
  public CreateProduct {
    Objects.requireNonNull(title, "title");
    options = List.copyOf(options);
  }

  /** A draft product with this title, a handle made from it, and no options. */
  public static CreateProduct titled(String title) {
    return new CreateProduct(title, null, null, List.of());
  }

  /**
   * A product option, e.g. {@code Size} with {@code S, M, L}.
   *
   * @param title the option's title, not blank
   * @param values its values
   */
  public record Option(@NotBlank @Size(max = ProductService.MAX_TEXT) String title, List<String> values) {
    public Option {
      Objects.requireNonNull(title, "title");
      values = List.copyOf(values);
    }
  }
}
