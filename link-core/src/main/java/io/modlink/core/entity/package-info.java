/**
 * What a plugin author builds a module's entity and service on: the mapped base classes
 * {@link io.modlink.core.entity.ModuleEntity} (prefixed ULID id, {@code created_at},
 * {@code updated_at}) and {@link io.modlink.core.entity.SoftDeletableEntity} (and
 * {@code deleted_at}), the generic {@link io.modlink.core.entity.EntityService} (list,
 * listAndCount, retrieve, create, update, delete, softDelete, restore, with the link cascades), and
 * {@link io.modlink.core.entity.FieldRules}, which turns Bean Validation annotations into
 * {@code invalid_data} errors. The JVM's counterpart of Medusa's {@code model.define} and
 * {@code MedusaService}.
 */
@NullMarked
package io.modlink.core.entity;

import org.jspecify.annotations.NullMarked;
