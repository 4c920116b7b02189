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
import io.modlink.core.link.Link;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.workflow.RemoveLinksStep;
import io.modlink.core.workflow.Step;
import io.modlink.core.workflow.StepContext;
import io.modlink.core.workflow.StepResult;
import io.modlink.core.workflow.Workflow;
import io.modlink.core.workflow.WorkflowException;
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
  private final Workflow<List<String>, List<SalesChannelRecord>> deleteChannels;

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
    this.deleteChannels = deleteWorkflow();
  }

  // ------------------------------------------------------------------------------------ create

  /**
   * Creates one channel.
   *
   * @throws InvalidDataException if the name is blank, a text too long, or the metadata not JSON
   */
  public SalesChannelRecord create(CreateSalesChannel channel) {
    required(channel, "the sales channel to create (a CreateSalesChannel)");
    return create(List.of(channel)).get(0);
  }

  /**
   * Creates channels, in one transaction, and returns them in the order given.
   *
   * @throws InvalidDataException naming the first channel that breaks a rule; nothing is created
   */
  public List<SalesChannelRecord> create(List<CreateSalesChannel> channels) {
    required(channels, "the list of sales channels to create");
    List<@Nullable Map<String, @Nullable Object>> metadata = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      CreateSalesChannel channel = channels.get(i);
      String where = "sales channel [" + i + "]";
      if (channel == null) {
        throw new InvalidDataException(where + " is null; give a CreateSalesChannel");
      }
      checkName(where, channel.name());
      checkText(where, "description", channel.description());
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
    checkQuery(query);
    return store.read(query.toReadRequest(FIELDS, false, SEARCH)).rows().stream().map(this::fromRow).toList();
  }

  /**
   * A page of the channels the query selects, and how many channels match it in all.
   *
   * @throws InvalidDataException as {@link #list} does
   */
  public SalesChannelPage listAndCount(ListQuery query) {
    checkQuery(query);
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
    required(update, "the update of sales channel " + id + " (an UpdateSalesChannel)");
    String where = "sales channel " + id;
    update.name().ifPresent(name -> checkName(where, name));
    if (update.changesDescription()) {
      checkText(where, "description", update.description());
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
   * <p>A workflow of two steps, Medusa's {@code deleteSalesChannelsWorkflow}:
   * {@code soft-delete-sales-channels} then {@code remove-sales-channel-links}. Where the module and
   * the link tables share a database, both are one transaction; otherwise, when the cascade fails,
   * the channels get their {@code deleted_at} and {@code updated_at} back as they were.
   *
   * @return the channels deleted, in the order given, with their {@code deleted_at}
   * @throws WorkflowException if the deletion failed (a store or database that is down, a record
   *     that cannot be soft-deleted; its {@code type()} is the cause's), or could not be undone
   *     completely; it says what was left behind
   */
  public List<SalesChannelRecord> softDelete(List<String> ids) {
    List<String> keys = checkIds(ids, "delete");
    if (keys.isEmpty()) {
      return List.of();
    }
    try {
      return deleteChannels.run(modlink, keys);
    } catch (WorkflowException e) {
      throw e.unwrap();
    }
  }

  /** What a soft delete changed in a channel's row. */
  private record Previous(String id, Instant updatedAt) {}

  private Workflow<List<String>, List<SalesChannelRecord>> deleteWorkflow() {
    Step<List<String>, List<SalesChannelRecord>> softDelete = Step.of("soft-delete-sales-channels",
        (List<String> keys, StepContext c) -> {
          Instant now = now();
          List<Previous> previous = new ArrayList<>();
          List<SalesChannelRecord> deleted = sessionFactory.fromTransaction(session -> {
            List<SalesChannel> found = load(session, keys, false);
            for (SalesChannel channel : found) {
              previous.add(new Previous(channel.getId(), channel.getUpdatedAt()));
              channel.setDeletedAt(now);
              channel.setUpdatedAt(now);
            }
            return found.stream().map(SalesChannelRecord::of).toList();
          });
          return deleted.isEmpty() ? StepResult.of(deleted) : StepResult.of(deleted, undo ->
              sessionFactory.inTransaction(session -> {
                for (Previous p : previous) {
                  session.createMutationQuery("update SalesChannel c set c.deletedAt = null, c.updatedAt = :updatedAt"
                      + " where c.id = :id").setParameter("updatedAt", p.updatedAt()).setParameter("id", p.id())
                      .executeUpdate();
                }
              }));
        });
    return Workflow.<List<String>>builder("delete-sales-channels")
        .then(softDelete)
        .then(RemoveLinksStep.of("remove-sales-channel-links", (List<SalesChannelRecord> deleted) -> deleted.isEmpty()
            ? Map.<String, Map<String, List<String>>>of()
            : Map.of(SalesChannelModule.NAME, Map.of("sales_channel_id", deleted.stream()
                .map(SalesChannelRecord::id).toList()))))
        .then(Step.of("deleted-sales-channels", (Object cascade, StepContext c) -> StepResult.of(c.outputOf(softDelete))))
        .build();
  }

  /**
   * Restores soft-deleted channels and the links the cascade dismissed
   * ({@code link.restore({"sales_channel": {"sales_channel_id": ids}})}). As in Medusa, every
   * dismissed link of a restored channel comes back. Ids that do not exist, or whose channel is not
   * deleted, are ignored.
   *
   * <p>The channels and their links are restored in one unit of work: where the module and the link
   * tables share a database, together or not at all.
   *
   * @return the channels restored, in the order given
   */
  public List<SalesChannelRecord> restore(List<String> ids) {
    List<String> keys = checkIds(ids, "restore");
    if (keys.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    return modlink.fromTransaction(tx -> {
      List<SalesChannelRecord> restored = sessionFactory.fromTransaction(session -> {
        List<SalesChannel> found = load(session, keys, true).stream().filter(c -> c.getDeletedAt() != null).toList();
        for (SalesChannel channel : found) {
          channel.setDeletedAt(null);
          channel.setUpdatedAt(now);
        }
        return found.stream().map(SalesChannelRecord::of).toList();
      });
      if (!restored.isEmpty()) {
        link.restore(Map.of(SalesChannelModule.NAME, Map.of("sales_channel_id", restored.stream()
            .map(SalesChannelRecord::id).toList())));
      }
      return restored;
    });
  }

  // ------------------------------------------------------------------------------------ helpers

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
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

  private static NotFoundException notFound(List<String> ids) {
    return new NotFoundException("SalesChannel with id: " + String.join(", ", ids) + " was not found");
  }

  private static void checkId(String id, String operation) {
    if (id == null || id.isBlank()) {
      throw new InvalidDataException("sales channel id to " + operation + " is " + (id == null ? "null" : "empty")
          + "; give the id of a channel (sc_...)");
    }
    checkText("sales channel id to " + operation, "id", id);
  }

  private static List<String> checkIds(List<String> ids, String operation) {
    required(ids, "the list of sales channel ids to " + operation);
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || id.isBlank()) {
        throw new InvalidDataException("sales channel id [" + i + "] to " + operation + " is empty; give the id of"
            + " a channel (sc_...)");
      }
      checkText("sales channel id [" + i + "] to " + operation, "id", id);
      unique.add(id);
    }
    return List.copyOf(unique);
  }

  private static void checkName(String where, String name) {
    if (name.isBlank()) {
      throw new InvalidDataException(where + ": name must not be blank; give the channel a name");
    }
    checkText(where, "name", name);
  }

  /** A text the table can keep: at most {@link #MAX_TEXT} characters, no NUL character. */
  private static void checkText(String where, String field, @Nullable String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new InvalidDataException(where + ": " + field + " is " + value.length() + " characters long; at most "
          + MAX_TEXT + " are allowed");
    }
    checkNul(where, field, value);
  }

  private static void checkNul(String where, String field, @Nullable String value) {
    int nul = value == null ? -1 : value.indexOf('\0');
    if (nul >= 0) {
      throw new InvalidDataException(where + ": " + field + " holds a NUL character (\\u0000) at index " + nul
          + ", which databases cannot store; remove it");
    }
  }

  private static <T> T required(@Nullable T value, String what) {
    if (value == null) {
      throw new InvalidDataException(what + " is null; give one");
    }
    return value;
  }

  private static void checkQuery(ListQuery query) {
    required(query, "the list query (ListQuery.all() for every channel)");
    query.checkFields(FIELDS, "sales_channel");
  }

  /** Texts of metadata (keys and values, at any depth) without NUL characters, which JSON columns refuse. */
  private static void checkMetadataTexts(String where, Map<?, ?> metadata) {
    java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
    todo.push(new Object[] {"metadata", metadata});
    while (!todo.isEmpty()) {
      Object[] next = todo.pop();
      String path = (String) next[0];
      if (next[1] instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          checkNul(where, path + " key", e.getKey() instanceof String key ? key : null);
          todo.push(new Object[] {path + "." + e.getKey(), e.getValue()});
        }
      } else if (next[1] instanceof java.util.Collection<?> list) {
        int i = 0;
        for (Object item : list) {
          todo.push(new Object[] {path + "[" + i++ + "]", item});
        }
      } else if (next[1] instanceof CharSequence text) {
        checkNul(where, path, text.toString());
      }
    }
  }

  /** The metadata as plain JSON values (maps, lists, strings, numbers, booleans, null). */
  private @Nullable Map<String, @Nullable Object> json(String where, @Nullable Map<String, @Nullable Object> metadata) {
    if (metadata == null) {
      return null;
    }
    checkMetadataTexts(where, metadata);
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
