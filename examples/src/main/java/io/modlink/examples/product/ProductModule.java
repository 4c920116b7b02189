package io.modlink.examples.product;

import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkSide;
import io.modlink.core.module.ModuleDefinition;
import java.util.List;

/**
 * The {@code product} module: entity {@code product} (linkable as {@code product_id}), its Flyway
 * migrations for H2, PostgreSQL and MariaDB, and its link to sales channels, declared by names (this module
 * never imports the sales channel module): table {@code product_sales_channel}, id prefix
 * {@code prodsc}, both sides lists, giving {@code product.sales_channels} and
 * {@code sales_channel.products}.
 */
public final class ProductModule {
  /** The module's name. */
  public static final String NAME = "product";

  /** Where the module's migrations are; {@code {vendor}} is {@code h2} or {@code postgresql}. */
  public static final String MIGRATIONS = "classpath:db/modlink/product/{vendor}";

  /** The module definition. */
  public static final ModuleDefinition DEFINITION = ModuleDefinition.builder(NAME)
      .entity(Product.class)
      .migrations(MIGRATIONS)
      .build();

  /** A product is sold in many sales channels; a sales channel sells many products. */
  public static final LinkDefinition SALES_CHANNEL_LINK = LinkDefinition
      .between(
          LinkSide.of(NAME, "product").list(),
          LinkSide.of("sales_channel", "sales_channel").list())
      .table("product_sales_channel")
      .idPrefix("prodsc")
      .declaredBy(NAME)
      .build();

  private ProductModule() {}

  /** The links this module declares. */
  public static List<LinkDefinition> links() {
    return List.of(SALES_CHANNEL_LINK);
  }
}
