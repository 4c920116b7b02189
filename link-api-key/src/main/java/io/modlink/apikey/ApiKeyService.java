package io.modlink.apikey;

import io.modlink.core.Modlink;
import io.modlink.core.entity.EntityService;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.workflow.CreateLinksStep;
import io.modlink.core.workflow.DismissLinksStep;
import io.modlink.core.workflow.QueryGraphStep;
import io.modlink.core.workflow.StepContext;
import io.modlink.core.workflow.Workflow;
import io.modlink.core.workflow.WorkflowException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The API Key module's service: creates, reads, updates, revokes, deletes and authenticates API
 * keys. The Java counterpart of Medusa's {@code IApiKeyModuleService}, with its rules.
 *
 * <pre>{@code
 * ApiKeyService apiKeys = new ApiKeyService(modlink);       // or inject it: ApiKeyModule binds it
 * ApiKeyRecord storefront = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
 * ApiKeyRecord backOffice = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));
 * String secret = backOffice.token();                     // sk_...: shown this once, never again
 * Optional<ApiKeyRecord> caller = apiKeys.authenticate(secret);
 * }</pre>
 *
 * <h2>Tokens</h2>
 * <ul>
 *   <li>A publishable token is {@code pk_} and 64 hex characters (32 bytes from
 *       {@link java.security.SecureRandom}); it is stored as is and returned by every read.
 *   <li>A secret token is {@code sk_} and 64 hex characters. Only
 *       {@code scrypt(token, 16-byte random salt)} is stored; the raw token is returned once, by
 *       {@link #create}. Every other read returns an empty token, and no read returns the salt.
 *       Hashes are those of Medusa's API Key module, so keys moved from Medusa still authenticate.
 *   <li>{@code redacted} is the token's first 6 characters, {@code ***} and its last 3:
 *       {@code pk_44d***3be}.
 * </ul>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>{@link #update} changes the title only.
 *   <li>{@link #revoke} sets {@code revoked_at}, now or later; a key revoked in the future stays
 *       valid until then. Revoking a secret key that already has a {@code revoked_at} is an error.
 *   <li>{@link #delete} removes keys for good, and only revoked ones (whose {@code revoked_at} has
 *       passed); their links are dismissed through the {@link Link} service's cascade.
 *   <li>{@link #updateSalesChannels} links a publishable key to sales channels and unlinks it,
 *       all or nothing.
 *   <li>{@link #authenticate} accepts only secret keys that are not revoked and not deleted.
 *   <li>Every batch is validated as a whole before anything is written: a rejected batch writes
 *       nothing.
 * </ul>
 *
 * <p>Errors are {@link InvalidDataException} ({@code invalid_data}), {@link NotFoundException}
 * ({@code not_found}) and {@link NotAllowedException} ({@code not_allowed}); their messages name
 * the keys and the rule. Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ApiKeyService {
  /** The id prefix of API keys. */
  public static final String ID_PREFIX = "apk";
  /** The longest title, creator or revoker the table keeps. */
  public static final int MAX_TEXT = 255;
  /** The furthest a revocation may lie ahead: 100 years, in seconds. */
  private static final long MAX_REVOKE_IN = 100L * 366 * 24 * 3600;

  private final Modlink modlink;
  private final EntityService<ApiKey, ApiKeyRecord> keys;
  private final Workflow<SalesChannelChange, List<LinkRecord>> updateSalesChannels;

  /**
   * A service over the {@code api_key} module of {@code modlink}.
   *
   * @throws InvalidDataException if the {@code api_key} module is not installed
   */
  public ApiKeyService(Modlink modlink) {
    this(modlink, Clock.systemUTC());
  }

  /**
   * A service that reads the time from {@code clock}: revocation times, and the "now" against
   * which revocations are checked.
   *
   * @throws InvalidDataException if the {@code api_key} module is not installed
   */
  public ApiKeyService(Modlink modlink, Clock clock) {
    this.modlink = Objects.requireNonNull(modlink, "modlink");
    this.keys = EntityService.builder(modlink, ApiKey.class)
        .records(ApiKeyRecord.class)
        .clock(clock)
        // a secret key's token is shown once, by create: every read shows an empty token
        .view(row -> ApiKeyType.secret.name().equals(row.path("type").asText()) ? row.put("token", "") : row)
        .beforeDelete(found -> {
          Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
          List<String> live = found.stream().filter(k -> k.getRevokedAt() == null || k.getRevokedAt().isAfter(now))
              .map(ApiKey::getId).toList();
          if (!live.isEmpty()) {
            throw new NotAllowedException("Cannot delete api keys that are not revoked - " + String.join(", ", live));
          }
        })
        .build();
    this.updateSalesChannels = salesChannelsWorkflow();
  }

  /**
   * Creates one key. For a secret key, the returned {@link ApiKeyRecord#token()} is the raw token,
   * shown this once.
   *
   * @throws InvalidDataException if the title is blank or a text is too long
   */
  public ApiKeyRecord create(CreateApiKey key) {
    return create(Collections.singletonList(key)).get(0);
  }

  /**
   * Creates keys, in one transaction, and returns them in the order given, each secret key with its
   * raw token (shown this once).
   *
   * @throws InvalidDataException naming the first key that breaks a rule; nothing is created
   */
  public List<ApiKeyRecord> create(List<CreateApiKey> keys) {
    List<String> rawTokens = new ArrayList<>();
    List<ApiKeyRecord> created = this.keys.create(keys, key -> {
      ApiKeyTokens.Generated token = key.type() == ApiKeyType.secret ? ApiKeyTokens.secret() : ApiKeyTokens.publishable();
      rawTokens.add(token.rawToken());
      ApiKey entity = new ApiKey("", key.title(), key.type(), token.storedToken(), token.redacted(), key.createdBy(),
          Instant.EPOCH);
      entity.setSalt(token.salt());
      return entity;
    });
    List<ApiKeyRecord> shown = new ArrayList<>(created.size());
    for (int i = 0; i < created.size(); i++) {
      shown.add(created.get(i).withToken(rawTokens.get(i)));
    }
    return shown;
  }

  /**
   * The key with this id.
   *
   * @throws NotFoundException if there is none (or it is deleted)
   */
  public ApiKeyRecord retrieve(String id) {
    return keys.retrieve(id);
  }

  /**
   * The keys the query selects. Secret keys have an empty token.
   *
   * @throws InvalidDataException if a filter or order names an unknown field or operator, or a
   *     value does not fit its field
   */
  public List<ApiKeyRecord> list(ListQuery query) {
    return keys.list(query);
  }

  /**
   * A page of the keys the query selects, and how many keys match it in all.
   *
   * @throws InvalidDataException as {@link #list} does
   */
  public ApiKeyPage listAndCount(ListQuery query) {
    var page = keys.listAndCount(query);
    return new ApiKeyPage(page.records(), page.count());
  }

  /**
   * Changes a key's title; nothing else about a key changes this way.
   *
   * @throws NotFoundException if there is no such key
   * @throws InvalidDataException if the new title is blank or too long
   */
  public ApiKeyRecord update(String id, UpdateApiKey update) {
    required(update, "the update of api key " + id + " (an UpdateApiKey)");
    return keys.modify(id, key -> update.newTitle().ifPresent(key::setTitle));
  }

  /** Revokes one key; see {@link #revoke(List, String, long)}. */
  public ApiKeyRecord revoke(String id, String revokedBy, long revokeInSeconds) {
    if (id == null || id.isBlank()) {
      throw new InvalidDataException("api key id to revoke is " + (id == null ? "null" : "empty") + "; give the id of"
          + " a key (apk_...)");
    }
    return revoke(List.of(id), revokedBy, revokeInSeconds).get(0);
  }

  /**
   * Revokes keys: sets {@code revoked_by} and {@code revoked_at} = now + {@code revokeInSeconds}.
   * A key revoked in the future stays valid until then. A publishable key may be revoked again
   * (its revocation time moves); a secret key may not.
   *
   * @param ids the keys' ids
   * @param revokedBy who revokes them (a user id, for instance); not blank
   * @param revokeInSeconds 0 to revoke now, or the seconds until the revocation takes effect
   * @return the revoked keys, in the order given (secret keys with an empty token)
   * @throws InvalidDataException if {@code revokedBy} is blank, {@code revokeInSeconds} negative,
   *     or a secret key is already revoked ("There are N secret keys that are already revoked.")
   * @throws NotFoundException if a key does not exist; nothing is revoked
   */
  public List<ApiKeyRecord> revoke(List<String> ids, String revokedBy, long revokeInSeconds) {
    required(ids, "the list of api key ids to revoke");
    required(revokedBy, "revoked_by (who revokes the keys)");
    String named = String.join(", ", new LinkedHashSet<>(ids.stream().map(String::valueOf).toList()));
    if (revokedBy.isBlank()) {
      throw new InvalidDataException("revoked_by is required to revoke api keys " + named + "; give who revokes them");
    }
    if (revokeInSeconds < 0) {
      throw new InvalidDataException("revoke_in must be 0 (now) or a number of seconds to come, got "
          + revokeInSeconds + " for api keys " + named);
    }
    if (revokeInSeconds > MAX_REVOKE_IN) {
      throw new InvalidDataException("revoke_in is " + revokeInSeconds + " seconds, more than 100 years ("
          + MAX_REVOKE_IN + "); give a nearer time to revoke api keys " + named);
    }
    Instant at = keys.now().plusSeconds(revokeInSeconds);
    return keys.modify("revoke", ids, found -> {
      List<String> revoked = found.stream().filter(k -> k.getType() == ApiKeyType.secret && k.getRevokedAt() != null)
          .map(ApiKey::getId).toList();
      if (!revoked.isEmpty()) {
        throw new InvalidDataException("There are " + revoked.size() + " secret keys that are already revoked."
            + " Already revoked: " + String.join(", ", revoked) + "; a secret key is revoked once, so no key was"
            + " revoked");
      }
      found.forEach(key -> key.revoke(revokedBy, at));
    });
  }

  /**
   * Deletes keys for good, and dismisses their links through the {@link Link} service's cascade
   * ({@code link.delete({"api_key": {"api_key_id": ids}})}). Only revoked keys may be deleted: keys
   * whose {@code revoked_at} is set and has passed. Ids of keys that do not exist are ignored.
   *
   * <p>A workflow of two steps, Medusa's {@code deleteApiKeysWorkflow}: {@code delete-api-keys}
   * then {@code remove-api-key-links}. Where the module and the link tables share a database, both
   * are one transaction; otherwise, when the cascade fails, the deleted keys are inserted again
   * exactly as they were.
   *
   * @return the ids of the keys deleted, in the order given
   * @throws NotAllowedException if a key is not revoked ("Cannot delete api keys that are not
   *     revoked - ids"); nothing is deleted
   * @throws WorkflowException if the deletion failed for another reason (a store or database that
   *     is down), or could not be undone completely; it says what was left behind
   */
  public List<String> delete(List<String> ids) {
    return keys.delete(ids);
  }

  // ------------------------------------------------------------------------------------ sales channels

  /** The sales channels to link a key to and to unlink it from. */
  private record SalesChannelChange(String key, List<String> add, List<String> remove) {}

  /**
   * Sets the sales channels of a publishable key: links it to the channels in {@code add} and
   * dismisses its links to those in {@code remove}, all or nothing. Medusa's
   * {@code linkSalesChannelsToApiKeyWorkflow}, run as a workflow of three steps:
   * {@code validate-sales-channels-exist} (a graph query), {@code add-sales-channels} and
   * {@code remove-sales-channels}. A channel already linked, or not linked, stays as it is.
   *
   * @param id the key's id
   * @param add the ids of the channels to link the key to; they must exist (and not be deleted)
   * @param remove the ids of the channels to unlink it from
   * @throws NotFoundException if the key does not exist, or a channel to add does not; nothing
   *     changes
   * @throws NotAllowedException if the key is a secret key (only publishable keys have sales
   *     channels), or no {@code sales_channel} module is installed
   * @throws InvalidDataException if an id is blank, or a channel is both added and removed
   * @throws WorkflowException if the change failed for another reason, or could not be undone
   *     completely; it says what was left behind
   */
  public void updateSalesChannels(String id, List<String> add, List<String> remove) {
    if (id == null || id.isBlank()) {
      throw new InvalidDataException("api key id to update the sales channels of is empty; give the id of a key"
          + " (apk_...)");
    }
    List<String> adding = checkChannelIds(add, "add");
    List<String> removing = checkChannelIds(remove, "remove");
    List<String> both = adding.stream().filter(removing::contains).toList();
    if (!both.isEmpty()) {
      throw new InvalidDataException("sales channels " + String.join(", ", both) + " are both added to and removed"
          + " from api key " + id + "; name each channel in one of the two lists");
    }
    if (modlink.registry().module(SALES_CHANNEL).isEmpty()) {
      throw new NotAllowedException("api key " + id + " cannot have sales channels: no sales_channel module is"
          + " installed; install one to link keys to channels");
    }
    if (keys.retrieve(id).type() != ApiKeyType.publishable) {
      throw new NotAllowedException("api key " + id + " is a secret key: only publishable keys have sales channels");
    }
    if (adding.isEmpty() && removing.isEmpty()) {
      return;
    }
    try {
      updateSalesChannels.run(modlink, new SalesChannelChange(id, adding, removing));
    } catch (WorkflowException e) {
      throw e.unwrap();
    }
  }

  private static final String SALES_CHANNEL = "sales_channel";

  private Workflow<SalesChannelChange, List<LinkRecord>> salesChannelsWorkflow() {
    return Workflow.<SalesChannelChange>builder("update-api-key-sales-channels")
        .then(QueryGraphStep.of("validate-sales-channels-exist", (SalesChannelChange change) -> GraphQuery
            .entity(SALES_CHANNEL).fields("id").filters(Map.of("id", change.add())).throwIfKeyNotFound().build()))
        .then(CreateLinksStep.of("add-sales-channels", (GraphResult validated, StepContext c) ->
            requests((SalesChannelChange) Objects.requireNonNull(c.input()), true))
            .with(CreateOptions.withoutVerification()))    // the key and the channels were checked just before
        .then(DismissLinksStep.of("remove-sales-channels", (List<LinkRecord> added, StepContext c) ->
            requests((SalesChannelChange) Objects.requireNonNull(c.input()), false)))
        .build();
  }

  private static List<LinkRequest> requests(SalesChannelChange change, boolean add) {
    return (add ? change.add() : change.remove()).stream().map(channel -> LinkRequest.between(
        LinkKey.of(ApiKeyModule.NAME, "publishable_key_id", change.key()),
        LinkKey.of(SALES_CHANNEL, "sales_channel_id", channel))).toList();
  }

  private static List<String> checkChannelIds(List<String> ids, String list) {
    required(ids, "the list of sales channel ids to " + list);
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || id.isBlank()) {
        throw new InvalidDataException("sales channel id [" + i + "] to " + list + " is empty; give the id of a"
            + " channel (sc_...)");
      }
      int nul = id.indexOf('\0');
      if (nul >= 0) {
        throw new InvalidDataException("sales channel id [" + i + "] to " + list + " holds a NUL character (\\u0000)"
            + " at index " + nul + ", which databases cannot store; remove it");
      }
      unique.add(id);
    }
    return List.copyOf(unique);
  }

  /**
   * The secret key whose token this is, if it is live: not revoked (or revoked at a later time) and
   * not deleted. Publishable tokens, unknown tokens and revoked keys give an empty result, never an
   * error. Hashes are compared in constant time, and a token with no candidate key costs a hash as
   * well.
   */
  public Optional<ApiKeyRecord> authenticate(String token) {
    required(token, "the token to authenticate");
    if (!ApiKeyTokens.looksSecret(token)) {
      return Optional.empty();
    }
    Instant now = keys.now();
    List<ApiKey> candidates = keys.sessionFactory().fromTransaction(session -> session.createSelectionQuery(
            "from ApiKey k where k.type = :type and k.redacted = :redacted and k.deletedAt is null"
                + " and (k.revokedAt is null or k.revokedAt > :now)", ApiKey.class)
        .setParameter("type", ApiKeyType.secret)
        .setParameter("redacted", ApiKeyTokens.redact(token))
        .setParameter("now", now)
        .getResultList());
    if (candidates.isEmpty()) {
      ApiKeyTokens.hashForNothing(token);
      return Optional.empty();
    }
    ApiKey match = null;
    for (ApiKey candidate : candidates) {
      if (ApiKeyTokens.matches(token, candidate.getSalt(), candidate.getToken()) && match == null) {
        match = candidate;
      }
    }
    return Optional.ofNullable(match).map(keys::toRecord);
  }

  private static <T> T required(@Nullable T value, String what) {
    if (value == null) {
      throw new InvalidDataException(what + " is null; give one");
    }
    return value;
  }
}
