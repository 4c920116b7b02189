package io.modlink.core.entity;

import io.modlink.core.internal.entity.EntityIds;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The mapped base class of a module's entity: a prefixed ULID id and the {@code created_at} and
 * {@code updated_at} timestamps, maintained by the framework. Extend
 * {@link SoftDeletableEntity} instead for an entity that is soft-deleted.
 *
 * <pre>{@code
 * @Entity(name = "Brand")
 * @Table(name = "brand")
 * @IdPrefix("brand")
 * public class Brand extends SoftDeletableEntity {
 *   @NotBlank @Size(max = 255) @Searchable
 *   @Column(name = "name", nullable = false)
 *   private String name = "";
 *   // accessors
 * }
 * }</pre>
 *
 * <h2>Columns</h2>
 * {@code id varchar(64)} primary key, {@code created_at} and {@code updated_at}
 * {@code timestamp(6) with time zone not null}. In the entity's model they come in this order: the
 * id first, the entity's own fields, then {@code created_at}, {@code updated_at} (and
 * {@code deleted_at}).
 *
 * <h2>What the framework maintains</h2>
 * <ul>
 *   <li>{@link EntityService} gives a new record an id ({@link IdPrefix}, {@code _}, a monotonic
 *       ULID) unless it has one, sets both timestamps to its clock's time on create, and
 *       {@code updated_at} on every update that changes a field.
 *   <li>When an entity is persisted or updated through Hibernate directly, the same happens with the
 *       system clock: an empty id is generated, unset timestamps are set, and a change that does not
 *       set {@code updated_at} itself gets the time of the flush.
 * </ul>
 * Times are kept to the microsecond, what the databases store.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@MappedSuperclass
public abstract class ModuleEntity {
  @Id
  @Column(name = "id", nullable = false, length = 64)
  private String id = "";

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.EPOCH;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.EPOCH;

  /** Whether updated_at was set since the entity was loaded or last flushed. */
  @Transient
  private boolean updatedAtSet;

  /** A new entity without id: one is generated when it is created or persisted. */
  protected ModuleEntity() {}

  /**
   * A new entity with this id (or {@code ""} to have one generated), created at {@code now}.
   *
   * @param id the id, e.g. {@code sc_} and a ULID
   * @param now the creation time, also its {@code updated_at}
   */
  protected ModuleEntity(String id, Instant now) {
    this.id = Objects.requireNonNull(id, "id");
    this.createdAt = Objects.requireNonNull(now, "now");
    this.updatedAt = now;
  }

  /** The id: the entity's {@link IdPrefix}, {@code _} and a ULID. Empty until created. */
  public String getId() {
    return id;
  }

  /** When the record was created. */
  public Instant getCreatedAt() {
    return createdAt;
  }

  /** When the record last changed. */
  public Instant getUpdatedAt() {
    return updatedAt;
  }

  /** Sets when the record last changed; the next flush then keeps this time. */
  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
    this.updatedAtSet = true;
  }

  /** Gives a new entity its id and creation time (EntityService#create). */
  final void created(Instant now) {
    if (id.isEmpty()) {
      id = EntityIds.next(getClass());
    }
    createdAt = now;
    setUpdatedAt(now);
  }

  @PrePersist
  void beforePersist() {
    if (id.isEmpty()) {
      id = EntityIds.next(getClass());
    }
    if (createdAt.equals(Instant.EPOCH)) {
      createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
    if (updatedAt.equals(Instant.EPOCH)) {
      updatedAt = createdAt;
    }
    updatedAtSet = false;
  }

  @PreUpdate
  void beforeUpdate() {
    if (!updatedAtSet) {
      updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
    updatedAtSet = false;
  }
}
