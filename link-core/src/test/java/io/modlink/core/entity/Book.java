package io.modlink.core.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** The fixture entity of {@link EntityServiceTest}: a soft-deletable book of the library module. */
@Entity(name = "Book")
@Table(name = "book")
@IdPrefix("book")
public class Book extends SoftDeletableEntity {
  @NotBlank(message = "give the book a title")
  @Size(max = 100, message = "shorten it to {max} characters")
  @Searchable
  @Column(name = "title", nullable = false)
  private String title = "";

  @Searchable
  @Size(max = 255)
  @Column(name = "author")
  private @Nullable String author;

  @Pattern(regexp = "[0-9]{13}")
  @Column(name = "isbn", length = 13, unique = true)
  private @Nullable String isbn;

  @Positive
  @Column(name = "pages")
  private @Nullable Integer pages;

  @Column(name = "shelf_note")
  private @Nullable String shelfNote;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "metadata")
  private @Nullable Map<String, Object> metadata;

  protected Book() {}

  public Book(String title, @Nullable String author) {
    this.title = title;
    this.author = author;
  }

  public Book(String id, String title, Instant now) {
    super(id, now);
    this.title = title;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public @Nullable String getAuthor() {
    return author;
  }

  public @Nullable String getIsbn() {
    return isbn;
  }

  public Book setIsbn(@Nullable String isbn) {
    this.isbn = isbn;
    return this;
  }

  public @Nullable Integer getPages() {
    return pages;
  }

  public Book setPages(@Nullable Integer pages) {
    this.pages = pages;
    return this;
  }

  public @Nullable String getShelfNote() {
    return shelfNote;
  }

  public void setShelfNote(@Nullable String note) {
    this.shelfNote = note;
  }

  public @Nullable Map<String, Object> getMetadata() {
    return metadata;
  }

  public Book setMetadata(@Nullable Map<String, ?> metadata) {
    this.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
    return this;
  }
}
