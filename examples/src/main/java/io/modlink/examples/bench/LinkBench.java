package io.modlink.examples.bench;

import io.modlink.apikey.ApiKey;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyType;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.workflow.Transactions;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.examples.Progress;
import io.modlink.saleschannel.SalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.stat.Statistics;
import org.jspecify.annotations.Nullable;

/**
 * The link benchmark ({@code ./modlink bench links}): creates N links between API keys and sales
 * channels with the real modules, in one {@code Link.create} call, and measures the time per link
 * and the statements issued.
 *
 * <p>Runs, in order, each into its own range of pairs:
 * <ol>
 *   <li>a warm-up of {@code --warmup} links (default 5,000), not reported;
 *   <li>the measured bulk load: {@code --n} links (default 100,000) with
 *       {@link CreateOptions#withoutVerification()}, all requests built before the clock starts;
 *   <li>a verified run: {@code --verified} links (default min(N, 10,000)) with verification on,
 *       between records seeded first through the modules' session factories.
 * </ol>
 * The statements are the JDBC statements prepared during the call, from Hibernate's statistics of
 * the link session factory and of the modules' session factories (which the verification reads go
 * through). With {@code --breakdown}, the parts of the work are then timed apart.
 *
 * <p>The database is an embedded H2 unless {@code --db-url} is given. On PostgreSQL the bench
 * creates a schema of its own ({@code modlink_bench_<random>}), on MariaDB (MySQL) a database of
 * its own, runs in it and drops it at the end.
 *
 * <p>It prints a small table, then, as its last line, one JSON object about the measured bulk load,
 * such as {@code {"n":100000,"db":"postgresql","us_per_link":19.64,"statements":101,"total_ms":1964.2}}.
 */
public final class LinkBench {
  /** Links of the predefined API key <-> sales channel link. */
  static final String TABLE = "publishable_api_key_sales_channel";
  /** Sales channels per range: each API key is linked to one of them. */
  static final int CHANNELS = 100;
  /** Medusa's figure on this kind of machine and the same PostgreSQL, for the printed comparison. */
  static final String MEDUSA = "117-195";
  static final double GOAL_US = 10.0;

  private LinkBench() {}

  /**
   * What to run; the command line ({@code modlink bench links}) makes it.
   *
   * @param n links created by the measured bulk load
   * @param warmup links created first, not measured
   * @param verified links of the verified run (records seeded first)
   * @param single single-link calls (one link each, verified, records seeded first), after a warm-up of a
   *     tenth of them
   * @param breakdown whether the parts of the work are then timed apart
   * @param dbUrl a JDBC URL, or null for an embedded H2 database
   */
  public record Options(int n, int warmup, int verified, int single, boolean breakdown, @Nullable String dbUrl,
      @Nullable String dbUser, @Nullable String dbPassword) {
    /** Single-link calls measured by default. */
    public static final int DEFAULT_SINGLE = 500;

    /**
     * The defaults of the command line: 100,000 links, 5,000 to warm up, min(N, 10,000) verified, 500
     * single-link calls, embedded H2.
     */
    public static Options defaults(int n) {
      return new Options(n, 5_000, Math.min(n, 10_000), DEFAULT_SINGLE, false, null, null, null);
    }

    String db() {
      if (dbUrl == null || dbUrl.startsWith("jdbc:h2:")) {
        return "h2";
      }
      if (dbUrl.startsWith("jdbc:postgresql:")) {
        return "postgresql";
      }
      int end = dbUrl.indexOf(':', "jdbc:".length());
      return end < 0 ? dbUrl.substring("jdbc:".length()) : dbUrl.substring("jdbc:".length(), end);
    }
  }

  /**
   * The single-link mode: {@code calls} calls of {@code Link.create} with one verified link each.
   *
   * @param medianMillis the median time of a call
   * @param p99Millis the 99th percentile
   * @param roundTrips the statements sent per call (the median; each is one round trip)
   * @param transactions the database transactions per call (the median): each connection a unit of work
   *     opens, and each connection taken outside a unit of work
   */
  public record Single(int calls, double medianMillis, double p99Millis, long roundTrips, long transactions) {}

  /** One measured {@code Link.create} call. */
  public record Run(String name, int links, double millis, long statements) {
    double microsPerLink() {
      return millis * 1000.0 / links;
    }
  }

  /**
   * Runs the bench and prints its table, then its JSON line, to {@code out}; returns the measured bulk
   * load. Seeding the verified run's records reports to {@code progress}.
   */
  public static Run run(Options options, PrintStream out, Progress.Factory progress) throws SQLException {
    if (options.dbUrl() == null) {
      return run(options, DatabaseConfig.embedded(), null, out, progress);
    }
    try (ScratchDatabase scratch = ScratchDatabase.create(options.dbUrl(), options.dbUser(), options.dbPassword())) {
      return run(options, scratch.config(), scratch.name(), out, progress);
    }
  }

  private static Run run(Options options, DatabaseConfig database, @Nullable String schema, PrintStream out,
      Progress.Factory progress) throws SQLException {
    long startedAt = System.nanoTime();
    try (Modlink modlink = Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .links(ApiKeyModule.links())
        .database(database)
        .schema(SchemaAction.CREATE)
        .hibernateProperty("hibernate.generate_statistics", true)
        .build()) {
      out.printf(Locale.ROOT, "modlink link bench: %s%s, link %s%n", options.db(),
          schema == null ? "" : (options.db().equals("postgresql") ? " (schema " : " (database ") + schema + ")", TABLE);
      out.printf(Locale.ROOT, "start-up (session factories, tables, link schema sync): %.0f ms%n",
          (System.nanoTime() - startedAt) / 1e6);

      if (options.warmup() > 0) {
        measure(modlink, "warm-up", requests("w", options.warmup()), CreateOptions.withoutVerification());
      }

      // the requests are built before measure() starts the clock
      Run bulk = measure(modlink, "bulk, without verification", requests("b", options.n()),
          CreateOptions.withoutVerification());

      Run verified = null;
      if (options.verified() > 0) {
        long seedStart = System.nanoTime();
        try (Progress seeding = progress.start("seeding " + options.verified() + " api keys", options.verified())) {
          seed(modlink, "v", options.verified(), seeding);
        }
        double seedMillis = (System.nanoTime() - seedStart) / 1e6;
        verified = measure(modlink, "verified (records seeded)", requests("v", options.verified()),
            CreateOptions.defaults());
        out.printf(Locale.ROOT, "seeded %d api keys and %d sales channels for the verified run in %.0f ms%n",
            options.verified(), Math.min(CHANNELS, options.verified()), seedMillis);
      }

      // the database's own speed for the same rows: a plain JDBC batch insert, in the same run
      Run jdbc = jdbcInsert(modlink, "plain JDBC batch insert, rows", "jb", options.n());

      Single single = null;
      int singleWarmup = options.single() / 10;
      if (options.single() > 0) {
        try (Progress seeding = progress.start("seeding " + (options.single() + singleWarmup) + " api keys",
            options.single() + singleWarmup)) {
          seed(modlink, "s", options.single() + singleWarmup, seeding);
        }
        single = single(modlink, requests("s", options.single() + singleWarmup), singleWarmup);
      }

      long expected = (long) options.warmup() + options.n() + options.verified() + options.n()
          + (options.single() > 0 ? options.single() + singleWarmup : 0);
      long live = count(modlink, TABLE);
      if (live != expected) {
        throw new IllegalStateException("the link table has " + live + " live rows, expected " + expected);
      }
      out.println();
      out.printf(Locale.ROOT, "%-30s %9s %11s %10s %11s%n", "run", "links", "total ms", "us/link", "statements");
      row(out, bulk);
      if (verified != null) {
        row(out, verified);
      }
      row(out, jdbc);
      out.printf(Locale.ROOT, "%-30s %9s %11s %10s %11s%n", "bulk / plain JDBC batch", "-", "-",
          String.format(Locale.ROOT, "%.2fx", bulk.millis() / jdbc.millis()), "-");
      out.printf(Locale.ROOT, "%-30s %9s %11s %10s %11s%n", "Medusa 2.21, bulk (reference)", "-", "-", MEDUSA, "-");
      out.printf(Locale.ROOT, "%-30s %9s %11s %10s %11s%n", "goal, on PostgreSQL", "-", "-",
          String.format(Locale.ROOT, "< %.0f", GOAL_US), "-");
      out.println();
      if (single != null) {
        out.println();
        out.printf(Locale.ROOT, "%-30s %9s %11s %10s %11s %12s%n", "single link, verified", "calls", "median ms",
            "p99 ms", "statements", "transactions");
        out.printf(Locale.ROOT, "%-30s %9d %11.3f %10.3f %11d %12d%n", "Link.create of one link", single.calls(),
            single.medianMillis(), single.p99Millis(), single.roundTrips(), single.transactions());
        out.printf(Locale.ROOT, "%-30s %9s %11s %10s %11s %12s%n", "Medusa 2.21 (reference)", "-", "2.5", "-", "1",
            "1");
      }
      out.println();
      out.printf(Locale.ROOT, "the link table holds %d live rows (warm-up %d + bulk %d + verified %d + JDBC %d + single"
          + " %d), as expected; load average %s%n", live, options.warmup(), options.n(), options.verified(), options.n(),
          options.single() > 0 ? options.single() + singleWarmup : 0, QueryBench.loadAverage());
      if (options.breakdown()) {
        out.println();
        breakdown(modlink, bulk, Math.min(options.n(), 20_000), out);
      }
      out.printf(Locale.ROOT, "{\"n\":%d,\"db\":\"%s\",\"us_per_link\":%.2f,\"statements\":%d,\"total_ms\":%.1f,"
          + "\"jdbc_us_per_row\":%.2f,\"single_ms_median\":%s,\"single_ms_p99\":%s,\"single_round_trips\":%s,"
          + "\"single_transactions\":%s}%n",
          bulk.links(), options.db(), bulk.microsPerLink(), bulk.statements(), bulk.millis(), jdbc.microsPerLink(),
          single == null ? "null" : String.format(Locale.ROOT, "%.3f", single.medianMillis()),
          single == null ? "null" : String.format(Locale.ROOT, "%.3f", single.p99Millis()),
          single == null ? "null" : Long.toString(single.roundTrips()),
          single == null ? "null" : Long.toString(single.transactions()));
      return bulk;
    }
  }

  /**
   * Times the parts of the work apart, each on a range of its own, {@code m} links each: what the
   * database alone takes for the rows (plain JDBC batch insert), what resolving the requests takes
   * (a dismiss of pairs that do not exist: resolution plus one select per 1,000 keys, no write),
   * then a second bulk load and a dismiss on the table the first one filled.
   */
  private static void breakdown(Modlink modlink, Run bulk, int m, PrintStream out) throws SQLException {
    List<Run> runs = new ArrayList<>();
    runs.add(bulk);
    runs.add(jdbcInsert(modlink, "plain JDBC batch insert, rows", "j", m));
    List<LinkRequest> absent = requests("a", m);
    runs.add(timed(modlink, "dismiss of absent pairs", m, () -> modlink.link().dismiss(absent).size()));
    long rows = count(modlink, TABLE);
    List<LinkRequest> again = requests("g", m);
    runs.add(timed(modlink, "bulk again, " + rows + " rows", m,
        () -> modlink.link().create(again, CreateOptions.withoutVerification()).size()));
    runs.add(timed(modlink, "dismiss of those links", m, () -> modlink.link().dismiss(again).size()));
    out.printf(Locale.ROOT, "%-30s %9s %11s %10s %11s%n", "breakdown", "links", "total ms", "us/link", "statements");
    runs.forEach(r -> row(out, r));
  }

  private static Run timed(Modlink modlink, String name, int links, java.util.function.IntSupplier work) {
    List<Statistics> statistics = statistics(modlink);
    System.gc();
    statistics.forEach(Statistics::clear);
    long start = System.nanoTime();
    work.getAsInt();
    long elapsed = System.nanoTime() - start;
    return new Run(name, links, elapsed / 1e6, statistics.stream().mapToLong(Statistics::getPrepareStatementCount).sum());
  }

  /** The database's share: the same kind of rows inserted with plain JDBC batches of 1,000. */
  private static Run jdbcInsert(Modlink modlink, String name, String range, int m) throws SQLException {
    System.gc();
    long start = System.nanoTime();
    try (Connection c = modlink.dataSource(ApiKeyModule.NAME).getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into " + TABLE + " (id, publishable_key_id,"
          + " sales_channel_id, created_at, updated_at, deleted_at) values (?, ?, ?, ?, ?, ?)")) {
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < m; i++) {
          ps.setString(1, String.format(Locale.ROOT, "pksc_%s%020d", range, i));   // ordered, like ULIDs
          ps.setString(2, apiKeyId(range, i));
          ps.setString(3, channelId(range, i % CHANNELS));
          ps.setTimestamp(4, now);
          ps.setTimestamp(5, now);
          ps.setNull(6, Types.TIMESTAMP_WITH_TIMEZONE);
          ps.addBatch();
          if ((i + 1) % 1000 == 0 || i == m - 1) {
            ps.executeBatch();
          }
        }
      }
      c.commit();
    }
    return new Run(name, m, (System.nanoTime() - start) / 1e6, m == 0 ? 0 : 1);
  }

  private static List<Statistics> statistics(Modlink modlink) {
    return List.of(modlink.linkSessionFactory().getStatistics(),
        modlink.sessionFactory(ApiKeyModule.NAME).getStatistics(),
        modlink.sessionFactory(SalesChannelModule.NAME).getStatistics());
  }

  private static void row(PrintStream out, Run run) {
    out.printf(Locale.ROOT, "%-30s %9d %11.1f %10.2f %11d%n", run.name(), run.links(), run.millis(),
        run.microsPerLink(), run.statements());
  }

  /**
   * N requests of one range: API key {@code apk_<range>_<i>} with sales channel
   * {@code sc_<range>_<i mod 100>}, each pair once. The API key side uses {@code api_key_id},
   * which the registry translates to the link's column {@code publishable_key_id}.
   */
  static List<LinkRequest> requests(String range, int n) {
    List<LinkRequest> requests = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      requests.add(LinkRequest.between(
          LinkKey.of(ApiKeyModule.NAME, "api_key_id", apiKeyId(range, i)),
          LinkKey.of(SalesChannelModule.NAME, "sales_channel_id", channelId(range, i % CHANNELS))));
    }
    return requests;
  }

  static String apiKeyId(String range, int i) {
    return "apk_" + range + "_" + i;
  }

  static String channelId(String range, int i) {
    return "sc_" + range + "_" + i;
  }

  /** Seeds the records of a range through the modules' own session factories. */
  static void seed(Modlink modlink, String range, int n, Progress progress) {
    Instant now = Instant.now();
    modlink.sessionFactory(ApiKeyModule.NAME).inStatelessTransaction(session -> {
      session.setJdbcBatchSize(1000);
      for (int i = 0; i < n; i++) {
        String id = apiKeyId(range, i);
        session.insert(new ApiKey(id, "bench key " + i, ApiKeyType.publishable, "pk_" + id, "pk_" + range + "***",
            "bench", now));
        progress.step(1);
      }
    });
    modlink.sessionFactory(SalesChannelModule.NAME).inStatelessTransaction(session -> {
      for (int i = 0; i < Math.min(CHANNELS, n); i++) {
        session.insert(new SalesChannel(channelId(range, i), "Channel " + i, null, now));
      }
    });
  }

  /**
   * Times one create call. Statements are counted by Hibernate's statistics: those of the link
   * session factory, plus those of the modules' session factories (the verification reads).
   */
  private static Run measure(Modlink modlink, String name, List<LinkRequest> requests, CreateOptions options) {
    List<Statistics> statistics = statistics(modlink);
    System.gc();
    statistics.forEach(Statistics::clear);
    long start = System.nanoTime();
    List<LinkRecord> created = modlink.link().create(requests, options);
    long elapsed = System.nanoTime() - start;
    if (created.size() != requests.size()) {
      throw new IllegalStateException(name + ": " + created.size() + " links returned for " + requests.size()
          + " requests");
    }
    long statements = statistics.stream().mapToLong(Statistics::getPrepareStatementCount).sum();
    return new Run(name, requests.size(), elapsed / 1e6, statements);
  }

  /**
   * One verified {@code Link.create} per request: the first {@code warmup} not measured, then each
   * call timed, with the statements it sent (Hibernate's statistics of the link session factory and of
   * the modules' ones) and the database transactions it began.
   */
  private static Single single(Modlink modlink, List<LinkRequest> requests, int warmup) {
    List<Statistics> statistics = statistics(modlink);
    for (int i = 0; i < warmup; i++) {
      modlink.link().create(List.of(requests.get(i)), CreateOptions.defaults());
    }
    int calls = requests.size() - warmup;
    double[] millis = new double[calls];
    long[] statements = new long[calls];
    long[] transactionCounts = new long[calls];
    // database transactions: a connection a unit of work opens, or one taken outside any unit
    Transactions transactions = modlink.transactions();
    System.gc();
    for (int i = 0; i < calls; i++) {
      LinkRequest request = requests.get(warmup + i);
      long s0 = statistics.stream().mapToLong(Statistics::getPrepareStatementCount).sum();
      long t0 = transactions.transactionsBegun();
      long start = System.nanoTime();
      modlink.link().create(List.of(request), CreateOptions.defaults());
      millis[i] = (System.nanoTime() - start) / 1e6;
      statements[i] = statistics.stream().mapToLong(Statistics::getPrepareStatementCount).sum() - s0;
      transactionCounts[i] = transactions.transactionsBegun() - t0;
    }
    java.util.Arrays.sort(millis);
    java.util.Arrays.sort(statements);
    java.util.Arrays.sort(transactionCounts);
    return new Single(calls, millis[calls / 2], millis[Math.min(calls - 1, (int) Math.ceil(calls * 0.99) - 1)],
        statements[calls / 2], transactionCounts[calls / 2]);
  }

  private static long count(Modlink modlink, String table) throws SQLException {
    try (Connection c = modlink.dataSource(ApiKeyModule.NAME).getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from " + table + " where deleted_at is null")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
