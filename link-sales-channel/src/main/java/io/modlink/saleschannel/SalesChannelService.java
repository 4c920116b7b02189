package io.modlink.saleschannel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.f4b6a3.ulid.UlidCreator;
import io.modlink.core.Modlink;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.CascadeResult;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jspecify.annotations.Nullable;

/**
 * The Sales Channel module's service: creates, reads, updates, soft-deletes and restores sales
 * channels. The Java counterpart of Medusa's {@code ISalesChannelModuleService}.
 *
 * <pre>{@code
 * SalesChannelService channels = new SalesChannelService(modlink);   // or inject it
 * SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
 * channels.update(web.id(), UpdateSalesChannel.builder().disabled(true).build());
 * channels.softDelete(List.of(web.id()));    // its links are dismissed
 * channels.restore(List.of(web.id()));       // and restored
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A name is required (not blank); names and descriptions hold at most 255 characters;
 *       metadata is JSON (maps, lists, strings, numbers, booleans, null).
 *   <li>{@link #softDelete} sets {@code deleted_at} and dismisses the channels' links through the
 *       {@link Link} service's cascade (following {@code deleteCascade} sides);
 *       {@link #restore} clears it and restores the channels' dismissed links, as Medusa does:
 *       every dismissed link of a restored channel comes back.
 *   <li>Soft-deleted channels are not found by {@link #retrieve} or {@link #update}, and are left out
 *       of lists unless the query asks for them.
 *   <li>Every batch is validated as a whole before anything is written: a rejected batch writes
 *       nothing.
 * </ul>
 *
 * <p>Errors are {@link InvalidDataException} ({@code invalid_data}) and {@link NotFoundException}
 * ({@code not_found}); their messages name the channel and the rule. Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SalesChannelService {
  /** The id prefix of sales channels. */
  public static final String ID_PREFIX = "sc";
  /** The longest name or description the table keeps. */
  public static final int MAX_TEXT = 255;

  /** The fields a {@link ListQuery#q() q} search looks in: the name or description. */
  private static final List<String> SEARCH = List.of("name", "description");
  private static final List<String> FIELDS = List.of("id", "name", "description", "is_disabled", "metadata",
      "created_at", "updated_at", "deleted_at");
  private static final TypeReference<LinkedHashMap<String, @Nullable Object>> JSON_OBJECT = new TypeReference<>() {};
  private static final int CHUNK = 1000;

  private final Modlink modlink;
  private final SessionFactory sessionFactory;
  private final EntityStore store;
  private final Link link;
  private final ObjectMapper mapper;
  private final Clock clock;

  /**
   * A service over the {@code sales_channel} module of {@code modlink}.
   *
   * @throws InvalidDataException if the {@code sales_channel} module is not installed
   */
  public SalesChannelService(Modlink modlink) {
    this(modlink, Clock.systemUTC());
  }

  /**
   * A service that reads the time of its changes from {@code clock}.
   *
   * @throws InvalidDataException if the {@code sales_channel} module is not installed
   */
  public SalesChannelService(Modlink modlink, Clock clock) {
    this.modlink = Objects.requireNonNull(modlink, "modlink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sessionFactory = modlink.sessionFactory(SalesChannelModule.NAME);
    this.store = modlink.store("sales_channel");
    this.link = modlink.link();
    this.mapper = modlink.objectMapper();
  }

  // ------------------------------------------------------------------------------------ create

  /**
   * Creates one channel.
   *
   * @throws InvalidDataException if the name is blank, a text too long, or the metadata not JSON
   */
  public SalesChannelRecord create(CreateSalesChannel channel) {
    Objects.requireNonNull(channel, "channel");
    return create(List.of(channel)).get(0);
  }

  /**
   * Creates channels, in one transaction, and returns them in the order given.
   *
   * @throws InvalidDataException naming the first channel that breaks a rule; nothing is created
   */
  public List<SalesChannelRecord> create(List<CreateSalesChannel> channels) {
    Objects.requireNonNull(channels, "channels");
    List<@Nullable Map<String, @Nullable Object>> metadata = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      CreateSalesChannel channel = channels.get(i);
      String where = "sales channel [" + i + "]";
      if (channel == null) {
        throw new InvalidDataException(where + " is null; give a CreateSalesChannel");
      }
      checkName(where, channel.name());
      checkLength(where, "description", channel.description());
      metadata.add(json(where, channel.metadata()));
    }
    Instant now = now();
    List<SalesChannel> entities = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      CreateSalesChannel channel = channels.get(i);
      SalesChannel entity = new SalesChannel(ID_PREFIX + "_" + UlidCreator.getMonotonicUlid(), channel.name(),
          channel.description(), now);
      entity.setDisabled(channel.isDisabled());
      entity.setMetadata(metadata.get(i));
      entities.add(entity);
    }
    sessionFactory.inTransaction(session -> entities.forEach(session::persist));
    return entities.stream().map(SalesChannelRecord::of).toList();
  }

  // ------------------------------------------------------------------------------------ read

  /**
   * The channel with this id.
   *
   * @throws NotFoundException if there is none, or it is soft-deleted
   */
  public SalesChannelRecord retrieve(String id) {
    checkId(id, "retrieve");
    List<ObjectNode> rows = store.read(ReadRequest.builder().filter("id", id).fields(FIELDS).build()).rows();
    if (rows.isEmpty()) {
      throw notFound(List.of(id));
    }
    return fromRow(rows.get(0));
  }

  /**
   * The channels the query selects.
   *
   * @throws InvalidDataException if a filter or order names an unknown field or operator, or a
   *     value does not fit its field
   */
  public List<SalesChannelRecord> list(ListQuery query) {
    Objects.requireNonNull(query, "query");
    return store.read(query.toReadRequest(FIELDS, false, SEARCH)).rows().stream().map(this::fromRow).toList();
  }

  /**
   * A page of the channels the query selects, and how many channels match it in all.
   *
   * @throws InvalidDataException as {@link #list} does
   */
  public SalesChannelPage listAndCount(ListQuery query) {
    Objects.requireNonNull(query, "query");
    ReadResult result = store.read(query.toReadRequest(FIELDS, true, SEARCH));
    return new SalesChannelPage(result.rows().stream().map(this::fromRow).toList(), result.count().orElseThrow());
  }

  // ------------------------------------------------------------------------------------ update

  /**
   * Applies the changes to a channel; fields not set in {@code update} keep their values.
   *
   * @throws NotFoundException if there is no such channel, or it is soft-deleted
   * @throws InvalidDataException if the new name is blank, a text too long, or the metadata not JSON
   */
  public SalesChannelRecord update(String id, UpdateSalesChannel update) {
    checkId(id, "update");
    Objects.requireNonNull(update, "update");
    String where = "sales channel " + id;
    update.name().ifPresent(name -> checkName(where, name));
    if (update.changesDescription()) {
      checkLength(where, "description", update.description());
    }
    Map<String, @Nullable Object> metadata = update.changesMetadata() ? json(where, update.metadata()) : null;
    Instant now = now();
    return sessionFactory.fromTransaction(session -> {
      List<SalesChannel> found = load(session, List.of(id), false);
      if (found.isEmpty()) {
        throw notFound(List.of(id));
      }
      SalesChannel channel = found.get(0);
      update.name().ifPresent(name -> channel.setName(name));
      if (update.changesDescription()) {
        channel.setDescription(update.description());
      }
      update.disabled().ifPresent(channel::setDisabled);
      if (update.changesMetadata()) {
        channel.setMetadata(metadata);
      }
      channel.setUpdatedAt(now);
      return SalesChannelRecord.of(channel);
    });
  }

  // ------------------------------------------------------------------------------------ delete / restore

  /**
   * Soft-deletes channels and dismisses their links through the {@link Link} service's cascade
   * ({@code link.delete({"sales_channel": {"sales_channel_id": ids}})}), which also soft-deletes
   * the records of sides marked {@code deleteCascade}. Ids that do not exist, or whose channel is
   * already deleted, are ignored.
   *
   * <p>The channels and their links change together: if the links cannot be dismissed, no channel
   * is deleted; if the channels cannot be written, the links are linked again.
   *
   * @return the channels deleted, in the order given, with their {@code deleted_at}
   */
  public List<SalesChannelRecord> softDelete(List<String> ids) {
    List<String> keys = checkIds(ids, "delete");
    if (keys.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    AtomicReference<@Nullable CascadeResult> cascade = new AtomicReference<>();
    try {
      return sessionFactory.fromTransaction(session -> {
        List<SalesChannel> found = load(session, keys, false);
        if (found.isEmpty()) {
          return List.<SalesChannelRecord>of();
        }
        for (SalesChannel channel : found) {
          channel.setDeletedAt(now);
          channel.setUpdatedAt(now);
        }
        session.flush();
        cascade.set(link.delete(keysOf(found)));
        return found.stream().map(SalesChannelRecord::of).toList();
      });
    } catch (RuntimeException e) {
      CascadeResult done = cascade.get();
      if (done != null) {
        relink(done, e);
      }
      throw e;
    }
  }

  /**
   * Restores soft-deleted channels and the links the cascade dismissed
   * ({@code link.restore({"sales_channel": {"sales_channel_id": ids}})}). As in Medusa, every
   * dismissed link of a restored channel comes back. Ids that do not exist, or whose channel is not
   * deleted, are ignored.
   *
   * @return the channels restored, in the order given
   */
  public List<SalesChannelRecord> restore(List<String> ids) {
    List<String> keys = checkIds(ids, "restore");
    if (keys.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    AtomicReference<@Nullable CascadeResult> cascade = new AtomicReference<>();
    try {
      return sessionFactory.fromTransaction(session -> {
        List<SalesChannel> found = load(session, keys, true).stream().filter(c -> c.getDeletedAt() != null).toList();
        if (found.isEmpty()) {
          return List.<SalesChannelRecord>of();
        }
        for (SalesChannel channel : found) {
          channel.setDeletedAt(null);
          channel.setUpdatedAt(now);
        }
        session.flush();
        cascade.set(link.restore(keysOf(found)));
        return found.stream().map(SalesChannelRecord::of).toList();
      });
    } catch (RuntimeException e) {
      CascadeResult done = cascade.get();
      if (done != null) {
        unrestore(done, e);
      }
      throw e;
    }
  }

  // ------------------------------------------------------------------------------------ helpers

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static Map<String, Map<String, List<String>>> keysOf(List<SalesChannel> channels) {
    return Map.of(SalesChannelModule.NAME, Map.of("sales_channel_id", channels.stream().map(SalesChannel::getId)
        .toList()));
  }

  /** Loads channels by id, locked for update, in the order of {@code ids}. */
  private static List<SalesChannel> load(Session session, List<String> ids, boolean withDeleted) {
    List<SalesChannel> found = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      found.addAll(session.createSelectionQuery("from SalesChannel c where c.id in :ids"
              + (withDeleted ? "" : " and c.deletedAt is null"), SalesChannel.class)
          .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
          .setLockMode(LockModeType.PESSIMISTIC_WRITE)
          .getResultList());
    }
    Map<String, Integer> order = new java.util.HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      order.put(ids.get(i), i);
    }
    found.sort(Comparator.comparingInt(c -> order.get(c.getId())));
    return found;
  }

  /** Undoes a delete cascade: links again what it dismissed and restores the records it soft-deleted. */
  private void relink(CascadeResult done, RuntimeException failure) {
    try {
      List<LinkRecord> links = done.links().values().stream().flatMap(List::stream).toList();
      if (!links.isEmpty()) {
        link.create(links.stream().map(LinkRecord::toRequest).toList(), CreateOptions.withoutVerification());
      }
      for (List<AffectedKeys> records : done.records().values()) {
        for (AffectedKeys affected : records) {
          modlink.store(affected.entity()).restore(affected.ids());
        }
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Undoes a restore cascade: dismisses what it restored and soft-deletes the records it restored. */
  private void unrestore(CascadeResult done, RuntimeException failure) {
    try {
      List<LinkRecord> links = done.links().values().stream().flatMap(List::stream).toList();
      if (!links.isEmpty()) {
        link.dismiss(links.stream().map(LinkRecord::toRequest).toList());
      }
      for (List<AffectedKeys> records : done.records().values()) {
        for (AffectedKeys affected : records) {
          modlink.store(affected.entity()).softDelete(affected.ids());
        }
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static NotFoundException notFound(List<String> ids) {
    return new NotFoundException("SalesChannel with id: " + String.join(", ", ids) + " was not found");
  }

  private static void checkId(String id, String operation) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new InvalidDataException("sales channel id to " + operation + " is empty; give the id of a channel"
          + " (sc_...)");
    }
  }

  private static List<String> checkIds(List<String> ids, String operation) {
    Objects.requireNonNull(ids, "ids");
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || id.isBlank()) {
        throw new InvalidDataException("sales channel id [" + i + "] to " + operation + " is empty; give the id of"
            + " a channel (sc_...)");
      }
      unique.add(id);
    }
    return List.copyOf(unique);
  }

  private static void checkName(String where, String name) {
    if (name.isBlank()) {
      throw new InvalidDataException(where + ": name must not be blank; give the channel a name");
    }
    checkLength(where, "name", name);
  }

  private static void checkLength(String where, String field, @Nullable String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new InvalidDataException(where + ": " + field + " is " + value.length() + " characters long; at most "
          + MAX_TEXT + " are allowed");
    }
  }

  /** The metadata as plain JSON values (maps, lists, strings, numbers, booleans, null). */
  private @Nullable Map<String, @Nullable Object> json(String where, @Nullable Map<String, @Nullable Object> metadata) {
    if (metadata == null) {
      return null;
    }
    try {
      return mapper.convertValue(metadata, JSON_OBJECT);
    } catch (IllegalArgumentException e) {
      StringBuilder path = new StringBuilder("metadata");
      @Nullable Object value = metadata;
      if (e.getCause() instanceof JsonMappingException mapping) {
        for (JsonMappingException.Reference step : mapping.getPath()) {
          if (step.getFieldName() != null) {
            path.append('.').append(step.getFieldName());
            value = value instanceof Map<?, ?> map ? map.get(step.getFieldName()) : null;
          } else {
            path.append('[').append(step.getIndex()).append(']');
            value = value instanceof List<?> list && step.getIndex() >= 0 && step.getIndex() < list.size()
                ? list.get(step.getIndex()) : null;
          }
        }
      }
      throw new InvalidDataException(where + ": " + path + (value == null ? "" : " (a " + value.getClass().getName()
          + ")") + " is not JSON; give maps, lists, strings, numbers, booleans and nulls", e);
    }
  }

  private SalesChannelRecord fromRow(ObjectNode row) {
    JsonNode metadata = row.get("metadata");
    return new SalesChannelRecord(row.get("id").asText(), row.get("name").asText(), text(row, "description"),
        row.get("is_disabled").asBoolean(),
        metadata == null || metadata.isNull() ? null : mapper.convertValue(metadata, JSON_OBJECT),
        Objects.requireNonNull(instant(row, "created_at")), Objects.requireNonNull(instant(row, "updated_at")),
        instant(row, "deleted_at"));
  }

  private static @Nullable String text(ObjectNode row, String field) {
    JsonNode node = row.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static @Nullable Instant instant(ObjectNode row, String field) {
    String text = text(row, field);
    return text == null ? null : Instant.parse(text);
  }
}
