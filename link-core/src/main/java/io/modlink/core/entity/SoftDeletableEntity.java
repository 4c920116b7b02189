package io.modlink.core.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ModuleEntity} that is soft-deleted: it adds the nullable {@code deleted_at} timestamp
 * ({@code timestamp(6) with time zone}). A record whose {@code deleted_at} is set is left out of
 * reads unless they ask {@code withDeleted}, is found by no {@link EntityService#retrieve} or
 * update, and comes back with {@link EntityService#restore}. Link cascades soft-delete and restore
 * such records ({@code deleteCascade} sides).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@MappedSuperclass
public abstract class SoftDeletableEntity extends ModuleEntity {
  @Column(name = "deleted_at")
  private @Nullable Instant deletedAt;

  /** A new entity without id: one is generated when it is created or persisted. */
  protected SoftDeletableEntity() {}

  /** A new entity with this id (or {@code ""} to have one generated), created at {@code now}. */
  protected SoftDeletableEntity(String id, Instant now) {
    super(id, now);
  }

  /** When the record was soft-deleted, or null. */
  public @Nullable Instant getDeletedAt() {
    return deletedAt;
  }

  /** Soft-deletes the record at {@code at}, or restores it with null. */
  public void setDeletedAt(@Nullable Instant at) {
    this.deletedAt = at;
  }
}
