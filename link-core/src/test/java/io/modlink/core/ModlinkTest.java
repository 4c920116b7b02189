package io.modlink.core;

import static io.modlink.core.fixtures.Fixtures.CATALOG;
import static io.modlink.core.fixtures.Fixtures.STOCK;
import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modlink.core.error.ConfigurationException;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ProblemId;
import io.modlink.core.fixtures.Category;
import io.modlink.core.fixtures.NotAnEntity;
import io.modlink.core.fixtures.Product;
import io.modlink.core.fixtures.Warehouse;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkSide;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.testing.Golden;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/** Building a Modlink: models derived from Hibernate, databases per module, configuration errors. */
class ModlinkTest {

  @DatabaseTest
  void entityModelsAreDerivedFromTheHibernateMetamodel(TestDatabase db) {
    try (Modlink modlink = Modlink.builder().database(config(db)).schema(SchemaAction.CREATE).module(CATALOG).build()) {
      EntityModel product = modlink.registry().entity("products").orElseThrow();
      assertThat(product.name()).isEqualTo("product");
      assertThat(product.pluralName()).isEqualTo("products");
      assertThat(product.module()).isEqualTo("catalog");
      assertThat(product.table()).isEqualTo("product");
      assertThat(product.javaType()).contains(Product.class);
      assertThat(product.primaryKey().name()).isEqualTo("id");
      Map<String, FieldType> types = new LinkedHashMap<>();
      product.fields().forEach(f -> types.put(f.name(), f.type()));
      assertThat(types).containsExactly(
          Map.entry("id", FieldType.STRING), Map.entry("title", FieldType.STRING),
          Map.entry("price", FieldType.DECIMAL), Map.entry("stock", FieldType.INTEGER),
          Map.entry("sold_count", FieldType.BIGINT), Map.entry("is_active", FieldType.BOOLEAN),
          Map.entry("rating", FieldType.DOUBLE), Map.entry("released_on", FieldType.DATE),
          Map.entry("status", FieldType.ENUM), Map.entry("attributes", FieldType.JSON),
          Map.entry("sku", FieldType.STRING), Map.entry("created_at", FieldType.DATETIME),
          Map.entry("deleted_at", FieldType.DATETIME));
      FieldModel active = product.field("is_active").orElseThrow();
      assertThat(active.attribute()).isEqualTo("isActive");
      assertThat(active.column()).isEqualTo("is_active");
      assertThat(product.field("title").orElseThrow().nullable()).isFalse();
      assertThat(product.field("stock").orElseThrow().nullable()).isTrue();
      assertThat(product.linkableKeyNames()).containsExactly("product_id", "variant_product_id", "product_sku");
      assertThat(product.linkableKey("product_sku").orElseThrow().field()).isEqualTo("sku");
      assertThat(product.isSoftDeletable()).isTrue();

      EntityModel category = modlink.registry().entity("product_category").orElseThrow();
      assertThat(category.pluralName()).isEqualTo("product_categories");
      assertThat(category.table()).isEqualTo("product_category");
      assertThat(category.javaType()).contains(Category.class);
      assertThat(category.linkableKeyNames()).containsExactly("product_category_id");
    }
  }

  @DatabaseTest
  void aModuleMayHaveADatabaseOfItsOwn(TestDatabase db) {
    try (Modlink modlink = Modlink.builder()
        .database(config(db))
        .database("stock", DatabaseConfig.embedded())
        .schema(SchemaAction.CREATE)
        .module(CATALOG)
        .module(STOCK)
        .build()) {
      modlink.sessionFactory("stock").inTransaction(s -> s.persist(new Warehouse("w1", "North")));
      assertThat(modlink.store("warehouse").read(ReadRequest.all()).rows()).hasSize(1);
      assertThat(modlink.dataSource("stock")).isNotSameAs(modlink.dataSource("catalog"));
      // the warehouse table is not in the catalog's database
      assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) = 'warehouse'"
          + " and lower(table_schema) = lower(" + db.currentSchemaSql() + ")")).containsExactly(0L);
      assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) = 'product'"
          + " and lower(table_schema) = lower(" + db.currentSchemaSql() + ")").get(0)).isEqualTo(1L);
    }
  }

  @Test
  void modulesOnOneDatabaseShareOnePool() {
    try (Modlink modlink = Modlink.builder().module(CATALOG).module(STOCK).build()) {
      assertThat(modlink.dataSource("stock")).isSameAs(modlink.dataSource("catalog"));
      assertThat(modlink.linkDatabase().isH2()).isTrue();
    }
  }

  @Test
  void theEmbeddedDatabaseLivesUntilClose() throws Exception {
    String url;
    try (Modlink modlink = Modlink.builder().module(STOCK).build()) {
      url = modlink.linkDatabase().jdbcUrl();
      modlink.sessionFactory("stock").inTransaction(s -> s.persist(new Warehouse("w1", "North")));
      try (var c = java.sql.DriverManager.getConnection(url, "sa", ""); var st = c.createStatement();
           var rs = st.executeQuery("select count(*) from warehouse")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(1);
      }
    }
    try (var c = java.sql.DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "")) {
      throw new AssertionError("the embedded database should be gone after close, but " + url + " opened");
    } catch (java.sql.SQLException expected) {
      assertThat(expected.getMessage()).contains("not found");
    }
  }

  @Test
  void moduleProblemsAndLinkProblemsAreReportedTogether() {
    ModuleDefinition broken = ModuleDefinition.builder("broken").entity(NotAnEntity.class).build();
    ModuleDefinition badKey = ModuleDefinition.builder("stock").entity(Warehouse.class)
        .linkableKey(Warehouse.class, "depot_id", "depot").build();
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> Modlink.builder()
        .database("stok", DatabaseConfig.embedded())
        .module(CATALOG)
        .module(broken)
        .module(badKey)
        .link(LinkDefinition.between(LinkSide.of("catalog", "product"), LinkSide.of("stock", "warehouse")).build())
        .link(LinkDefinition.between(LinkSide.of("catalog", "product"), LinkSide.of("inventory", "item")).build())
        .build());
    assertThat(e.problems()).extracting(ConfigurationProblem::id).containsExactly(
        ProblemId.UNKNOWN_MODULE, ProblemId.NOT_AN_ENTITY, ProblemId.UNKNOWN_LINKABLE_FIELD, ProblemId.UNKNOWN_MODULE);
    Golden.assertMatches("modlink/module-and-link-problems", e.getMessage());
  }

  @Test
  void resourcesOpenedBeforeAFailureAreClosed() {
    List<SessionFactory> opened = new java.util.ArrayList<>();
    assertThatThrownBy(() -> Modlink.builder()
        .module(CATALOG)
        .link(LinkDefinition.between(LinkSide.of("catalog", "product"), LinkSide.of("nowhere", "thing")).build())
        .build()).isInstanceOf(ConfigurationException.class);
    // a second build on a fresh embedded database still works: nothing was left locked or half-open
    try (Modlink modlink = Modlink.builder().module(CATALOG).build()) {
      opened.add(modlink.sessionFactory("catalog"));
      assertThat(modlink.store("product").read(ReadRequest.all()).rows()).isEmpty();
    }
    assertThat(opened.get(0).isOpen()).isFalse();
  }

  @DatabaseTest
  void validateFailsWhenTheTablesAreMissing(TestDatabase db) {
    assertThatThrownBy(() -> Modlink.builder().database(config(db)).schema(SchemaAction.VALIDATE).module(STOCK).build())
        .hasMessageContaining("warehouse");
    try (Modlink created = Modlink.builder().database(config(db)).schema(SchemaAction.CREATE).module(STOCK).build()) {
      assertThat(created.registry().entity("warehouse")).isPresent();
    }
    try (Modlink validated = Modlink.builder().database(config(db)).schema(SchemaAction.VALIDATE).module(STOCK)
        .build()) {
      assertThat(validated.store("warehouses").read(ReadRequest.all()).rows()).isEmpty();
    }
  }

  @DatabaseTest
  void migrateRunsEachModulesMigrationsWithAHistoryTableOfItsOwn(TestDatabase db) {
    // another module's tables are already there: the stock module's first migration must still run
    Modlink.builder().database(config(db)).schema(SchemaAction.CREATE).module(CATALOG).build().close();
    ModuleDefinition migrated = ModuleDefinition.builder("stock").entity(Warehouse.class)
        .migrations("classpath:db/test/stock").build();
    for (int start = 0; start < 2; start++) {
      try (Modlink modlink = Modlink.builder().database(config(db)).schema(SchemaAction.MIGRATE).module(migrated)
          .build()) {
        modlink.sessionFactory("stock").inTransaction(s -> s.persist(new Warehouse("w" + System.nanoTime(), "N")));
      }
    }
    assertThat(db.column("select " + db.quote("version") + " from " + db.quote("stock_schema_history")
        + " where " + db.quote("success") + " = true and " + db.quote("version") + " is not null order by "
        + db.quote("installed_rank"))).containsSubsequence("0", "1");
    assertThat(db.column("select count(*) from warehouse").get(0).toString()).isEqualTo("2");
  }

  @Test
  void unknownEntitiesAndModulesAreNamedWithTheKnownOnes() {
    try (Modlink modlink = Modlink.builder().module(CATALOG).module(STOCK).build()) {
      assertThatThrownBy(() -> modlink.store("prodcut"))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("unknown entity 'prodcut' (did you mean 'product'?); known entities: product,"
              + " product_category, warehouse");
      assertThatThrownBy(() -> modlink.sessionFactory("catalogue"))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("unknown module 'catalogue' (did you mean 'catalog'?); installed: catalog, stock");
    }
  }

  @Test
  void builderOptionsMayBeSetOnce() {
    Modlink.Builder builder = Modlink.builder().schema(SchemaAction.CREATE).database(DatabaseConfig.embedded());
    assertThatThrownBy(() -> builder.schema(SchemaAction.NONE))
        .isInstanceOf(IllegalStateException.class).hasMessage("schema action was already set to CREATE");
    assertThatThrownBy(() -> builder.database(DatabaseConfig.embedded()))
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("database was already set to");
    assertThatThrownBy(() -> DatabaseConfig.of("postgres://x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("JDBC URL must start with 'jdbc:'");
    assertThat(DatabaseConfig.of("jdbc:postgresql://h/db", "u", "secret").toString()).doesNotContain("secret");
  }

  @Test
  void aDatabaseWithoutItsJdbcDriverIsAConfigurationProblemNamingTheDependency() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> Modlink.builder()
        .database(DatabaseConfig.of("jdbc:mysql://127.0.0.1:3306/shop", "root", null))
        .module(CATALOG).build());
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(ProblemId.MISSING_JDBC_DRIVER);
      assertThat(p.message()).isEqualTo("no JDBC driver on the class path accepts jdbc:mysql://127.0.0.1:3306/shop;"
          + " add the dependency com.mysql:mysql-connector-j");
      assertThat(p.source()).isEqualTo("DatabaseConfig[jdbc:mysql://127.0.0.1:3306/shop, user root]");
    });
    ConfigurationException unknown = catchThrowableOfType(ConfigurationException.class, () -> Modlink.builder()
        .database(DatabaseConfig.of("jdbc:nosuchdb:shop")).module(CATALOG).build());
    assertThat(unknown.problems()).singleElement().extracting(ConfigurationProblem::message)
        .isEqualTo("no JDBC driver on the class path accepts jdbc:nosuchdb:shop; add the database's JDBC driver");
  }

  @Test
  void theBuilderRoutesHibernateLoggingToSlf4jUnlessTheApplicationChose() {
    // the test JVM sets the property (surefire): the builder leaves an explicit choice alone
    String chosen = System.getProperty("org.jboss.logging.provider");
    try {
      System.setProperty("org.jboss.logging.provider", "jdk");
      Modlink.builder();
      assertThat(System.getProperty("org.jboss.logging.provider")).isEqualTo("jdk");
      System.clearProperty("org.jboss.logging.provider");
      Modlink.builder();
      assertThat(System.getProperty("org.jboss.logging.provider")).isEqualTo("slf4j");   // slf4j-simple is here
    } finally {
      if (chosen == null) {
        System.clearProperty("org.jboss.logging.provider");
      } else {
        System.setProperty("org.jboss.logging.provider", chosen);
      }
    }
  }
}
