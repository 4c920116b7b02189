package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.isTest;
import static io.modlink.examples.DocPages.methodBody;
import static io.modlink.examples.DocPages.printed;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.ApiKey;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyType;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.ConflictException;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.CascadeResult;
import io.modlink.core.link.ColumnType;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.ExtraColumn;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.link.LinkSide;
import io.modlink.core.spi.LinkListener;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.storage.LinkSchemaSync;
import io.modlink.core.storage.SyncAction;
import io.modlink.core.storage.SyncKind;
import io.modlink.core.storage.SyncMode;
import io.modlink.examples.DocsExamplesTest.Snippets;
import io.modlink.examples.brand.Brand;
import io.modlink.examples.brand.BrandModule;
import io.modlink.saleschannel.SalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.testing.StandardError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every Java snippet of {@code docs/link-service.md} and {@code docs/schema-sync.md} and checks
 * its results, on embedded H2; each page names, under each snippet, the test method that runs it.
 * {@link #docsMatchTheCode()} keeps pages and code in step, as {@link DocsExamplesTest} does for the
 * first guide: each snippet must appear, line for line, in the method it names (or, for a marker
 * {@code From [`LinkDocsExamplesTest`]}, anywhere in this file), and each output block must equal
 * what the code prints.
 */
class LinkDocsExamplesTest {
  static final String SERVICE_GUIDE = "docs/link-service.md";
  static final String SYNC_GUIDE = "docs/schema-sync.md";
  private static final String TEST_SOURCE = "examples/src/test/java/io/modlink/examples/LinkDocsExamplesTest.java";

  private final List<Modlink> opened = new ArrayList<>();
  private final List<String> namedDatabases = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Modlink::close);
    for (String url : namedDatabases) {
      try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // already gone
      }
    }
  }

  private Modlink track(Modlink modlink) {
    opened.add(modlink);
    return modlink;
  }

  /** A named in-memory H2 database that outlives the Modlinks started on it, shut down after the test. */
  private DatabaseConfig named(String name) {
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    namedDatabases.add(url);
    return DatabaseConfig.of(url, "sa", "");
  }

  /** The running example of the Link service guide: three modules, two links, records seeded. */
  private Modlink shop(LinkDefinition... more) {
    Modlink.Builder builder = Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .module(BrandModule.DEFINITION)
        .links(ApiKeyModule.links())
        .link(BrandModule.SALES_CHANNEL_LINK)
        .hibernateProperty("hibernate.generate_statistics", true);
    Arrays.stream(more).forEach(builder::link);
    Modlink modlink = track(builder.build());
    seed(modlink);
    return modlink;
  }

  private static void seed(Modlink modlink) {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    if (modlink.registry().module("api_key").isPresent()) {
      modlink.sessionFactory("api_key").inTransaction(session -> {
        session.persist(new ApiKey("apk_123", "Storefront", ApiKeyType.publishable, "pk_123", "pk_1***", "user_1", now));
        session.persist(new ApiKey("apk_456", "Kiosk", ApiKeyType.publishable, "pk_456", "pk_4***", "user_1", now));
      });
    }
    modlink.sessionFactory("sales_channel").inTransaction(session -> {
      session.persist(new SalesChannel("sc_web", "Web", null, now));
      session.persist(new SalesChannel("sc_pos", "Point of sale", null, now));
    });
    modlink.sessionFactory("brand").inTransaction(session -> {
      session.persist(new Brand("brand_1", "Acme", "acme", now));
      session.persist(new Brand("brand_2", "Apex", "apex", now));
    });
  }

  private static LinkRequest pair(String module, String key, String value, String otherModule, String otherKey,
      String otherValue) {
    return LinkRequest.between(LinkKey.of(module, key, value), LinkKey.of(otherModule, otherKey, otherValue));
  }

  private static List<String> pairs(List<LinkRecord> records) {
    return records.stream().map(r -> r.leftKey() + "/" + r.rightKey()).toList();
  }

  // =============================================================================================
  // docs/link-service.md

  @Test
  void runningExample() {
    Modlink modlink = Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .module(BrandModule.DEFINITION)
        .links(ApiKeyModule.links())                  // api_key <-> sales_channel
        .link(BrandModule.SALES_CHANNEL_LINK)         // brand <-> sales_channel: a channel has one brand
        .build();                                     // embedded H2; link tables created at start-up
    Link link = modlink.link();

    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    modlink.sessionFactory("api_key").inTransaction(session -> {
      session.persist(new ApiKey("apk_123", "Storefront", ApiKeyType.publishable, "pk_123", "pk_1***", "user_1", now));
      session.persist(new ApiKey("apk_456", "Kiosk", ApiKeyType.publishable, "pk_456", "pk_4***", "user_1", now));
    });
    modlink.sessionFactory("sales_channel").inTransaction(session -> {
      session.persist(new SalesChannel("sc_web", "Web", null, now));
      session.persist(new SalesChannel("sc_pos", "Point of sale", null, now));
    });
    modlink.sessionFactory("brand").inTransaction(session -> {
      session.persist(new Brand("brand_1", "Acme", "acme", now));
      session.persist(new Brand("brand_2", "Apex", "apex", now));
    });
    track(modlink);

    assertThat(link).isSameAs(modlink.link());
    assertThat(modlink.registry().links()).extracting(l -> l.table().orElseThrow())
        .containsExactly("publishable_api_key_sales_channel", "brand_brand_sales_channel_sales_channel");
    assertThat(modlink.store("api_key").read(ReadRequest.all()).rows()).hasSize(2);
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel"))).isEmpty();
  }

  @Test
  void underGuice() {
    List<LinkRecord> heard = new CopyOnWriteArrayList<>();
    LinkListener listener = new LinkListener() {
      @Override
      public void attached(List<LinkRecord> links) {
        heard.addAll(links);
      }
    };
    Injector injector = Guice.createInjector(
        ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule(), new AbstractModule() {
          @Override
          protected void configure() {
            ModlinkBinder.of(binder()).listener(listener);   // optional: hear about committed changes
          }
        });
    Link link = injector.getInstance(Link.class);            // the same as injector.getInstance(Modlink.class).link()
    Modlink modlink = track(injector.getInstance(Modlink.class));

    assertThat(link).isSameAs(modlink.link());
    link.create(List.of(pair("api_key", "api_key_id", "apk_1", "sales_channel", "sales_channel_id", "sc_1")),
        CreateOptions.withoutVerification());
    assertThat(pairs(heard)).containsExactly("apk_1/sc_1");
  }

  @Test
  void createMapForm() {
    Modlink modlink = shop();
    Link link = modlink.link();

    List<LinkRecord> created = link.create(Map.of(
        "api_key", Map.of("api_key_id", "apk_123"),
        "sales_channel", Map.of("sales_channel_id", "sc_web")));
    LinkRecord row = created.get(0);
    String table = row.table();          // publishable_api_key_sales_channel
    String id = row.id();                // pksc_ and a ULID, e.g. pksc_01JZ6Q0P5SJ6V8W4X3FZ5R2M1N
    Object left = row.leftKey();         // apk_123, in column publishable_key_id
    Object right = row.rightKey();       // sc_web, in column sales_channel_id
    boolean live = row.isLive();         // true: deletedAt() is null

    assertThat(created).hasSize(1);
    assertThat(table).isEqualTo("publishable_api_key_sales_channel");
    assertThat(id).matches("pksc_[0-9A-Z]{26}");
    assertThat(left).isEqualTo("apk_123");
    assertThat(right).isEqualTo("sc_web");
    assertThat(live).isTrue();
    assertThat(row.deletedAt()).isNull();
    assertThat(row.createdAt()).isEqualTo(row.updatedAt());
    assertThat(row.data()).isEmpty();
    assertThat(row.link().left().column()).isEqualTo("publishable_key_id");
    assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel")))
        .singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(id));

    // Medusa's list form
    List<LinkRecord> fromMaps = link.create(LinkRequest.fromMaps(List.of(
        Map.of("api_key", Map.of("api_key_id", "apk_456"), "sales_channel", Map.of("sales_channel_id", "sc_pos")))));
    assertThat(pairs(fromMaps)).containsExactly("apk_456/sc_pos");
  }

  @Test
  void createTypedForm() {
    Modlink modlink = shop();
    Link link = modlink.link();
    String id = link.create(Map.of(
        "api_key", Map.of("api_key_id", "apk_123"),
        "sales_channel", Map.of("sales_channel_id", "sc_web"))).get(0).id();

    LinkRequest request = LinkRequest.between(
        LinkKey.of("sales_channel", "sales_channel_id", "sc_web"),   // any order
        LinkKey.of("api_key", "publishable_key_id", "apk_123"));     // any linkable key of api_key
    LinkRecord same = link.create(request).get(0);                   // the same row, same id: nothing new

    assertThat(same.id()).isEqualTo(id);
    assertThat(same.leftKey()).isEqualTo("apk_123");
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel"))).hasSize(1);
  }

  @Test
  void createBatch() {
    Modlink modlink = shop();
    Link link = modlink.link();
    String printed = printed(() -> {
      List<LinkRecord> rows = link.create(List.of(
          LinkRequest.between(
              LinkKey.of("api_key", "api_key_id", "apk_456"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web")),
          LinkRequest.between(
              LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web")),
          LinkRequest.between(
              LinkKey.of("api_key", "api_key_id", "apk_456"), LinkKey.of("sales_channel", "sales_channel_id", "sc_pos"))));
      for (LinkRecord row : rows) {
        System.out.println(row.table() + ": " + row.leftKey() + " <-> " + row.rightKey());
      }

      assertThat(rows).hasSize(3);
    });
    assertOutput(SERVICE_GUIDE, "create-batch", printed);
  }

  @Test
  void upsert() {
    LinkDefinition featured = LinkDefinition
        .between(LinkSide.of("brand", "brand").list(), LinkSide.of("sales_channel", "sales_channel").list())
        .table("brand_featured_channel")
        .idPrefix("bfc")
        .extraColumn(ExtraColumn.of("position", ColumnType.INTEGER).notNull().defaultValue(0))
        .extraColumn(ExtraColumn.of("note", ColumnType.STRING))
        .build();
    Modlink modlink = Modlink.builder()
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .link(featured)
        .build();
    track(modlink);
    seed(modlink);
    Link link = modlink.link();
    LinkRequest acmeOnWeb = LinkRequest.between(
        LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"));
    LinkRecord first = link.create(acmeOnWeb.withData(Map.of("position", 3, "note", "spring"))).get(0);
    LinkRecord second = link.create(acmeOnWeb.withData(Map.of("note", "summer"))).get(0);
    // second.id() is first.id(); second.data() is {position=3, note=summer}: position, not given, is kept
    link.dismiss(List.of(acmeOnWeb));
    LinkRecord revived = link.create(acmeOnWeb).get(0);
    // the same row, live again: same id and createdAt(), data still {position=3, note=summer}
    LinkRecord fresh = link.create(LinkRequest.between(
        LinkKey.of("brand", "brand_id", "brand_2"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))).get(0);
    // a new row: data {position=0, note=null}, the column defaults

    assertThat(first.id()).startsWith("bfc_");
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.createdAt()).isEqualTo(first.createdAt());
    assertThat(second.data()).containsExactly(Map.entry("position", 3), Map.entry("note", "summer"));
    assertThat(revived.id()).isEqualTo(first.id());
    assertThat(revived.isLive()).isTrue();
    assertThat(revived.createdAt()).isEqualTo(first.createdAt());
    assertThat(revived.data()).containsExactly(Map.entry("position", 3), Map.entry("note", "summer"));
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("position", 0);
    defaults.put("note", null);
    assertThat(fresh.data()).isEqualTo(defaults);
    assertThat(link.list(LinkQuery.of("brand_featured_channel").withDeleted())).hasSize(2);

    // an extra column may be set back to null when it accepts null
    Map<String, Object> noNote = new HashMap<>();
    noNote.put("note", null);
    assertThat(link.create(acmeOnWeb.withData(noNote)).get(0).data()).containsEntry("note", null)
        .containsEntry("position", 3);
  }

  @Test
  void update() {
    LinkDefinition featured = LinkDefinition
        .between(LinkSide.of("brand", "brand").list(), LinkSide.of("sales_channel", "sales_channel").list())
        .table("brand_featured_channel")
        .idPrefix("bfc")
        .extraColumn(ExtraColumn.of("position", ColumnType.INTEGER).notNull().defaultValue(0))
        .extraColumn(ExtraColumn.of("note", ColumnType.STRING))
        .build();
    Modlink modlink = track(Modlink.builder()
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .link(featured)
        .build());
    seed(modlink);
    Link link = modlink.link();
    LinkRequest acmeOnWeb = LinkRequest.between(
        LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"));
    LinkRecord first = link.create(acmeOnWeb.withData(Map.of("position", 3, "note", "summer"))).get(0);

    LinkRecord moved = link.update(List.of(acmeOnWeb.withData(Map.of("position", 1)))).get(0);
    // moved.data() is {position=1, note=summer}: note, not given, is kept
    try {
      link.update(List.of(LinkRequest.between(LinkKey.of("brand", "brand_id", "brand_2"),
          LinkKey.of("sales_channel", "sales_channel_id", "sc_pos")).withData(Map.of("position", 2))));
    } catch (NotFoundException e) {
      // no live link brand brand_2 <-> sales_channel sc_pos (brand_featured_channel); update changes links
      // that exist: create them first (create upserts, and revives a dismissed link)
    }

    assertThatThrownBy(() -> link.update(List.of(LinkRequest.between(LinkKey.of("brand", "brand_id", "brand_2"),
        LinkKey.of("sales_channel", "sales_channel_id", "sc_pos")).withData(Map.of("position", 2)))))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("no live link brand brand_2 <-> sales_channel sc_pos (brand_featured_channel); update changes links"
            + " that exist: create them first (create upserts, and revives a dismissed link)");
    assertThat(moved.id()).isEqualTo(first.id());
    assertThat(moved.data()).containsExactly(Map.entry("position", 1), Map.entry("note", "summer"));
    assertThat(moved.updatedAt()).isAfterOrEqualTo(first.updatedAt());
    assertThat(link.list(LinkQuery.of("brand_featured_channel"))).singleElement()
        .satisfies(r -> assertThat(r.data()).containsEntry("position", 1));
    assertThatThrownBy(() -> link.update(List.of(acmeOnWeb))).isInstanceOf(InvalidDataException.class)
        .hasMessageEndingWith("has no data; update writes extra columns: give their values with withData(...)");
  }

  @Test
  void cardinality() {
    Modlink modlink = shop();
    Link link = modlink.link();
    String printed = printed(() -> {
      LinkRequest acmeOnWeb = LinkRequest.between(
          LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"));
      LinkRequest apexOnWeb = LinkRequest.between(
          LinkKey.of("brand", "brand_id", "brand_2"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"));
      LinkRequest apexOnPos = LinkRequest.between(
          LinkKey.of("brand", "brand_id", "brand_2"), LinkKey.of("sales_channel", "sales_channel_id", "sc_pos"));
      link.create(acmeOnWeb);
      try {
        link.create(List.of(apexOnPos, apexOnWeb));      // sc_web already has a brand
      } catch (ConflictException e) {
        System.out.println(e.type() + ": " + e.getMessage());
      }
      try {
        link.create(List.of(apexOnPos, LinkRequest.between(     // two brands for sc_pos in one call
            LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_pos"))));
      } catch (ConflictException e) {
        System.out.println(e.type() + ": " + e.getMessage());
      }
      List<LinkRecord> live = link.list(LinkQuery.of("brand_sales_channel"));   // only acmeOnWeb: nothing written
      link.dismiss(List.of(acmeOnWeb));
      link.create(apexOnWeb);                              // now sc_web may take another brand

      assertThat(pairs(live)).containsExactly("brand_1/sc_web");
      assertThat(pairs(link.list(LinkQuery.of("brand_sales_channel")))).containsExactly("brand_2/sc_web");
      // a brand has many sales channels: that side is a list
      link.create(apexOnPos);
      assertThat(pairs(link.list(LinkQuery.of("brand_sales_channel")))).containsExactly("brand_2/sc_web", "brand_2/sc_pos");
    });
    assertOutput(SERVICE_GUIDE, "cardinality", printed);

    // a race is settled by the unique index: a write around the service's check fails
    assertThatThrownBy(() -> {
      try (Connection c = modlink.dataSource("brand").getConnection(); Statement s = c.createStatement()) {
        s.execute("insert into brand_brand_sales_channel_sales_channel (id, brand_id, sales_channel_id, created_at,"
            + " updated_at) values ('bsc_x', 'brand_3', 'sc_web', current_timestamp, current_timestamp)");
      }
    }).isInstanceOf(SQLException.class).hasMessageContaining("UQ_");
  }

  @Test
  void verification() {
    Modlink modlink = shop();
    Link link = modlink.link();
    LinkRequest toGone = LinkRequest.between(
        LinkKey.of("api_key", "api_key_id", "apk_123"), LinkKey.of("sales_channel", "sales_channel_id", "sc_gone"));
    try {
      link.create(toGone);                                               // one read per side: sc_gone is missing
    } catch (NotFoundException e) {
      String message = e.getMessage();
      // sales_channel not found for sales_channel_id sc_gone (link publishable_api_key_sales_channel); ...
    }
    List<LinkRecord> loaded = link.create(List.of(toGone), CreateOptions.withoutVerification());   // a bulk load

    assertThat(pairs(loaded)).containsExactly("apk_123/sc_gone");
    link.dismiss(List.of(toGone));
    assertThatThrownBy(() -> link.create(toGone)).isInstanceOfSatisfying(NotFoundException.class, e -> {
      assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
      assertThat(e.getMessage()).isEqualTo("sales_channel not found for sales_channel_id sc_gone (link"
          + " publishable_api_key_sales_channel); create the records first, or pass"
          + " CreateOptions.withoutVerification() to link records that are not there yet");
    });
    // a soft-deleted record counts as missing
    modlink.store("sales_channel").softDelete(List.of("sc_pos"));
    assertThatThrownBy(() -> link.create(pair("api_key", "api_key_id", "apk_123", "sales_channel",
        "sales_channel_id", "sc_pos"))).isInstanceOf(NotFoundException.class);
    // one batched read per side, whatever the number of requests
    var apiKeys = modlink.sessionFactory("api_key").getStatistics();
    var channels = modlink.sessionFactory("sales_channel").getStatistics();
    apiKeys.clear();
    channels.clear();
    link.create(List.of(pair("api_key", "api_key_id", "apk_123", "sales_channel", "sales_channel_id", "sc_web"),
        pair("api_key", "api_key_id", "apk_456", "sales_channel", "sales_channel_id", "sc_web")));
    assertThat(apiKeys.getPrepareStatementCount()).isEqualTo(1);
    assertThat(channels.getPrepareStatementCount()).isEqualTo(1);
  }

  @Test
  void dismiss() {
    Modlink modlink = shop();
    Link link = modlink.link();
    link.create(Map.of("api_key", Map.of("api_key_id", "apk_123"), "sales_channel", Map.of("sales_channel_id", "sc_web")));

    List<LinkRecord> dismissed = link.dismiss(Map.of(
        "api_key", Map.of("api_key_id", "apk_123"),
        "sales_channel", Map.of("sales_channel_id", "sc_web")));    // [the row, deletedAt() set]
    List<LinkRecord> again = link.dismiss(List.of(LinkRequest.between(
        LinkKey.of("api_key", "api_key_id", "apk_123"),
        LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))));  // []: nothing live to dismiss

    assertThat(dismissed).singleElement().satisfies(r -> {
      assertThat(r.isLive()).isFalse();
      assertThat(r.deletedAt()).isNotNull();
    });
    assertThat(again).isEmpty();
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel"))).isEmpty();
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted())).hasSize(1);
    // a pair never linked, or records that do not exist: not an error
    assertThat(link.dismiss(List.of(pair("api_key", "api_key_id", "apk_404", "sales_channel", "sales_channel_id",
        "sc_404")))).isEmpty();
  }

  @Test
  void deleteAndRestore() {
    LinkDefinition brandKeys = LinkDefinition
        .between(LinkSide.of("brand", "brand"), LinkSide.of("api_key", "api_key").list().deleteCascade())
        .build();   // a brand has API keys, deleted with it; an API key belongs to one brand
    Modlink modlink = shop(brandKeys);
    Link link = modlink.link();
    String printed = printed(() -> {
      link.create(List.of(
          LinkRequest.between(LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("api_key", "api_key_id", "apk_123")),
          LinkRequest.between(LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web")),
          LinkRequest.between(LinkKey.of("api_key", "api_key_id", "apk_123"), LinkKey.of("sales_channel", "sales_channel_id", "sc_pos"))));

      modlink.store("brand").softDelete(List.of("brand_1"));    // the brand module deletes its record,
      CascadeResult deleted = link.delete(Map.of("brand", Map.of("brand_id", List.of("brand_1"))));   // the links follow
      deleted.links().forEach((table, rows) -> rows.forEach(row ->
          System.out.println("dismissed " + table + ": " + row.leftKey() + " <-> " + row.rightKey())));
      System.out.println("deleted api keys: " + deleted.recordIds("api_key", "api_key"));

      modlink.store("brand").restore(List.of("brand_1"));
      CascadeResult restored = link.restore(Map.of("brand", Map.of("brand_id", List.of("brand_1"))));
      System.out.println("restored " + restored.linkCount() + " links and api keys " + restored.recordIds("api_key", "api_key"));

      assertThat(deleted.linkCount()).isEqualTo(3);
      assertThat(deleted.records().get("api_key")).singleElement().satisfies(a ->
          assertThat(a.byLinkableKey()).isEqualTo(Map.of("api_key_id", List.of("apk_123"),
              "publishable_key_id", List.of("apk_123"))));
    });
    assertOutput(SERVICE_GUIDE, "cascade", printed);
    assertThat(modlink.store("api_key").read(ReadRequest.all()).rows()).hasSize(2);
    assertThat(link.list(LinkQuery.of("brand_api_key"))).hasSize(1);
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel"))).hasSize(1);

    // deleting again after a restore, by the other linkable key of api_key: the cascade starts there
    CascadeResult byKey = link.delete(Map.of("api_key", Map.of("publishable_key_id", List.of("apk_123"))));
    assertThat(byKey.links().keySet()).containsExactlyInAnyOrder("publishable_api_key_sales_channel", "brand_brand_api_key_api_key");
    assertThat(byKey.records()).isEmpty();   // the brand side has no deleteCascade
    // records that have no links: nothing to do, not an error
    assertThat(link.delete(Map.of("brand", Map.of("brand_id", List.of("brand_404")))).linkCount()).isZero();
  }

  @Test
  void list() {
    Modlink modlink = shop();
    Link link = modlink.link();
    link.create(List.of(
        pair("api_key", "api_key_id", "apk_123", "sales_channel", "sales_channel_id", "sc_web"),
        pair("api_key", "api_key_id", "apk_456", "sales_channel", "sales_channel_id", "sc_web"),
        pair("api_key", "api_key_id", "apk_456", "sales_channel", "sales_channel_id", "sc_pos"),
        pair("brand", "brand_id", "brand_1", "sales_channel", "sales_channel_id", "sc_web")));
    link.dismiss(List.of(pair("brand", "brand_id", "brand_1", "sales_channel", "sales_channel_id", "sc_web")));

    List<LinkRecord> onWeb = link.list(LinkQuery.of("publishable_api_key_sales_channel")
        .where("sales_channel_id", "sc_web"));                   // apk_123 and apk_456, oldest first
    List<LinkRecord> ofKeys = link.list(LinkQuery.of("publishable_api_key_sales_channel")
        .where("publishable_key_id", List.of("apk_456", "apk_789")));   // a collection: any of
    List<LinkRecord> brands = link.list(LinkQuery.of("brand_sales_channel").withDeleted());   // by entry point
    List<LinkRequest> copy = link.listRequests(LinkQuery.of("publishable_api_key_sales_channel"));
    // [api_key.publishable_key_id=apk_123 <-> sales_channel.sales_channel_id=sc_web, ...]: create(copy) recreates them

    assertThat(pairs(onWeb)).containsExactly("apk_123/sc_web", "apk_456/sc_web");
    assertThat(pairs(ofKeys)).containsExactly("apk_456/sc_web", "apk_456/sc_pos");
    assertThat(brands).singleElement().satisfies(r -> assertThat(r.isLive()).isFalse());
    assertThat(copy).hasSize(3);
    assertThat(copy.get(0).toString()).isEqualTo("api_key.publishable_key_id=apk_123 <-> sales_channel.sales_channel_id=sc_web");
    link.dismiss(copy);
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel"))).isEmpty();
    assertThat(link.create(copy)).hasSize(3);
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel").where("deleted_at", List.of())))
        .isEmpty();
  }

  @Test
  void purge() {
    Modlink modlink = shop();
    Link link = modlink.link();
    link.create(List.of(pair("api_key", "api_key_id", "apk_123", "sales_channel", "sales_channel_id", "sc_web"),
        pair("api_key", "api_key_id", "apk_456", "sales_channel", "sales_channel_id", "sc_web")));
    link.dismiss(List.of(pair("api_key", "api_key_id", "apk_123", "sales_channel", "sales_channel_id", "sc_web")));

    Map<String, Long> removed = link.purge(Instant.now().minus(Duration.ofDays(30)));
    // {publishable_api_key_sales_channel=0, brand_brand_sales_channel_sales_channel=0}: nothing that old

    assertThat(removed).containsExactly(Map.entry("publishable_api_key_sales_channel", 0L),
        Map.entry("brand_brand_sales_channel_sales_channel", 0L));
    assertThat(link.purge(Instant.now().plusSeconds(1))).containsEntry("publishable_api_key_sales_channel", 1L);
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted()))
        .extracting(LinkRecord::leftKey).containsExactly("apk_456");
  }

  @Test
  void listeners() {
    String printed = printed(() -> {
      LinkListener listener = new LinkListener() {
        @Override
        public void attached(List<LinkRecord> links) {
          links.forEach(l -> System.out.println("attached " + l.table() + ": " + l.leftKey() + " <-> " + l.rightKey()));
        }

        @Override
        public void detached(List<LinkRecord> links) {
          links.forEach(l -> System.out.println("detached " + l.table() + ": " + l.leftKey() + " <-> " + l.rightKey()));
        }
      };
      Modlink modlink = Modlink.builder()
          .module(ApiKeyModule.DEFINITION)
          .module(SalesChannelModule.DEFINITION)
          .links(ApiKeyModule.links())
          .listener(listener)
          .build();
      track(modlink);
      seedKeysAndChannels(modlink);
      LinkRequest request = LinkRequest.between(
          LinkKey.of("api_key", "api_key_id", "apk_123"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"));
      modlink.link().create(request);
      modlink.link().dismiss(List.of(request));
      try {
        modlink.link().create(LinkRequest.between(   // rejected: nothing committed, nothing heard
            LinkKey.of("api_key", "api_key_id", "apk_123"), LinkKey.of("sales_channel", "sales_channel_id", "sc_gone")));
      } catch (NotFoundException e) {
        // ...
      }
    });
    assertOutput(SERVICE_GUIDE, "listeners", printed);
  }

  private static void seedKeysAndChannels(Modlink modlink) {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    modlink.sessionFactory("api_key").inTransaction(session ->
        session.persist(new ApiKey("apk_123", "Storefront", ApiKeyType.publishable, "pk_123", "pk_1***", "user_1", now)));
    modlink.sessionFactory("sales_channel").inTransaction(session ->
        session.persist(new SalesChannel("sc_web", "Web", null, now)));
  }

  @Test
  void errors() {
    Modlink modlink = shop();
    Link link = modlink.link();
    link.create(LinkRequest.between(
        LinkKey.of("brand", "brand_id", "brand_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web")));
    String printed = printed(() -> {
      List<Runnable> calls = List.of(
          () -> link.create(LinkRequest.between(
              LinkKey.of("api_keys", "api_key_id", "apk_123"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))),
          () -> link.create(LinkRequest.between(
              LinkKey.of("api_key", "apikey_id", "apk_123"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))),
          () -> link.create(LinkRequest.between(
              LinkKey.of("api_key", "api_key_id", "apk_123"), LinkKey.of("brand", "brand_id", "brand_1"))),
          () -> link.create(List.of(
              LinkRequest.between(
                  LinkKey.of("api_key", "api_key_id", "apk_123"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web")),
              LinkRequest.between(
                  LinkKey.of("api_key", "api_key_id", "apk_456"), LinkKey.of("sales_channel", "sales_channel_id", " ")))),
          () -> link.create(LinkRequest.between(
              LinkKey.of("brand", "brand_id", "brand_2"), LinkKey.of("sales_channel", "sales_channel_id", "sc_pos"))
              .withData(Map.of("position", 1))),
          () -> link.create(LinkRequest.between(
              LinkKey.of("api_key", "api_key_id", "apk_999"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))),
          () -> link.create(LinkRequest.between(
              LinkKey.of("brand", "brand_id", "brand_2"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))),
          () -> link.list(LinkQuery.of("brand_sales_chanel")));
      for (Runnable call : calls) {
        try {
          call.run();
        } catch (ModlinkException e) {
          System.out.println(e.type() + ": " + e.getMessage());
        }
      }
    });
    assertOutput(SERVICE_GUIDE, "link-errors", printed);
    assertThat(printed.lines()).hasSize(8);
    // nothing was written by the rejected calls
    assertThat(pairs(link.list(LinkQuery.of("brand_sales_channel").withDeleted()))).containsExactly("brand_1/sc_web");
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted())).isEmpty();
    assertThatThrownBy(() -> link.create(Map.of("api_key", Map.of("api_key_id", "apk_123"))))
        .isInstanceOf(InvalidDataException.class).hasMessageContaining("a link joins exactly two modules");
  }

  // =============================================================================================
  // docs/schema-sync.md

  @Test
  void startUpSync() {
    Modlink modlink = Modlink.builder()
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .link(BrandModule.SALES_CHANNEL_LINK)
        .build();                                          // start-up applied SyncMode.SAFE: the table exists
    List<SyncAction> plan = modlink.linkSchemaSync().plan();
    // [noop brand_brand_sales_channel_sales_channel: up to date]
    track(modlink);

    assertThat(plan).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(SyncKind.NOOP);
      assertThat(a.toString()).isEqualTo("noop brand_brand_sales_channel_sales_channel: up to date");
      assertThat(a.sql()).isEmpty();
    });
  }

  @Test
  void planAndApply() {
    String printed = printed(() -> {
      Modlink modlink = Modlink.builder()
          .module(BrandModule.DEFINITION)
          .module(SalesChannelModule.DEFINITION)
          .link(BrandModule.SALES_CHANNEL_LINK)
          .noLinkSync()                                    // leave the link tables alone at start-up
          .build();
      LinkSchemaSync sync = modlink.linkSchemaSync();
      List<SyncAction> plan = sync.plan();                 // what SAFE or ALL would do; changes nothing
      print(plan);
      List<SyncAction> applied = sync.apply(SyncMode.SAFE);   // the create: it is safe
      track(modlink);

      assertThat(applied).isEqualTo(plan);
      assertThat(sync.plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
    });
    assertOutput(SYNC_GUIDE, "create-plan", printed);
  }

  /** Prints a plan: each action, then its statements. */
  static void print(List<SyncAction> plan) {
    for (SyncAction action : plan) {
      System.out.println(action);                          // kind, table and reason
      action.sql().forEach(sql -> System.out.println("  " + sql));
    }
  }

  @Test
  void trackingTable() throws SQLException {
    LinkDefinition featured = LinkDefinition   // as in docs/modules-and-links.md
        .between(
            LinkSide.of("brand", "brand").alias("featured_brands").list(),
            LinkSide.of("sales_channel", "sales_channel").alias("featured_channels").list())
        .table("brand_featured_channel")
        .idPrefix("bfc")
        .extraColumn(ExtraColumn.of("position", ColumnType.INTEGER).notNull().defaultValue(0))
        .build();
    Modlink modlink = track(Modlink.builder()
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .link(BrandModule.SALES_CHANNEL_LINK)
        .link(featured)
        .build());
    String printed = printed(() -> {
      try (Connection connection = modlink.dataSource("brand").getConnection();
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(
              "select table_name, descriptor, columns_spec from modlink_link_tables order by table_name")) {
        while (rows.next()) {
          System.out.println(rows.getString(1) + " " + rows.getString(2) + " [" + rows.getString(3) + "]");
        }
      }
    });
    assertOutput(SYNC_GUIDE, "tracking-table", printed);
    assertThat(columns(modlink, "MODLINK_LINK_TABLES"))
        .containsExactly("TABLE_NAME", "DESCRIPTOR", "COLUMNS_SPEC", "CREATED_AT", "UPDATED_AT");
    assertThat(columns(modlink, "BRAND_BRAND_SALES_CHANNEL_SALES_CHANNEL")).containsExactly("ID", "BRAND_ID",
        "SALES_CHANNEL_ID", "CREATED_AT", "UPDATED_AT", "DELETED_AT", "SALES_CHANNEL_ID_LIVE");
  }

  private static List<String> columns(Modlink modlink, String table) throws SQLException {
    try (Connection c = modlink.dataSource("brand").getConnection();
        ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", table, "%")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("COLUMN_NAME"));
      }
      return names;
    }
  }

  /** Starts the shop of the evolution example on {@code shop}, link tables left alone at start-up. */
  static Modlink start(DatabaseConfig shop, LinkDefinition... links) {
    return Modlink.builder()
        .database(shop)                                    // the tables of brand and sales_channel exist
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .links(List.of(links))
        .noLinkSync()                                      // we plan and apply by hand
        .build();
  }

  @Test
  void evolution() throws Throwable {
    DatabaseConfig shop = named("sync_guide");
    // release 1: featured brands with a position
    LinkDefinition v1 = LinkDefinition
        .between(LinkSide.of("brand", "brand").list(), LinkSide.of("sales_channel", "sales_channel").list())
        .table("brand_featured_channel")
        .extraColumn(ExtraColumn.of("position", ColumnType.INTEGER).notNull().defaultValue(0))
        .build();
    Modlink.builder().database(shop).schema(SchemaAction.CREATE)
        .module(BrandModule.DEFINITION).module(SalesChannelModule.DEFINITION)
        .link(v1)
        .build()                                           // SAFE at start-up: create
        .close();
    seedFeatured(shop);

    String update = printed(() -> {
      // release 2: a note beside the position
      LinkDefinition v2 = LinkDefinition
          .between(LinkSide.of("brand", "brand").list(), LinkSide.of("sales_channel", "sales_channel").list())
          .table("brand_featured_channel")
          .extraColumn(ExtraColumn.of("position", ColumnType.INTEGER).notNull().defaultValue(0))
          .extraColumn(ExtraColumn.of("note", ColumnType.STRING))
          .build();
      try (Modlink modlink = start(shop, v2)) {
        print(modlink.linkSchemaSync().plan());
        modlink.linkSchemaSync().apply(SyncMode.SAFE);     // adds the column
      }
    });
    assertOutput(SYNC_GUIDE, "sync-update", update);

    StandardError.Captured<String> notify = StandardError.capture(() -> printed(() -> {
      // release 3: the position is dropped from the declaration
      LinkDefinition v3 = LinkDefinition
          .between(LinkSide.of("brand", "brand").list(), LinkSide.of("sales_channel", "sales_channel").list())
          .table("brand_featured_channel")
          .extraColumn(ExtraColumn.of("note", ColumnType.STRING))
          .build();
      try (Modlink modlink = start(shop, v3)) {
        print(modlink.linkSchemaSync().plan());
        List<SyncAction> safe = modlink.linkSchemaSync().apply(SyncMode.SAFE);   // []: logged as a warning
        // ... a person reviews the plan, then:
        List<SyncAction> all = modlink.linkSchemaSync().apply(SyncMode.ALL);     // drops the column

        assertThat(safe).isEmpty();
        assertThat(all).extracting(SyncAction::kind).containsExactly(SyncKind.NOTIFY);
        assertThat(modlink.link().list(LinkQuery.of("brand_featured_channel"))).singleElement()
            .satisfies(r -> assertThat(r.data()).containsOnlyKeys("note"));
      }
    }));
    assertOutput(SYNC_GUIDE, "sync-notify", notify.value());
    assertThat(notify.text()).contains("WARN io.modlink.core.storage.LinkSchemaSync - link schema: 1 change(s) not"
        + " applied because they may lose data; review them and run LinkSchemaSync.apply(SyncMode.ALL):"
        + " [notify brand_featured_channel: column position is no longer declared]");

    String rename = printed(() -> {
      // release 4: the table gets a better name; the sides are unchanged
      LinkDefinition v4 = LinkDefinition
          .between(LinkSide.of("brand", "brand").list(), LinkSide.of("sales_channel", "sales_channel").list())
          .table("brand_showcase")
          .extraColumn(ExtraColumn.of("note", ColumnType.STRING))
          .build();
      try (Modlink modlink = start(shop, v4)) {
        print(modlink.linkSchemaSync().plan());
        modlink.linkSchemaSync().apply(SyncMode.SAFE);     // the rows move with the table

        assertThat(pairs(modlink.link().list(LinkQuery.of("brand_showcase")))).containsExactly("brand_1/sc_web");
      }
    });
    assertOutput(SYNC_GUIDE, "sync-rename", rename);

    String cardinality = printed(() -> {
      // release 5: a sales channel shows one featured brand: the brand side is no longer a list
      LinkDefinition v5 = LinkDefinition
          .between(LinkSide.of("brand", "brand"), LinkSide.of("sales_channel", "sales_channel").list())
          .table("brand_showcase")
          .extraColumn(ExtraColumn.of("note", ColumnType.STRING))
          .build();
      try (Modlink modlink = start(shop, v5)) {
        print(modlink.linkSchemaSync().plan());
        modlink.linkSchemaSync().apply(SyncMode.SAFE);

        assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
      }
    });
    assertOutput(SYNC_GUIDE, "sync-cardinality", cardinality);

    StandardError.Captured<String> delete = StandardError.capture(() -> printed(() -> {
      // release 6: the link is no longer declared
      try (Modlink modlink = start(shop)) {
        print(modlink.linkSchemaSync().plan());
        List<SyncAction> safe = modlink.linkSchemaSync().apply(SyncMode.SAFE);   // []: the table stays
        List<SyncAction> all = modlink.linkSchemaSync().apply(SyncMode.ALL);     // drops it

        assertThat(safe).isEmpty();
        assertThat(all).extracting(SyncAction::kind).containsExactly(SyncKind.DELETE);
        assertThat(modlink.linkSchemaSync().plan()).isEmpty();
      }
    }));
    assertOutput(SYNC_GUIDE, "sync-delete", delete.value());
    assertThat(delete.text()).contains("link schema: 1 change(s) not applied because they may lose data;",
        "[delete brand_showcase: no declared link uses this table any more");
  }

  @Test
  void inactiveLinkKept() {
    DatabaseConfig shop = named("sync_inactive");
    Modlink.builder().database(shop).schema(SchemaAction.CREATE)
        .module(BrandModule.DEFINITION).module(SalesChannelModule.DEFINITION)
        .link(BrandModule.SALES_CHANNEL_LINK)
        .build()
        .close();
    String printed = printed(() -> {
      // an instance without the sales channel module: the brand module's link is inactive
      try (Modlink modlink = Modlink.builder()
          .database(shop)
          .module(BrandModule.DEFINITION)
          .link(BrandModule.SALES_CHANNEL_LINK)              // declared by brand: inactive, not an error
          .linkSync(SyncMode.ALL)                            // even ALL keeps the table
          .build()) {
        print(modlink.linkSchemaSync().plan());
      }
    });
    assertOutput(SYNC_GUIDE, "sync-inactive", printed);
    try (Modlink modlink = start(shop, BrandModule.SALES_CHANNEL_LINK)) {
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::toString)
          .containsExactly("noop brand_brand_sales_channel_sales_channel: up to date");
    }
  }

  /** One featured link, written with SQL between two starts. */
  private static void seedFeatured(DatabaseConfig shop) {
    try (Connection c = DriverManager.getConnection(shop.jdbcUrl(), shop.user(), shop.password());
        Statement s = c.createStatement()) {
      s.execute("insert into brand_featured_channel (id, brand_id, sales_channel_id, position, created_at, updated_at)"
          + " values ('bsc_1', 'brand_1', 'sc_web', 2, current_timestamp, current_timestamp)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void adoptsAnExistingTable() throws SQLException {
    DatabaseConfig shop = named("sync_adopt");
    try (Connection c = DriverManager.getConnection(shop.jdbcUrl(), shop.user(), shop.password());
        Statement s = c.createStatement()) {
      // a table made elsewhere (e.g. by Medusa's migrations), with its rows, but no index but the primary key
      s.execute("create table brand_brand_sales_channel_sales_channel (id varchar(255) not null,"
          + " brand_id varchar(255) not null, sales_channel_id varchar(255) not null,"
          + " created_at timestamp(6) with time zone not null, updated_at timestamp(6) with time zone not null,"
          + " deleted_at timestamp(6) with time zone, primary key (brand_id, sales_channel_id))");
      s.execute("insert into brand_brand_sales_channel_sales_channel (id, brand_id, sales_channel_id, created_at,"
          + " updated_at) values ('bsc_1', 'brand_1', 'sc_web', current_timestamp, current_timestamp)");
    }
    try (Modlink modlink = Modlink.builder().database(shop).schema(SchemaAction.CREATE)
        .module(BrandModule.DEFINITION).module(SalesChannelModule.DEFINITION)
        .link(BrandModule.SALES_CHANNEL_LINK).noLinkSync().build()) {
      List<SyncAction> plan = modlink.linkSchemaSync().plan();
      assertThat(plan).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.UPDATE);
        assertThat(a.reason()).contains("sales_channel_id may have only one live partner")
            .contains("index idx_brand_brand_sales_channel_sales_channel_id is missing");
      });
      modlink.linkSchemaSync().apply(SyncMode.SAFE);
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
      assertThat(pairs(modlink.link().list(LinkQuery.of("brand_sales_channel")))).containsExactly("brand_1/sc_web");
    }
  }

  @Test
  void syncOptions() {
    // the builder takes one of linkSync(...) or noLinkSync(), once
    assertThatThrownBy(() -> Modlink.builder().linkSync(SyncMode.ALL).noLinkSync())
        .isInstanceOf(IllegalStateException.class);
    // Guice: withLinkSync and withoutLinkSync
    Injector injector = Guice.createInjector(ModlinkModule.embedded().withoutLinkSync(),
        new SalesChannelModule(), new BrandModule());
    Modlink modlink = track(injector.getInstance(Modlink.class));
    assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.CREATE);
    Modlink synced = track(Guice.createInjector(ModlinkModule.embedded().withLinkSync(SyncMode.ALL),
        new SalesChannelModule(), new BrandModule()).getInstance(Modlink.class));
    assertThat(synced.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
  }

  // =============================================================================================
  // The pages and the code agree



  @Test
  void docsMatchTheCode() throws IOException {
    Path root = root();
    String testSource = Files.readString(root.resolve(TEST_SOURCE));
    List<String> failures = new ArrayList<>();
    failures.addAll(check(root, SERVICE_GUIDE, testSource, 12));
    failures.addAll(check(root, SYNC_GUIDE, testSource, 6));
    String index = Files.readString(root.resolve("docs/README.md"));
    for (String page : List.of("link-service.md", "schema-sync.md")) {
      if (!index.contains("](" + page + ")")) {
        failures.add("docs/README.md does not list " + page);
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * The problems of one page: a Java snippet not found in the code its marker names, a marker
   * naming no test, an output block no test compares, a code block of another language than
   * {@code java}, {@code text} or {@code bash} (commands, not run).
   */
  private static List<String> check(Path root, String page, String testSource, int minimumSnippets)
      throws IOException {
    List<String> lines = Files.readString(root.resolve(page)).lines().toList();
    List<String> failures = new ArrayList<>();
    int snippets = 0;
    String name = "LinkDocsExamplesTest";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("```") || line.equals("```")) {
        continue;
      }
      String language = line.substring(3).trim();
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).equals("```")) {
        end++;
      }
      List<String> block = lines.subList(i + 1, end);
      int at = i + 1;
      if (language.equals("java")) {
        snippets++;
        String marker = end + 1 < lines.size() ? lines.get(end + 1) : "";
        Matcher test = Pattern.compile("[Rr]un by \\[`" + name + "\\.(\\w+)`\\]").matcher(marker);
        Matcher from = Pattern.compile("From \\[`" + name + "(?:\\.(\\w+))?`\\]").matcher(marker);
        Matcher file = Pattern.compile("From \\[`\\w+\\.java`\\]\\(\\.\\./(examples/src/main/java/[^)]+\\.java)\\)")
            .matcher(marker);
        if (!test.find()) {
          failures.add(page + ":" + at + ": a Java snippet must be followed by a line naming its test, e.g."
              + " 'Run by [`" + name + ".createMapForm`](...)'");
          i = end;
          continue;
        }
        if (!isTest(LinkDocsExamplesTest.class, test.group(1))) {
          failures.add(page + ":" + at + ": " + name + " has no @Test method " + test.group(1));
        }
        String where;
        List<String> source;
        if (file.find()) {
          where = file.group(1);
          source = Files.readString(root.resolve(where)).lines().toList();
        } else if (from.find()) {
          where = from.group(1) == null ? TEST_SOURCE : name + "." + from.group(1);
          source = from.group(1) == null ? testSource.lines().toList() : methodBody(testSource, from.group(1));
        } else {
          where = name + "." + test.group(1);
          source = methodBody(testSource, test.group(1));
        }
        if (!Snippets.contains(source, block)) {
          failures.add(page + ":" + at + ": snippet not found line for line in " + where + ":\n"
              + String.join("\n", block));
        }
      } else if (language.equals("text")) {
        String marker = i > 0 ? lines.get(i - 1) : "";
        Matcher output = Pattern.compile("<!-- output: ([\\w-]+) -->").matcher(marker);
        if (!output.find()) {
          failures.add(page + ":" + at + ": an output block must follow a line <!-- output: name -->");
        } else if (!testSource.matches("(?s).*assertOutput\\((SERVICE_GUIDE|SYNC_GUIDE), \"" + output.group(1)
            + "\".*")) {
          failures.add(page + ":" + at + ": no test compares output '" + output.group(1) + "'");
        }
      } else if (!language.equals("bash")) {
        failures.add(page + ":" + at + ": code block of language '" + language + "'; use java (run by a test),"
            + " text (an output a test compares) or bash (a command)");
      }
      i = end;
    }
    if (snippets < minimumSnippets) {
      failures.add(page + ": " + snippets + " Java snippets, expected at least " + minimumSnippets);
    }
    return failures;
  }

  @Test
  void theCheckCanFail() throws IOException {
    Path page = Files.createTempFile(root().resolve("examples/target"), "page", ".md");
    try {
      Files.writeString(page, String.join("\n",
          "```java",
          "int nowhere = 42;",
          "```",
          "<sub>Run by [`LinkDocsExamplesTest.createMapForm`](x)</sub>",
          "",
          "```java",
          "Link link = modlink.link();",
          "```",
          "<sub>Run by [`LinkDocsExamplesTest.noSuchTest`](x)</sub>",
          "",
          "<!-- output: nobody-compares-this -->",
          "```text",
          "x",
          "```",
          "```sql",
          "select 1",
          "```",
          ""));
      String testSource = Files.readString(root().resolve(TEST_SOURCE));
      List<String> failures = check(root(), root().relativize(page).toString(), testSource, 3);
      assertThat(failures).hasSize(6);
      assertThat(failures.get(0)).contains("snippet not found line for line in LinkDocsExamplesTest.createMapForm");
      assertThat(failures.get(1)).contains("has no @Test method noSuchTest");
      assertThat(failures.get(2)).contains("snippet not found");
      assertThat(failures.get(3)).contains("no test compares output 'nobody-compares-this'");
      assertThat(failures.get(4)).contains("code block of language 'sql'");
      assertThat(failures.get(5)).contains("2 Java snippets, expected at least 3");
    } finally {
      Files.delete(page);
    }
  }




}
