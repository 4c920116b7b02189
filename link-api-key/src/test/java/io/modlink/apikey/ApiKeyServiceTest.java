package io.modlink.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.spi.ListQuery;
import com.fasterxml.jackson.databind.JsonNode;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** Every rule of {@link ApiKeyService}, on H2 and PostgreSQL, with the module's migrations. */
class ApiKeyServiceTest {
  private final List<Modlink> opened = new ArrayList<>();
  private final MutableClock clock = MutableClock.now();

  @AfterEach
  void close() {
    opened.forEach(Modlink::close);
  }

  private ApiKeyService service(TestDatabase db) {
    Modlink modlink = Modlink.builder()
        .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.MIGRATE)
        .module(ApiKeyModule.DEFINITION)
        .links(ApiKeyModule.links())   // inactive: no sales channel here
        .build();
    opened.add(modlink);
    return new ApiKeyService(modlink, clock);
  }

  private static long count(TestDatabase db) {
    return ((Number) db.column("select count(*) from api_key").get(0)).longValue();
  }

  // ------------------------------------------------------------------------------------ create

  @DatabaseTest
  void createMakesPublishableKeysWhoseTokenIsStoredAsIs(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));

    assertThat(key.id()).matches("apk_[0-9A-Z]{26}");
    assertThat(key.token()).matches("pk_[0-9a-f]{64}");
    assertThat(key.redacted()).isEqualTo(key.token().substring(0, 6) + "***" + key.token().substring(64));
    assertThat(key.title()).isEqualTo("Storefront");
    assertThat(key.type()).isEqualTo(ApiKeyType.publishable);
    assertThat(key.createdBy()).isEqualTo("user_1");
    assertThat(key.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS)).isEqualTo(key.updatedAt());
    assertThat(key.revokedAt()).isNull();
    assertThat(key.revokedBy()).isNull();
    assertThat(key.lastUsedAt()).isNull();
    assertThat(key.deletedAt()).isNull();

    assertThat(db.column("select token from api_key where id = '" + key.id() + "'")).containsExactly(key.token());
    assertThat(db.column("select salt from api_key where id = '" + key.id() + "'")).containsExactly("");
    // readable later
    assertThat(apiKeys.retrieve(key.id())).isEqualTo(key);
    assertThat(apiKeys.list(ListQuery.all())).containsExactly(key);
  }

  @DatabaseTest
  void createShowsTheRawSecretTokenOnceAndStoresOnlyItsScryptHash(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));

    assertThat(key.type()).isEqualTo(ApiKeyType.secret);
    assertThat(key.token()).matches("sk_[0-9a-f]{64}");
    assertThat(key.redacted()).isEqualTo(key.token().substring(0, 6) + "***" + key.token().substring(64));

    String stored = (String) db.column("select token from api_key where id = '" + key.id() + "'").get(0);
    String salt = (String) db.column("select salt from api_key where id = '" + key.id() + "'").get(0);
    assertThat(salt).matches("[0-9a-f]{32}");
    assertThat(stored).matches("[0-9a-f]{128}").isEqualTo(ApiKeyTokens.hash(key.token(), salt));
    assertThat(db.column("select count(*) from api_key where token = '" + key.token() + "'").get(0).toString())
        .isEqualTo("0");

    // never again: retrieve, list and list-and-count show an empty token, and no read has a salt
    ApiKeyRecord retrieved = apiKeys.retrieve(key.id());
    assertThat(retrieved.token()).isEmpty();
    assertThat(retrieved.redacted()).isEqualTo(key.redacted());
    assertThat(apiKeys.list(ListQuery.all())).singleElement().extracting(ApiKeyRecord::token).isEqualTo("");
    assertThat(apiKeys.listAndCount(ListQuery.all()).apiKeys()).singleElement()
        .extracting(ApiKeyRecord::token).isEqualTo("");
    assertThat(retrieved).isEqualTo(new ApiKeyRecord(key.id(), "", key.redacted(), key.title(), key.type(), null,
        key.createdBy(), null, null, key.createdAt(), key.updatedAt(), null));
    JsonNode json = opened.get(0).objectMapper().valueToTree(retrieved);
    assertThat(json.has("salt")).isFalse();
    assertThat(json.get("token").asText()).isEmpty();
  }

  @DatabaseTest
  void createMakesManyKeysAtOnceAndRejectsABadBatchWhole(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    List<ApiKeyRecord> keys = apiKeys.create(List.of(
        CreateApiKey.publishable("Web", "user_1"),
        CreateApiKey.secret("Server A", "user_1"),
        CreateApiKey.secret("Server B", "user_2")));
    assertThat(keys).extracting(ApiKeyRecord::title).containsExactly("Web", "Server A", "Server B");
    assertThat(keys).extracting(ApiKeyRecord::token).allMatch(t -> t.matches("(pk|sk)_[0-9a-f]{64}"));
    assertThat(count(db)).isEqualTo(3);

    assertThatThrownBy(() -> apiKeys.create(List.of(
        CreateApiKey.publishable("Fine", "user_1"),
        CreateApiKey.secret("  ", "user_1"))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("api key [1]: title must not be blank; give the key a title");
    assertThatThrownBy(() -> apiKeys.create(CreateApiKey.publishable("x".repeat(256), "user_1")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("api key [0]: title is 256 characters long; at most 255 are allowed");
    assertThatThrownBy(() -> apiKeys.create(CreateApiKey.publishable("Web", "u".repeat(300))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("api key [0]: created_by is 300 characters long; at most 255 are allowed");
    assertThat(count(db)).isEqualTo(3);
    assertThat(apiKeys.create(List.of())).isEmpty();
  }

  // ------------------------------------------------------------------------------------ read

  @DatabaseTest
  void retrieveNamesTheMissingKey(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    assertThatThrownBy(() -> apiKeys.retrieve("apk_404"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("ApiKey with id: apk_404 was not found")
        .extracting(e -> ((ModlinkException) e).type()).isEqualTo(ErrorType.NOT_FOUND);
    assertThatThrownBy(() -> apiKeys.retrieve(" "))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("api key id to retrieve is empty; give the id of a key (apk_...)");
  }

  @DatabaseTest
  void listFiltersSearchesTitleAndRedactedOrdersAndPages(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord web = apiKeys.create(CreateApiKey.publishable("Web storefront", "user_1"));
    clock.advance(Duration.ofSeconds(1));
    ApiKeyRecord app = apiKeys.create(CreateApiKey.publishable("Mobile app", "user_2"));
    clock.advance(Duration.ofSeconds(1));
    ApiKeyRecord server = apiKeys.create(CreateApiKey.secret("Server", "user_1"));

    assertThat(ids(apiKeys.list(ListQuery.all()))).containsExactly(web.id(), app.id(), server.id());
    assertThat(ids(apiKeys.list(ListQuery.builder().filter("type", "publishable").build())))
        .containsExactly(web.id(), app.id());
    assertThat(ids(apiKeys.list(ListQuery.builder().filter("created_by", List.of("user_2")).build())))
        .containsExactly(app.id());
    assertThat(ids(apiKeys.list(ListQuery.builder().filter("token", web.token()).build())))
        .containsExactly(web.id());
    // q: title or redacted token, ignoring case
    assertThat(ids(apiKeys.list(ListQuery.builder().q("STORE").build()))).containsExactly(web.id());
    assertThat(ids(apiKeys.list(ListQuery.builder().q(server.redacted().substring(0, 6)).build())))
        .containsExactly(server.id());
    assertThat(ids(apiKeys.list(ListQuery.builder().q("sk_").build()))).containsExactly(server.id());
    assertThat(ids(apiKeys.list(ListQuery.builder().q("e").filter("type", "secret").build())))
        .containsExactly(server.id());
    assertThat(apiKeys.list(ListQuery.builder().q("nothing like it").build())).isEmpty();
    assertThat(ids(apiKeys.list(ListQuery.builder()
        .filter("$or", List.of(Map.of("type", "secret"), Map.of("created_by", "user_2")))
        .q("E")
        .build()))).containsExactly(app.id(), server.id());
    // order and page
    assertThat(ids(apiKeys.list(ListQuery.builder().orderBy("created_at", SortDirection.DESC).build())))
        .containsExactly(server.id(), app.id(), web.id());
    assertThat(ids(apiKeys.list(ListQuery.builder().orderBy("title", SortDirection.ASC).skip(1).take(1).build())))
        .containsExactly(server.id());
    ApiKeyPage page = apiKeys.listAndCount(ListQuery.builder().filter("type", "publishable")
        .orderBy("title", SortDirection.ASC).take(1).build());
    assertThat(page.count()).isEqualTo(2);
    assertThat(ids(page.apiKeys())).containsExactly(app.id());
    assertThat(apiKeys.listAndCount(ListQuery.builder().skip(5).build()).count()).isEqualTo(3);
    // the filter language rejects what it does not know
    assertThatThrownBy(() -> apiKeys.list(ListQuery.builder().filter("titel", "Web").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("unknown field 'titel' at filters.titel on api_key (did you mean 'title'?)");
    assertThatThrownBy(() -> ListQuery.builder().take(1).take(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("take was already set to 1");
  }

  // ------------------------------------------------------------------------------------ update

  @DatabaseTest
  void updateChangesOnlyTheTitle(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Old", "user_1"));
    clock.advance(Duration.ofMinutes(1));

    ApiKeyRecord updated = apiKeys.update(key.id(), UpdateApiKey.fromMap(Map.of(
        "title", "New",
        "type", "secret",
        "token", "pk_forged",
        "created_by", "someone else",
        "revoked_at", "2020-01-01T00:00:00Z")));

    assertThat(updated.title()).isEqualTo("New");
    assertThat(updated.updatedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS));
    assertThat(updated).usingRecursiveComparison().ignoringFields("title", "updatedAt").isEqualTo(key);
    assertThat(apiKeys.retrieve(key.id())).isEqualTo(updated);
    assertThat(apiKeys.update(key.id(), new UpdateApiKey(null))).isEqualTo(updated);   // nothing to change

    ApiKeyRecord secret = apiKeys.create(CreateApiKey.secret("Secret", "user_1"));
    assertThat(apiKeys.update(secret.id(), UpdateApiKey.title("Still secret")).token()).isEmpty();

    assertThatThrownBy(() -> apiKeys.update("apk_404", UpdateApiKey.title("X")))
        .isInstanceOf(NotFoundException.class).hasMessage("ApiKey with id: apk_404 was not found");
    assertThatThrownBy(() -> apiKeys.update(key.id(), UpdateApiKey.title(" ")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("api key " + key.id() + ": title must not be blank; give the key a title");
    assertThatThrownBy(() -> UpdateApiKey.fromMap(Map.of("title", 42)))
        .isInstanceOf(InvalidDataException.class).hasMessage("api key title must be a string, got 42");
  }

  // ------------------------------------------------------------------------------------ revoke

  @DatabaseTest
  void revokeNowOrInTheFuture(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord now = apiKeys.create(CreateApiKey.secret("Now", "user_1"));
    ApiKeyRecord later = apiKeys.create(CreateApiKey.secret("Later", "user_1"));
    Instant t0 = clock.instant().truncatedTo(ChronoUnit.MICROS);

    ApiKeyRecord revoked = apiKeys.revoke(now.id(), "admin_1", 0);
    assertThat(revoked.revokedAt()).isEqualTo(t0);
    assertThat(revoked.revokedBy()).isEqualTo("admin_1");
    assertThat(revoked.token()).isEmpty();
    assertThat(revoked.isActiveAt(t0)).isFalse();

    ApiKeyRecord scheduled = apiKeys.revoke(List.of(later.id()), "admin_1", 3600).get(0);
    assertThat(scheduled.revokedAt()).isEqualTo(t0.plusSeconds(3600));
    assertThat(scheduled.isActiveAt(t0)).isTrue();
    assertThat(scheduled.isActiveAt(t0.plusSeconds(3600))).isFalse();
    assertThat(apiKeys.retrieve(later.id())).isEqualTo(scheduled);
  }

  @DatabaseTest
  void aSecretKeyIsRevokedOnceAPublishableOneMayBeRevokedAgain(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord s1 = apiKeys.create(CreateApiKey.secret("S1", "user_1"));
    ApiKeyRecord s2 = apiKeys.create(CreateApiKey.secret("S2", "user_1"));
    ApiKeyRecord s3 = apiKeys.create(CreateApiKey.secret("S3", "user_1"));
    ApiKeyRecord pk = apiKeys.create(CreateApiKey.publishable("P", "user_1"));
    apiKeys.revoke(List.of(s1.id(), pk.id()), "admin_1", 0);
    apiKeys.revoke(s2.id(), "admin_1", 600);   // revoked in the future counts as revoked

    assertThatThrownBy(() -> apiKeys.revoke(List.of(s3.id(), s1.id(), s2.id()), "admin_2", 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("There are 2 secret keys that are already revoked. Already revoked: " + s1.id() + ", " + s2.id()
            + "; a secret key is revoked once, so no key was revoked");
    assertThat(apiKeys.retrieve(s3.id()).revokedAt()).isNull();   // the batch wrote nothing

    clock.advance(Duration.ofSeconds(5));
    ApiKeyRecord again = apiKeys.revoke(pk.id(), "admin_2", 60);
    assertThat(again.revokedBy()).isEqualTo("admin_2");
    assertThat(again.revokedAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS).plusSeconds(60));
  }

  @DatabaseTest
  void revokeRejectsUnknownKeysAndBadArgumentsBeforeWriting(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("P", "user_1"));
    assertThatThrownBy(() -> apiKeys.revoke(List.of(key.id(), "apk_404"), "admin_1", 0))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("ApiKey with id: apk_404 was not found; no key was revoked");
    assertThat(apiKeys.retrieve(key.id()).revokedAt()).isNull();
    assertThatThrownBy(() -> apiKeys.revoke(key.id(), " ", 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("revoked_by is required to revoke api keys " + key.id() + "; give who revokes them");
    assertThatThrownBy(() -> apiKeys.revoke(key.id(), "admin_1", -5))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("revoke_in must be 0 (now) or a number of seconds to come, got -5 for api keys " + key.id());
    assertThat(apiKeys.revoke(List.of(), "admin_1", 0)).isEmpty();
  }

  // ------------------------------------------------------------------------------------ delete

  @DatabaseTest
  void deleteRemovesRevokedKeysForGood(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord a = apiKeys.create(CreateApiKey.publishable("A", "user_1"));
    ApiKeyRecord b = apiKeys.create(CreateApiKey.secret("B", "user_1"));
    apiKeys.revoke(List.of(a.id(), b.id()), "admin_1", 0);
    clock.advance(Duration.ofSeconds(1));

    assertThat(apiKeys.delete(List.of(b.id(), "apk_404", a.id(), b.id()))).containsExactly(b.id(), a.id());
    assertThat(count(db)).isZero();
    assertThatThrownBy(() -> apiKeys.retrieve(a.id())).isInstanceOf(NotFoundException.class);
    assertThat(apiKeys.delete(List.of(a.id()))).isEmpty();
  }

  @DatabaseTest
  void deleteRefusesKeysThatAreNotRevokedYetAndDeletesNothing(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord live = apiKeys.create(CreateApiKey.publishable("Live", "user_1"));
    ApiKeyRecord soon = apiKeys.create(CreateApiKey.secret("Soon", "user_1"));
    ApiKeyRecord gone = apiKeys.create(CreateApiKey.publishable("Gone", "user_1"));
    apiKeys.revoke(soon.id(), "admin_1", 60);
    apiKeys.revoke(gone.id(), "admin_1", 0);
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> apiKeys.delete(List.of(gone.id(), live.id(), soon.id())))
        .isInstanceOf(NotAllowedException.class)
        .hasMessage("Cannot delete api keys that are not revoked - " + live.id() + ", " + soon.id())
        .extracting(e -> ((ModlinkException) e).type()).isEqualTo(ErrorType.NOT_ALLOWED);
    assertThat(count(db)).isEqualTo(3);

    clock.advance(Duration.ofSeconds(60));   // soon's revocation has passed
    assertThat(apiKeys.delete(List.of(soon.id(), gone.id()))).containsExactly(soon.id(), gone.id());
    assertThat(ids(apiKeys.list(ListQuery.all()))).containsExactly(live.id());
  }

  // ------------------------------------------------------------------------------------ authenticate

  @DatabaseTest
  void authenticateAcceptsOnlyLiveSecretKeys(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord secret = apiKeys.create(CreateApiKey.secret("Server", "user_1"));
    ApiKeyRecord other = apiKeys.create(CreateApiKey.secret("Other server", "user_1"));
    ApiKeyRecord publishable = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));

    ApiKeyRecord found = apiKeys.authenticate(secret.token()).orElseThrow();
    assertThat(found.id()).isEqualTo(secret.id());
    assertThat(found.token()).isEmpty();
    assertThat(apiKeys.authenticate(other.token()).orElseThrow().id()).isEqualTo(other.id());

    // publishable, unknown and malformed tokens
    assertThat(apiKeys.authenticate(publishable.token())).isEmpty();
    assertThat(apiKeys.authenticate(ApiKeyTokens.secret().rawToken())).isEmpty();
    String sameRedaction = secret.token().substring(0, 6) + "0".repeat(58) + secret.token().substring(64);
    assertThat(apiKeys.authenticate(sameRedaction)).isEmpty();
    assertThat(apiKeys.authenticate("")).isEmpty();
    assertThat(apiKeys.authenticate("sk_nope")).isEmpty();
    // the stored hash is not a token
    String hash = (String) db.column("select token from api_key where id = '" + secret.id() + "'").get(0);
    assertThat(apiKeys.authenticate(hash)).isEmpty();
  }

  @DatabaseTest
  void authenticateRefusesRevokedKeysAndAcceptsKeysRevokedInTheFutureUntilThen(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord revoked = apiKeys.create(CreateApiKey.secret("Revoked", "user_1"));
    ApiKeyRecord expiring = apiKeys.create(CreateApiKey.secret("Expiring", "user_1"));
    apiKeys.revoke(revoked.id(), "admin_1", 0);
    apiKeys.revoke(expiring.id(), "admin_1", 30);

    assertThat(apiKeys.authenticate(revoked.token())).isEmpty();
    assertThat(apiKeys.authenticate(expiring.token())).map(ApiKeyRecord::id).contains(expiring.id());
    clock.advance(Duration.ofSeconds(29));
    assertThat(apiKeys.authenticate(expiring.token())).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(apiKeys.authenticate(expiring.token())).isEmpty();
  }

  @DatabaseTest
  void authenticateRefusesSoftDeletedKeys(TestDatabase db) {
    ApiKeyService apiKeys = service(db);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.secret("Server", "user_1"));
    opened.get(0).store("api_key").softDelete(List.of(key.id()));   // as a deleteCascade link would
    assertThat(apiKeys.authenticate(key.token())).isEmpty();
    assertThatThrownBy(() -> apiKeys.retrieve(key.id())).isInstanceOf(NotFoundException.class);
    assertThat(apiKeys.list(ListQuery.builder().withDeleted().build())).singleElement()
        .satisfies(k -> assertThat(k.deletedAt()).isNotNull());
  }

  private static List<String> ids(List<ApiKeyRecord> keys) {
    return keys.stream().map(ApiKeyRecord::id).toList();
  }
}
