package io.modlink.core.entity;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.DuplicateException;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.link.LinkSide;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The generic service of a module's entity, on a fixture module ({@code library}: books, loans;
 * {@code reviews}: reviews deleted with their book), on H2 and PostgreSQL.
 */
class EntityServiceTest {
  static final ModuleDefinition LIBRARY = ModuleDefinition.builder("library").entity(Book.class).entity(Loan.class)
      .build();
  static final ModuleDefinition REVIEWS = ModuleDefinition.builder("reviews").entity(Review.class).build();
  static final LinkDefinition BOOK_REVIEWS = LinkDefinition
      .between(LinkSide.of("library", "book"), LinkSide.of("reviews", "review").list().deleteCascade())
      .table("book_review")
      .build();

  private final List<Modlink> opened = new ArrayList<>();
  private Instant time = Instant.parse("2024-05-01T10:00:00.123456789Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return time;
    }
  };

  @AfterEach
  void close() {
    opened.forEach(Modlink::close);
  }

  private Modlink modlink(TestDatabase db) {
    Modlink modlink = Modlink.builder().database(config(db)).schema(SchemaAction.CREATE)
        .module(LIBRARY).module(REVIEWS).link(BOOK_REVIEWS).build();
    opened.add(modlink);
    return modlink;
  }

  private EntityService<Book, BookRecord> books(Modlink modlink) {
    return EntityService.builder(modlink, Book.class).records(BookRecord.class).clock(clock).build();
  }

  private Instant now() {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  private static long count(TestDatabase db, String table) {
    return ((Number) db.column("select count(*) from " + table).get(0)).longValue();
  }

  // ------------------------------------------------------------------------------------ the base class

  @DatabaseTest
  void theBaseClassGivesIdTimestampsAndSoftDeleteFieldsAfterTheEntitysOwn(TestDatabase db) {
    Modlink modlink = modlink(db);
    EntityModel book = modlink.registry().entity("book").orElseThrow();
    assertThat(book.fieldNames()).containsExactly("id", "title", "author", "isbn", "pages", "shelf_note", "metadata",
        "created_at", "updated_at", "deleted_at");
    assertThat(book.isSoftDeletable()).isTrue();
    assertThat(modlink.registry().entity("loan").orElseThrow().fieldNames())
        .containsExactly("id", "borrower", "created_at", "updated_at");
    assertThat(modlink.registry().entity("loan").orElseThrow().isSoftDeletable()).isFalse();

    // persisted through Hibernate directly: the id and the timestamps are filled in, an explicit id is kept
    Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Loan loan = new Loan("ada");
    Book kept = new Book("book_1", "Kept", Instant.parse("2020-01-01T00:00:00Z"));
    modlink.sessionFactory("library").inTransaction(s -> {
      s.persist(loan);
      s.persist(kept);
    });
    assertThat(loan.getId()).matches("loan_[0-9A-Z]{26}");
    assertThat(loan.getCreatedAt()).isAfterOrEqualTo(before).isEqualTo(loan.getUpdatedAt());
    assertThat(kept.getId()).isEqualTo("book_1");
    assertThat(kept.getCreatedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    // a change through Hibernate that does not set updated_at gets the time of the flush
    modlink.sessionFactory("library").inTransaction(s -> s.find(Book.class, "book_1").setShelfNote("top"));
    Book changed = modlink.sessionFactory("library").fromTransaction(s -> s.find(Book.class, "book_1"));
    assertThat(changed.getUpdatedAt()).isAfterOrEqualTo(before);
    assertThat(changed.getCreatedAt()).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
  }

  // ------------------------------------------------------------------------------------ create

  @DatabaseTest
  void createGivesPrefixedUlidIdsAndTheClocksTimeAndReturnsRecords(TestDatabase db) {
    EntityService<Book, BookRecord> books = books(modlink(db));
    List<BookRecord> created = books.create(List.of(new Book("Dune", "Herbert").setPages(412),
        new Book("Emma", "Austen").setMetadata(Map.of("tags", List.of("classic"), "since", Instant.parse(
            "1815-12-23T00:00:00Z")))));

    assertThat(created).extracting(BookRecord::id).allMatch(id -> id.matches("book_[0-9A-Z]{26}"));
    assertThat(created.get(0).id()).isLessThan(created.get(1).id());   // monotonic
    assertThat(created.get(0)).isEqualTo(new BookRecord(created.get(0).id(), "Dune", "Herbert", null, 412, null,
        now(), now(), null));
    // JSON is kept as JSON: an Instant becomes its ISO text, as it is read back
    assertThat(created.get(1).metadata()).isEqualTo(Map.of("tags", List.of("classic"), "since",
        "1815-12-23T00:00:00Z"));
    assertThat(books.retrieve(created.get(1).id())).isEqualTo(created.get(1));
    assertThat(count(db, "book")).isEqualTo(2);
    assertThat(books.create(List.of())).isEmpty();
  }

  @DatabaseTest
  void aValueAUniqueIndexHoldsTwiceIsADuplicateNamingTheFieldAndWritesNothing(TestDatabase db) {
    EntityService<Book, BookRecord> books = books(modlink(db));
    BookRecord dune = books.create(new Book("Dune", null).setIsbn("9780441013593"));
    BookRecord emma = books.create(new Book("Emma", null).setIsbn("9780141439587"));

    assertThatThrownBy(() -> books.create(List.of(new Book("Dune again", null).setIsbn("9780441013593"))))
        .isInstanceOf(DuplicateException.class)
        .hasMessage("Book with isbn: 9780441013593, already exists; nothing was created")
        .extracting(e -> ((ModlinkException) e).type()).isEqualTo(ErrorType.DUPLICATE);
    // a batch whose second record repeats the first's value: the whole batch is refused
    assertThatThrownBy(() -> books.create(List.of(new Book("A", null).setIsbn("1111111111111"),
        new Book("B", null).setIsbn("1111111111111"))))
        .isInstanceOf(DuplicateException.class)
        .hasMessage("Book with isbn: 1111111111111, already exists; nothing was created");
    assertThatThrownBy(() -> books.create(List.of(new Book("A", null).setIsbn("2222222222222"),
        new Book("B", null).setIsbn("9780141439587"))))
        .isInstanceOf(DuplicateException.class)
        .hasMessage("Book with one of the isbn values given already exists, or the batch gives one twice; each book"
            + " needs its own isbn; nothing was created");
    // an explicit id that is taken
    assertThatThrownBy(() -> books.create(new Book(dune.id(), "Copy", Instant.parse("2020-01-01T00:00:00Z"))))
        .isInstanceOf(DuplicateException.class)
        .hasMessage("Book with id: " + dune.id() + ", already exists; nothing was created");
    assertThat(count(db, "book")).isEqualTo(2);

    // an update that takes another book's value
    assertThatThrownBy(() -> books.update(emma.id(), Changes.of(Map.of("isbn", "9780441013593"))))
        .isInstanceOf(DuplicateException.class)
        .hasMessage("Book with isbn: 9780441013593, already exists; no book was updated");
    assertThat(books.retrieve(emma.id()).isbn()).isEqualTo("9780141439587");
  }

  @DatabaseTest
  void createChecksTheAnnotationsOfEntityAndInputAndRejectsABadBatchWhole(TestDatabase db) {
    EntityService<Book, BookRecord> books = books(modlink(db));
    assertThatThrownBy(() -> books.create(List.of(new Book("Dune", null), new Book(" ", null))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("book [1]: title must not be blank; give the book a title")
        .extracting(e -> ((ModlinkException) e).type()).isEqualTo(ErrorType.INVALID_DATA);
    assertThatThrownBy(() -> books.create(new Book("t".repeat(101), null)))
        .hasMessage("book [0]: title is 101 characters long; at most 100 are allowed; shorten it to 100 characters");
    assertThatThrownBy(() -> books.create(new Book("Dune", null).setIsbn("12-34")))
        .hasMessage("book [0]: isbn '12-34' does not match the pattern [0-9]{13}");
    assertThatThrownBy(() -> books.create(new Book("Dune", null).setPages(0)))
        .hasMessage("book [0]: pages is 0; it must be more than 0");
    // several broken rules: the first field in declaration order
    assertThatThrownBy(() -> books.create(new Book("", "a".repeat(300)).setPages(-1)))
        .hasMessage("book [0]: title must not be blank; give the book a title");
    assertThatThrownBy(() -> books.create(new Book("Dune", null).setMetadata(Map.of("a", Map.of("b",
        List.of(1, new Object()))))))
        .hasMessage("book [0]: metadata.a.b[1] (a java.lang.Object) is not JSON; give maps, lists, strings, numbers,"
            + " booleans and nulls");
    // input records are checked against their own rules before they become entities
    assertThatThrownBy(() -> books.create(List.of(new NewBook("Dune", "Frank Patrick Herbert Jr. the First")),
        in -> new Book(in.title(), in.author())))
        .hasMessage("book [0]: author is 35 characters long; at most 20 are allowed; use initials");
    assertThatThrownBy(() -> books.create(new Book("Du\0ne", null)))
        .hasMessage("book [0]: title holds a NUL character (\\u0000) at index 2, which databases cannot store; remove it");
    assertThatThrownBy(() -> books.create(new Book("Dune", null).setMetadata(Map.of("a", List.of("x\0")))))
        .hasMessage("book [0]: metadata.a[0] holds a NUL character (\\u0000) at index 1, which databases cannot store;"
            + " remove it");
    assertThatThrownBy(() -> books.create((List<Book>) null))
        .isInstanceOf(InvalidDataException.class).hasMessage("the list of books to create is null; give one");
    assertThatThrownBy(() -> books.create(Arrays.asList(new Book("Dune", null), null)))
        .isInstanceOf(InvalidDataException.class).hasMessage("book [1] is null; give the book to create");
    assertThat(count(db, "book")).isZero();

    assertThat(books.create(List.of(new NewBook("Dune", "F. Herbert")), in -> new Book(in.title(), in.author())))
        .singleElement().extracting(BookRecord::author).isEqualTo("F. Herbert");
  }

  @DatabaseTest
  void theModulesOwnRulesRunAfterTheAnnotations(TestDatabase db) {
    EntityService<Book, BookRecord> books = EntityService.builder(modlink(db), Book.class).records(BookRecord.class)
        .rules((book, where) -> {
          if (book.getTitle().equals(book.getAuthor())) {
            throw new InvalidDataException(where + ": title and author are both '" + book.getTitle() + "'");
          }
        })
        .build();
    assertThatThrownBy(() -> books.create(List.of(new Book("Dune", "Herbert"), new Book("Emma", "Emma"))))
        .hasMessage("book [1]: title and author are both 'Emma'");
    BookRecord dune = books.create(new Book("Dune", "Dune!"));
    assertThatThrownBy(() -> books.modify(dune.id(), book -> book.setTitle("Dune!")))
        .hasMessage("book " + dune.id() + ": title and author are both 'Dune!'");
    assertThat(books.retrieve(dune.id()).title()).isEqualTo("Dune");
  }

  // ------------------------------------------------------------------------------------ read

  @DatabaseTest
  void listFiltersSearchesTheSearchableFieldsOrdersAndPages(TestDatabase db) {
    EntityService<Book, BookRecord> books = books(modlink(db));
    BookRecord dune = books.create(new Book("Dune", "Frank Herbert").setPages(412));
    time = time.plusSeconds(1);
    BookRecord emma = books.create(new Book("Emma", "Jane Austen").setPages(474));
    time = time.plusSeconds(1);
    Book noted = new Book("Ulysses", "James Joyce");
    noted.setShelfNote("frank opinions inside");
    BookRecord ulysses = books.create(noted);

    assertThat(ids(books.list(ListQuery.all()))).containsExactly(dune.id(), emma.id(), ulysses.id());
    assertThat(ids(books.list(ListQuery.builder().filter("pages", Map.of("$gt", 420)).build())))
        .containsExactly(emma.id());
    // q: title or author (the @Searchable fields), ignoring case; never the shelf note
    assertThat(ids(books.list(ListQuery.builder().q("FRANK").build()))).containsExactly(dune.id());
    assertThat(ids(books.list(ListQuery.builder().q("j").build()))).containsExactly(emma.id(), ulysses.id());
    assertThat(ids(books.list(ListQuery.builder().q("j").filter("pages", null).build()))).containsExactly(ulysses.id());
    assertThat(ids(books.list(ListQuery.builder().orderBy("title", SortDirection.DESC).build())))
        .containsExactly(ulysses.id(), emma.id(), dune.id());
    EntityPage<BookRecord> page = books.listAndCount(ListQuery.builder().orderBy("created_at", SortDirection.DESC)
        .skip(1).take(1).build());
    assertThat(page.count()).isEqualTo(3);
    assertThat(ids(page.records())).containsExactly(emma.id());
    assertThatThrownBy(() -> books.list(ListQuery.builder().filter("titel", "Dune").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("unknown field 'titel' at filters.titel on book (did you mean 'title'?)");

    books.softDelete(List.of(emma.id()));
    assertThat(ids(books.list(ListQuery.all()))).containsExactly(dune.id(), ulysses.id());
    assertThat(books.list(ListQuery.builder().withDeleted().build())).extracting(BookRecord::deletedAt)
        .containsExactly(null, now(), null);
  }

  @DatabaseTest
  void retrieveNamesTheEntityAndTheMissingId(TestDatabase db) {
    EntityService<Book, BookRecord> books = books(modlink(db));
    assertThatThrownBy(() -> books.retrieve("book_404"))
        .isInstanceOf(NotFoundException.class).hasMessage("Book with id: book_404 was not found");
    assertThatThrownBy(() -> books.retrieve(null))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("book id to retrieve is null; give the id of a book (book_...)");
    assertThatThrownBy(() -> books.list(null)).isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> books.retrieve(" "))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("book id to retrieve is empty; give the id of a book (book_...)");
    BookRecord dune = books.create(new Book("Dune", null));
    books.softDelete(List.of(dune.id()));
    assertThatThrownBy(() -> books.retrieve(dune.id())).isInstanceOf(NotFoundException.class);
  }

  @DatabaseTest
  void aServiceTypedOnTheEntityReturnsDetachedEntities(TestDatabase db) {
    Modlink modlink = modlink(db);
    EntityService<Loan, Loan> loans = EntityService.of(modlink, Loan.class);
    Loan ada = loans.create(new Loan("ada"));
    assertThat(ada.getId()).matches("loan_[0-9A-Z]{26}");
    Loan read = loans.retrieve(ada.getId());
    assertThat(read).isNotSameAs(ada);
    assertThat(read.getBorrower()).isEqualTo("ada");
    assertThat(read.getCreatedAt()).isEqualTo(ada.getCreatedAt());
    assertThat(loans.list(ListQuery.all())).extracting(Loan::getBorrower).containsExactly("ada");
    assertThatThrownBy(() -> loans.create(new Loan(" "))).hasMessage("loan [0]: borrower must not be blank");
    // a loan is not soft-deletable
    assertThatThrownBy(() -> loans.softDelete(List.of(ada.getId())))
        .isInstanceOf(NotAllowedException.class)
        .hasMessageStartingWith("loan records cannot be soft-deleted: Loan is not a SoftDeletableEntity");
    assertThat(loans.delete(List.of(ada.getId(), "loan_404"))).containsExactly(ada.getId());
    assertThat(loans.list(ListQuery.all())).isEmpty();
    assertThatThrownBy(() -> EntityService.of(modlink, Unmapped.class))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(Unmapped.class.getName() + " is not an entity of an installed module");
  }

  /** An entity class no module declares. */
  @jakarta.persistence.Entity
  static class Unmapped extends ModuleEntity {}

  // ------------------------------------------------------------------------------------ update

  @DatabaseTest
  void updateChangesOneOrManyRecordsAllOrNothingAndTouchesUpdatedAtOnlyOnChange(TestDatabase db) {
    EntityService<Book, BookRecord> books = books(modlink(db));
    BookRecord dune = books.create(new Book("Dune", null));
    BookRecord emma = books.create(new Book("Emma", null));
    Instant created = now();
    time = time.plusSeconds(60);

    BookRecord renamed = books.modify(dune.id(), book -> book.setTitle("Dune Messiah"));
    assertThat(renamed.title()).isEqualTo("Dune Messiah");
    assertThat(renamed.updatedAt()).isEqualTo(now());
    assertThat(renamed.createdAt()).isEqualTo(created);
    assertThat(books.retrieve(dune.id())).isEqualTo(renamed);
    assertThat(books.modify(emma.id(), book -> book.setTitle("Emma")).updatedAt()).isEqualTo(created);   // no change

    assertThatThrownBy(() -> books.modify("book_404", book -> book.setTitle("X")))
        .isInstanceOf(NotFoundException.class).hasMessage("Book with id: book_404 was not found");
    assertThatThrownBy(() -> books.update(List.of(dune.id(), "book_404", emma.id(), "book_405"),
        Changes.of(Map.of("pages", 1))))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Book with id: book_404, book_405 was not found; no book was updated");
    assertThatThrownBy(() -> books.modify("number", List.of(dune.id(), emma.id()), found -> found.forEach(book ->
        book.setPages(book.getTitle().startsWith("E") ? -1 : 10))))
        .hasMessage("book " + emma.id() + ": pages is -1; it must be more than 0");
    // a module's own batch rule refuses the whole batch
    assertThatThrownBy(() -> books.modify("lend", List.of(dune.id(), emma.id()), found -> {
      found.get(0).setShelfNote("lent");
      throw new NotAllowedException(found.size() + " books cannot be lent at once");
    })).isInstanceOf(NotAllowedException.class);
    assertThat(books.list(ListQuery.all())).extracting(BookRecord::pages).containsExactly(null, null);
    assertThat(db.column("select shelf_note from book")).containsExactly(null, null);
    // the shelf note is no field of the records: the service does not filter on it
    assertThatThrownBy(() -> books.list(ListQuery.builder().filter("shelf_note", null).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("unknown field 'shelf_note' at filters.shelf_note on book");

    assertThat(books.update(List.of(emma.id(), dune.id(), emma.id()), Changes.of(Map.of("pages", 100))))
        .extracting(BookRecord::id).containsExactly(emma.id(), dune.id());
    assertThatThrownBy(() -> books.modify("lend", Arrays.asList(dune.id(), null), found -> { }))
        .hasMessage("book id [1] to lend is empty; give the id of a book (book_...)");
    assertThat(books.modify("lend", List.of(), found -> { })).isEmpty();
    books.softDelete(List.of(dune.id()));
    assertThatThrownBy(() -> books.modify(dune.id(), book -> book.setTitle("X"))).isInstanceOf(NotFoundException.class);
  }

  @DatabaseTest
  void updateByFieldNamesConvertsValuesAndRefusesUnknownAndMaintainedFields(TestDatabase db) {
    EntityService<Book, BookRecord> books = books(modlink(db));
    BookRecord dune = books.create(new Book("Dune", null).setMetadata(Map.of("a", 1)));
    time = time.plusSeconds(60);

    BookRecord changed = books.update(dune.id(), Changes.of(Map.of("pages", "412", "author", "Herbert")));
    assertThat(changed.pages()).isEqualTo(412);   // converted as JSON would be
    assertThat(changed.author()).isEqualTo("Herbert");
    assertThat(changed.updatedAt()).isEqualTo(now());
    assertThat(books.update(dune.id(), Changes.newBuilder().set("author", null).set("metadata", null).build()))
        .satisfies(b -> {
          assertThat(b.author()).isNull();
          assertThat(b.metadata()).isNull();
          assertThat(b.pages()).isEqualTo(412);
        });
    assertThat(books.update(dune.id(), Changes.none())).isEqualTo(books.retrieve(dune.id()));

    assertThatThrownBy(() -> books.update(dune.id(), Changes.of(Map.of("titel", "X"))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("book " + dune.id() + ": unknown field 'titel' (did you mean 'title'?); the fields that"
            + " may change: title, author, isbn, pages, shelf_note, metadata");
    assertThatThrownBy(() -> books.update(dune.id(), Changes.of(Map.of("created_at", "2020-01-01T00:00:00Z"))))
        .hasMessageStartingWith("book " + dune.id() + ": field 'created_at' is maintained by the framework");
    assertThatThrownBy(() -> books.update(dune.id(), Changes.of(Map.of("pages", "many"))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("book " + dune.id() + ": pages cannot be many (a String); give an integer value");
    assertThatThrownBy(() -> books.update(dune.id(), Changes.of(Map.of("title", ""))))
        .hasMessage("book " + dune.id() + ": title must not be blank; give the book a title");
    assertThatThrownBy(() -> books.update(dune.id(), Changes.of(Map.of("metadata", Map.of("x", new Object())))))
        .hasMessageStartingWith("book " + dune.id() + ": metadata.x (a java.lang.Object) is not JSON");
    assertThatThrownBy(() -> Changes.newBuilder().set("title", "A").set("title", "B"))
        .isInstanceOf(IllegalStateException.class).hasMessage("title was already set to 'A'");
    assertThat(books.retrieve(dune.id()).pages()).isEqualTo(412);
  }

  // ------------------------------------------------------------------------------------ delete / restore

  @DatabaseTest
  void softDeleteFollowsTheLinkCascadeAndRestoreBringsEverythingBack(TestDatabase db) {
    Modlink modlink = modlink(db);
    EntityService<Book, BookRecord> books = books(modlink);
    EntityService<Review, Review> reviews = EntityService.of(modlink, Review.class);
    BookRecord dune = books.create(new Book("Dune", null));
    BookRecord emma = books.create(new Book("Emma", null));
    List<Review> written = reviews.create(List.of(new Review("Sand!"), new Review("Spice!"), new Review("Wit")));
    modlink.link().create(List.of(review(dune.id(), written.get(0).getId()), review(dune.id(),
        written.get(1).getId()), review(emma.id(), written.get(2).getId())));
    time = time.plusSeconds(10);

    List<BookRecord> deleted = books.softDelete(List.of(dune.id(), "book_404", dune.id()));
    assertThat(deleted).singleElement().satisfies(b -> {
      assertThat(b.id()).isEqualTo(dune.id());
      assertThat(b.deletedAt()).isEqualTo(now());
      assertThat(b.updatedAt()).isEqualTo(now());
    });
    assertThat(books.softDelete(List.of(dune.id()))).isEmpty();   // already deleted
    assertThat(reviews.list(ListQuery.all())).extracting(Review::getText).containsExactly("Wit");
    assertThat(modlink.link().list(LinkQuery.of("book_review"))).hasSize(1);
    assertThat(count(db, "book")).isEqualTo(2);

    time = time.plusSeconds(10);
    assertThat(books.restore(List.of(dune.id(), emma.id()))).singleElement().satisfies(b -> {
      assertThat(b.deletedAt()).isNull();
      assertThat(b.updatedAt()).isEqualTo(now());
    });
    assertThat(books.restore(List.of(dune.id()))).isEmpty();   // not deleted
    assertThat(reviews.list(ListQuery.all())).hasSize(3);
    assertThat(modlink.link().list(LinkQuery.of("book_review"))).hasSize(3);
    assertThatThrownBy(() -> books.softDelete(Arrays.asList(dune.id(), " ")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("book id [1] to delete is empty; give the id of a book (book_...)");
    assertThat(books.restore(List.of())).isEmpty();
  }

  @DatabaseTest
  void aSoftDeleteWhoseCascadeFailsChangesNothing(TestDatabase db) {
    Modlink modlink = modlink(db);
    EntityService<Book, BookRecord> books = books(modlink);
    BookRecord dune = books.create(new Book("Dune", null));
    Review review = EntityService.of(modlink, Review.class).create(new Review("Sand!"));
    modlink.link().create(List.of(review(dune.id(), review.getId())));
    db.execute("drop table review");   // the cascade cannot soft-delete the review
    List<Object> before = db.column("select updated_at from book");

    assertThatThrownBy(() -> books.softDelete(List.of(dune.id()))).isInstanceOf(RuntimeException.class);
    assertThat(books.retrieve(dune.id()).deletedAt()).isNull();
    assertThat(db.column("select updated_at from book")).isEqualTo(before);
    assertThat(modlink.link().list(LinkQuery.of("book_review"))).hasSize(1);
  }

  @DatabaseTest
  void deleteRemovesForGoodDismissesLinksAndMayBeRefusedByTheModule(TestDatabase db) {
    Modlink modlink = modlink(db);
    EntityService<Book, BookRecord> books = EntityService.builder(modlink, Book.class).records(BookRecord.class)
        .beforeDelete(found -> {
          List<String> kept = found.stream().filter(b -> b.getShelfNote() != null).map(Book::getId).toList();
          if (!kept.isEmpty()) {
            throw new NotAllowedException("books on hold cannot be deleted - " + String.join(", ", kept));
          }
        })
        .build();
    BookRecord dune = books.create(new Book("Dune", null));
    Book held = new Book("Emma", null);
    held.setShelfNote("on hold");
    BookRecord emma = books.create(held);
    Review review = EntityService.of(modlink, Review.class).create(new Review("Sand!"));
    modlink.link().create(List.of(review(dune.id(), review.getId())));

    assertThatThrownBy(() -> books.delete(List.of(dune.id(), emma.id())))
        .isInstanceOf(NotAllowedException.class).hasMessage("books on hold cannot be deleted - " + emma.id());
    assertThat(count(db, "book")).isEqualTo(2);

    books.softDelete(List.of(dune.id()));   // soft-deleted records are deleted for good too
    assertThat(books.delete(List.of(dune.id(), "book_404"))).containsExactly(dune.id());
    assertThat(count(db, "book")).isEqualTo(1);
    assertThat(modlink.link().list(LinkQuery.of("book_review"))).isEmpty();
  }

  private static LinkRequest review(String book, String review) {
    return LinkRequest.between(LinkKey.of("library", "book_id", book), LinkKey.of("reviews", "review_id", review));
  }

  private static List<String> ids(List<BookRecord> books) {
    return books.stream().map(BookRecord::id).toList();
  }
}
