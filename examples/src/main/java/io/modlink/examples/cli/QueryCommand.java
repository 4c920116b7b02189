package io.modlink.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.spi.SortDirection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modlink query ENTITY --fields ...}: a graph query against the configured database, printed as JSON. */
@Command(name = "query", header = "Run a graph query and print the rows as JSON.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run query.graph against the database and print the rows as one JSON array on stdout"
        + " (pretty on a terminal, or with --pretty); a line about the rows and round trips goes to stderr.",
        "The application is the two shipped modules (api_key, sales_channel) and their link. On a database given"
            + " with --db-url their tables must exist (checked: --schema validate); 'modlink demo --db-url ...'"
            + " or '--schema migrate' creates them."})
final class QueryCommand implements Callable<Integer> {
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final Console console;

  @Spec
  private @Nullable CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ENTITY",
      description = "the entity to start from: a name or plural alias (api_key, api_keys, sales_channel, ...)"
          + " or a link's entry point (publishable_api_key_sales_channel)")
  private String entity = "";

  @Option(names = "--fields", split = ",", paramLabel = "PATH", order = 1,
      description = "field paths, comma-separated: title, *, sales_channels.*, sales_channels.name;"
          + " default: every field of the entity. Every object carries its id")
  private List<String> fields = new ArrayList<>();

  @Option(names = "--filter", paramLabel = "JSON", order = 2,
      description = "a JSON object of filters, e.g. '{\"title\": \"Storefront\"}' or, on a linked path,"
          + " '{\"sales_channels\": {\"name\": \"Web\"}}' (keys that have such a channel)")
  private @Nullable String filter;

  @Option(names = "--order", paramLabel = "FIELD[:asc|desc]", order = 3,
      description = "order of the root rows, e.g. created_at:desc; repeatable")
  private List<String> order = new ArrayList<>();

  @Option(names = "--skip", paramLabel = "N", order = 4, description = "root rows to skip (default 0)")
  private @Nullable Integer skip;

  @Option(names = "--take", paramLabel = "N", order = 5,
      description = "root rows to return; with --skip or --take, stderr also gives the count of all matches")
  private @Nullable Integer take;

  @Option(names = "--explain", order = 6, description = "print the plan (fetches, strategy, round trips) instead of"
      + " running the query")
  private boolean explain;

  @Option(names = "--pretty", order = 7, description = "indent the JSON even when the output is not a terminal")
  private boolean pretty;

  @Option(names = "--schema", paramLabel = "ACTION", order = 8,
      description = "what to do to the modules' tables on a database given with --db-url first:"
          + " ${COMPLETION-CANDIDATES} (default: validate, which changes nothing; migrate and create also apply"
          + " the safe link-table changes)")
  private SchemaAction schema = SchemaAction.VALIDATE;

  @Mixin
  private DatabaseOptions database;

  @Mixin
  private CommonOptions common = new CommonOptions();

  QueryCommand(Console console) {
    this.console = console;
    this.database = new DatabaseOptions(console);
  }

  @Override
  public Integer call() throws Exception {
    Optional<DatabaseConfig> db = database.config();
    GraphQuery query = query(new ObjectMapper());
    // a read changes no table: the link tables are brought in line only where the modules' tables are made too
    boolean syncLinks = db.isEmpty() || schema == SchemaAction.MIGRATE || schema == SchemaAction.CREATE;
    try (Modlink modlink = open(db, syncLinks)) {
      if (explain) {
        String text = modlink.query().explain(query).text();
        console.out().print(text.endsWith("\n") ? text : text + "\n");
        return ModlinkCli.OK;
      }
      GraphResult result = modlink.query().graph(query);
      console.out().println(pretty || console.interactive()
          ? modlink.objectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.data())
          : modlink.objectMapper().writeValueAsString(result.data()));
      StringBuilder summary = new StringBuilder();
      summary.append(result.data().size()).append(result.data().size() == 1 ? " row" : " rows");
      result.metadata().ifPresent(m -> summary.append(" of ").append(m.count()).append(" (skip ").append(m.skip())
          .append(m.take() == null ? "" : ", take " + m.take()).append(')'));
      summary.append(", ").append(result.stats().roundTrips())
          .append(result.stats().roundTrips() == 1 ? " round trip" : " round trips");
      if (!result.stats().fetches().isEmpty()) {
        summary.append(" (").append(result.stats().fetches().get(0).strategy()).append(')');
      }
      if (db.isEmpty()) {
        summary.append(" on a new, empty embedded H2 database: give --db-url or ").append(DatabaseOptions.URL_ENV)
            .append(" to query yours");
      }
      console.err().println(summary);
      result.warnings().forEach(w -> console.err().println("warning: " + w));
    }
    return ModlinkCli.OK;
  }

  private Modlink open(Optional<DatabaseConfig> db, boolean syncLinks) {
    try {
      return ShippedModules.open(db, schema, syncLinks);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.hibernate.tool.schema.spi.SchemaManagementException) {
          throw new IllegalStateException(t.getMessage() + "; the modules' tables are not there or differ: run your"
              + " application's migrations, or this command once with --schema migrate", e);
        }
      }
      throw e;
    }
  }

  /** The query the options describe; a bad option value is a usage error (exit code 2). */
  private GraphQuery query(ObjectMapper mapper) {
    GraphQuery.Builder builder = GraphQuery.entity(entity).fields(fields.stream().map(String::strip)
        .filter(f -> !f.isEmpty()).toList());
    if (filter != null) {
      builder.filters(filters(mapper, filter));
    }
    for (String key : order) {
      int colon = key.lastIndexOf(':');
      String field = colon < 0 ? key : key.substring(0, colon);
      String direction = colon < 0 ? "asc" : key.substring(colon + 1).toLowerCase(Locale.ROOT);
      if (field.isBlank() || !(direction.equals("asc") || direction.equals("desc"))) {
        throw usage("--order takes FIELD, FIELD:asc or FIELD:desc, e.g. created_at:desc; got '" + key + "'");
      }
      builder.order(field, direction.equals("asc") ? SortDirection.ASC : SortDirection.DESC);
    }
    if (skip != null) {
      if (skip < 0) {
        throw usage("--skip must be 0 or more; got " + skip);
      }
      builder.skip(skip);
    }
    if (take != null) {
      if (take < 0) {
        throw usage("--take must be 0 or more; got " + take);
      }
      builder.take(take);
    }
    return builder.build();
  }

  private Map<String, ?> filters(ObjectMapper mapper, String json) {
    try {
      Map<String, Object> parsed = mapper.readValue(json, OBJECT);
      if (parsed == null) {
        throw usage("--filter takes a JSON object, e.g. '{\"title\": \"Storefront\"}'; got null");
      }
      return new LinkedHashMap<>(parsed);
    } catch (JsonProcessingException e) {
      throw usage("--filter takes a JSON object, e.g. '{\"title\": \"Storefront\"}'; got '" + json + "' ("
          + e.getOriginalMessage().lines().findFirst().orElse("not JSON") + ")");
    }
  }

  private ParameterException usage(String message) {
    if (spec == null) {
      throw new IllegalStateException(message);
    }
    return new ParameterException(spec.commandLine(), message);
  }
}
