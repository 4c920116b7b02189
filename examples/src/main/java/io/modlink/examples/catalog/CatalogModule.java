package io.modlink.examples.catalog;

import com.google.inject.AbstractModule;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkSide;
import io.modlink.core.module.ModuleDefinition;

/**
 * A module whose data lives in an external system: {@code catalog}, with one entity served by its
 * own {@link CatalogStore} instead of a JPA entity, linked to sales channels by names. A sales
 * channel lists many catalog items and an item is sold in many channels; the link rows live in a
 * link table like any other. See {@code docs/modules-and-links.md}.
 */
public final class CatalogModule extends AbstractModule {
  public static final String NAME = "catalog";

  /** Catalog items in sales channels, both sides lists. */
  public static final LinkDefinition SALES_CHANNEL_LINK = LinkDefinition
      .between(
          LinkSide.of(NAME, "catalog_item").list(),
          LinkSide.of("sales_channel", "sales_channel").list())
      .declaredBy(NAME)
      .build();

  private final ExternalCatalog catalog;

  public CatalogModule(ExternalCatalog catalog) {
    this.catalog = catalog;
  }

  /** The module: one entity, served by a store over {@code catalog}. */
  public static ModuleDefinition definition(ExternalCatalog catalog) {
    return ModuleDefinition.builder(NAME)
        .store(new CatalogStore(catalog))
        .build();
  }

  @Override
  protected void configure() {
    ModlinkBinder.forModule(binder(), definition(catalog)).link(SALES_CHANNEL_LINK);
  }
}
