package io.modlink.saleschannel;

import static io.modlink.testing.FuzzInputs.pick;
import static io.modlink.testing.FuzzInputs.show;
import static io.modlink.testing.FuzzInputs.single;
import static io.modlink.testing.FuzzInputs.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.FuzzInputs;
import io.modlink.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link SalesChannelService} under generated input: 2,000 calls from a fixed seed (the system
 * property {@code modlink.fuzz.seed} replaces it) to create, retrieve, list, update, soft-delete and
 * restore, with nulls, blank, over-long and NUL-holding texts, metadata that is not JSON, unknown
 * filter fields, bad operators and values, bad pages and wrong ids. Every outcome is a result or a
 * {@link ModlinkException}, and a rejected write leaves every row of the database as it was. A
 * failure names the seed and the input.
 */
class SalesChannelServiceFuzzTest {
  private static final long SEED = Long.getLong("modlink.fuzz.seed", 0x8D_2026L);
  private static final int INPUTS = 2_000;

  private final List<Modlink> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Modlink::close);
  }

  /** One generated call: what it is (for the failure message), whether it writes, and the call. */
  private record Call(String input, boolean writes, Supplier<Object> run) {}

  @DatabaseTest
  void everyInputGetsAResultOrATypedErrorAndARejectedWriteChangesNothing(TestDatabase db) throws SQLException {
    Modlink modlink = Modlink.builder()
        .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.MIGRATE)
        .module(SalesChannelModule.DEFINITION)
        .build();
    opened.add(modlink);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    SalesChannelService channels = new SalesChannelService(modlink, clock);
    List<String> ids = new ArrayList<>();
    for (SalesChannelRecord channel : channels.create(List.of(CreateSalesChannel.named("Web"),
        CreateSalesChannel.named("App").withDescription("the app").withMetadata(Map.of("region", "eu")),
        CreateSalesChannel.named("Shop").disabled()))) {
      ids.add(channel.id());
    }
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    // every row of every table but the migration history, as TestDatabase.allRows() reads them,
    // through one connection (opening one and reading the catalog for each write costs seconds)
    List<String> tables = db.allRows().keySet().stream().filter(t -> !t.endsWith("schema_history")).toList();
    assertThat(tables).contains("sales_channel");
    Connection connection = db.connect();
    Map<String, List<String>> rows = snapshot(connection, tables);
    long start = System.nanoTime();
    for (int i = 0; i < INPUTS; i++) {
      Call call = call(random, channels, ids);
      Object result;
      try {
        result = call.run().get();
      } catch (ModlinkException e) {
        outcomes.merge(e.type().code(), 1, Integer::sum);
        if (call.writes()) {
          assertThat(snapshot(connection, tables)).as("seed %s, input %s: %s was rejected (%s) but changed rows", SEED, i,
              call.input(), e.getMessage()).isEqualTo(rows);
        }
        continue;
      } catch (Throwable e) {
        fail("seed " + SEED + ", input " + i + ": " + call.input() + " threw " + e, e);
        return;
      }
      outcomes.merge("ok", 1, Integer::sum);
      if (result instanceof SalesChannelRecord channel) {
        ids.add(channel.id());
      } else if (result instanceof List<?> list) {
        list.stream().filter(SalesChannelRecord.class::isInstance).map(c -> ((SalesChannelRecord) c).id())
            .forEach(ids::add);
      }
      if (call.writes()) {
        rows = snapshot(connection, tables);
      }
      if (i % 200 == 0) {
        clock.advance(java.time.Duration.ofMinutes(1));
      }
    }
    System.out.printf("SalesChannelService fuzz on %s: seed %s, %,d inputs, outcomes %s, %d ms%n", db.engine().id(), SEED,
        INPUTS, outcomes, (System.nanoTime() - start) / 1_000_000);
    connection.close();
    assertThat(outcomes.getOrDefault("ok", 0)).as("some inputs succeed").isGreaterThan(INPUTS / 10);
    assertThat(outcomes.getOrDefault("invalid_data", 0)).as("some inputs are rejected").isGreaterThan(INPUTS / 10);
  }

  /** Every row of the tables, as text, sorted. */
  static Map<String, List<String>> snapshot(Connection connection, List<String> tables) throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    for (String table : tables) {
      List<String> rows = new ArrayList<>();
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select * from " + table)) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int c = 1; c <= columns; c++) {
            row.append(rs.getString(c)).append(" | ");
          }
          rows.add(row.toString());
        }
      }
      rows.sort(null);
      out.put(table, rows);
    }
    return out;
  }

  private static Call call(Random r, SalesChannelService channels, List<String> ids) {
    switch (r.nextInt(10)) {
      case 0, 1 -> {
        String name = text(r);
        String description = r.nextBoolean() ? null : text(r);
        boolean disabled = r.nextBoolean();
        Map<String, @Nullable Object> metadata = metadata(r);
        return new Call("create(" + show(name) + ", " + show(description) + ", " + disabled + ", " + show(metadata)
            + ")", true, () -> channels.create(new CreateSalesChannel(name, description, disabled, metadata)));
      }
      case 2 -> {
        int n = r.nextInt(4);
        List<@Nullable String> names = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          names.add(r.nextInt(6) == 0 ? null : text(r));
        }
        boolean nullList = r.nextInt(20) == 0;
        return new Call("create(list of names " + names.stream().map(FuzzInputs::show).toList()
            + (nullList ? ", as a null list" : "") + ")", true, () -> {
              if (nullList) {
                return channels.create((List<CreateSalesChannel>) null);
              }
              List<@Nullable CreateSalesChannel> list = new ArrayList<>();
              for (String name : names) {
                list.add(name == null ? null : CreateSalesChannel.named(name));
              }
              return channels.create(list);
            });
      }
      case 3 -> {
        String id = id(r, ids);
        return new Call("retrieve(" + show(id) + ")", false, () -> channels.retrieve(id));
      }
      case 4, 5 -> {
        boolean count = r.nextBoolean();
        Map<String, @Nullable Object> filters = filters(r);
        String q = r.nextInt(4) == 0 ? text(r) : null;
        String order = r.nextInt(4) == 0 ? pick(r, FIELDS) : null;
        int skip = r.nextInt(5) == 0 ? pick(r, List.of(-1, 0, 2, Integer.MAX_VALUE)) : 0;
        Integer take = r.nextInt(3) == 0 ? pick(r, List.of(-5, 0, 1, 3, Integer.MAX_VALUE)) : null;
        boolean deleted = r.nextBoolean();
        String input = (count ? "listAndCount" : "list") + "(filters " + show(filters) + ", q " + show(q) + ", order "
            + order + ", skip " + skip + ", take " + take + ", withDeleted " + deleted + ")";
        return new Call(input, false, () -> {
          ListQuery.Builder query = ListQuery.builder().filters(filters).skip(skip);
          if (q != null) {
            query.q(q);
          }
          if (order != null) {
            query.orderBy(order, SortDirection.DESC);
          }
          if (take != null) {
            query.take(take);
          }
          if (deleted) {
            query.withDeleted();
          }
          return count ? channels.listAndCount(query.build()) : channels.list(query.build());
        });
      }
      case 6, 7 -> {
        String id = id(r, ids);
        boolean none = r.nextInt(12) == 0;
        boolean nameSet = r.nextBoolean();
        String name = text(r);
        boolean descriptionSet = r.nextBoolean();
        String description = text(r);
        Boolean disabled = r.nextBoolean() ? null : r.nextBoolean();
        boolean metadataSet = r.nextBoolean();
        Map<String, @Nullable Object> metadata = metadata(r);
        String input = "update(" + show(id) + (none ? ", null" : (nameSet ? ", name " + show(name) : "")
            + (descriptionSet ? ", description " + show(description) : "") + (disabled != null ? ", disabled "
            + disabled : "") + (metadataSet ? ", metadata " + show(metadata) : "")) + ")";
        return new Call(input, true, () -> {
          if (none) {
            return channels.update(id, null);
          }
          UpdateSalesChannel.Builder update = UpdateSalesChannel.builder();
          if (nameSet) {
            update.name(name);
          }
          if (descriptionSet) {
            update.description(description);
          }
          if (disabled != null) {
            update.disabled(disabled);
          }
          if (metadataSet) {
            update.metadata(metadata);
          }
          return channels.update(id, update.build());
        });
      }
      case 8 -> {
        List<@Nullable String> keys = idList(r, ids);
        return new Call("softDelete(" + show(keys) + ")", true, () -> channels.softDelete(keys));
      }
      default -> {
        List<@Nullable String> keys = idList(r, ids);
        return new Call("restore(" + show(keys) + ")", true, () -> channels.restore(keys));
      }
    }
  }

  private static @Nullable Map<String, @Nullable Object> metadata(Random r) {
    return switch (r.nextInt(10)) {
      case 0, 1 -> null;
      case 2 -> Map.of();
      case 3 -> Map.of("region", "eu", "rank", 3, "tags", List.of("a", "b"));
      case 4 -> Map.of("nested", Map.of("deep", Arrays.asList(1, "x", null, Map.of("k", 1.5e300))));
      case 5 -> Map.of("not json", new Object());
      case 6 -> Map.of("nul", "a\u0000b");
      case 7 -> Map.of("key\u0000", 1);
      case 8 -> single("value", value(r));
      default -> Map.of(text(r) == null ? "null key" : "k" + r.nextInt(5), pick(r, List.of(Double.NaN,
          Double.POSITIVE_INFINITY, Long.MAX_VALUE, new java.math.BigDecimal("1e400"), "text", true)));
    };
  }

  private static final List<String> FIELDS = List.of("id", "name", "description", "is_disabled", "metadata",
      "created_at", "deleted_at", "nmae", "$and", "$or", "$nope", "");

  private static final List<String> SAMPLES = List.of(
      "2026-01-01T00:00:00Z", "not a date", "true", "false", "9999999-01-01");

  private static Map<String, @Nullable Object> filters(Random r) {
    return FuzzInputs.filters(r, FIELDS, 8, SAMPLES);
  }

  private static @Nullable Object value(Random r) {
    return FuzzInputs.value(r, SAMPLES);
  }

  private static @Nullable String id(Random r, List<String> ids) {
    return FuzzInputs.id(r, ids, "sc");
  }

  private static @Nullable List<@Nullable String> idList(Random r, List<String> ids) {
    return FuzzInputs.idList(r, ids, "sc");
  }
}
