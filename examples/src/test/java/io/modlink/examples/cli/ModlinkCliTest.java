package io.modlink.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modlink.examples.cli.Cli.Result;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.StandardError;
import io.modlink.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line, run in this process: help, errors and exit codes, and each command on H2 and PostgreSQL. */
class ModlinkCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"", "demo", "serve", "links", "links plan", "links sync", "query", "bench", "bench links",
      "bench store",
      "bench query"})
  void everyCommandHasHelp(String command) {
    List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
    args.add("--help");
    Result result = Cli.run(args.toArray(String[]::new));

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains("Usage: modlink" + (command.isEmpty() ? "" : " " + command))
        .contains("-h, --help").contains("--verbose");
    boolean group = command.isEmpty() || command.equals("links") || command.equals("bench");
    if (group) {
      assertThat(result.out()).contains("Commands:");
    } else {
      assertThat(result.out()).contains("--db-url=URL").contains("MODLINK_DB_URL").contains("--db-user=USER")
          .contains("MODLINK_DB_USER").contains("--db-password=PASSWORD").contains("MODLINK_DB_PASSWORD");
    }
    args.set(args.size() - 1, "-h");
    assertThat(Cli.run(args.toArray(String[]::new)).out()).isEqualTo(result.out());
  }

  @Test
  void theVersionIsTheBuildsVersion() {
    Result result = Cli.run("--version");
    assertThat(result.exit()).isZero();
    assertThat(result.out()).matches("modlink \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "query api_key --feilds id | modlink query: unknown option '--feilds'; see 'modlink query --help'",
      "query api_key --filds id | modlink query: unknown option '--filds' (did you mean --fields or --filter?);"
          + " see 'modlink query --help'",
      "frob | modlink: unknown command 'frob'; see 'modlink --help'",
      "links plan extra | modlink links plan: unexpected argument 'extra'; see 'modlink links plan --help'",
      "query | modlink query: missing required parameter: 'ENTITY'; see 'modlink query --help'",
      "query api_key --take -1 | modlink query: --take must be 0 or more; got -1; see 'modlink query --help'",
      "query api_key --skip many | modlink query: invalid value for option '--skip': 'many' is not an int;"
          + " see 'modlink query --help'",
      "query api_key --order title:up | modlink query: --order takes FIELD, FIELD:asc or FIELD:desc, e.g."
          + " created_at:desc; got 'title:up'; see 'modlink query --help'",
      "query api_key --filter [1] | modlink query: --filter takes a JSON object, e.g. '{\"title\": \"Storefront\"}';"
          + " got '[1]' (Cannot deserialize value of type `java.util.LinkedHashMap<java.lang.String,java.lang.Object>`"
          + " from Array value (token `JsonToken.START_ARRAY`)); see 'modlink query --help'",
      "query api_key --schema sometimes | modlink query: invalid value for option '--schema': expected one of"
          + " [NONE, VALIDATE, MIGRATE, CREATE] (case-insensitive) but was 'sometimes'; see 'modlink query --help'",
      "links plan --db-url postgres://x | modlink links plan: --db-url must be a JDBC URL such as"
          + " jdbc:postgresql://127.0.0.1:5432/shop; got 'postgres://x'; see 'modlink links plan --help'",
      "links plan --db-user sa | modlink links plan: --db-user and --db-password need --db-url (or MODLINK_DB_URL);"
          + " see 'modlink links plan --help'",
      "bench links --n 0 | modlink bench links: --n must be at least 1; got 0; see 'modlink bench links --help'",
      "bench query --n many | modlink bench query: invalid value for option '--n': 'many' is not a whole number;"
          + " see 'modlink bench query --help'",
      "bench | modlink bench: name a benchmark: links, query or store; see 'modlink bench --help'",
      "links | modlink links: name a subcommand: plan or sync; see 'modlink links --help'",
  })
  void aBadCommandLineIsExitCodeTwoAndOneLineSayingWhy(String command, String message) {
    Result result = Cli.run(command.split(" "));

    assertThat(result.exit()).as(result.toString()).isEqualTo(ModlinkCli.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).containsExactly(message);
  }

  @Test
  void noCommandIsAUsageError() {
    Result result = Cli.run();
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.errLines()).containsExactly("modlink: name a command: demo, serve, links, query or bench; see"
        + " 'modlink --help'");
  }

  @Test
  void verboseShowsTheStackTrace() {
    Result quiet = Cli.run("query", "api_key", "--feilds", "id");
    Result verbose = Cli.run("query", "api_key", "--feilds", "id", "--verbose");

    assertThat(quiet.err()).doesNotContain("\tat ");
    assertThat(verbose.exit()).isEqualTo(2);
    assertThat(verbose.errLines().get(0)).isEqualTo(quiet.errLines().get(0));
    assertThat(verbose.err()).contains("picocli.CommandLine$UnmatchedArgumentException").contains("\tat picocli.");
  }

  @Test
  void anUnknownEntityOrFieldIsABadValueNamingTheKnownOnes() {
    Result entity = Cli.run("query", "api_kye");
    assertThat(entity.exit()).isEqualTo(2);
    assertThat(entity.errLines()).last().isEqualTo("modlink query: invalid_data: unknown entity 'api_kye' (did you"
        + " mean 'api_key'?); known entities and link entry points: api_key, api_keys, sales_channel, sales_channels,"
        + " publishable_api_key_sales_channel (--verbose shows the stack trace)");

    Result field = Cli.run("query", "api_key", "--fields", "id,sales_chanels.*");
    assertThat(field.exit()).isEqualTo(2);
    assertThat(field.errLines()).last().asString().startsWith("modlink query: invalid_data: unknown relation"
        + " 'sales_chanels' at api_key.sales_chanels (did you mean 'sales_channels'?)");
  }

  @Test
  void aDatabaseThatCannotBeReachedIsExitCodeOneAndOneLine() {
    Result result = Cli.run("links", "plan", "--db-url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--db-user", "x");
    assertThat(result.exit()).isEqualTo(ModlinkCli.FAILED);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("modlink links plan: database error: Connection to 127.0.0.1:1 refused")
        .endsWith("(--verbose shows the stack trace)");

    Result driver = Cli.run("links", "plan", "--db-url", "jdbc:mysql://127.0.0.1:3306/shop");
    assertThat(driver.exit()).isEqualTo(ModlinkCli.FAILED);
    assertThat(driver.errLines()).singleElement().asString().isEqualTo("modlink links plan: invalid_data: modlink configuration has 1 error:;"
        + " 1) [MISSING_JDBC_DRIVER] no JDBC driver on the class path accepts jdbc:mysql://127.0.0.1:3306/shop; add"
        + " the dependency com.mysql:mysql-connector-j; at DatabaseConfig[jdbc:mysql://127.0.0.1:3306/shop]"
        + " (--verbose shows the stack trace)");
  }

  @Test
  void theDemoNarratesTheReferenceScenarioOnEmbeddedH2() {
    Result result = Cli.run("demo");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.err()).isEmpty();
    String out = result.out();
    assertThat(out).startsWith("modlink demo: the API Key and Sales Channel modules, linked, on an embedded H2"
        + " database\n")
        .contains("entity api_key / api_keys  table api_key")
        .contains("api_key.sales_channels -> [sales_channel] via publishable_api_key_sales_channel")
        .contains("link.create({api_key: {api_key_id: apk_")
        .contains("-> 2 rows in publishable_api_key_sales_channel")
        .contains("5. query.graph(api_key, fields [id, title, sales_channels.*], filters {id: apk_")
        .contains("6. Dismiss the link to App")
        .contains("graph query on api_key: push-down")
        .contains("measured: 1 round trip(s), 1 row(s)");
    List<JsonNode> graphs = jsonArrays(out);
    assertThat(graphs).hasSize(2);
    assertThat(names(graphs.get(0))).containsExactly("Web", "App");
    assertThat(names(graphs.get(1))).containsExactly("Web");
    assertThat(graphs.get(1).get(0).get("id").asText()).matches("apk_[0-9A-Z]{26}");
    assertThat(graphs.get(1).get(0).get("title").asText()).isEqualTo("Storefront");
  }

  @DatabaseTest
  void queryAndLinksAgainstADatabase(TestDatabase db) throws Exception {
    // a fresh database: the query's default (validate) changes nothing and says what to do
    Result missing = Cli.run(Cli.on(db, "query", "api_key"));
    assertThat(missing.exit()).isEqualTo(ModlinkCli.FAILED);
    assertThat(missing.errLines()).singleElement().asString().contains("missing table")
        .contains("run your application's migrations, or this command once with --schema migrate");

    // links sync creates the link table, and only it
    Result sync = Cli.run(Cli.on(db, "links", "sync"));
    assertThat(sync.exit()).as(sync.toString()).isZero();
    assertThat(sync.out()).isEqualTo("""
        applied 1 action(s):
        ACTION  TABLE                              SAFE  REASON
        create  publishable_api_key_sales_channel  yes   new link api_key.api_key <-> sales_channel.sales_channel
        """);
    assertThat(Cli.run(Cli.on(db, "links", "sync")).out()).isEqualTo("nothing to do: the link tables are up to date\n");
    assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) = 'api_key'"
        + " and lower(table_schema) = lower('" + (db.engine().id().equals("h2") ? "public" : db.name()) + "')"))
        .containsExactly(0L);

    // the demo makes the modules' tables (migrations) and data
    Result demo = Cli.run(Cli.on(db, "demo"));
    assertThat(demo.exit()).as(demo.toString()).isZero();
    assertThat(demo.out()).contains("on " + db.jdbcUrl());

    Result query = Cli.run(Cli.on(db, "query", "api_key", "--fields", "id,title,sales_channels.name"));
    assertThat(query.exit()).as(query.toString()).isZero();
    JsonNode rows = JSON.readTree(query.out());
    assertThat(query.out().lines()).hasSize(1);   // not a terminal: one line of JSON
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("title").asText()).isEqualTo("Storefront");
    assertThat(names(rows)).containsExactly("Web");
    assertThat(query.errLines()).containsExactly("1 row, 1 round trip (push-down)");

    // pages, filters on a linked path, order, pretty
    Result page = Cli.run(Cli.on(db, "query", "sales_channels", "--fields", "name", "--filter",
        "{\"name\": {\"$in\": [\"Web\", \"App\"]}}", "--order", "name:desc", "--take", "1", "--pretty"));
    assertThat(page.exit()).as(page.toString()).isZero();
    assertThat(JSON.readTree(page.out()).get(0).get("name").asText()).isEqualTo("Web");
    assertThat(page.out().lines().count()).isGreaterThan(1);
    assertThat(page.errLines()).containsExactly("1 row of 2 (skip 0, take 1), 1 round trip (push-down)");
    Result linked = Cli.run(Cli.on(db, "query", "api_key", "--fields", "id", "--filter",
        "{\"sales_channels\": {\"name\": \"App\"}}"));
    assertThat(JSON.readTree(linked.out())).isEmpty();   // the link to App was dismissed

    Result explain = Cli.run(Cli.on(db, "query", "api_key", "--fields", "id,sales_channels.*", "--explain"));
    assertThat(explain.exit()).isZero();
    assertThat(explain.out()).isEqualTo("""
        graph query on api_key: push-down
          1. api_key: api_key join publishable_api_key_sales_channel join sales_channel [api_key] page of api_key
        expected round trips: 1
        """);

    // the environment stands for the options
    Map<String, String> env = Map.of("MODLINK_DB_URL", db.jdbcUrl(), "MODLINK_DB_USER", String.valueOf(db.user()),
        "MODLINK_DB_PASSWORD", String.valueOf(db.password()));
    Result fromEnv = Cli.run(env, "links", "plan", "--json");
    assertThat(fromEnv.exit()).as(fromEnv.toString()).isZero();
    JsonNode plan = JSON.readTree(fromEnv.out());
    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).get("action").asText()).isEqualTo("noop");
    assertThat(plan.get(0).get("table").asText()).isEqualTo("publishable_api_key_sales_channel");
    assertThat(plan.get(0).get("safe").asBoolean()).isTrue();
    assertThat(plan.get(0).get("reason").asText()).isEqualTo("up to date");
  }

  @DatabaseTest
  void unsafeLinkTableChangesNeedAll(TestDatabase db) throws Throwable {
    assertThat(Cli.run(Cli.on(db, "links", "sync")).exit()).isZero();
    db.execute("alter table publishable_api_key_sales_channel add column legacy_note varchar(20)");

    Result plan = Cli.run(Cli.on(db, "links", "plan", "--sql"));
    assertThat(plan.out()).isEqualTo("""
        ACTION  TABLE                              SAFE  REASON
        notify  publishable_api_key_sales_channel  no    column legacy_note is no longer declared
                alter table publishable_api_key_sales_channel drop column legacy_note;
        """);

    StandardError.Captured<Result> safe = StandardError.capture(() -> Cli.run(Cli.on(db, "links", "sync")));
    assertThat(safe.value().exit()).isZero();
    assertThat(safe.value().out()).isEqualTo("nothing applied\n");
    assertThat(safe.value().errLines()).containsExactly("1 unsafe action(s) not applied, they may lose data: notify"
        + " publishable_api_key_sales_channel: column legacy_note is no longer declared. Review them with"
        + " 'modlink links plan --sql', then run 'modlink links sync --all'.");
    assertThat(safe.text()).contains("link schema: 1 change(s) not applied");   // modlink's own warning, logged
    assertThat(db.column("select count(*) from information_schema.columns where lower(column_name) = 'legacy_note'"
        + " and lower(table_schema) = lower('" + (db.engine().id().equals("h2") ? "public" : db.name()) + "')"))
        .containsExactly(1L);

    Result all = Cli.run(Cli.on(db, "links", "sync", "--all", "--json"));
    assertThat(all.exit()).as(all.toString()).isZero();
    assertThat(all.err()).isEmpty();
    JsonNode applied = JSON.readTree(all.out());
    assertThat(applied.get(0).get("action").asText()).isEqualTo("notify");
    assertThat(applied.get(0).get("sql").get(0).asText())
        .isEqualTo("alter table publishable_api_key_sales_channel drop column legacy_note");
    assertThat(Cli.run(Cli.on(db, "links", "plan")).out()).contains("noop    publishable_api_key_sales_channel  yes"
        + "   up to date");
  }

  @Test
  void theBenchmarksKeepTheirTablesAndJsonLines() throws Exception {
    Result links = Cli.run("bench", "links", "--n", "1_000", "--warmup", "0", "--verified", "50", "--single", "20");
    assertThat(links.exit()).as(links.toString()).isZero();
    List<String> lines = links.out().lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("bulk, without verification"))
        .anySatisfy(l -> assertThat(l).startsWith("verified (records seeded)"));
    JsonNode linksJson = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(fieldNames(linksJson)).containsExactly("n", "db", "us_per_link", "statements", "total_ms",
        "jdbc_us_per_row", "single_ms_median", "single_ms_p99", "single_round_trips", "single_transactions");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("plain JDBC batch insert, rows"))
        .anySatisfy(l -> assertThat(l).startsWith("Link.create of one link"));
    assertThat(linksJson.get("single_round_trips").asInt()).isPositive();
    assertThat(linksJson.get("single_transactions").asInt()).isPositive();

    // each N in a fresh JVM with a fixed heap
    Result query = Cli.run("bench", "query", "--n", "100", "--naive-max", "100", "--heap", "256m");
    assertThat(query.exit()).as(query.toString()).isZero();
    List<String> queryLines = query.out().lines().toList();
    assertThat(queryLines.get(0).split(" +")).startsWith("n", "db", "baseline_ms", "federated_ms", "pushdown_ms",
        "auto_ms", "naive_ms");
    assertThat(queryLines.get(1).split(" +")[2]).matches("[0-9.]+\\[[0-9.]+\\.\\.[0-9.]+]");
    assertThat(query.out()).contains("each N in a fresh JVM, -Xmx256m");
    JsonNode json = JSON.readTree(queryLines.get(queryLines.size() - 1));
    assertThat(fieldNames(json)).containsExactly("n", "db", "baseline_ms", "federated_ms", "pushdown_ms", "naive_ms",
        "federated_ratio", "pushdown_ratio", "federated_round_trips", "pushdown_round_trips", "peak_heap_mb", "auto_ms",
        "auto_ratio", "two_db_federated_ms", "two_db_to_pushdown_ratio");
    // on H2, the same query with the sales channels on a second database, read hybrid
    assertThat(json.get("two_db_to_pushdown_ratio").asDouble()).isPositive();
    assertThat(json.get("n").asInt()).isEqualTo(100);
    assertThat(json.get("pushdown_round_trips").asInt()).isEqualTo(1);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** The top-level JSON arrays printed by the demo (each starts with a line "[ {"). */
  private static List<JsonNode> jsonArrays(String out) {
    List<JsonNode> arrays = new ArrayList<>();
    List<String> lines = out.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals("[ {")) {
        int end = i;
        while (!lines.get(end).equals("} ]")) {
          end++;
        }
        try {
          arrays.add(JSON.readTree(String.join("\n", lines.subList(i, end + 1))));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        i = end;
      }
    }
    return arrays;
  }

  private static List<String> names(JsonNode keys) {
    List<String> names = new ArrayList<>();
    keys.get(0).get("sales_channels").forEach(c -> names.add(c.get("name").asText()));
    return names;
  }
}
