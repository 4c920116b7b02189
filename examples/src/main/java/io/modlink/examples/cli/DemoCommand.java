package io.modlink.examples.cli;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.SchemaAction;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.examples.Demo;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modlink demo}: the reference scenario, narrated. */
@Command(name = "demo", header = "Run the reference scenario, narrated, on embedded H2 or --db-url.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the reference scenario, narrated: compose the API Key and Sales Channel modules, create an"
        + " API key and two sales channels, link the key to both (api_key_id form), print"
        + " query.graph(api_key, [id, title, sales_channels.*]) as JSON, dismiss one link, print it again, and"
        + " explain the query.",
        "On a new embedded H2 database unless --db-url is given; there it runs the modules' migrations first"
            + " (--schema) and leaves its records in place."})
final class DemoCommand implements Callable<Integer> {
  private final Console console;

  @Mixin
  private DatabaseOptions database;

  @Option(names = "--schema", paramLabel = "ACTION", order = 10,
      description = "what to do to the modules' tables on a database given with --db-url: ${COMPLETION-CANDIDATES}"
          + " (default: migrate, running the modules' Flyway migrations)")
  private SchemaAction schema = SchemaAction.MIGRATE;

  @Mixin
  private CommonOptions common = new CommonOptions();

  DemoCommand(Console console) {
    this.console = console;
    this.database = new DatabaseOptions(console);
  }

  @Override
  public Integer call() throws Exception {
    Optional<DatabaseConfig> db = database.config();
    ModlinkModule module = db.map(config -> ModlinkModule.database(config).withSchema(schema))
        .orElseGet(ModlinkModule::embedded);
    Demo.run(console.out(), module, db.map(c -> c.jdbcUrl()).orElse("an embedded H2 database"));
    return ModlinkCli.OK;
  }
}
