package io.modlink.saleschannel;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.modlink.core.Modlink;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.module.ModuleDefinition;

/**
 * The Sales Channel module for Guice: installs the {@code sales_channel} module and binds its
 * {@link SalesChannelService}.
 *
 * <p>The module's table comes from its Flyway migrations ({@code classpath:db/modlink/sales_channel}),
 * which {@link io.modlink.core.SchemaAction#MIGRATE} runs with the history table
 * {@code sales_channel_schema_history}. The module declares no link: other modules link to it by
 * name, as the API Key module does.
 */
public final class SalesChannelModule extends AbstractModule {
  /** The module's name. */
  public static final String NAME = "sales_channel";

  /** Where the module's Flyway migrations are. */
  public static final String MIGRATIONS = "classpath:db/modlink/sales_channel";

  /** The module definition: entity {@code sales_channel}, linkable as {@code sales_channel_id}, with its migrations. */
  public static final ModuleDefinition DEFINITION = ModuleDefinition.builder(NAME)
      .entity(SalesChannel.class)
      .migrations(MIGRATIONS)
      .build();

  @Override
  protected void configure() {
    ModlinkBinder.forModule(binder(), DEFINITION);
  }

  /** The module's service, over the injector's {@link Modlink}. */
  @Provides
  @Singleton
  SalesChannelService salesChannelService(Modlink modlink) {
    return new SalesChannelService(modlink);
  }
}
