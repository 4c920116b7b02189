package io.modlink.saleschannel;

import com.google.inject.AbstractModule;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.module.ModuleDefinition;

/** The Sales Channel module for Guice: installs the {@code sales_channel} module. */
public final class SalesChannelModule extends AbstractModule {
  /** The module's name. */
  public static final String NAME = "sales_channel";

  /** The module definition: entity {@code sales_channel}, linkable as {@code sales_channel_id}. */
  public static final ModuleDefinition DEFINITION = ModuleDefinition.builder(NAME)
      .entity(SalesChannel.class)
      .build();

  @Override
  protected void configure() {
    ModlinkBinder.forModule(binder(), DEFINITION);
  }
}
