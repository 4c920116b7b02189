package io.modlink.core.entity;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the library's service returns of a book: every field but the shelf note. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BookRecord(String id, String title, @Nullable String author, @Nullable String isbn,
    @Nullable Integer pages, @Nullable Map<String, @Nullable Object> metadata, Instant createdAt, Instant updatedAt,
    @Nullable Instant deletedAt) {}
