package io.modlink.examples.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.Strategy;
import io.modlink.examples.Progress;
import io.modlink.saleschannel.SalesChannelModule;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./modlink bench query [--db-url URL] [--n N]}: {@code query.graph(api_key, [id, title,
 * sales_channels.*])} over N API keys with 3 sales channels each (from a pool of 1,000), measured
 * after warm-up as the median of several runs, beside a hand-written JDBC join producing the same
 * JSON (the baseline) and the naive loop (one query per key). Prints a table, then one line of
 * JSON per N; the last line is the largest N.
 */
public final class QueryBench {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int CHANNELS = 1000;

  private QueryBench() {}

  /**
   * What to run; the command line ({@code modlink bench query}) makes it.
   *
   * @param sizes the numbers of API keys, each measured in a database of its own
   * @param naiveMax the largest N the N+1 loop is measured at (it is slow)
   * @param url a JDBC URL, or null for embedded H2 databases
   * @param heap the maximum heap of the fresh JVM each N runs in (such as {@code 512m}), or null to
   *     measure every N in this JVM
   * @param child whether this JVM is one started for one N: it prints only the table row and the JSON line
   */
  public record Options(List<Integer> sizes, int naiveMax, @Nullable String url, @Nullable String user,
      @Nullable String password, @Nullable String heap, boolean child) {
    /** The default sizes: 1,000, 10,000 and 100,000 keys. */
    public static final List<Integer> DEFAULT_SIZES = List.of(1_000, 10_000, 100_000);
    /** The default heap of each N's JVM. */
    public static final String DEFAULT_HEAP = "512m";

    public Options {
      sizes = List.copyOf(sizes);
    }

    /** Every N in this JVM, as a library caller runs it. */
    public Options(List<Integer> sizes, int naiveMax, @Nullable String url, @Nullable String user,
        @Nullable String password) {
      this(sizes, naiveMax, url, user, password, null, false);
    }
  }

  /** The table's header: each time cell is {@code median[min..max]} in ms. */
  static final String HEADER = String.format(Locale.ROOT, "%-8s %-11s %-24s %-24s %-24s %-24s %-24s %-24s %9s %9s %9s"
      + " %9s %6s %6s %9s", "n", "db", "baseline_ms", "federated_ms", "pushdown_ms", "auto_ms", "naive_ms", "fed_2db_ms",
      "fed/base", "push/base", "auto/base", "2db/push", "rt_fed", "rt_pd", "heap_mb");

  /**
   * Runs the bench: prints a table to {@code out}, then one line of JSON per N, the largest last.
   * Seeding each database reports to {@code progress}. With a {@linkplain Options#heap() heap}, each
   * N runs in a fresh JVM (the same java and class path) limited to it.
   */
  public static void run(Options options, PrintStream out, Progress.Factory progress) throws Exception {
    List<String> json = new ArrayList<>();
    if (options.child()) {
      for (int n : options.sizes()) {
        out.println(run(n, options, n <= options.naiveMax(), out, progress));
      }
      return;
    }
    out.println(HEADER);
    for (int n : options.sizes()) {
      if (options.heap() == null) {
        json.add(run(n, options, n <= options.naiveMax(), out, progress));
      } else {
        json.add(fork(n, options, out));
      }
    }
    out.println();
    out.println("each time: median[min..max] of runs interleaved run by run (baseline, federated, push-down, auto),"
        + " after warm-up" + (options.heap() == null ? ", all in this JVM" : "; each N in a fresh JVM, -Xmx"
        + options.heap()) + "; load average " + loadAverage());
    out.println("Medusa 2.21.2 on this kind of machine (same PostgreSQL): 100-140 ms at 1,000 keys,"
        + " 780-870 ms at 10,000, 8.8 s at 100,000 (its SQL replayed raw: 12, 78 and 468 ms).");
    json.forEach(out::println);
  }

  static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }

  /** Runs one N in a fresh JVM: the same java and class path, {@code -Xmx} the options' heap; returns its JSON. */
  private static String fork(int n, Options options, PrintStream out) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx" + options.heap(), "-cp",
        System.getProperty("java.class.path"), "io.modlink.examples.cli.ModlinkCli", "bench", "query", "--n",
        Integer.toString(n), "--naive-max", Integer.toString(options.naiveMax()), "--child"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    // the database goes by environment, so that no password shows on a command line
    Map<String, String> env = builder.environment();
    env.remove("MODLINK_DB_URL");
    env.remove("MODLINK_DB_USER");
    env.remove("MODLINK_DB_PASSWORD");
    if (options.url() != null) {
      env.put("MODLINK_DB_URL", options.url());
      if (options.user() != null) {
        env.put("MODLINK_DB_USER", options.user());
      }
      if (options.password() != null) {
        env.put("MODLINK_DB_PASSWORD", options.password());
      }
    }
    Process process = builder.start();
    List<String> lines;
    try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      lines = reader.lines().toList();
    }
    int exit = process.waitFor();
    if (exit != 0 || lines.size() < 2) {
      throw new IllegalStateException("the JVM measuring n=" + n + " failed (exit " + exit + "): "
          + String.join("\n", lines));
    }
    for (String line : lines.subList(0, lines.size() - 1)) {
      out.println(line);
    }
    return lines.get(lines.size() - 1);
  }

  private static String run(int n, Options options, boolean naive, PrintStream out, Progress.Factory progress)
      throws Exception {
    String url = options.url();
    String user = options.user();
    String password = options.password();
    ScratchDatabase scratch = url == null ? null : ScratchDatabase.create(url, user, password);
    DatabaseConfig db = scratch == null
        ? DatabaseConfig.of("jdbc:h2:mem:bench_" + n + "_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")
        : scratch.config();
    String dbName = url == null ? "h2" : url.startsWith("jdbc:postgresql:") ? "postgresql" : url.split(":")[1];
    Modlink split = null;
    try (Modlink modlink = Modlink.builder().database(db).schema(SchemaAction.CREATE)
        .module(ApiKeyModule.DEFINITION).module(SalesChannelModule.DEFINITION).links(ApiKeyModule.links()).build()) {
      try (Progress seeding = progress.start("seeding " + n + " api keys", n)) {
        seed(db, n, seeding);
      }
      if (url == null) {
        split = twoDatabases(db, n);
      }
      Modlink twoDbs = split;
      GraphQuery federatedQuery = query(Strategy.FEDERATED);
      GraphQuery pushDownQuery = query(Strategy.PUSH_DOWN);
      GraphQuery autoQuery = query(Strategy.AUTO);
      ArrayNode expected = baseline(modlink, db);
      if (!modlink.query().graph(federatedQuery).data().equals(expected)
          || !modlink.query().graph(pushDownQuery).data().equals(expected)
          || !modlink.query().graph(autoQuery).data().equals(expected)
          || twoDbs != null && !twoDbs.query().graph(autoQuery).data().equals(expected)) {
        throw new IllegalStateException("modlink and the JDBC baseline disagree at n=" + n);
      }
      expected = null;
      int runs = n >= 100_000 ? 15 : n >= 10_000 ? 31 : 41;
      resetPeak();
      List<Supplier<?>> work = new ArrayList<>(List.of(
          () -> baseline(modlink, db),
          () -> modlink.query().graph(federatedQuery),
          () -> modlink.query().graph(pushDownQuery),
          () -> modlink.query().graph(autoQuery)));
      if (twoDbs != null) {
        work.add(() -> twoDbs.query().graph(autoQuery)); // hybrid: the tables are on two databases
      }
      List<Timing> timings = interleaved(runs, work);
      long peak = peakHeapMb();
      Timing baseline = timings.get(0);
      Timing federated = timings.get(1);
      Timing pushDown = timings.get(2);
      Timing auto = timings.get(3);
      Timing twoDb = twoDbs == null ? null : timings.get(4);
      Timing naiveMs = naive ? interleaved(Math.min(runs, 5), List.of(() -> naive(modlink, db))).get(0) : null;
      int fedTrips = modlink.query().graph(federatedQuery).stats().roundTrips();
      int pdTrips = modlink.query().graph(pushDownQuery).stats().roundTrips();
      out.println(String.format(Locale.ROOT, "%-8d %-11s %-24s %-24s %-24s %-24s %-24s %-24s %9.2f %9.2f %9.2f %9s %6d"
          + " %6d %9d", n, dbName, baseline, federated, pushDown, auto, naiveMs == null ? "skipped" : naiveMs,
          twoDb == null ? "-" : twoDb, federated.median() / baseline.median(),
          pushDown.median() / baseline.median(), auto.median() / baseline.median(), twoDb == null ? "-"
          : String.format(Locale.ROOT, "%.2f", twoDb.median() / pushDown.median()), fedTrips, pdTrips, peak));
      return String.format(Locale.ROOT, "{\"n\": %d, \"db\": \"%s\", \"baseline_ms\": %.1f, \"federated_ms\": %.1f,"
          + " \"pushdown_ms\": %.1f, \"naive_ms\": %s, \"federated_ratio\": %.2f, \"pushdown_ratio\": %.2f,"
          + " \"federated_round_trips\": %d, \"pushdown_round_trips\": %d, \"peak_heap_mb\": %d,"
          + " \"auto_ms\": %.1f, \"auto_ratio\": %.2f, \"two_db_federated_ms\": %s,"
          + " \"two_db_to_pushdown_ratio\": %s}", n, dbName, baseline.median(),
          federated.median(), pushDown.median(),
          naiveMs == null ? "null" : String.format(Locale.ROOT, "%.1f", naiveMs.median()),
          federated.median() / baseline.median(), pushDown.median() / baseline.median(), fedTrips, pdTrips, peak,
          auto.median(), auto.median() / baseline.median(),
          twoDb == null ? "null" : String.format(Locale.ROOT, "%.1f", twoDb.median()),
          twoDb == null ? "null" : String.format(Locale.ROOT, "%.2f", twoDb.median() / pushDown.median()));
    } finally {
      if (split != null) {
        split.close();
      }
      if (scratch != null) {
        scratch.close();
      }
    }
  }

  /**
   * The same data as {@code db} with the sales channels on a second H2 database: a Modlink whose api_key
   * module and link table are {@code db}'s (already seeded) and whose sales_channel module is on a new
   * in-memory database holding the same channels. Its AUTO graph queries are read hybrid (the keys joined to
   * their link rows, the channels fetched by key).
   */
  private static Modlink twoDatabases(DatabaseConfig db, int n) throws SQLException {
    DatabaseConfig channels = DatabaseConfig.of("jdbc:h2:mem:bench_channels_" + n + "_" + System.nanoTime()
        + ";DB_CLOSE_DELAY=-1", "sa", "");
    try (Modlink schema = Modlink.builder().database(channels).schema(SchemaAction.CREATE)
        .module(SalesChannelModule.DEFINITION).build();
         Connection c = DriverManager.getConnection(channels.jdbcUrl(), channels.user(), channels.password())) {
      seedChannels(c);
    }
    return Modlink.builder().database(db).database(SalesChannelModule.NAME, channels).schema(SchemaAction.NONE)
        .module(ApiKeyModule.DEFINITION).module(SalesChannelModule.DEFINITION).links(ApiKeyModule.links()).build();
  }

  private static GraphQuery query(Strategy strategy) {
    return GraphQuery.entity("api_key").fields("id", "title", "sales_channels.*").strategy(strategy).build();
  }

  /** The median, min and max of the timed runs of one piece of work, in ms. */
  record Timing(double median, double min, double max) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.1f[%.1f..%.1f]", median, min, max);
    }
  }

  /** Rows written with plain JDBC batches: the benchmark measures reads, not the seeding. */
  private static void seed(DatabaseConfig db, int n, Progress progress) throws SQLException {
    Timestamp now = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      c.setAutoCommit(false);
      seedChannels(c);
      try (PreparedStatement keys = c.prepareStatement("insert into api_key (id, token, salt, redacted, title, type,"
          + " created_by, created_at, updated_at) values (?, ?, '', ?, ?, 'publishable', 'bench', ?, ?)");
           PreparedStatement links = c.prepareStatement("insert into publishable_api_key_sales_channel (id,"
               + " publishable_key_id, sales_channel_id, created_at, updated_at) values (?, ?, ?, ?, ?)")) {
        for (int i = 0; i < n; i++) {
          String id = String.format("apk_%08d", i);
          keys.setString(1, id);
          keys.setString(2, "pk_" + id);
          keys.setString(3, "pk_" + i + "***");
          keys.setString(4, "Key " + i);
          keys.setTimestamp(5, now);
          keys.setTimestamp(6, now);
          keys.addBatch();
          for (int j = 0; j < 3; j++) {
            links.setString(1, "pksc_" + i + "_" + j);
            links.setString(2, id);
            links.setString(3, String.format("sc_%06d", (i * 7 + j * 331) % CHANNELS));
            links.setTimestamp(4, now);
            links.setTimestamp(5, now);
            links.addBatch();
          }
          if (i % 5000 == 4999) {
            keys.executeBatch();
            links.executeBatch();
            progress.step(5000);
          }
        }
        keys.executeBatch();
        links.executeBatch();
      }
      c.commit();
      // statistics, as any database in service has them
      ScratchDatabase.analyze(c, "sales_channel", "api_key", "publishable_api_key_sales_channel");
      c.commit();
    }
  }

  /** The {@value #CHANNELS} sales channels, in one batch. */
  private static void seedChannels(Connection c) throws SQLException {
    Timestamp now = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
    try (PreparedStatement ps = c.prepareStatement("insert into sales_channel (id, name, description, is_disabled,"
        + " created_at, updated_at) values (?, ?, ?, false, ?, ?)")) {
      for (int i = 0; i < CHANNELS; i++) {
        ps.setString(1, String.format("sc_%06d", i));
        ps.setString(2, "Channel " + i);
        ps.setString(3, "The channel number " + i);
        ps.setTimestamp(4, now);
        ps.setTimestamp(5, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static final String CHANNEL_COLUMNS = "sc.id, sc.name, sc.description, sc.is_disabled, sc.metadata,"
      + " sc.created_at, sc.updated_at, sc.deleted_at";

  /** The hand-written join: one statement, rows folded into the same JSON as query.graph. */
  static ArrayNode baseline(Modlink modlink, DatabaseConfig db) {
    try (Connection c = modlink.dataSource("api_key").getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select k.id, k.title, " + CHANNEL_COLUMNS + " from api_key k"
             + " left join publishable_api_key_sales_channel p on p.publishable_key_id = k.id and p.deleted_at is null"
             + " left join sales_channel sc on sc.id = p.sales_channel_id and sc.deleted_at is null"
             + " where k.deleted_at is null order by k.id, sc.id")) {
      ArrayNode out = NODES.arrayNode();
      String current = null;
      ArrayNode channels = null;
      Map<String, ObjectNode> channelNodes = new LinkedHashMap<>();
      while (rs.next()) {
        String id = rs.getString(1);
        if (!id.equals(current)) {
          ObjectNode key = out.addObject();
          key.put("id", id);
          key.put("title", rs.getString(2));
          channels = key.putArray("sales_channels");
          current = id;
        }
        String channelId = rs.getString(3);
        if (channelId != null) {
          ObjectNode channel = channelNodes.get(channelId);
          if (channel == null) {
            channel = channel(rs);
            channelNodes.put(channelId, channel);
          }
          channels.add(channel);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode channel(ResultSet rs) throws SQLException {
    ObjectNode channel = NODES.objectNode();
    channel.put("id", rs.getString(3));
    channel.put("name", rs.getString(4));
    channel.put("description", rs.getString(5));
    channel.put("is_disabled", rs.getBoolean(6));
    channel.putNull("metadata");
    channel.put("created_at", rs.getObject(8, java.time.OffsetDateTime.class).toInstant().toString());
    channel.put("updated_at", rs.getObject(9, java.time.OffsetDateTime.class).toInstant().toString());
    channel.putNull("deleted_at");
    return channel;
  }

  /** The N+1 loop: the keys, then one query per key for its channels. */
  static ArrayNode naive(Modlink modlink, DatabaseConfig db) {
    try (Connection c = modlink.dataSource("api_key").getConnection(); Statement s = c.createStatement();
         ResultSet keys = s.executeQuery("select id, title from api_key where deleted_at is null order by id");
         PreparedStatement ps = c.prepareStatement("select p.publishable_key_id, p.id, " + CHANNEL_COLUMNS
             + " from publishable_api_key_sales_channel p join sales_channel sc on sc.id = p.sales_channel_id"
             + " where p.publishable_key_id = ? and p.deleted_at is null and sc.deleted_at is null order by sc.id")) {
      ArrayNode out = NODES.arrayNode();
      while (keys.next()) {
        ObjectNode key = out.addObject();
        key.put("id", keys.getString(1));
        key.put("title", keys.getString(2));
        ArrayNode channels = key.putArray("sales_channels");
        ps.setString(1, keys.getString(1));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            channels.add(channel(rs));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs each piece of work in turn, run by run (A B C A B C ...), so that a slow spell of the machine
   * falls on all of them alike: first {@code max(3, runs / 3)} rounds of warm-up, then {@code runs}
   * timed rounds. Returns the timing of each piece, in the order given.
   */
  private static List<Timing> interleaved(int runs, List<Supplier<?>> work) {
    for (int i = 0; i < Math.max(3, runs / 3); i++) {
      work.forEach(Supplier::get); // warm-up
    }
    double[][] ms = new double[work.size()][runs];
    for (int i = 0; i < runs; i++) {
      for (int w = 0; w < work.size(); w++) {
        long t = System.nanoTime();
        work.get(w).get();
        ms[w][i] = (System.nanoTime() - t) / 1e6;
      }
    }
    List<Timing> out = new ArrayList<>();
    for (double[] times : ms) {
      Arrays.sort(times);
      out.add(new Timing(times[runs / 2], times[0], times[runs - 1]));
    }
    return out;
  }

  private static void resetPeak() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }
}
