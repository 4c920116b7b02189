package io.modlink.examples.brand;

import com.google.inject.AbstractModule;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkSide;
import io.modlink.core.module.ModuleDefinition;

/**
 * A plugin author's module: {@code brand}, with one entity and a link to sales channels declared
 * by names only (this module never imports the sales channel module). The link is active when a
 * {@code sales_channel} module is installed; it gives {@code brand.sales_channels} (a list) and
 * {@code sales_channel.brand} (one object). See {@code docs/modules-and-links.md}.
 */
public final class BrandModule extends AbstractModule {
  public static final String NAME = "brand";

  public static final ModuleDefinition DEFINITION = ModuleDefinition.builder(NAME)
      .entity(Brand.class)
      .build();

  /** A brand is sold in many sales channels; a sales channel carries one brand. */
  public static final LinkDefinition SALES_CHANNEL_LINK = LinkDefinition
      .between(
          LinkSide.of(NAME, "brand"),
          LinkSide.of("sales_channel", "sales_channel").list())
      .declaredBy(NAME)   // inactive, not an error, where sales_channel is not installed
      .build();

  @Override
  protected void configure() {
    ModlinkBinder.forModule(binder(), DEFINITION).link(SALES_CHANNEL_LINK);
  }
}
