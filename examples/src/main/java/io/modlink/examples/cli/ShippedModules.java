package io.modlink.examples.cli;

import io.modlink.apikey.ApiKeyModule;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.saleschannel.SalesChannelModule;
import java.util.Optional;

/**
 * The application the command line runs: the two shipped modules (API Key, Sales Channel) and their
 * predefined link, on the given database or a new embedded one.
 */
final class ShippedModules {
  private ShippedModules() {}

  /**
   * Builds it.
   *
   * @param database the database, or empty for a new embedded H2 database (tables created)
   * @param schema what to do to the modules' tables on a given database
   * @param syncLinks whether start-up applies the safe link-table changes
   */
  static Modlink open(Optional<DatabaseConfig> database, SchemaAction schema, boolean syncLinks) {
    Modlink.Builder builder = Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .links(ApiKeyModule.links())
        .database(database.orElseGet(DatabaseConfig::embedded))
        .schema(database.isPresent() ? schema : SchemaAction.CREATE);
    if (!syncLinks) {
      builder.noLinkSync();
    }
    return builder.build();
  }
}
