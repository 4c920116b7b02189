package io.modlink.saleschannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.spi.ListQuery;
import com.fasterxml.jackson.databind.JsonNode;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** Every rule of {@link SalesChannelService}, on H2 and PostgreSQL, with the module's migrations. */
class SalesChannelServiceTest {
  private final List<Modlink> opened = new ArrayList<>();
  private final MutableClock clock = MutableClock.now();

  @AfterEach
  void close() {
    opened.forEach(Modlink::close);
  }

  private SalesChannelService service(TestDatabase db) {
    Modlink modlink = Modlink.builder()
        .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.MIGRATE)
        .module(SalesChannelModule.DEFINITION)
        .build();
    opened.add(modlink);
    return new SalesChannelService(modlink, clock);
  }

  private static long count(TestDatabase db) {
    return ((Number) db.column("select count(*) from sales_channel").get(0)).longValue();
  }

  // ------------------------------------------------------------------------------------ create

  @DatabaseTest
  void createMakesAnEnabledChannelWithAnScId(TestDatabase db) {
    SalesChannelService channels = service(db);
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));

    assertThat(web.id()).matches("sc_[0-9A-Z]{26}");
    assertThat(web.name()).isEqualTo("Web store");
    assertThat(web.description()).isNull();
    assertThat(web.isDisabled()).isFalse();
    assertThat(web.metadata()).isNull();
    assertThat(web.createdAt()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MICROS)).isEqualTo(web.updatedAt());
    assertThat(web.deletedAt()).isNull();
    assertThat(channels.retrieve(web.id())).isEqualTo(web);
    assertThat(db.column("select is_disabled from sales_channel")).containsExactly(false);
  }

  @DatabaseTest
  void createKeepsDescriptionDisabledStateAndJsonMetadata(TestDatabase db) {
    SalesChannelService channels = service(db);
    Map<String, Object> nested = new HashMap<>();
    nested.put("nothing", null);
    nested.put("tags", List.of("a", "b"));
    SalesChannelRecord pos = channels.create(CreateSalesChannel.named("POS")
        .withDescription("The shop on the corner")
        .disabled()
        .withMetadata(Map.of("region", "eu", "lanes", 3, "open", true, "price", 1.5, "more", nested,
            "since", Instant.parse("2024-05-01T10:00:00Z"))));

    assertThat(pos.description()).isEqualTo("The shop on the corner");
    assertThat(pos.isDisabled()).isTrue();
    SalesChannelRecord read = channels.retrieve(pos.id());
    assertThat(read).isEqualTo(pos);
    assertThat(read.metadata()).containsEntry("region", "eu").containsEntry("lanes", 3).containsEntry("open", true)
        .containsEntry("price", 1.5).containsEntry("since", "2024-05-01T10:00:00Z");
    @SuppressWarnings("unchecked")
    Map<String, Object> more = (Map<String, Object>) read.metadata().get("more");
    assertThat(more).containsEntry("tags", List.of("a", "b")).containsEntry("nothing", null);

    JsonNode json = opened.get(0).objectMapper().valueToTree(read);
    assertThat(json.fieldNames()).toIterable().containsExactly("id", "name", "description", "is_disabled",
        "metadata", "created_at", "updated_at", "deleted_at");
    assertThat(json.get("is_disabled").asBoolean()).isTrue();
  }

  @DatabaseTest
  void createRejectsABadBatchWholeNamingTheChannelAndTheRule(TestDatabase db) {
    SalesChannelService channels = service(db);
    assertThatThrownBy(() -> channels.create(List.of(CreateSalesChannel.named("Web"), CreateSalesChannel.named(" "))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel [1]: name must not be blank; give the channel a name")
        .extracting(e -> ((ModlinkException) e).type()).isEqualTo(ErrorType.INVALID_DATA);
    assertThatThrownBy(() -> channels.create(CreateSalesChannel.named("n".repeat(256))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel [0]: name is 256 characters long; at most 255 are allowed");
    assertThatThrownBy(() -> channels.create(CreateSalesChannel.named("Web").withDescription("d".repeat(300))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel [0]: description is 300 characters long; at most 255 are allowed");
    assertThatThrownBy(() -> channels.create(CreateSalesChannel.named("Web").withMetadata(Map.of("x", new Object()))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel [0]: metadata.x (a java.lang.Object) is not JSON; give maps, lists, strings,"
            + " numbers, booleans and nulls");
    assertThatThrownBy(() -> channels.create(CreateSalesChannel.named("Web")
        .withMetadata(Map.of("a", Map.of("b", List.of(1, new Object()))))))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("sales channel [0]: metadata.a.b[1] (a java.lang.Object) is not JSON");
    assertThat(count(db)).isZero();

    List<SalesChannelRecord> two = channels.create(List.of(CreateSalesChannel.named("A"), CreateSalesChannel.named("B")));
    assertThat(two).extracting(SalesChannelRecord::name).containsExactly("A", "B");
    assertThat(count(db)).isEqualTo(2);
  }

  // ------------------------------------------------------------------------------------ read

  @DatabaseTest
  void retrieveNamesTheMissingChannel(TestDatabase db) {
    SalesChannelService channels = service(db);
    assertThatThrownBy(() -> channels.retrieve("sc_404"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("SalesChannel with id: sc_404 was not found");
    assertThatThrownBy(() -> channels.retrieve(""))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel id to retrieve is empty; give the id of a channel (sc_...)");
  }

  @DatabaseTest
  void listFiltersSearchesNameAndDescriptionOrdersAndPages(TestDatabase db) {
    SalesChannelService channels = service(db);
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store").withDescription("Online"));
    clock.advance(Duration.ofSeconds(1));
    SalesChannelRecord pos = channels.create(CreateSalesChannel.named("Corner shop").withDescription("A STORE in town")
        .disabled());
    clock.advance(Duration.ofSeconds(1));
    SalesChannelRecord app = channels.create(CreateSalesChannel.named("App").withMetadata(Map.of("os", "ios")));

    assertThat(ids(channels.list(ListQuery.all()))).containsExactly(web.id(), pos.id(), app.id());
    assertThat(ids(channels.list(ListQuery.builder().filter("is_disabled", true).build())))
        .containsExactly(pos.id());
    assertThat(ids(channels.list(ListQuery.builder().filter("description", null).build())))
        .containsExactly(app.id());
    assertThat(ids(channels.list(ListQuery.builder()
        .filter("created_at", Map.of("$gt", web.createdAt().toString())).build()))).containsExactly(pos.id(), app.id());
    assertThat(ids(channels.list(ListQuery.builder().filter("id", List.of(app.id(), web.id())).build())))
        .containsExactly(web.id(), app.id());
    // q: name or description, ignoring case
    assertThat(ids(channels.list(ListQuery.builder().q("store").build()))).containsExactly(web.id(), pos.id());
    assertThat(ids(channels.list(ListQuery.builder().q("store").filter("is_disabled", false).build())))
        .containsExactly(web.id());
    assertThat(ids(channels.list(ListQuery.builder().q("online").build()))).containsExactly(web.id());
    // order and page
    assertThat(ids(channels.list(ListQuery.builder().orderBy("name", SortDirection.ASC).build())))
        .containsExactly(app.id(), pos.id(), web.id());
    SalesChannelPage page = channels.listAndCount(ListQuery.builder()
        .orderBy("created_at", SortDirection.DESC).skip(1).take(1).build());
    assertThat(page.count()).isEqualTo(3);
    assertThat(ids(page.salesChannels())).containsExactly(pos.id());
    // unknown fields and operators
    assertThatThrownBy(() -> channels.list(ListQuery.builder().filter("nmae", "Web").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("unknown field 'nmae' at filters.nmae on sales_channel (did you mean 'name'?)");
    assertThatThrownBy(() -> channels.list(ListQuery.builder().orderBy("metadata", SortDirection.ASC).build()))
        .isInstanceOf(InvalidDataException.class);
  }

  // ------------------------------------------------------------------------------------ update

  @DatabaseTest
  void qIsAnIlikePatternSoPercentAndUnderscoreAreWildcardsAsInMedusa(TestDatabase db) {
    SalesChannelService channels = service(db);
    SalesChannelRecord sale = channels.create(CreateSalesChannel.named("50% off"));
    SalesChannelRecord other = channels.create(CreateSalesChannel.named("500 off"));
    assertThat(ids(channels.list(ListQuery.builder().q("50%").build()))).containsExactly(sale.id(), other.id());
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web"));
    assertThat(ids(channels.list(ListQuery.builder().q("_").build())))
        .containsExactly(sale.id(), other.id(), web.id());
  }

  @DatabaseTest
  void updateChangesOnlyTheFieldsGiven(TestDatabase db) {
    SalesChannelService channels = service(db);
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web").withDescription("Online")
        .withMetadata(Map.of("a", 1, "b", 2)));
    clock.advance(Duration.ofMinutes(1));
    Instant later = clock.instant().truncatedTo(ChronoUnit.MICROS);

    SalesChannelRecord renamed = channels.update(web.id(), UpdateSalesChannel.builder().name("Web store").build());
    assertThat(renamed).isEqualTo(new SalesChannelRecord(web.id(), "Web store", "Online", false, web.metadata(),
        web.createdAt(), later, null));

    SalesChannelRecord changed = channels.update(web.id(), UpdateSalesChannel.builder()
        .description(null).disabled(true).metadata(Map.of("c", 3)).build());
    assertThat(changed.name()).isEqualTo("Web store");
    assertThat(changed.description()).isNull();
    assertThat(changed.isDisabled()).isTrue();
    assertThat(changed.metadata()).isEqualTo(Map.of("c", 3));   // replaced as a whole
    assertThat(channels.retrieve(web.id())).isEqualTo(changed);

    assertThat(channels.update(web.id(), UpdateSalesChannel.builder().metadata(null).build()).metadata()).isNull();
    assertThatThrownBy(() -> UpdateSalesChannel.builder().name("A").name("B"))
        .isInstanceOf(IllegalStateException.class).hasMessage("name was already set to 'A'");
  }

  @DatabaseTest
  void updateRejectsUnknownChannelsAndBadValues(TestDatabase db) {
    SalesChannelService channels = service(db);
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web"));
    assertThatThrownBy(() -> channels.update("sc_404", UpdateSalesChannel.builder().name("X").build()))
        .isInstanceOf(NotFoundException.class).hasMessage("SalesChannel with id: sc_404 was not found");
    assertThatThrownBy(() -> channels.update(web.id(), UpdateSalesChannel.builder().name("").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel " + web.id() + ": name must not be blank; give the channel a name");
    assertThatThrownBy(() -> channels.update(web.id(), UpdateSalesChannel.builder().description("x".repeat(256)).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel " + web.id() + ": description is 256 characters long; at most 255 are allowed");
    channels.softDelete(List.of(web.id()));
    assertThatThrownBy(() -> channels.update(web.id(), UpdateSalesChannel.builder().name("X").build()))
        .isInstanceOf(NotFoundException.class);
  }

  // ------------------------------------------------------------------------------------ delete / restore

  @DatabaseTest
  void softDeleteHidesChannelsAndRestoreBringsThemBack(TestDatabase db) {
    SalesChannelService channels = service(db);
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web"));
    SalesChannelRecord pos = channels.create(CreateSalesChannel.named("POS"));
    clock.advance(Duration.ofSeconds(10));
    Instant deletedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);

    List<SalesChannelRecord> deleted = channels.softDelete(List.of(web.id(), "sc_404", web.id()));
    assertThat(deleted).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(web.id());
      assertThat(c.deletedAt()).isEqualTo(deletedAt);
      assertThat(c.updatedAt()).isEqualTo(deletedAt);
    });
    assertThat(channels.softDelete(List.of(web.id()))).isEmpty();   // already deleted: ignored
    assertThatThrownBy(() -> channels.retrieve(web.id())).isInstanceOf(NotFoundException.class);
    assertThat(ids(channels.list(ListQuery.all()))).containsExactly(pos.id());
    assertThat(channels.list(ListQuery.builder().withDeleted().build()))
        .extracting(SalesChannelRecord::deletedAt).containsExactly(deletedAt, null);
    assertThat(count(db)).isEqualTo(2);   // soft: still in the table

    assertThat(channels.restore(List.of(web.id(), pos.id(), "sc_404"))).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(web.id());
      assertThat(c.deletedAt()).isNull();
    });
    assertThat(channels.restore(List.of(web.id()))).isEmpty();   // not deleted: ignored
    assertThat(channels.retrieve(web.id()).name()).isEqualTo("Web");
    assertThatThrownBy(() -> channels.softDelete(Arrays.asList(web.id(), null)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("sales channel id [1] to delete is empty; give the id of a channel (sc_...)");
    assertThat(channels.softDelete(List.of())).isEmpty();
  }

  private static List<String> ids(List<SalesChannelRecord> channels) {
    return channels.stream().map(SalesChannelRecord::id).toList();
  }
}
