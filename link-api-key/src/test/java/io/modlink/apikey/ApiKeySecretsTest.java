package io.modlink.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Secrets never leave the module: the hash and salt of secret keys (the {@code token} and
 * {@code salt} columns, hidden) are not returned by graph queries and cannot be named in them, and
 * a created key's raw token never appears in its {@code toString} or a log line; the module still
 * authenticates with them.
 */
class ApiKeySecretsTest {
  private final List<Modlink> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Modlink::close);
  }

  private Modlink modlink(TestDatabase db) {
    Modlink modlink = Modlink.builder()
        .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.MIGRATE)
        .module(ApiKeyModule.DEFINITION)
        .links(ApiKeyModule.links())
        .build();
    opened.add(modlink);
    return modlink;
  }

  @DatabaseTest
  void graphQueriesNeverReturnTheHashOrTheSalt(TestDatabase db) {
    Modlink modlink = modlink(db);
    ApiKeyService apiKeys = new ApiKeyService(modlink);
    ApiKeyRecord secret = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));
    ApiKeyRecord publishable = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
    String hash = (String) db.column("select token from api_key where id = '" + secret.id() + "'").get(0);
    String salt = (String) db.column("select salt from api_key where id = '" + secret.id() + "'").get(0);
    assertThat(hash).hasSize(128);
    assertThat(salt).hasSize(32);

    for (GraphQuery query : List.of(GraphQuery.entity("api_key").build(), GraphQuery.entity("api_key").fields("*").build(),
        GraphQuery.entity("api_keys").fields("*", "id", "title").build())) {
      GraphResult result = modlink.query().graph(query);
      assertThat(result.data()).hasSize(2);
      for (JsonNode row : result.data()) {
        assertThat(row.has("token")).isFalse();
        assertThat(row.has("salt")).isFalse();
        assertThat(row.get("redacted").asText()).isIn(secret.redacted(), publishable.redacted());
      }
      String json = result.data().toString();
      assertThat(json).doesNotContain(hash).doesNotContain(salt).doesNotContain(secret.token());
    }
    // a store read that names no fields is '*' too
    String stored = modlink.store("api_key").read(ReadRequest.builder().build()).rows().toString();
    assertThat(stored).doesNotContain(hash).doesNotContain(salt).doesNotContain("\"token\"");
  }

  @DatabaseTest
  void namingAHiddenFieldInAGraphQueryIsRefused(TestDatabase db) {
    Modlink modlink = modlink(db);
    new ApiKeyService(modlink).create(CreateApiKey.secret("Back office", "user_1"));
    List<Object[]> refused = List.of(
        new Object[] {"token", "field path api_key.token", GraphQuery.entity("api_key").fields("id", "token").build()},
        new Object[] {"salt", "field path api_key.salt", GraphQuery.entity("api_key").fields("salt").build()},
        new Object[] {"token", "filters", GraphQuery.entity("api_key").filters(Map.of("token", Map.of("$like", "a%")))
            .build()},
        new Object[] {"salt", "filters", GraphQuery.entity("api_key").filters(Map.of("$or", List.of(Map.of("title", "x"),
            Map.of("salt", Map.of("$ne", ""))))).build()},
        new Object[] {"salt", "order of api_key", GraphQuery.entity("api_key").order("salt", SortDirection.ASC)
            .build()});
    for (Object[] c : refused) {
      String field = (String) c[0];
      String where = (String) c[1];
      GraphQuery query = (GraphQuery) c[2];
      assertThatThrownBy(() -> modlink.query().graph(query))
          .as(query.toString())
          .isInstanceOf(InvalidDataException.class)
          .hasMessageStartingWith("field " + field + " of api_key is hidden (in " + where)
          .hasMessageContaining("visible fields: id, redacted, title, type");
      assertThatThrownBy(() -> modlink.query().explain(query)).isInstanceOf(InvalidDataException.class);
    }
  }

  @DatabaseTest
  void theModuleStillReadsItsSecretsAndRefusesThemThroughItsList(TestDatabase db) {
    ApiKeyService apiKeys = new ApiKeyService(modlink(db));
    ApiKeyRecord secret = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));
    ApiKeyRecord publishable = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));

    assertThat(apiKeys.authenticate(secret.token())).map(ApiKeyRecord::id).contains(secret.id());
    assertThat(apiKeys.authenticate(secret.token() + "0")).isEmpty();
    // publishable tokens are not secret: the module's own API returns them, and finds keys by them
    assertThat(apiKeys.retrieve(publishable.id()).token()).isEqualTo(publishable.token());
    assertThat(apiKeys.list(ListQuery.builder().filter("token", publishable.token()).build()))
        .extracting(ApiKeyRecord::id).containsExactly(publishable.id());
    assertThat(apiKeys.retrieve(secret.id()).token()).isEmpty();
    // the salt is no field of the service
    assertThatThrownBy(() -> apiKeys.list(ListQuery.builder().filter("salt", Map.of("$ne", "")).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("unknown field 'salt' at filters.salt on api_key; known fields: id, token,");
  }

  @Test
  void aCreatedKeyPrintsAndLogsWithoutItsToken() {
    String token = "sk_" + "3f2a".repeat(16);
    ApiKeyRecord created = new ApiKeyRecord("apk_1", token, "sk_3f2***f2a", "Back office", ApiKeyType.secret, null,
        "user_1", null, null, java.time.Instant.EPOCH, java.time.Instant.EPOCH, null);
    assertThat(created.toString())
        .doesNotContain(token)
        .contains("token=[redacted]", "redacted=sk_3f2***f2a", "title=Back office");
    assertThat(ApiKeyRecord.of(new ApiKey("apk_2", "t", ApiKeyType.secret, "hash", "sk_abc***def", "u",
        java.time.Instant.EPOCH)).toString()).contains("token=\"\"");

    // a log line of it, formatted as a JDK logger formats it
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Logger logger = Logger.getLogger(ApiKeySecretsTest.class.getName());
    StreamHandler handler = new StreamHandler(captured, new SimpleFormatter());
    logger.setUseParentHandlers(false);
    logger.addHandler(handler);
    try {
      logger.log(Level.INFO, "created {0}", created);
      handler.flush();
    } finally {
      logger.removeHandler(handler);
      logger.setUseParentHandlers(true);
    }
    String line = captured.toString(StandardCharsets.UTF_8);
    assertThat(line).contains("created ApiKeyRecord[id=apk_1, token=[redacted]").doesNotContain(token);
  }
}
