package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.isTest;
import static io.modlink.examples.DocPages.methodBody;
import static io.modlink.examples.DocPages.printed;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.ConfigurationException;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.DuplicateException;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ProblemId;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.ColumnType;
import io.modlink.core.link.ExtraColumn;
import io.modlink.core.link.InactiveLink;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkNaming;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.LinkSide;
import io.modlink.core.link.Relation;
import io.modlink.core.link.ResolvedLink;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SortDirection;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.query.Query;
import io.modlink.examples.brand.Brand;
import io.modlink.examples.catalog.CatalogItem;
import io.modlink.examples.catalog.CatalogModule;
import io.modlink.examples.catalog.ExternalCatalog;
import io.modlink.examples.brand.BrandModule;
import io.modlink.examples.brand.BrandService;
import io.modlink.core.entity.Changes;
import io.modlink.core.entity.EntityService;
import io.modlink.core.entity.FieldRules;
import io.modlink.core.spi.ListQuery;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannelRecord;
import io.modlink.saleschannel.SalesChannelService;
import io.modlink.saleschannel.SalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every Java snippet of {@code docs/modules-and-links.md} and checks its results; the doc
 * names, under each snippet, the test method that runs it. {@link #docsMatchTheCode()} keeps the
 * two in step: each snippet of the page must appear, line for line, in the method it names (or in
 * the example source it links to), and each output block of the page must equal what the code
 * prints.
 */
class DocsExamplesTest {
  private static final String GUIDE = "docs/modules-and-links.md";
  private static final String TEST_SOURCE = "examples/src/test/java/io/modlink/examples/DocsExamplesTest.java";

  private final List<Modlink> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Modlink::close);
  }

  private Modlink track(Modlink modlink) {
    opened.add(modlink);
    return modlink;
  }

  // ---------------------------------------------------------------------------------------------
  // Worked example

  @Test
  void workedExample() {
    String printed = printed(() -> {
      Injector injector = Guice.createInjector(
          ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule(), new BrandModule());
      Modlink modlink = injector.getInstance(Modlink.class);    // close it when the application stops
      LinkRegistry registry = modlink.registry();
      Relation channels = registry.relation("brand", "sales_channels").orElseThrow();   // a list
      Relation brand = registry.relation("sales_channel", "brand").orElseThrow();       // one object
      System.out.print(registry.describe());
      track(modlink);

      assertThat(channels.isList()).isTrue();
      assertThat(channels.target().name()).isEqualTo("sales_channel");
      assertThat(channels.link().table()).contains("brand_brand_sales_channel_sales_channel");
      assertThat(brand.isList()).isFalse();
      assertThat(brand.target().name()).isEqualTo("brand");
      assertThat(brand.link()).isSameAs(channels.link());
      assertThat(registry.relation("sales_channel", "brands")).isEmpty();
    });
    Guide.assertOutput("worked-example", printed);
  }

  @Test
  void moduleInFiveMinutes() {
    String printed = printed(() -> {
      Injector injector = Guice.createInjector(
          ModlinkModule.embedded(), new SalesChannelModule(), new BrandModule());
      Modlink modlink = injector.getInstance(Modlink.class);
      BrandService brands = injector.getInstance(BrandService.class);
      SalesChannelService channels = injector.getInstance(SalesChannelService.class);

      Brand acme = brands.create(new Brand("Acme", "acme"));        // brand_01J..., created_at, updated_at
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web"));
      modlink.link().create(Map.of(
          "brand", Map.of("brand_id", acme.getId()),
          "sales_channel", Map.of("sales_channel_id", web.id())));
      brands.update(acme.getId(), Changes.of(Map.of("name", "Acme Inc.")));   // or modify(id, brand -> ...)
      List<Brand> found = brands.list(ListQuery.builder().q("ACME").build());   // name or handle
      System.out.println(found.get(0).getName() + ", " + found.get(0).getId());

      GraphQuery withChannels = GraphQuery.entity("brand").fields("name", "sales_channels.name").build();
      System.out.println(modlink.query().graph(withChannels).data());
      brands.softDelete(List.of(acme.getId()));                      // its link to Web is dismissed
      GraphQuery channelBrands = GraphQuery.entity("sales_channel").fields("name", "brand.name").build();
      System.out.println(modlink.query().graph(channelBrands).data());
      brands.restore(List.of(acme.getId()));                         // and comes back
      System.out.println(modlink.query().graph(channelBrands).data());
      try {
        brands.create(List.of(new Brand("Apex", "apex"), new Brand(" ", "Apex Two")));
      } catch (InvalidDataException e) {
        System.out.println(e.getMessage());                          // nothing was created
      }
      track(modlink);

      assertThat(acme.getId()).matches("brand_[0-9A-Z]{26}");
      assertThat(acme.getCreatedAt()).isEqualTo(acme.getUpdatedAt());
      assertThat(brands.list(ListQuery.all())).extracting(Brand::getName).containsExactly("Acme Inc.");
      assertThat(brands.retrieve(acme.getId()).getDeletedAt()).isNull();
    });
    Guide.assertOutput("five-minutes", printed, text -> text.replaceAll("\\b([a-z]+)_[0-9A-Z]{26}\\b", "$1_01..."));
  }

  @Test
  void generatedServices() {
    Modlink modlink = track(Modlink.builder().module(BrandModule.DEFINITION).build());
    String printed = printed(() -> {
      EntityService<Brand, Brand> brands = EntityService.builder(modlink, Brand.class)
          .rules((brand, where) -> {                                     // beyond the annotations
            if (brand.getHandle().equals("admin")) {
              throw new InvalidDataException(where + ": handle 'admin' is reserved; choose another");
            }
          })
          .build();
      for (List<Brand> batch : List.of(
          List.of(new Brand("Acme", "acme"), new Brand("Admin", "admin")),
          List.of(new Brand("Acme", "Acme Inc")),
          List.of(new Brand("x".repeat(300), "acme")))) {
        try {
          brands.create(batch);
        } catch (InvalidDataException e) {
          System.out.println(e.getMessage());
        }
      }
      Brand acme = brands.create(new Brand("Acme", "acme"));
      try {
        brands.modify("rename", List.of(acme.getId(), "brand_404"), found -> found.get(0).setName("Acme Inc."));
      } catch (NotFoundException e) {
        System.out.println(e.getMessage());
      }
      try {
        brands.create(new Brand("Acme Two", "acme"));                  // handle is unique = true
      } catch (DuplicateException e) {
        System.out.println(e.getMessage());
      }
      try {
        FieldRules.check("brand draft", new Brand("Apex", "APEX"));     // any annotated object
      } catch (InvalidDataException e) {
        System.out.println(e.getMessage());
      }
      assertThat(brands.list(ListQuery.all())).extracting(Brand::getName).containsExactly("Acme");
    });
    Guide.assertOutput("generated-services", printed);
  }

  @Test
  void entityModel() {
    Modlink modlink = track(Modlink.builder().module(BrandModule.DEFINITION).build());
    LinkRegistry registry = modlink.registry();
    EntityModel brand = registry.entity("brands").orElseThrow();   // by name or plural alias
    String name = brand.name();                                    // brand
    String table = brand.table();                                  // brand
    List<String> keys = brand.linkableKeyNames();                  // [brand_id]
    FieldType createdAt = brand.field("created_at").orElseThrow().type();  // DATETIME
    boolean softDeletable = brand.isSoftDeletable();               // true: it has deleted_at

    assertThat(name).isEqualTo("brand");
    assertThat(brand.pluralName()).isEqualTo("brands");
    assertThat(table).isEqualTo("brand");
    assertThat(brand.primaryKey().name()).isEqualTo("id");
    assertThat(keys).containsExactly("brand_id");
    assertThat(createdAt).isEqualTo(FieldType.DATETIME);
    assertThat(softDeletable).isTrue();
    assertThat(brand.fieldNames()).containsExactly(
        "id", "name", "handle", "default_sales_channel_id", "created_at", "updated_at", "deleted_at");
    assertThat(brand.field("default_sales_channel_id").orElseThrow().column()).isEqualTo("default_sales_channel_id");
    assertThat(brand.field("default_sales_channel_id").orElseThrow().attribute()).isEqualTo("defaultSalesChannelId");
    assertThat(brand.javaType()).contains(Brand.class);
  }

  @Test
  void extraLinkableKey() {
    ModuleDefinition brands = ModuleDefinition.builder("brand")
        .entity(Brand.class)
        .linkableKey(Brand.class, "brand_handle", "handle")   // other modules may link by handle
        .build();
    Modlink modlink = Modlink.builder().module(brands).build();
    EntityModel brand = modlink.registry().entity("brand").orElseThrow();
    List<String> keys = brand.linkableKeyNames();             // [brand_id, brand_handle]
    track(modlink);

    assertThat(keys).containsExactly("brand_id", "brand_handle");
    assertThat(brand.linkableKey("brand_handle").orElseThrow().field()).isEqualTo("handle");

    modlink.sessionFactory("brand").inTransaction(session ->
        session.persist(new Brand("brand_1", "Acme", "acme", Instant.parse("2024-05-01T10:00:00Z"))));
    AffectedKeys deleted = modlink.store("brand").softDelete(List.of("brand_1"));
    assertThat(deleted.byLinkableKey()).isEqualTo(Map.of("brand_id", List.of("brand_1"), "brand_handle", List.of("acme")));
  }

  // ---------------------------------------------------------------------------------------------
  // Entity stores

  @Test
  void entityStore() {
    Modlink modlink = track(Modlink.builder().module(BrandModule.DEFINITION).build());

    modlink.sessionFactory("brand").inTransaction(session -> {
      session.persist(new Brand("brand_1", "Acme", "acme", Instant.parse("2024-05-01T10:00:00Z")));
      Brand apex = new Brand("brand_2", "Apex", "apex", Instant.parse("2024-06-15T09:30:00Z"));
      apex.setDefaultSalesChannelId("sc_web");
      session.persist(apex);
      session.persist(new Brand("brand_3", "Zenith", "zenith", Instant.parse("2024-07-01T00:00:00Z")));
    });

    EntityStore brands = modlink.store("brand");
    ReadResult page = brands.read(ReadRequest.builder()
        .filter("name", Map.of("$ilike", "a%"))
        .fields("name", "handle")
        .orderBy("name", SortDirection.DESC)
        .take(1)
        .withCount()
        .build());
    List<String> rows = page.rows().stream().map(Object::toString).toList();
    // [{"id":"brand_2","name":"Apex","handle":"apex"}]
    OptionalLong total = page.count();                        // 2: both A-brands, ignoring take(1)

    assertThat(rows).containsExactly("{\"id\":\"brand_2\",\"name\":\"Apex\",\"handle\":\"apex\"}");
    assertThat(total).hasValue(2);

    // filter shapes
    ReadRequest request = ReadRequest.builder()
        .filter("$or", List.of(
            Map.of("handle", List.of("acme", "zenith")),                  // a list: $in
            Map.of("created_at", Map.of("$gte", "2024-06-01T00:00:00Z"))))
        .filter("default_sales_channel_id", null)                         // null: IS NULL
        .fields("handle")
        .build();
    List<String> handles = brands.read(request).rows().stream()
        .map(row -> row.get("handle").asText()).toList();     // [acme, zenith]

    assertThat(handles).containsExactly("acme", "zenith");
    assertThat(handlesWhere(brands, Map.of("name", Map.of("$ne", "Acme")))).containsExactly("apex", "zenith");
    assertThat(handlesWhere(brands, Map.of("default_sales_channel_id", Map.of("$ne", "sc_web"))))
        .containsExactly("acme", "zenith");   // $ne keeps nulls
    assertThat(handlesWhere(brands, Map.of("name", Map.of("$gt", "Acme", "$lt", "Zenith")))).containsExactly("apex");
    assertThat(handlesWhere(brands, Map.of("default_sales_channel_id", Map.of("$exists", false))))
        .containsExactly("acme", "zenith");
    assertThat(handlesWhere(brands, Map.of("name", Map.of("$nin", List.of("Acme", "Apex"))))).containsExactly("zenith");
    assertThat(handlesWhere(brands, Map.of("name", Map.of("$like", "A%")))).containsExactly("acme", "apex");
    assertThat(handlesWhere(brands, Map.of("name", Map.of("$like", "a%")))).isEmpty();
    assertThat(handlesWhere(brands, Map.of("created_at", Map.of("$gt", "2024-06-15T09:30:00Z")))).containsExactly("zenith");
    assertThat(handlesWhere(brands, Map.of("created_at", Map.of("$lt", "2024-06-15")))).containsExactly("acme");
    assertThat(handlesWhere(brands, Map.of("created_at", Map.of("$lte", Instant.parse("2024-06-15T09:30:00Z")))))
        .containsExactly("acme", "apex");
    assertThat(handlesWhere(brands, Map.of("default_sales_channel_id", Map.of("$exists", true)))).containsExactly("apex");
    assertThat(handlesWhere(brands, Map.of("default_sales_channel_id", Map.of("$eq", "sc_web")))).containsExactly("apex");
    assertThat(handlesWhere(brands, Map.of("$and", List.of(Map.of("name", Map.of("$gte", "B")),
        Map.of("handle", Map.of("$in", List.of("zenith"))))))).containsExactly("zenith");

    // errors
    String printed = printed(() -> {
      List<ReadRequest> bad = List.of(
          ReadRequest.builder().filter("$or", List.of(Map.of("nme", "Acme"))).build(),
          ReadRequest.builder().filter("handle", Map.of("$regex", "^a")).build(),
          ReadRequest.builder().filter("created_at", Map.of("$gt", "last week")).build(),
          ReadRequest.builder().filter("name", Map.of("$gt", List.of("A"))).build(),
          ReadRequest.builder().orderBy("nmae", SortDirection.ASC).build());
      for (ReadRequest r : bad) {
        try {
          brands.read(r);
        } catch (InvalidDataException e) {
          System.out.println(e.type() + ": " + e.getMessage());
        }
      }
    });
    Guide.assertOutput("filter-errors", printed);

    // soft delete and restore
    AffectedKeys deleted = brands.softDelete(List.of("brand_1", "brand_404"));
    // deleted.ids() = [brand_1]; brand_404 does not exist and is left out
    // deleted.byLinkableKey() = {brand_id=[brand_1]}: what the links addressing brands must follow
    long live = brands.read(ReadRequest.builder().withCount().take(0).build()).count().orElseThrow();  // 2
    long all = brands.read(ReadRequest.builder().withDeleted().withCount().take(0).build()).count().orElseThrow();  // 3
    AffectedKeys restored = brands.restore(List.of("brand_1", "brand_2"));   // ids = [brand_1]

    assertThat(deleted.ids()).containsExactly("brand_1");
    assertThat(deleted.byLinkableKey()).isEqualTo(Map.of("brand_id", List.of("brand_1")));
    assertThat(live).isEqualTo(2);
    assertThat(all).isEqualTo(3);
    assertThat(restored.ids()).containsExactly("brand_1");
    assertThat(brands.softDelete(List.of("brand_404")).isEmpty()).isTrue();
    assertThat(brands.read(ReadRequest.all()).rows()).hasSize(3);
  }

  private static List<String> handlesWhere(EntityStore store, Map<String, ?> filters) {
    return store.read(ReadRequest.builder().filters(filters).fields("handle").build()).rows().stream()
        .map(row -> row.get("handle").asText()).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Links

  @Test
  void linkOptions() {
    LinkDefinition featured = LinkDefinition
        .between(
            LinkSide.of("brand", "brand").alias("featured_brands").list(),
            LinkSide.of("sales_channel", "sales_channel").alias("featured_channels").list())
        .table("brand_featured_channel")
        .idPrefix("bfc")
        .extraColumn(ExtraColumn.of("position", ColumnType.INTEGER).notNull().defaultValue(0))
        .build();
    LinkDefinition defaultChannel = LinkDefinition
        .between(
            LinkSide.of("brand", "brand"),
            LinkSide.of("sales_channel", "sales_channel").alias("default_sales_channel"))
        .readOnly()
        .field("default_sales_channel_id")
        .build();

    Modlink modlink = Modlink.builder()
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .link(BrandModule.SALES_CHANNEL_LINK)
        .link(featured)
        .link(defaultChannel)
        .build();
    track(modlink);
    LinkRegistry registry = modlink.registry();

    assertThat(registry.linksBetween("brand", "sales_channel")).hasSize(3);
    ResolvedLink featuredLink = registry.entryPoint("brand_featured_channel").orElseThrow();
    assertThat(featuredLink.definition()).isSameAs(featured);
    assertThat(featuredLink.idPrefix()).contains("bfc");
    assertThat(featuredLink.left().column()).isEqualTo("brand_id");
    assertThat(featuredLink.right().column()).isEqualTo("sales_channel_id");
    assertThat(featuredLink.extraColumns()).extracting(ExtraColumn::name).containsExactly("position");
    Relation defaultRelation = registry.relation("brand", "default_sales_channel").orElseThrow();
    assertThat(defaultRelation.isList()).isFalse();
    assertThat(defaultRelation.link().isReadOnly()).isTrue();
    assertThat(defaultRelation.link().table()).isEmpty();
    assertThat(defaultRelation.from().column()).isEqualTo("default_sales_channel_id");
    assertThat(registry.relations("sales_channel")).extracting(Relation::alias)
        .containsExactly("brand", "featured_brands");   // a read-only link has no way back
    Guide.assertOutput("link-options", registry.describe());
  }

  @Test
  void linkOptionsAreCheckedWhenDeclared() {
    LinkDefinition.Builder builder = LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_channel", "sales_channel")).table("a");
    assertThatThrownBy(() -> builder.table("b")).isInstanceOf(IllegalStateException.class)
        .hasMessage("table was already set to a");
    assertThatThrownBy(() -> ExtraColumn.of("position", ColumnType.INTEGER).defaultValue("first"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namingRules() {
    String table = LinkNaming.tableName("brand", "brand_id", "sales_channel", "sales_channel_id");
    // brand_brand_sales_channel_sales_channel
    String longTable = LinkNaming.tableName(
        "marketplace_vendor", "marketplace_vendor_id", "marketplace_payout", "marketplace_payout_account_id");
    // mark_vend_mark_vend_mark_payo_mark_payo_acco8f18379e: segments cut to 4 characters, a hash appended
    String alias = LinkNaming.alias("sales_channel", true);         // sales_channels
    String single = LinkNaming.alias("brand", false);               // brand
    String prefix = LinkNaming.idPrefix("brand", "sales_channel");  // bsc

    assertThat(table).isEqualTo("brand_brand_sales_channel_sales_channel");
    assertThat(longTable).isEqualTo("mark_vend_mark_vend_mark_payo_mark_payo_acco8f18379e").hasSizeLessThanOrEqualTo(58);
    assertThat(alias).isEqualTo("sales_channels");
    assertThat(single).isEqualTo("brand");
    assertThat(prefix).isEqualTo("bsc");
    assertThat(LinkNaming.compress("product_product_variant_price_set", 58)).isEqualTo("product_product_variant_price_set");
    assertThat(LinkNaming.idPrefix("api_key", "sales_channel")).isEqualTo("aksc");
    assertThat(LinkNaming.alias("category", true)).isEqualTo("categories");
    assertThat(LinkNaming.alias("address", true)).isEqualTo("addresses");
  }

  // ---------------------------------------------------------------------------------------------
  // The registry

  @Test
  void configurationErrors() {
    LinkDefinition typo = LinkDefinition
        .between(
            LinkSide.of("brand", "brand").key("brand_handle"),
            LinkSide.of("sales_chanel", "sales_channel").list())
        .build();
    LinkDefinition twice = LinkDefinition
        .between(LinkSide.of("brand", "brand"), LinkSide.of("sales_channel", "sales_channel").list())
        .table("brand_channel")
        .build();
    Modlink.Builder builder = Modlink.builder()
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .link(BrandModule.SALES_CHANNEL_LINK)
        .link(typo)
        .link(twice);
    try {
      builder.build();
    } catch (ConfigurationException e) {
      List<ProblemId> ids = e.problems().stream().map(ConfigurationProblem::id).toList();
      // [UNKNOWN_MODULE, UNKNOWN_LINKABLE_KEY, ALIAS_CONFLICT, ALIAS_CONFLICT]
      String message = e.getMessage();   // shown below

      assertThat(ids).containsExactly(ProblemId.UNKNOWN_MODULE, ProblemId.UNKNOWN_LINKABLE_KEY,
          ProblemId.ALIAS_CONFLICT, ProblemId.ALIAS_CONFLICT);
      assertThat(e.type()).isEqualTo(ErrorType.INVALID_DATA);
      Guide.assertOutput("configuration-errors", message);
      return;
    }
    throw new AssertionError("the configuration was accepted");
  }

  @Test
  void configurationErrorsUnderGuice() {
    AbstractModule misspelt = new AbstractModule() {
      @Override
      protected void configure() {
        ModlinkBinder.of(binder()).link(LinkDefinition
            .between(LinkSide.of("brand", "brand"), LinkSide.of("sales_chanel", "sales_channel").list())
            .build());
      }
    };
    try {
      Guice.createInjector(ModlinkModule.embedded(), new BrandModule(), new SalesChannelModule(), misspelt);
    } catch (CreationException e) {
      ConfigurationException problems = (ConfigurationException) e.getCause();

      assertThat(problems.problems()).extracting(ConfigurationProblem::id).containsExactly(ProblemId.UNKNOWN_MODULE);
      assertThat(problems.problems().get(0).message()).contains("(did you mean 'sales_channel'?)");
      return;
    }
    throw new AssertionError("the injector was created");
  }

  @Test
  void inactiveLink() {
    List<Modlink> built = new ArrayList<>();
    List<List<InactiveLink>> found = new ArrayList<>();
    String printed = printed(() -> {
      Injector injector = Guice.createInjector(ModlinkModule.embedded(), new BrandModule());
      Modlink modlink = injector.getInstance(Modlink.class);
      List<InactiveLink> inactive = modlink.registry().inactiveLinks();
      // one: brand.brand <-> sales_channel.sales_channel, "module 'sales_channel' is not installed"
      System.out.print(modlink.registry().describe());
      built.add(track(modlink));
      found.add(inactive);
    });
    Modlink modlink = built.get(0);
    List<InactiveLink> inactive = found.get(0);
    assertThat(printed).isEqualTo(modlink.registry().describe());

    assertThat(inactive).hasSize(1);
    assertThat(inactive.get(0).definition()).isSameAs(BrandModule.SALES_CHANNEL_LINK);
    assertThat(inactive.get(0).reason()).isEqualTo("module 'sales_channel' is not installed");
    assertThat(modlink.registry().links()).isEmpty();
    assertThat(modlink.registry().relations("brand")).isEmpty();
    Guide.assertOutput("inactive-link", modlink.registry().describe());
  }

  @Test
  void applicationLinks() {
    AbstractModule application = new AbstractModule() {
      @Override
      protected void configure() {
        ModlinkBinder.of(binder()).link(LinkDefinition
            .between(LinkSide.of("api_key", "api_key"), LinkSide.of("brand", "brand").list())
            .build());
      }
    };
    Injector injector = Guice.createInjector(ModlinkModule.embedded(),
        new ApiKeyModule(), new SalesChannelModule(), new BrandModule(), application);
    LinkRegistry registry = injector.getInstance(LinkRegistry.class);
    Relation brands = registry.relation("api_key", "brands").orElseThrow();   // api_key.brands -> [brand]
    track(injector.getInstance(Modlink.class));

    assertThat(brands.isList()).isTrue();
    assertThat(brands.target().name()).isEqualTo("brand");
    assertThat(brands.link().table()).contains("api_key_api_key_brand_brand");
    assertThat(registry.relation("brand", "api_key")).isPresent();

    // without the brand module, the application's link is an error, not an inactive link
    CreationException e = catchThrowableOfType(CreationException.class, () ->
        Guice.createInjector(ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule(), application));
    ConfigurationException problems = (ConfigurationException) e.getCause();
    assertThat(problems.problems()).extracting(ConfigurationProblem::id).containsExactly(ProblemId.UNKNOWN_MODULE);
    assertThat(problems.problems().get(0).message()).isEqualTo("unknown module 'brand'; installed: api_key, sales_channel");
    assertThat(problems.problems().get(0).source())
        .isEqualTo("link api_key.api_key <-> brand.brand, declared by the application");
  }

  @Test
  void registryLookups() {
    Injector injector = Guice.createInjector(
        ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule(), new BrandModule());
    LinkRegistry registry = injector.getInstance(LinkRegistry.class);
    track(injector.getInstance(Modlink.class));

    List<String> aliases = registry.relations("sales_channels").stream()
        .map(Relation::alias).toList();                        // [publishable_api_keys, brand]
    List<ResolvedLink> links = registry.linksOf("sales_channel");           // both links
    ResolvedLink link = registry.entryPoint("brand_sales_channel").orElseThrow();
    String table = link.table().orElseThrow();                 // brand_brand_sales_channel_sales_channel
    String prefix = link.idPrefix().orElseThrow();             // bsc
    List<String> names = registry.entryPointNames();
    // [api_key, api_keys, sales_channel, sales_channels, brand, brands,
    //  publishable_api_key_sales_channel, brand_sales_channel]

    assertThat(aliases).containsExactly("publishable_api_keys", "brand");
    assertThat(links).hasSize(2);
    assertThat(table).isEqualTo("brand_brand_sales_channel_sales_channel");
    assertThat(prefix).isEqualTo("bsc");
    assertThat(names).containsExactly("api_key", "api_keys", "sales_channel", "sales_channels", "brand", "brands",
        "publishable_api_key_sales_channel", "brand_sales_channel");
    assertThat(link.left().key().name()).isEqualTo("brand_id");
    assertThat(link.right().isList()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // Composition

  @Test
  void jdbcComposition() {
    Injector injector = Guice.createInjector(
        ModlinkModule.jdbc("jdbc:h2:mem:shop", "sa", "")
            .withSchema(SchemaAction.CREATE)
            .withModuleDatabase("brand", DatabaseConfig.of("jdbc:h2:mem:brands", "sa", "")),
        new SalesChannelModule(), new BrandModule());
    Modlink modlink = injector.getInstance(Modlink.class);
    track(modlink);

    assertThat(modlink.dataSource("brand")).isNotSameAs(modlink.dataSource("sales_channel"));
    assertThat(modlink.linkDatabase().jdbcUrl()).isEqualTo("jdbc:h2:mem:shop");
    modlink.sessionFactory("brand").inTransaction(session ->
        session.persist(new Brand("brand_1", "Acme", "acme", Instant.parse("2024-05-01T10:00:00Z"))));
    modlink.sessionFactory("sales_channel").inTransaction(session ->
        session.persist(new SalesChannel("sc_web", "Web", null, Instant.parse("2024-05-01T10:00:00Z"))));
    assertThat(modlink.store("brand").read(ReadRequest.all()).rows()).hasSize(1);
    assertThat(modlink.store("sales_channel").read(ReadRequest.all()).rows()).hasSize(1);
    assertThat(tables(modlink, "brand")).contains("BRAND").doesNotContain("SALES_CHANNEL");
    assertThat(tables(modlink, "sales_channel")).contains("SALES_CHANNEL").doesNotContain("BRAND");
  }

  private static List<String> tables(Modlink modlink, String module) {
    try (var connection = modlink.dataSource(module).getConnection();
        var rs = connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
      return names;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void plainJavaComposition() {
    try (Modlink modlink = Modlink.builder()
        .module(BrandModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .link(BrandModule.SALES_CHANNEL_LINK)
        .build()) {                                            // embedded H2, tables created
      LinkRegistry registry = modlink.registry();
      EntityStore brands = modlink.store("brands");

      assertThat(registry.relation("brand", "sales_channels")).isPresent();
      assertThat(brands.model().name()).isEqualTo("brand");
      assertThat(brands.read(ReadRequest.all()).rows()).isEmpty();
    }
  }


  // ---------------------------------------------------------------------------------------------
  // Decorating stores; a module backed by an external system

  @Test
  void decoratingStores() {
    String printed = printed(() -> {
      List<String> trace = new CopyOnWriteArrayList<>();
      Modlink modlink = Modlink.builder()
          .module(BrandModule.DEFINITION)
          .module(SalesChannelModule.DEFINITION)
          .link(BrandModule.SALES_CHANNEL_LINK)
          .decorateStores(store -> new TracingStore(store, trace::add))
          .decorateLinkStores(store -> new TracingStore(store, trace::add))
          .build();
      track(modlink);
      Instant now = Instant.parse("2024-05-01T10:00:00Z");
      modlink.sessionFactory("brand").inTransaction(session -> {
        session.persist(new Brand("brand_1", "Acme", "acme", now));
        session.persist(new Brand("brand_2", "Apex", "apex", now));
      });
      modlink.sessionFactory("sales_channel").inTransaction(session -> {
        session.persist(new SalesChannel("sc_web", "Web", null, now));
        session.persist(new SalesChannel("sc_pos", "POS", null, now));
        session.persist(new SalesChannel("sc_app", "App", null, now));
      });
      modlink.link().create(List.of(brandChannel("brand_1", "sc_web"), brandChannel("brand_1", "sc_pos"),
          brandChannel("brand_2", "sc_app")));
      assertThat(trace).as("link.create verified both sides through the stores")
          .containsExactly("brand: read {id={$in=[brand_1, brand_2]}} -> 2 rows",
              "sales_channel: read {id={$in=[sc_web, sc_pos, sc_app]}} -> 3 rows");
      trace.clear();
      modlink.query().graph(GraphQuery.entity("brand").fields("name", "sales_channels.name").build());
      trace.forEach(System.out::println);

      assertThat(trace).hasSize(3);
      assertThat(modlink.query().explain(GraphQuery.entity("brand").fields("name").build()).strategy())
          .isEqualTo("federated");
    });
    Guide.assertOutput("decorated-reads", printed);
  }

  private static LinkRequest brandChannel(String brand, String channel) {
    return LinkRequest.between(LinkKey.of("brand", "brand_id", brand),
        LinkKey.of("sales_channel", "sales_channel_id", channel));
  }

  @Test
  void externalSystem() {
    String printed = printed(() -> {
      ExternalCatalog catalog = new ExternalCatalog();
      catalog.put(
          new CatalogItem("item_1", "MUG-01", "Mug", new BigDecimal("12.00"), true, Instant.parse("2024-05-01T10:00:00Z")),
          new CatalogItem("item_2", "LAMP-01", "Lamp", new BigDecimal("45.00"), true, Instant.parse("2024-05-02T10:00:00Z")),
          new CatalogItem("item_3", "VASE-01", "Vase", new BigDecimal("30.00"), false, Instant.parse("2024-05-03T10:00:00Z")));
      Injector injector = Guice.createInjector(
          ModlinkModule.embedded(), new SalesChannelModule(), new CatalogModule(catalog));
      Modlink modlink = injector.getInstance(Modlink.class);
      track(modlink);
      modlink.sessionFactory("sales_channel").inTransaction(session -> {
        session.persist(new SalesChannel("sc_web", "Web", null, Instant.parse("2024-05-01T00:00:00Z")));
        session.persist(new SalesChannel("sc_pos", "POS", null, Instant.parse("2024-05-01T00:00:00Z")));
      });
      int calls = catalog.calls();
      modlink.link().create(List.of(
          LinkRequest.between(LinkKey.of("catalog", "catalog_item_id", "item_1"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web")),
          LinkRequest.between(LinkKey.of("catalog", "catalog_item_id", "item_2"), LinkKey.of("sales_channel", "sales_channel_id", "sc_web")),
          LinkRequest.between(LinkKey.of("catalog", "catalog_item_id", "item_2"), LinkKey.of("sales_channel", "sales_channel_id", "sc_pos")),
          LinkRequest.between(LinkKey.of("catalog", "catalog_item_id", "item_3"), LinkKey.of("sales_channel", "sales_channel_id", "sc_pos"))));
      try {
        modlink.link().create(List.of(LinkRequest.between(LinkKey.of("catalog", "catalog_item_id", "item_9"),
            LinkKey.of("sales_channel", "sales_channel_id", "sc_web"))));
      } catch (NotFoundException e) {
        System.out.println(e.getMessage());
      }

      Query query = modlink.query();
      GraphResult inStock = query.graph(GraphQuery.entity("catalog_item")
          .fields("title", "price", "sales_channels.name")
          .filters(Map.of("in_stock", true))
          .order("price", SortDirection.DESC)
          .take(1)
          .withCount()
          .build());
      System.out.println(inStock.data() + ", " + inStock.metadata().orElseThrow().count() + " in stock");
      GraphQuery channels = GraphQuery.entity("sales_channel")
          .fields("name", "catalog_items.title")
          .filters(Map.of("catalog_items", Map.of("title", Map.of("$ilike", "v%"))))
          .build();
      System.out.println(query.graph(channels).data());
      System.out.print(query.explain(channels).text());

      assertThat(catalog.calls() - calls)
          .as("one read per link.create, one for the first query's root, the linked filter and the hop of the second")
          .isEqualTo(5);
      calls = catalog.calls();
      assertThat(query.graph(channels).stats().roundTrips()).isEqualTo(5);
      assertThat(catalog.calls() - calls).as("the linked filter and the hop").isEqualTo(2);
      assertThat(modlink.registry().entity("catalog_items").orElseThrow().javaType()).isEmpty();
    });
    Guide.assertOutput("external-system", printed);
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
        Matcher method = Pattern.compile("DocsExamplesTest\\.(\\w+)").matcher(marker);
        if (!method.find()) {
          failures.add(GUIDE + ":" + at + ": a Java snippet must be followed by a line naming its test, e.g."
              + " 'Run by DocsExamplesTest.workedExample'");
        } else if (!isTest(DocsExamplesTest.class, method.group(1))) {
          failures.add(GUIDE + ":" + at + ": DocsExamplesTest has no @Test method " + method.group(1));
        } else {
          Matcher file = Pattern.compile("\\]\\(\\.\\./(examples/src/main/java/[^)]+\\.java)\\)").matcher(marker);
          String where;
          List<String> source;
          if (file.find()) {
            where = file.group(1);
            source = Files.readString(root.resolve(where)).lines().toList();
          } else {
            where = "DocsExamplesTest." + method.group(1);
            source = methodBody(testSource, method.group(1));
          }
          if (!Snippets.contains(source, block)) {
            failures.add(GUIDE + ":" + at + ": snippet not found line for line in " + where + ":\n"
                + String.join("\n", block));
          }
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
    for (ProblemId id : ProblemId.values()) {
      if (!guide.contains("| `" + id.name() + "` |")) {
        failures.add(GUIDE + ": the table of problems lacks " + id.name());
      }
    }
    assertThat(snippets).as("Java snippets in " + GUIDE).isGreaterThan(10);
    assertThat(failures).isEmpty();
  }

  @Test
  void snippetMatchingCanFail() {
    List<String> source = List.of("  int a = 1;", "", "  int b = 2;", "  int c = 3;", "}");
    assertThat(Snippets.contains(source, List.of("int a = 1;", "int b = 2;"))).isTrue();
    assertThat(Snippets.contains(source, List.of("int a = 1;", "// ...", "int c = 3;"))).isTrue();
    assertThat(Snippets.contains(source, List.of("int a = 1;", "int c = 3;"))).isFalse();
    assertThat(Snippets.contains(source, List.of("int b = 2;", "int a = 1;"))).isFalse();
    assertThat(Snippets.contains(source, List.of("int d = 4;"))).isFalse();
  }



  /** Matches snippets against source lines. */
  static final class Snippets {
    private Snippets() {}

    /**
     * Whether the snippet's lines occur one after another in the source, comparing lines without
     * their indentation and skipping blank lines; a snippet line {@code // ...} stands for any
     * number of source lines.
     */
    static boolean contains(List<String> source, List<String> snippet) {
      List<String> src = source.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
      List<String> pattern = snippet.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
      for (int start = 0; start < src.size(); start++) {
        if (matches(src, start, pattern, 0)) {
          return true;
        }
      }
      return pattern.isEmpty();
    }

    private static boolean matches(List<String> src, int s, List<String> pattern, int p) {
      if (p == pattern.size()) {
        return true;
      }
      if (pattern.get(p).equals("// ...")) {
        for (int next = s; next <= src.size(); next++) {
          if (matches(src, next, pattern, p + 1)) {
            return true;
          }
        }
        return false;
      }
      return s < src.size() && src.get(s).equals(pattern.get(p)) && matches(src, s + 1, pattern, p + 1);
    }
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

    /** As {@link #assertOutput(String, String)}, comparing both texts after {@code normalize} (generated ids). */
    static void assertOutput(String name, String actual, java.util.function.UnaryOperator<String> normalize) {
      DocPages.assertOutput(GUIDE, name, actual, normalize);
    }
  }
}
