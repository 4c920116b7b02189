package io.modlink.apikey;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.modlink.core.Modlink;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkSide;
import io.modlink.core.module.ModuleDefinition;
import java.util.List;

/**
 * The API Key module for Guice: installs the {@code api_key} module and its predefined link to
 * sales channels.
 *
 * <p>The link is declared by names only (this module never imports the sales channel module): table
 * {@code publishable_api_key_sales_channel}, id prefix {@code pksc}, columns
 * {@code publishable_key_id} and {@code sales_channel_id}, aliases {@code api_key.sales_channels}
 * and {@code sales_channel.publishable_api_keys}, both lists. It is active only when a
 * {@code sales_channel} module is installed.
 *
 * <p>The module's table comes from its Flyway migrations ({@code classpath:db/modlink/api_key/{vendor}}: one
 * file per database, the H2 and PostgreSQL ones the same),
 * which {@link io.modlink.core.SchemaAction#MIGRATE} runs with the history table
 * {@code api_key_schema_history}. The module binds an {@link ApiKeyService}.
 */
public final class ApiKeyModule extends AbstractModule {
  /** The module's name. */
  public static final String NAME = "api_key";

  /** Where the module's Flyway migrations are. */
  public static final String MIGRATIONS = "classpath:db/modlink/api_key/{vendor}";

  /**
   * The module definition: entity {@code api_key}, linkable as {@code api_key_id} and
   * {@code publishable_key_id}, with its migrations.
   */
  public static final ModuleDefinition DEFINITION = ModuleDefinition.builder(NAME)
      .entity(ApiKey.class)
      .linkableKey(ApiKey.class, "publishable_key_id")
      .migrations(MIGRATIONS)
      .build();

  /** The predefined link between publishable API keys and sales channels. */
  public static final LinkDefinition SALES_CHANNEL_LINK = LinkDefinition
      .between(
          LinkSide.of(NAME, "api_key").key("publishable_key_id").alias("publishable_api_keys").list(),
          LinkSide.of("sales_channel", "sales_channel").key("sales_channel_id").list())
      .table("publishable_api_key_sales_channel")
      .idPrefix("pksc")
      .declaredBy(NAME)
      .build();

  /** The links this module declares, for composition without Guice. */
  public static List<LinkDefinition> links() {
    return List.of(SALES_CHANNEL_LINK);
  }

  @Override
  protected void configure() {
    ModlinkBinder.forModule(binder(), DEFINITION).link(SALES_CHANNEL_LINK);
  }

  /** The module's service, over the injector's {@link Modlink}. */
  @Provides
  @Singleton
  ApiKeyService apiKeyService(Modlink modlink) {
    return new ApiKeyService(modlink);
  }
}
