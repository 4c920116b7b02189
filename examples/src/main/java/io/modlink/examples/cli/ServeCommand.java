package io.modlink.examples.cli;

import io.modlink.apikey.ApiKeyService;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.examples.server.AdminToken;
import io.modlink.examples.server.StoreServer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modlink serve}: the store server. */
@Command(name = "serve", header = "Run the store server: Medusa's HTTP API for API keys, sales channels and products.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve the admin routes (/admin/api-keys, /admin/sales-channels, /admin/products; a secret API key"
        + " as Authorization: Basic or Bearer) and the store routes (/store/products, scoped to the sales channels of"
        + " the publishable key in x-publishable-api-key). See docs/http-api.md.",
        "On a new embedded H2 database unless --db-url is given; the modules' migrations run at start. When no live"
            + " secret key exists, one is created and its token written to --admin-token-file (owner-only"
            + " permissions); the token is never printed. Stops on Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
  private final Console console;

  @Mixin
  private DatabaseOptions database;

  @Option(names = "--port", paramLabel = "PORT", order = 10, description = "the HTTP port (default: ${DEFAULT-VALUE};"
      + " 0 for a free one)")
  private int port = 9000;

  @Option(names = "--admin-token-file", paramLabel = "FILE", order = 11,
      description = "where a new admin secret key's token is written (default: ${DEFAULT-VALUE})")
  private Path adminTokenFile = Path.of(".modlink", "admin-token");

  @Mixin
  private CommonOptions common = new CommonOptions();

  @Spec
  private @Nullable CommandSpec spec;

  /** A server this command runs, and the latch that stops it (counted down by Ctrl-C, or by a test). */
  record Running(StoreServer server, CountDownLatch stop) {}

  /** The server running in this JVM, if any: for tests, which stop it with {@code running.stop().countDown()}. */
  static volatile @Nullable Running running;

  ServeCommand(Console console) {
    this.console = console;
    this.database = new DatabaseOptions(console);
  }

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ParameterException(java.util.Objects.requireNonNull(spec).commandLine(), "--port must be between 0 and 65535; got " + port);
    }
    Optional<DatabaseConfig> db = database.config();
    Modlink modlink = StoreServer.compose(db.orElseGet(DatabaseConfig::embedded));
    StoreServer server;
    try {
      Optional<Path> written = AdminToken.ensure(new ApiKeyService(modlink), adminTokenFile);
      server = StoreServer.start(modlink, port);
      written.ifPresentOrElse(
          file -> console.out().println("modlink serve: no live secret API key existed; created one and wrote its"
              + " token to " + file + " (owner-only)"),
          () -> console.out().println("modlink serve: a live secret API key exists; admin routes need its token"));
    } catch (RuntimeException e) {
      modlink.close();
      throw e;
    }
    console.out().println("modlink serve: listening on http://localhost:" + server.port() + " ("
        + db.map(DatabaseConfig::jdbcUrl).orElse("a new embedded H2 database") + "); Ctrl-C stops");
    console.out().flush();
    CountDownLatch latch = new CountDownLatch(1);
    running = new Running(server, latch);
    Thread hook = new Thread(latch::countDown, "modlink-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      latch.await();
    } finally {
      running = null;
      server.stop();
      modlink.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook is running
      }
    }
    return ModlinkCli.OK;
  }
}
