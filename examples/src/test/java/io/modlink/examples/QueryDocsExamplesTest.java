package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.methodBody;
import static io.modlink.examples.DocPages.printed;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modlink.apikey.ApiKey;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyType;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.link.LinkSide;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.query.Query;
import io.modlink.core.query.QueryPlan;
import io.modlink.core.query.QueryStats;
import io.modlink.core.query.Strategy;
import io.modlink.core.spi.SortDirection;
import io.modlink.examples.brand.Brand;
import io.modlink.examples.brand.BrandModule;
import io.modlink.saleschannel.SalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every Java snippet of {@code docs/query.md} and checks its results; the guide names, under
 * each snippet, the method that runs it. {@link #docsMatchTheCode()} keeps the two in step: each
 * snippet of the guide must appear, line for line, in the method it names, and each output block of
 * the guide must equal what the code prints.
 */
class QueryDocsExamplesTest {
  private static final String GUIDE = "docs/query.md";
  private static final String TEST_SOURCE = "examples/src/test/java/io/modlink/examples/QueryDocsExamplesTest.java";

  private final List<Modlink> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Modlink::close);
  }

  private Modlink track(Modlink modlink) {
    opened.add(modlink);
    return modlink;
  }

  /** The guide's application on one embedded database, with its sample data. */
  private Modlink shop() {
    Modlink modlink = track(Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .module(BrandModule.DEFINITION)
        .links(ApiKeyModule.links())
        .link(BrandModule.SALES_CHANNEL_LINK)
        .build());
    sampleData(modlink);
    return modlink;
  }

  /** The sample data of the guide: three sales channels, three API keys, a brand, and their links. */
  static void sampleData(Modlink modlink) {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    modlink.sessionFactory("sales_channel").inTransaction(session -> {
      session.persist(new SalesChannel("sc_web", "Web", "The online store", now));
      session.persist(new SalesChannel("sc_pos", "POS", "Point of sale", now.plusSeconds(60)));
      session.persist(new SalesChannel("sc_app", "App", null, now.plusSeconds(120)));
    });
    modlink.sessionFactory("api_key").inTransaction(session -> {
      session.persist(new ApiKey("apk_1", "Storefront", ApiKeyType.publishable, "pk_1", "pk_1***", "admin", now));
      session.persist(new ApiKey("apk_2", "Mobile app", ApiKeyType.publishable, "pk_2", "pk_2***", "admin",
          now.plusSeconds(60)));
      session.persist(new ApiKey("apk_3", "Kiosk", ApiKeyType.publishable, "pk_3", "pk_3***", "admin",
          now.plusSeconds(120)));
    });
    modlink.sessionFactory("brand").inTransaction(session ->
        session.persist(new Brand("brand_1", "Acme", "acme", now)));

    Link link = modlink.link();
    link.create(Map.of("api_key", Map.of("api_key_id", "apk_1"), "sales_channel", Map.of("sales_channel_id", "sc_web")));
    link.create(Map.of("api_key", Map.of("api_key_id", "apk_1"), "sales_channel", Map.of("sales_channel_id", "sc_pos")));
    link.create(Map.of("api_key", Map.of("api_key_id", "apk_2"), "sales_channel", Map.of("sales_channel_id", "sc_web")));
    link.create(Map.of("brand", Map.of("brand_id", "brand_1"), "sales_channel", Map.of("sales_channel_id", "sc_web")));
  }

  static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Retrieve with Query

  @Test
  void retrieveWithQuery() {
    String printed = printed(() -> {
      Modlink modlink = Modlink.builder()
          .module(ApiKeyModule.DEFINITION)
          .module(SalesChannelModule.DEFINITION)
          .links(ApiKeyModule.links())
          .build();                                              // embedded H2, tables created
      Instant now = Instant.parse("2024-05-01T10:00:00Z");
      modlink.sessionFactory("api_key").inTransaction(session -> session.persist(
          new ApiKey("apk_123", "Storefront", ApiKeyType.publishable, "pk_123", "pk_123***", "admin", now)));
      modlink.sessionFactory("sales_channel").inTransaction(session -> session.persist(
          new SalesChannel("sc_123", "Web", "The online store", now)));

      modlink.link().create(Map.of(
          "api_key",       Map.of("api_key_id", "apk_123"),
          "sales_channel", Map.of("sales_channel_id", "sc_123")));

      Query query = modlink.query();
      GraphResult result = query.graph(GraphQuery.entity("api_key")
          .fields("sales_channels.*")
          .build());
      System.out.println(result.data().toPrettyString());
      track(modlink);

      assertThat(result.data()).hasSize(1);
      JsonNode key = result.data().get(0);
      List<String> names = new ArrayList<>();
      key.fieldNames().forEachRemaining(names::add);
      assertThat(names).containsExactly("id", "sales_channels");   // only the primary key of the key
      assertThat(ids(key.get("sales_channels"))).containsExactly("sc_123");
      assertThat(result.metadata()).isEmpty();
      assertThat(result.warnings()).isEmpty();

      // the table of Medusa equivalents
      GraphResult withFields = query.graph(GraphQuery.entity("api_key").fields("*", "sales_channels.*")
          .filters(Map.of("id", "apk_123")).skip(0).take(20).order("created_at", SortDirection.DESC).build());
      assertThat(withFields.data().get(0).get("title").asText()).isEqualTo("Storefront");
      assertThat(withFields.metadata()).contains(new GraphResult.Metadata(0, 20, 1));
    });
    Guide.assertOutput("reference", printed);
  }

  // ---------------------------------------------------------------------------------------------
  // The sample data

  @Test
  void theSampleData() {
    Modlink modlink = Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .module(BrandModule.DEFINITION)
        .links(ApiKeyModule.links())
        .link(BrandModule.SALES_CHANNEL_LINK)
        .build();                                              // one embedded H2 database
    Query query = modlink.query();
    track(modlink);
    sampleData(modlink);

    assertThat(ids(query.graph(GraphQuery.entity("api_key").build()).data())).containsExactly("apk_1", "apk_2", "apk_3");
    assertThat(ids(query.graph(GraphQuery.entity("sales_channel").build()).data()))
        .containsExactly("sc_app", "sc_pos", "sc_web");
    JsonNode keys = query.graph(GraphQuery.entity("api_key").fields("title", "sales_channels.id").build()).data();
    assertThat(keys.get(0).get("title").asText()).isEqualTo("Storefront");
    assertThat(ids(keys.get(0).get("sales_channels"))).containsExactly("sc_pos", "sc_web");
    assertThat(ids(keys.get(1).get("sales_channels"))).containsExactly("sc_web");
    assertThat(ids(keys.get(2).get("sales_channels"))).isEmpty();
    JsonNode channels = query.graph(GraphQuery.entity("sales_channel").fields("brand.id").build()).data();
    assertThat(channels.get(0).get("brand").isNull()).isTrue();
    assertThat(channels.get(1).get("brand").isNull()).isTrue();
    assertThat(channels.get(2).get("brand").get("id").asText()).isEqualTo("brand_1");
    // shop() builds the same application
    assertThat(shop().registry().describe()).isEqualTo(modlink.registry().describe());
  }

  // ---------------------------------------------------------------------------------------------
  // The request

  @Test
  void theRequest() {
    Modlink modlink = shop();
    Query query = modlink.query();

    GraphResult page = query.graph(GraphQuery.entity("api_keys")           // a name or a plural alias
        .fields("title", "sales_channels.name")
        .filters(Map.of("sales_channels", Map.of("name", "Web")))          // keys that have a Web channel
        .order("created_at", SortDirection.DESC)
        .take(1)
        .build());
    String rows = page.data().toString();
    // [{"id":"apk_2","title":"Mobile app","sales_channels":[{"id":"sc_web","name":"Web"}]}]
    GraphResult.Metadata metadata = page.metadata().orElseThrow();   // skip 0, take 1, count 2

    assertThat(rows).isEqualTo("[{\"id\":\"apk_2\",\"title\":\"Mobile app\",\"sales_channels\":"
        + "[{\"id\":\"sc_web\",\"name\":\"Web\"}]}]");
    assertThat(metadata).isEqualTo(new GraphResult.Metadata(0, 1, 2));

    // the builder's own checks
    assertThatThrownBy(() -> GraphQuery.entity("api_key").skip(-1)).isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> GraphQuery.entity("api_key").take(-1)).isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> GraphQuery.entity("api_key").maxDepth(0)).isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> GraphQuery.entity("api_key").maxDepth(GraphQuery.DEPTH_LIMIT + 1))
        .isInstanceOf(InvalidDataException.class).hasMessage("maxDepth must be from 1 to 32, got 33");
    assertThatThrownBy(() -> GraphQuery.entity("api_key").relation("sales_channels", r -> r.limit(-1)))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> GraphQuery.entity("api_key").fields("title", null))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> GraphQuery.entity("api_key").order(null, SortDirection.ASC))
        .isInstanceOf(InvalidDataException.class);
    assertThatThrownBy(() -> GraphQuery.entity("api_key").order("created_at", "downwards"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("unknown direction 'downwards' in order by 'created_at'; use ASC or DESC");
    assertThat(GraphQuery.entity("api_key").order("created_at", "desc").build().order())
        .containsExactly(new io.modlink.core.spi.SortOrder("created_at", SortDirection.DESC));
    GraphQuery defaults = GraphQuery.entity("api_key").build();
    assertThat(defaults.fields()).isEmpty();
    assertThat(defaults.maxDepth()).isEqualTo(5);
    assertThat(defaults.strategy()).isEqualTo(Strategy.AUTO);
    assertThat(defaults.withCount()).isFalse();
    assertThat(GraphQuery.entity("api_key").take(5).build().withCount()).isTrue();
    // explain does not run the query
    assertThat(query.explain(GraphQuery.entity("api_key").build()).expectedRoundTrips()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Entry points

  @Test
  void entryPoints() {
    Modlink modlink = shop();
    Query query = modlink.query();
    assertThat(modlink.registry().entryPointNames()).containsExactly("api_key", "api_keys", "sales_channel",
        "sales_channels", "brand", "brands", "publishable_api_key_sales_channel", "brand_sales_channel");

    GraphResult pairs = query.graph(GraphQuery.entity("publishable_api_key_sales_channel")
        .fields("publishable_key_id", "api_key.title", "sales_channel.name")
        .filters(Map.of("sales_channel_id", "sc_web"))
        .order("publishable_key_id", SortDirection.ASC)
        .build());
    JsonNode first = pairs.data().get(0);
    // {"id":"pksc_01J...","publishable_key_id":"apk_1","api_key":{"id":"apk_1","title":"Storefront"},
    //  "sales_channel":{"id":"sc_web","name":"Web"}}

    assertThat(pairs.data()).hasSize(2);
    assertThat(first.get("id").asText()).matches("pksc_[0-9A-Z]{26}");
    assertThat(first.toString()).endsWith("\"publishable_key_id\":\"apk_1\",\"api_key\":{\"id\":\"apk_1\","
        + "\"title\":\"Storefront\"},\"sales_channel\":{\"id\":\"sc_web\",\"name\":\"Web\"}}");
    assertThat(first.has("sales_channel_id")).as("a join key not asked for").isFalse();
    assertThat(pairs.data().get(1).get("api_key").get("id").asText()).isEqualTo("apk_2");

    // every field of a link row
    List<String> names = new ArrayList<>();
    query.graph(GraphQuery.entity("publishable_api_key_sales_channel").build()).data().get(0).fieldNames()
        .forEachRemaining(names::add);
    assertThat(names).containsExactly("id", "publishable_key_id", "sales_channel_id", "created_at", "updated_at",
        "deleted_at");

    // dismissed pairs are left out unless withDeleted
    modlink.link().dismiss(Map.of("api_key", Map.of("api_key_id", "apk_2"),
        "sales_channel", Map.of("sales_channel_id", "sc_web")));
    GraphQuery.Builder web = GraphQuery.entity("publishable_api_key_sales_channel").fields("publishable_key_id")
        .filters(Map.of("sales_channel_id", "sc_web"));
    assertThat(query.graph(web.build()).data()).hasSize(1);
    assertThat(query.graph(web.withDeleted().build()).data()).hasSize(2);
  }

  // ---------------------------------------------------------------------------------------------
  // Fields and shapes

  @Test
  void fields() {
    Modlink modlink = shop();
    Query query = modlink.query();
    String printed = printed(() -> {
      GraphResult keys = query.graph(GraphQuery.entity("api_key")
          .fields("title", "sales_channels.name", "sales_channels.brand.name")
          .build());
      keys.data().forEach(System.out::println);
    });
    Guide.assertOutput("fields", printed);

    // a bare relation name is relation.*; no fields is *
    JsonNode bare = query.graph(GraphQuery.entity("sales_channel").fields("brand").build()).data().get(2);
    JsonNode starred = query.graph(GraphQuery.entity("sales_channel").fields("brand.*").build()).data().get(2);
    assertThat(bare).isEqualTo(starred);
    assertThat(bare.get("brand").get("handle").asText()).isEqualTo("acme");
    assertThat(query.graph(GraphQuery.entity("brand").build()).data())
        .isEqualTo(query.graph(GraphQuery.entity("brand").fields("*").build()).data());
    JsonNode all = query.graph(GraphQuery.entity("api_key").filters(Map.of("id", "apk_1")).build()).data().get(0);
    assertThat(all.has("token")).isFalse();
    assertThat(all.has("salt")).isFalse();
    assertThat(all.size()).isEqualTo(modlink.registry().entity("api_key").orElseThrow().fieldNames().size() - 2);
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("salt").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("field salt of api_key is hidden (in field path api_key.salt)");
  }

  @Test
  void shapes() {
    Modlink modlink = shop();
    Query query = modlink.query();
    String printed = printed(() -> {
      GraphResult channels = query.graph(GraphQuery.entity("sales_channel")
          .fields("name", "brand.name", "publishable_api_keys.title")
          .build());
      channels.data().forEach(System.out::println);
    });
    Guide.assertOutput("shapes", printed);

    // the key field of a read-only link is read, not returned
    LinkDefinition defaultChannel = LinkDefinition
        .between(LinkSide.of("brand", "brand"),
            LinkSide.of("sales_channel", "sales_channel").alias("default_sales_channel"))
        .readOnly()
        .field("default_sales_channel_id")
        .build();
    Modlink brands = track(Modlink.builder()
        .module(BrandModule.DEFINITION).module(SalesChannelModule.DEFINITION).link(defaultChannel).build());
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    brands.sessionFactory("sales_channel").inTransaction(s -> s.persist(new SalesChannel("sc_web", "Web", null, now)));
    brands.sessionFactory("brand").inTransaction(s -> {
      Brand acme = new Brand("brand_1", "Acme", "acme", now);
      acme.setDefaultSalesChannelId("sc_web");
      s.persist(acme);
      s.persist(new Brand("brand_2", "Apex", "apex", now));
    });
    for (Strategy strategy : List.of(Strategy.AUTO, Strategy.FEDERATED)) {
      JsonNode rows = brands.query().graph(GraphQuery.entity("brand").fields("name", "default_sales_channel.name")
          .strategy(strategy).build()).data();
      assertThat(rows.toString()).isEqualTo("[{\"id\":\"brand_1\",\"name\":\"Acme\",\"default_sales_channel\":"
          + "{\"id\":\"sc_web\",\"name\":\"Web\"}},{\"id\":\"brand_2\",\"name\":\"Apex\",\"default_sales_channel\":null}]");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Filters

  @Test
  void filters() {
    Modlink modlink = shop();
    Query query = modlink.query();

    GraphResult withPos = query.graph(GraphQuery.entity("api_key")
        .fields("title", "sales_channels.name")
        .filters(Map.of("sales_channels", Map.of("name", "POS")))
        .build());
    String rows = withPos.data().toString();
    // [{"id":"apk_1","title":"Storefront","sales_channels":[{"id":"sc_pos","name":"POS"},{"id":"sc_web","name":"Web"}]}]

    GraphResult acme = query.graph(GraphQuery.entity("api_key")
        .fields("title")
        .filters(Map.of(
            "title", Map.of("$ne", "Storefront"),
            "sales_channels", Map.of("brand", Map.of("name", "Acme"))))   // a channel whose brand is Acme
        .build());
    List<String> titles = new ArrayList<>();
    acme.data().forEach(row -> titles.add(row.get("title").asText()));   // [Mobile app]

    assertThat(rows).isEqualTo("[{\"id\":\"apk_1\",\"title\":\"Storefront\",\"sales_channels\":"
        + "[{\"id\":\"sc_pos\",\"name\":\"POS\"},{\"id\":\"sc_web\",\"name\":\"Web\"}]}]");
    assertThat(titles).containsExactly("Mobile app");

    // own-field operators
    assertThat(ids(query.graph(GraphQuery.entity("api_key").fields("id")
        .filters(Map.of("$or", List.of(Map.of("title", Map.of("$like", "K%")),
            Map.of("created_at", Map.of("$lt", "2024-05-01T10:00:30Z"))))).build()).data()))
        .containsExactly("apk_1", "apk_3");
    // a linked filter is not allowed inside $or
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key")
        .filters(Map.of("$or", List.of(Map.of("sales_channels", Map.of("name", "Web"))))).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("unknown field 'sales_channels' at filters.$or[0].sales_channels on api_key");
    // a linked filter ignores soft-deleted records, withDeleted or not
    modlink.store("sales_channel").softDelete(List.of("sc_pos"));
    assertThat(query.graph(GraphQuery.entity("api_key").filters(Map.of("sales_channels", Map.of("name", "POS")))
        .withDeleted().build()).data()).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Nested lists

  @Test
  void nestedLists() {
    Modlink modlink = shop();
    Query query = modlink.query();
    String printed = printed(() -> {
      GraphResult firstChannel = query.graph(GraphQuery.entity("api_key")
          .fields("title", "sales_channels.name")
          .relation("sales_channels", r -> r
              .filters(Map.of("is_disabled", false))
              .order("name", SortDirection.DESC)
              .limit(1))
          .build());
      firstChannel.data().forEach(System.out::println);
    });
    Guide.assertOutput("nested-lists", printed);

    // a relation filter narrows the list, not the roots
    GraphResult pos = query.graph(GraphQuery.entity("api_key").fields("sales_channels.name")
        .relation("sales_channels", r -> r.filters(Map.of("name", "POS"))).build());
    assertThat(ids(pos.data())).containsExactly("apk_1", "apk_2", "apk_3");
    assertThat(ids(pos.data().get(0).get("sales_channels"))).containsExactly("sc_pos");
    assertThat(ids(pos.data().get(1).get("sales_channels"))).isEmpty();
    // deeper paths take arguments too
    GraphResult deeper = query.graph(GraphQuery.entity("api_key").fields("sales_channels.brand.name")
        .relation("sales_channels.brand", r -> r.filters(Map.of("name", "Nobody"))).build());
    assertThat(deeper.data().get(1).get("sales_channels").get(0).get("brand").isNull()).isTrue();
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("title")
        .relation("sales_channels", r -> r.limit(1)).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("relation arguments for 'sales_channels', which is not among the fields of api_key");
  }

  // ---------------------------------------------------------------------------------------------
  // Pages and counts

  @Test
  void pagesAndCounts() {
    Modlink modlink = shop();
    Query query = modlink.query();

    GraphResult second = query.graph(GraphQuery.entity("api_key")
        .fields("title")
        .order("title", SortDirection.ASC)
        .skip(1)
        .take(1)
        .build());
    String rows = second.data().toString();                  // [{"id":"apk_2","title":"Mobile app"}]
    GraphResult.Metadata metadata = second.metadata().orElseThrow();   // skip 1, take 1, count 3

    long withWeb = query.graph(GraphQuery.entity("api_key")
        .filters(Map.of("sales_channels", Map.of("name", "Web")))
        .take(1)
        .build()).metadata().orElseThrow().count();            // 2: apk_1 and apk_2
    GraphResult.Metadata counted = query.graph(GraphQuery.entity("api_key").withCount().build())
        .metadata().orElseThrow();                            // skip 0, take null, count 3
    Optional<GraphResult.Metadata> none = query.graph(GraphQuery.entity("api_key").build()).metadata();   // empty

    assertThat(rows).isEqualTo("[{\"id\":\"apk_2\",\"title\":\"Mobile app\"}]");
    assertThat(metadata).isEqualTo(new GraphResult.Metadata(1, 1, 3));
    assertThat(withWeb).isEqualTo(2);
    assertThat(counted).isEqualTo(new GraphResult.Metadata(0, null, 3));
    assertThat(none).isEmpty();

    for (Strategy strategy : List.of(Strategy.AUTO, Strategy.FEDERATED)) {
      // the count is in the same statement as the page; an empty page costs one more to count
      GraphResult full = query.graph(GraphQuery.entity("api_key").fields("title").take(2).strategy(strategy).build());
      assertThat(full.stats().roundTrips()).isEqualTo(1);
      GraphResult beyond = query.graph(GraphQuery.entity("api_key").fields("title").skip(10).take(5)
          .strategy(strategy).build());
      assertThat(beyond.data()).isEmpty();
      assertThat(beyond.metadata()).contains(new GraphResult.Metadata(10, 5, 3));
      assertThat(beyond.stats().roundTrips()).isEqualTo(2);
      // a linked filter counts root records, not joined rows
      GraphResult linked = query.graph(GraphQuery.entity("api_key").fields("sales_channels.id")
          .filters(Map.of("sales_channels", Map.of("name", List.of("Web", "POS")))).take(10)
          .strategy(strategy).build());
      assertThat(linked.metadata()).contains(new GraphResult.Metadata(0, 10, 2));
    }
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("sales_channel").order("metadata", SortDirection.ASC).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("cannot order sales_channel by 'metadata', a json field");
  }

  // ---------------------------------------------------------------------------------------------
  // Soft-deleted and missing records

  @Test
  void softDeletedAndMissingRecords() {
    Modlink modlink = shop();
    Query query = modlink.query();
    Link link = modlink.link();

    String printed = printed(() -> {
      modlink.store("sales_channel").softDelete(List.of("sc_pos"));   // its link row to apk_1 stays
      link.create(List.of(LinkRequest.between(
              LinkKey.of("api_key", "api_key_id", "apk_3"),
              LinkKey.of("sales_channel", "sales_channel_id", "sc_gone"))),   // no such channel
          CreateOptions.withoutVerification());

      GraphResult live = query.graph(GraphQuery.entity("api_key").fields("sales_channels.name").build());
      // apk_1: [Web]; apk_2: [Web]; apk_3: []
      live.warnings().forEach(System.out::println);                    // shown below
      GraphResult all = query.graph(GraphQuery.entity("api_key").fields("sales_channels.name")
          .withDeleted()
          .build());
      // apk_1: [POS, Web]; one warning left, for sc_gone
      try {
        query.graph(GraphQuery.entity("api_key").fields("sales_channels.name").throwIfRelationNotFound().build());
      } catch (NotFoundException e) {
        String message = e.getMessage();
        // 2 sales_channel record(s) linked from api_key through publishable_api_key_sales_channel do not exist:
        // id sc_gone, sc_pos (throwIfRelationNotFound is set)
        // ...
        assertThat(message).isEqualTo("2 sales_channel record(s) linked from api_key through"
            + " publishable_api_key_sales_channel do not exist: id sc_gone, sc_pos (throwIfRelationNotFound is set)");
        assertThat(e.type()).isEqualTo(ErrorType.NOT_FOUND);
      }

      assertThat(ids(live.data().get(0).get("sales_channels"))).containsExactly("sc_web");
      assertThat(ids(live.data().get(1).get("sales_channels"))).containsExactly("sc_web");
      assertThat(ids(live.data().get(2).get("sales_channels"))).isEmpty();
      assertThat(ids(all.data().get(0).get("sales_channels"))).containsExactly("sc_pos", "sc_web");
      assertThat(all.warnings()).containsExactly("1 sales_channel record(s) linked from api_key through"
          + " publishable_api_key_sales_channel do not exist: id sc_gone; left out of api_key.sales_channels");
    });
    Guide.assertOutput("warnings", printed);
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("sales_channels.name")
        .throwIfRelationNotFound().build())).isInstanceOf(NotFoundException.class);

    // the same both ways
    for (Strategy strategy : List.of(Strategy.AUTO, Strategy.FEDERATED)) {
      GraphResult r = query.graph(GraphQuery.entity("api_key").fields("sales_channels.name").strategy(strategy).build());
      assertThat(r.warnings()).singleElement().asString().startsWith("2 sales_channel record(s)");
      // a relation filter reports nothing
      assertThat(query.graph(GraphQuery.entity("api_key").fields("sales_channels.name").strategy(strategy)
          .relation("sales_channels", a -> a.filters(Map.of("is_disabled", false))).build()).warnings()).isEmpty();
    }
    // a single alias whose record is gone is null, and reported
    modlink.store("brand").softDelete(List.of("brand_1"));
    GraphResult brands = query.graph(GraphQuery.entity("sales_channel").fields("brand.name")
        .filters(Map.of("id", "sc_web")).build());
    assertThat(brands.data().get(0).get("brand").isNull()).isTrue();
    assertThat(brands.warnings()).singleElement().asString().startsWith("1 brand record(s) linked from sales_channel");

    // deleting the links with the record leaves nothing to report
    link.delete(Map.of("sales_channel", Map.of("sales_channel_id", List.of("sc_pos"))));
    link.dismiss(Map.of("api_key", Map.of("api_key_id", "apk_3"), "sales_channel", Map.of("sales_channel_id", "sc_gone")));
    assertThat(query.graph(GraphQuery.entity("api_key").fields("sales_channels.name").build()).warnings()).isEmpty();

    // throwIfKeyNotFound
    try {
      query.graph(GraphQuery.entity("api_key")
          .filters(Map.of("id", List.of("apk_1", "apk_9")))
          .throwIfKeyNotFound()
          .build());
    } catch (NotFoundException e) {
      String message = e.getMessage();                        // ApiKey id not found: apk_9
      // ...
      assertThat(message).isEqualTo("ApiKey id not found: apk_9");
    }
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").filters(Map.of("id", List.of("apk_1", "apk_9")))
        .throwIfKeyNotFound().build())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key")
        .filters(Map.of("$and", List.of(Map.of("id", Map.of("$in", List.of("apk_8")))))).throwIfKeyNotFound().build()))
        .hasMessage("ApiKey id not found: apk_8");
    assertThat(query.graph(GraphQuery.entity("api_key").filters(Map.of("id", "apk_1")).throwIfKeyNotFound().build())
        .data()).hasSize(1);
    // not checked when a page is asked
    assertThat(query.graph(GraphQuery.entity("api_key").filters(Map.of("id", List.of("apk_1", "apk_9")))
        .throwIfKeyNotFound().take(10).build()).data()).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  @Test
  void errors() {
    Modlink modlink = shop();
    Query query = modlink.query();
    String printed = printed(() -> {
      List<GraphQuery> bad = List.of(
          GraphQuery.entity("api_kyes").build(),
          GraphQuery.entity("api_key").fields("sales_chanels.*").build(),
          GraphQuery.entity("api_key").fields("sales_channels.brand.nmae").build());
      for (GraphQuery q : bad) {
        try {
          query.graph(q);
        } catch (InvalidDataException e) {
          System.out.println(e.type() + ": " + e.getMessage());
        }
      }
    });
    Guide.assertOutput("query-errors", printed);

    // the table of other checks
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("title.x").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("'title' at api_key.title is a field of api_key, not a relation, so nothing can follow it;"
            + " relations of api_key: sales_channels");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key")
        .fields("sales_channels.publishable_api_keys.sales_channels.id").maxDepth(2).build()))
        .hasMessage("field path api_key.sales_channels.publishable_api_keys.sales_channels goes 3 relations deep;"
            + " the limit is 2 (GraphQuery.Builder.maxDepth)");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").filters(Map.of("sales_channels", "Web")).build()))
        .hasMessageStartingWith("filter on relation api_key.sales_channels must be a filter map on sales_channel");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key")
        .filters(Map.of("sales_chanels", Map.of("name", "Web"))).build()))
        .hasMessageStartingWith("unknown filter 'sales_chanels' at api_key.sales_chanels (did you mean 'sales_channels'?)");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").filters(Map.of("title", Map.of("$regex", "^S")))
        .build()))
        .hasMessageStartingWith("unknown operator '$regex' at filters.title.$regex");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("title")
        .relation("sales_channels", r -> r.limit(1)).build()))
        .hasMessageStartingWith("relation arguments for 'sales_channels', which is not among the fields of api_key");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("sales_channels.*")
        .relation("sales_channels", r -> r.order("metadata", SortDirection.ASC)).build()))
        .hasMessage("cannot order api_key.sales_channels by 'metadata', a json field");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("sales_channels.*")
        .filters(Map.of("id", "apk_1")).relation(".", r -> r.filters(Map.of())).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("relation arguments for '.', which names no relation; name a relation path among the fields of"
            + " api_key, such as 'relation' or 'relation.nested' (relations in the fields: sales_channels)");
    Map<String, Object> deep = Map.of("title", "Storefront");
    for (int i = 0; i < 33; i++) {
      deep = Map.of("$and", List.of(deep));
    }
    Map<String, Object> tooDeep = deep;
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").filters(tooDeep).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageContaining("nests $and / $or more than 32 levels deep; the limit is 32");
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").filters(Map.of("title", "Web\u0000")).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("text 'Web\\0' at filters.title holds the NUL character (U+0000) at index 3, which databases do"
            + " not store; remove it");
  }

  // ---------------------------------------------------------------------------------------------
  // Execution, explain, stats

  @Test
  void execution() {
    Modlink modlink = shop();
    Instant now = Instant.parse("2024-05-01T10:00:00Z");

    Modlink federated = Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .module(BrandModule.DEFINITION)
        .links(ApiKeyModule.links())
        .link(BrandModule.SALES_CHANNEL_LINK)
        .database("sales_channel", DatabaseConfig.of("jdbc:h2:mem:channels", "sa", ""))   // a database of its own
        .build();
    track(federated);
    sampleData(federated);
    GraphQuery q = GraphQuery.entity("api_key")
        .fields("title", "sales_channels.name", "sales_channels.brand.name")
        .build();
    GraphResult oneDatabase = modlink.query().graph(q);      // pushed down: 1 round trip
    GraphResult twoDatabases = federated.query().graph(q);   // hybrid: 4 round trips
    GraphResult fetchByFetch = federated.query().graph(GraphQuery.entity("api_key")
        .fields("title", "sales_channels.name", "sales_channels.brand.name")
        .strategy(Strategy.FEDERATED).build());                // federated: 1 + 2 x 2 hops = 5 round trips
    boolean same = oneDatabase.data().equals(twoDatabases.data())
        && oneDatabase.data().equals(fetchByFetch.data());   // true

    assertThat(oneDatabase.stats().roundTrips()).isEqualTo(1);
    assertThat(oneDatabase.stats().fetches()).singleElement().satisfies(f -> {
      assertThat(f.strategy()).isEqualTo("push-down");
      assertThat(f.source()).isEqualTo("api_key + sales_channel + brand");
      assertThat(f.rows()).isEqualTo(4);
    });
    assertThat(twoDatabases.stats().roundTrips()).isEqualTo(4);
    assertThat(twoDatabases.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("hybrid"));
    assertThat(fetchByFetch.stats().roundTrips()).isEqualTo(5);
    assertThat(fetchByFetch.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("federated"));
    assertThat(same).isTrue();
    assertThatThrownBy(() -> federated.query().graph(GraphQuery.entity("api_key").fields("sales_channels.id")
        .strategy(Strategy.PUSH_DOWN).build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("this query cannot be pushed down: sales_channel is on another database than api_key;"
            + " use Strategy.AUTO or Strategy.FEDERATED");

    // stats
    String statsPrinted = printed(() -> {
      QueryStats stats = fetchByFetch.stats();
      for (QueryStats.Fetch f : stats.fetches()) {
        System.out.println(f.source() + ": " + f.keys() + " keys, " + f.rows() + " rows");
      }
      System.out.println(stats.roundTrips() + " round trips, " + stats.rows() + " rows");
    });
    Guide.assertOutput("stats", statsPrinted);
    assertThat(twoDatabases.stats().elapsed()).isPositive();

    // explain
    String explained = printed(() -> {
      System.out.print(federated.query().explain(q).text());
      System.out.print(modlink.query().explain(q).text());
      QueryPlan plan = federated.query().explain(q);
      String strategy = plan.strategy();                       // hybrid
      int expected = plan.expectedRoundTrips();                // 4
      QueryPlan.PlannedFetch channels = plan.fetches().get(1);
      // source sales_channel, store sales_channel, keys id = any(distinct publishable_api_key_sales_channel.sales_channel_id), waits for 1

      assertThat(strategy).isEqualTo("hybrid");
      assertThat(expected).isEqualTo(4);
      assertThat(channels).isEqualTo(new QueryPlan.PlannedFetch(2, "api_key.sales_channels", "sales_channel",
          "sales_channel", 1, "id = any(distinct publishable_api_key_sales_channel.sales_channel_id)"));
    });
    Guide.assertOutput("explain", explained);
    QueryPlan pushed = modlink.query().explain(q);
    assertThat(pushed.strategy()).isEqualTo("push-down");
    assertThat(pushed.expectedRoundTrips()).isEqualTo(1);
    // the first line says why; a linked filter and a page show in the plan
    assertThat(modlink.query().explain(GraphQuery.entity("sales_channel")
        .fields("brand.name", "publishable_api_keys.title").build()).text())
        .startsWith("graph query on sales_channel: federated (sales_channel has 2 relations; push-down follows one path)\n");
    assertThat(modlink.query().explain(GraphQuery.entity("api_key").fields("sales_channels.name")
        .strategy(Strategy.FEDERATED).build()).text()).startsWith("graph query on api_key: federated (asked for)\n");
    GraphQuery linked = GraphQuery.entity("api_key").fields("title")
        .filters(Map.of("sales_channels", Map.of("name", "Web"))).take(10).build();
    assertThat(modlink.query().explain(linked).text()).isEqualTo("""
        graph query on api_key: push-down
          1. api_key: api_key [api_key] page of api_key with exists(...)
        expected round trips: 1 (+1 to count when the page is empty)
        """);
    QueryPlan linkedFederated = federated.query().explain(linked);
    assertThat(linkedFederated.fetches()).extracting(QueryPlan.PlannedFetch::source)
        .containsExactly("sales_channel", "publishable_api_key_sales_channel", "api_key");
    assertThat(federated.query().graph(linked).stats().roundTrips()).isEqualTo(linkedFederated.expectedRoundTrips());

    // whatever the number of rows
    List<LinkRequest> more = new ArrayList<>();
    federated.sessionFactory("api_key").inTransaction(session -> {
      for (int i = 4; i <= 100; i++) {
        session.persist(new ApiKey("apk_" + i, "Key " + i, ApiKeyType.publishable, "pk_" + i, "pk_" + i + "***",
            "admin", now));
        more.add(LinkRequest.between(LinkKey.of("api_key", "api_key_id", "apk_" + i),
            LinkKey.of("sales_channel", "sales_channel_id", i % 2 == 0 ? "sc_web" : "sc_app")));
      }
    });
    federated.link().create(more);
    int trips = federated.query().graph(q).stats().roundTrips();   // still 4, for 100 keys

    assertThat(trips).isEqualTo(4);
    GraphResult hundred = federated.query().graph(q);
    assertThat(hundred.data()).hasSize(100);
    // the keys joined to their link rows: a row per live link (apk_1 has two), or per key without one (apk_3)
    assertThat(hundred.stats().fetches().get(0).rows()).isEqualTo(101);
    assertThat(hundred.stats().fetches().get(1).keys()).as("keys are de-duplicated").isEqualTo(3);
  }

  /** Every query of the guide gives the same result pushed down (where it can be) and federated. */
  @Test
  void bothStrategiesAgree() {
    Modlink modlink = shop();
    modlink.link().create(List.of(LinkRequest.between(LinkKey.of("api_key", "api_key_id", "apk_3"),
        LinkKey.of("sales_channel", "sales_channel_id", "sc_gone"))), CreateOptions.withoutVerification());
    List<GraphQuery.Builder> queries = List.of(
        GraphQuery.entity("api_key").fields("sales_channels.*"),
        GraphQuery.entity("api_keys").fields("title", "sales_channels.name")
            .filters(Map.of("sales_channels", Map.of("name", "Web"))).order("created_at", SortDirection.DESC).take(1),
        GraphQuery.entity("api_key").fields("title", "sales_channels.name", "sales_channels.brand.name"),
        GraphQuery.entity("sales_channel").fields("name", "brand.name"),
        GraphQuery.entity("api_key").fields("title", "sales_channels.name")
            .filters(Map.of("sales_channels", Map.of("name", "POS"))),
        GraphQuery.entity("api_key").fields("title").filters(Map.of("title", Map.of("$ne", "Storefront"),
            "sales_channels", Map.of("brand", Map.of("name", "Acme")))),
        GraphQuery.entity("api_key").fields("title", "sales_channels.name").relation("sales_channels",
            r -> r.filters(Map.of("is_disabled", false)).order("name", SortDirection.DESC).limit(1)),
        GraphQuery.entity("api_key").fields("title").order("title", SortDirection.ASC).skip(1).take(1),
        GraphQuery.entity("publishable_api_key_sales_channel").fields("sales_channel.name"));
    for (GraphQuery.Builder b : queries) {
      GraphResult auto = modlink.query().graph(b.strategy(Strategy.AUTO).build());
      GraphResult federated = modlink.query().graph(b.strategy(Strategy.FEDERATED).build());
      assertThat(auto.stats().fetches()).singleElement().satisfies(f -> assertThat(f.strategy()).isEqualTo("push-down"));
      assertThat(auto.data()).as(b.build().toString()).isEqualTo(federated.data());
      assertThat(auto.metadata()).isEqualTo(federated.metadata());
      assertThat(auto.warnings()).isEqualTo(federated.warnings());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Results

  @Test
  void results() {
    Modlink modlink = shop();
    Query query = modlink.query();

    record ChannelView(String id, String name) {}
    record KeyView(String id, String title, @JsonProperty("sales_channels") List<ChannelView> salesChannels) {}

    List<KeyView> keys = query.graph(GraphQuery.entity("api_key")
        .fields("title", "sales_channels.name")
        .build()).as(KeyView.class);
    // [KeyView[id=apk_1, title=Storefront, salesChannels=[ChannelView[id=sc_pos, name=POS], ChannelView[id=sc_web, name=Web]]], ...]

    assertThat(keys).containsExactly(
        new KeyView("apk_1", "Storefront", List.of(new ChannelView("sc_pos", "POS"), new ChannelView("sc_web", "Web"))),
        new KeyView("apk_2", "Mobile app", List.of(new ChannelView("sc_web", "Web"))),
        new KeyView("apk_3", "Kiosk", List.of()));

    record Wrong(int title) {}
    assertThatThrownBy(() -> query.graph(GraphQuery.entity("api_key").fields("title").build()).as(Wrong.class))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith("rows cannot be read as ");

    // federated, a record reached from several parents is one shared ObjectNode
    ArrayNode data = query.graph(GraphQuery.entity("api_key").fields("sales_channels.name")
        .strategy(Strategy.FEDERATED).build()).data();
    assertThat(data.get(0).get("sales_channels").get(1)).isSameAs(data.get(1).get("sales_channels").get(0));
    ArrayNode copy = data.deepCopy();
    assertThat(copy.get(0).get("sales_channels").get(1)).isNotSameAs(copy.get(1).get("sales_channels").get(0));
  }


  // ---------------------------------------------------------------------------------------------
  // The guide and the code agree

  @Test
  void docsMatchTheCode() throws IOException {
    Path root = Guide.root();
    String guide = Files.readString(root.resolve(GUIDE));
    String testSource = Files.readString(root.resolve(TEST_SOURCE));
    List<String> lines = guide.lines().toList();
    List<String> failures = new ArrayList<>();
    int snippets = 0;
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
        Matcher method = Pattern.compile("QueryDocsExamplesTest\\.(\\w+)").matcher(marker);
        if (!method.find()) {
          failures.add(GUIDE + ":" + at + ": a Java snippet must be followed by a line naming the method that runs"
              + " it, e.g. 'Run by QueryDocsExamplesTest.fields'");
        } else if (!isRun(method.group(1), testSource)) {
          failures.add(GUIDE + ":" + at + ": QueryDocsExamplesTest has no @Test method " + method.group(1)
              + ", nor a helper of that name that tests call");
        } else if (!DocsExamplesTest.Snippets.contains(methodBody(testSource, method.group(1)), block)) {
          failures.add(GUIDE + ":" + at + ": snippet not found line for line in QueryDocsExamplesTest."
              + method.group(1) + ":\n" + String.join("\n", block));
        }
      } else if (language.equals("text")) {
        String marker = i > 0 ? lines.get(i - 1) : "";
        Matcher output = Pattern.compile("<!-- output: ([\\w-]+) -->").matcher(marker);
        if (!output.find()) {
          failures.add(GUIDE + ":" + at + ": an output block must follow a line <!-- output: name -->");
        } else if (!testSource.contains("Guide.assertOutput(\"" + output.group(1) + "\"")) {
          failures.add(GUIDE + ":" + at + ": no test compares output '" + output.group(1) + "'");
        }
      } else {
        failures.add(GUIDE + ":" + at + ": code block of language '" + language + "'; use java (run by a test) or"
            + " text (an output a test compares)");
      }
      i = end;
    }
    assertThat(snippets).as("Java snippets in " + GUIDE).isGreaterThan(10);
    assertThat(failures).isEmpty();
  }

  /** A @Test method, or a helper that the tests call. */
  private static boolean isRun(String name, String source) {
    List<Method> methods = Arrays.stream(QueryDocsExamplesTest.class.getDeclaredMethods())
        .filter(m -> m.getName().equals(name)).toList();
    if (methods.stream().anyMatch(m -> m.isAnnotationPresent(Test.class))) {
      return true;
    }
    return !methods.isEmpty() && source.split(Pattern.quote(name + "("), -1).length > 2;
  }


  /** The guide, read from the source tree. */
  static final class Guide {
    private Guide() {}

    /** The repository root: the first directory up from the working directory that has the guide. */
    static Path root() {
      return DocPages.root();
    }

    /**
     * Asserts that {@code actual} is the text of the block that follows {@code <!-- output: name -->}
     * in the guide. Run with {@code -Dmodlink.docs.update=true} to rewrite the block after an
     * intended change, then review the diff.
     */
    static void assertOutput(String name, String actual) {
      DocPages.assertOutput(GUIDE, name, actual);
    }
  }
}
