package io.modlink.examples.cli;

import io.modlink.examples.Progress;
import io.modlink.examples.bench.LinkBench;
import io.modlink.examples.bench.QueryBench;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code modlink bench links|query}: the benchmark programs. */
@Command(name = "bench", header = "Run the link, query or store server benchmark.",
    mixinStandardHelpOptions = true,
    description = "Run a benchmark: it prints a table, then its figures as one JSON line (the last line printed)."
        + " See docs/performance.md for the figures measured on this project's machine.",
    subcommands = {BenchCommand.Links.class, BenchCommand.Query.class, BenchCommand.Store.class})
final class BenchCommand implements Callable<Integer> {
  private final Console console;

  @Mixin
  private CommonOptions common = new CommonOptions();

  BenchCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    console.err().println("modlink bench: name a benchmark: links, query or store; see 'modlink bench --help'");
    return ModlinkCli.USAGE;
  }

  /** A whole number that may be written 100000, 100_000 or 100,000. */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      try {
        return Integer.parseInt(text.replace("_", "").replace(",", ""));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + text + "' is not a whole number");
      }
    }
  }

  static ParameterException usage(@Nullable CommandSpec spec, String message) {
    if (spec == null) {
      throw new IllegalStateException(message);
    }
    return new ParameterException(spec.commandLine(), message);
  }

  /** {@code modlink bench links}. */
  @Command(name = "links", header = "Measure Link.create over N links.",
      mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Create N links between API keys and sales channels in one Link.create call, and measure the"
          + " time per link and the statements sent: a warm-up, the measured bulk load (without verification),"
          + " then a verified run between records seeded first, a plain JDBC batch insert of N rows (the"
          + " database's own speed) and the single-link mode: --single calls of one verified link each.",
          "On PostgreSQL it works in a schema of its own, modlink_bench_<random>, on MariaDB in a database of its own; dropped at the end.",
          "The last line is one JSON object: n, db, us_per_link, statements, total_ms, jdbc_us_per_row,"
          + " single_ms_median, single_ms_p99, single_round_trips, single_transactions."})
  static final class Links implements Callable<Integer> {
    private final Console console;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", order = 1, converter = Count.class,
        description = "links created by the measured bulk load (default ${DEFAULT-VALUE})")
    private int n = 100_000;

    @Option(names = "--warmup", paramLabel = "N", order = 2, converter = Count.class,
        description = "links created first, not measured (default ${DEFAULT-VALUE})")
    private int warmup = 5_000;

    @Option(names = "--verified", paramLabel = "N", order = 3, converter = Count.class,
        description = "links of the verified run, records seeded first (default min(N, 10000))")
    private @Nullable Integer verified;

    @Option(names = "--single", paramLabel = "N", order = 4, converter = Count.class,
        description = "single-link calls (one verified link each), after a tenth as many to warm up (default"
            + " ${DEFAULT-VALUE})")
    private int single = LinkBench.Options.DEFAULT_SINGLE;

    @Option(names = "--breakdown", order = 5, description = "then time the parts of the work apart: a plain JDBC"
        + " insert of the same rows, request resolution, a second bulk load and a dismiss on the filled table")
    private boolean breakdown;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private CommonOptions common = new CommonOptions();

    Links(Console console) {
      this.console = console;
      this.database = new DatabaseOptions(console);
    }

    @Override
    public Integer call() throws Exception {
      if (n < 1) {
        throw usage(spec, "--n must be at least 1; got " + n);
      }
      if (warmup < 0) {
        throw usage(spec, "--warmup must be 0 or more; got " + warmup);
      }
      if (single < 0) {
        throw usage(spec, "--single must be 0 or more; got " + single);
      }
      if (verified != null && verified < 0) {
        throw usage(spec, "--verified must be 0 or more; got " + verified);
      }
      Optional<String> url = database.config().map(c -> c.jdbcUrl());
      LinkBench.run(new LinkBench.Options(n, warmup, verified != null ? verified : Math.min(n, 10_000), single, breakdown,
          url.orElse(null), database.user(), database.password()), console.out(), Progress.Factory.of(console.err(), console.interactive()));
      return ModlinkCli.OK;
    }
  }

  /** {@code modlink bench query}. */
  @Command(name = "query", header = "Measure query.graph over N API keys.",
      mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Measure query.graph(api_key, [id, title, sales_channels.*]) over N API keys with 3 sales"
          + " channels each (from a pool of 1,000), federated and pushed down, beside a hand-written JDBC join"
          + " (the baseline) and the N+1 loop, and with the AUTO strategy; after warm-up, the strategies and the"
          + " baseline interleaved run by run; each time is median[min..max] in ms.",
          "Each N runs in a fresh JVM with the same class path and -Xmx of --heap (default 512m), unless --in-process.",
          "On PostgreSQL each N runs in a schema of its own (on MariaDB a database), dropped at the end. On H2 each round also runs the"
              + " query with the sales channels on a second H2 database (read hybrid: fed_2db).",
          "Prints a table, then one JSON line per N, the largest last."})
  static final class Query implements Callable<Integer> {
    private final Console console;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--n", paramLabel = "N", order = 1, converter = Count.class,
        description = "the number of API keys (default: 1000, 10000 and 100000, one after the other)")
    private @Nullable Integer n;

    @Option(names = "--naive-max", paramLabel = "N", order = 2, converter = Count.class,
        description = "the largest N the N+1 loop is measured at; it is slow (default ${DEFAULT-VALUE})")
    private int naiveMax = 10_000;

    @Option(names = "--heap", paramLabel = "SIZE", order = 3,
        description = "the -Xmx of the fresh JVM each N runs in (default ${DEFAULT-VALUE})")
    private String heap = QueryBench.Options.DEFAULT_HEAP;

    @Option(names = "--in-process", order = 4, description = "measure every N in this JVM (its own heap limit)")
    private boolean inProcess;

    @Option(names = "--child", hidden = true, description = "started by the bench for one N: print its row and JSON")
    private boolean child;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private CommonOptions common = new CommonOptions();

    Query(Console console) {
      this.console = console;
      this.database = new DatabaseOptions(console);
    }

    @Override
    public Integer call() throws Exception {
      if (n != null && n < 1) {
        throw usage(spec, "--n must be at least 1; got " + n);
      }
      if (naiveMax < 0) {
        throw usage(spec, "--naive-max must be 0 or more; got " + naiveMax);
      }
      if (!heap.matches("[0-9]+[kKmMgG]?")) {
        throw usage(spec, "--heap must be a size such as 512m or 2g; got '" + heap + "'");
      }
      Optional<String> url = database.config().map(c -> c.jdbcUrl());
      QueryBench.run(new QueryBench.Options(n == null ? QueryBench.Options.DEFAULT_SIZES : List.of(n), naiveMax,
          url.orElse(null), database.user(), database.password(), inProcess || child ? null : heap, child), console.out(), Progress.Factory.of(console.err(), console.interactive()));
      return ModlinkCli.OK;
    }
  }

  /** {@code modlink bench store}. */
  @Command(name = "store", header = "Load the store server: GET /store/products with a publishable key.",
      mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Start the store server, seed sales channels, products (every other one published) and a"
          + " publishable key linked to three channels, then send GET /store/products?limit=20 with the key from"
          + " concurrent connections for a fixed time, after a warm-up.",
          "Prints requests per second, p50 and p99 latency and the database round trips per request, then one JSON"
              + " line."})
  static final class Store implements Callable<Integer> {
    private final Console console;

    @Spec
    private @Nullable CommandSpec spec;

    @Option(names = "--connections", paramLabel = "N", order = 1, description = "concurrent connections (default"
        + " ${DEFAULT-VALUE})")
    private int connections = 16;

    @Option(names = "--seconds", paramLabel = "S", order = 2, description = "how long to measure (default"
        + " ${DEFAULT-VALUE}), after a warm-up of a third of it")
    private int seconds = 15;

    @Option(names = "--products", paramLabel = "N", order = 3, converter = Count.class,
        description = "products to seed (default ${DEFAULT-VALUE})")
    private int products = 1_000;

    @Mixin
    private DatabaseOptions database;

    @Mixin
    private CommonOptions common = new CommonOptions();

    Store(Console console) {
      this.console = console;
      this.database = new DatabaseOptions(console);
    }

    @Override
    public Integer call() throws Exception {
      if (connections < 1 || seconds < 1 || products < 1) {
        throw usage(spec, "--connections, --seconds and --products must be at least 1; got " + connections + ", "
            + seconds + " and " + products);
      }
      io.modlink.examples.bench.StoreLoad.run(new io.modlink.examples.bench.StoreLoad.Options(connections, seconds,
          products, database.config().orElseGet(io.modlink.core.DatabaseConfig::embedded)), console.out());
      return ModlinkCli.OK;
    }
  }
}
