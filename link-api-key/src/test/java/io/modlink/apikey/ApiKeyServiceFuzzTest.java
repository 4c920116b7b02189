package io.modlink.apikey;

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
 * {@link ApiKeyService} under generated input: 2,000 calls from a fixed seed (the system property
 * {@code modlink.fuzz.seed} replaces it) to create, retrieve, list, update, revoke, delete,
 * authenticate and update sales channels, with nulls, blank, over-long and NUL-holding texts,
 * unknown and hidden filter fields, bad operators and values, bad pages and wrong ids. Every
 * outcome is a result or a {@link ModlinkException}, and a rejected write leaves every row of the
 * database as it was. A failure names the seed and the input.
 */
class ApiKeyServiceFuzzTest {
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
        .module(ApiKeyModule.DEFINITION)
        .links(ApiKeyModule.links())
        .build();
    opened.add(modlink);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    ApiKeyService apiKeys = new ApiKeyService(modlink, clock);
    List<String> ids = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (ApiKeyRecord key : apiKeys.create(List.of(CreateApiKey.publishable("Web", "user_1"),
        CreateApiKey.publishable("App", "user_2"), CreateApiKey.secret("Server", "user_1"),
        CreateApiKey.secret("Batch", "user_3")))) {
      ids.add(key.id());
      tokens.add(key.token());
    }
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    // every row of every table but the migration history, as TestDatabase.allRows() reads them,
    // through one connection (opening one and reading the catalog for each write costs seconds)
    List<String> tables = db.allRows().keySet().stream().filter(t -> !t.endsWith("schema_history")).toList();
    assertThat(tables).contains("api_key");
    Connection connection = db.connect();
    Map<String, List<String>> rows = snapshot(connection, tables);
    long start = System.nanoTime();
    for (int i = 0; i < INPUTS; i++) {
      Call call = call(random, apiKeys, ids, tokens);
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
      if (result instanceof ApiKeyRecord key) {
        ids.add(key.id());
      } else if (result instanceof List<?> list) {
        list.stream().filter(ApiKeyRecord.class::isInstance).map(k -> ((ApiKeyRecord) k).id()).forEach(ids::add);
      }
      if (call.writes()) {
        rows = snapshot(connection, tables);
      }
      if (i % 200 == 0) {
        clock.advance(java.time.Duration.ofMinutes(1));
      }
    }
    System.out.printf("ApiKeyService fuzz on %s: seed %s, %,d inputs, outcomes %s, %d ms%n", db.engine().id(), SEED,
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

  private static Call call(Random r, ApiKeyService apiKeys, List<String> ids, List<String> tokens) {
    int op = r.nextInt(11);
    if (op == 9 && r.nextInt(5) > 0) {
      op = 2;   // authenticate hashes (tens of milliseconds): one call in 55
    }
    switch (op) {
      case 0 -> {
        String title = text(r);
        // secret keys cost a scrypt hash (tens of milliseconds): one in ten
        ApiKeyType type = r.nextInt(10) == 0 ? null : r.nextInt(9) == 0 ? ApiKeyType.secret : ApiKeyType.publishable;
        String by = text(r);
        return new Call("create(" + show(title) + ", " + type + ", " + show(by) + ")", true,
            () -> apiKeys.create(new CreateApiKey(title, type, by)));
      }
      case 1 -> {
        int n = r.nextInt(4);
        List<@Nullable String> titles = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          titles.add(r.nextInt(6) == 0 ? null : text(r));
        }
        boolean nullList = r.nextInt(20) == 0;
        return new Call("create(list of titles " + titles.stream().map(FuzzInputs::show).toList()
            + (nullList ? ", as a null list" : "") + ")", true, () -> {
              if (nullList) {
                return apiKeys.create((List<CreateApiKey>) null);
              }
              List<@Nullable CreateApiKey> keys = new ArrayList<>();
              for (String t : titles) {
                keys.add(t == null ? null : CreateApiKey.publishable(t, "fuzz"));
              }
              return apiKeys.create(keys);
            });
      }
      case 2 -> {
        String id = id(r, ids);
        return new Call("retrieve(" + show(id) + ")", false, () -> apiKeys.retrieve(id));
      }
      case 3, 4 -> {
        boolean count = r.nextBoolean();
        Map<String, @Nullable Object> filters = filters(r);
        String q = r.nextInt(4) == 0 ? text(r) : null;
        String order = r.nextInt(4) == 0 ? pick(r, FIELDS) : null;
        int skip = r.nextInt(5) == 0 ? pick(r, List.of(-1, 0, 2, Integer.MAX_VALUE)) : 0;
        Integer take = r.nextInt(3) == 0 ? pick(r, List.of(-5, 0, 1, 3, Integer.MAX_VALUE)) : null;
        String input = (count ? "listAndCount" : "list") + "(filters " + show(filters) + ", q " + show(q) + ", order "
            + order + ", skip " + skip + ", take " + take + ")";
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
          return count ? apiKeys.listAndCount(query.build()) : apiKeys.list(query.build());
        });
      }
      case 5 -> {
        String id = id(r, ids);
        int form = r.nextInt(4);
        Object title = form == 3 ? pick(r, List.of(42, List.of("x"), true)) : text(r);
        return new Call("update(" + show(id) + ", title " + show(title) + ", form " + form + ")", true, () -> apiKeys
            .update(id, switch (form) {
              case 0 -> null;
              case 1 -> UpdateApiKey.title((String) title);
              default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("title", title);
                map.put("token", "pk_forged");
                yield UpdateApiKey.fromMap(map);
              }
            }));
      }
      case 6, 7 -> {
        List<@Nullable String> keys = idList(r, ids);
        String by = text(r);
        long in = pick(r, List.of(-1L, 0L, 0L, 60L, Long.MAX_VALUE, Long.MIN_VALUE, 200L * 365 * 24 * 3600));
        boolean one = r.nextBoolean() && keys != null && !keys.isEmpty();
        return new Call("revoke(" + (one ? show(keys.get(0)) : show(keys)) + ", " + show(by) + ", " + in + ")", true,
            () -> one ? apiKeys.revoke(keys.get(0), by, in) : apiKeys.revoke(keys, by, in));
      }
      case 8 -> {
        List<@Nullable String> keys = idList(r, ids);
        return new Call("delete(" + show(keys) + ")", true, () -> apiKeys.delete(keys));
      }
      case 9 -> {
        String token = r.nextBoolean() && !tokens.isEmpty() ? pick(r, tokens) + pick(r, List.of("", "", "0", "\u0000"))
            : text(r);
        return new Call("authenticate(" + show(token) + ")", false, () -> apiKeys.authenticate(token));
      }
      default -> {
        String id = id(r, ids);
        List<@Nullable String> add = idList(r, ids);
        List<@Nullable String> remove = r.nextInt(5) == 0 ? null : idList(r, ids);
        return new Call("updateSalesChannels(" + show(id) + ", " + show(add) + ", " + show(remove) + ")", true,
            () -> {
              apiKeys.updateSalesChannels(id, add, remove);
              return "done";
            });
      }
    }
  }

  private static final List<String> FIELDS = List.of("id", "title", "type", "token", "redacted", "created_at",
      "revoked_at", "salt", "titel", "$and", "$or", "$nope", "");

  private static final List<String> SAMPLES = List.of(
      "2026-01-01T00:00:00Z", "not a date", "publishable", "secret", "9999999-01-01");

  private static Map<String, @Nullable Object> filters(Random r) {
    return FuzzInputs.filters(r, FIELDS, 8, SAMPLES);
  }

  private static @Nullable Object value(Random r) {
    return FuzzInputs.value(r, SAMPLES);
  }

  private static @Nullable String id(Random r, List<String> ids) {
    return FuzzInputs.id(r, ids, "apk");
  }

  private static @Nullable List<@Nullable String> idList(Random r, List<String> ids) {
    return FuzzInputs.idList(r, ids, "apk");
  }
}
