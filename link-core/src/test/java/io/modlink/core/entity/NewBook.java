package io.modlink.core.entity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** An input record with rules of its own. */
public record NewBook(@NotBlank String title, @Nullable @Size(max = 20, message = "use initials") String author) {}
