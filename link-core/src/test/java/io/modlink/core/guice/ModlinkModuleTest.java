package io.modlink.core.guice;

import static io.modlink.core.fixtures.Fixtures.CATALOG;
import static io.modlink.core.fixtures.Fixtures.STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.ConfigurationException;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.ProblemId;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.LinkSide;
import io.modlink.core.spi.ReadRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** Composition through Guice: modules contribute definitions and links; errors surface at injector creation. */
class ModlinkModuleTest {
  /** A plugin module that ships a link to a module it does not depend on. */
  static final class CatalogModule extends AbstractModule {
    @Override
    protected void configure() {
      ModlinkBinder.forModule(binder(), CATALOG)
          .link(LinkDefinition.between(LinkSide.of("catalog", "product"), LinkSide.of("stock", "warehouse").list())
              .build());
    }
  }

  static final class StockModule extends AbstractModule {
    @Override
    protected void configure() {
      ModlinkBinder.forModule(binder(), STOCK);
    }
  }

  @Test
  void modulesContributeDefinitionsAndLinks() {
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new CatalogModule(), new StockModule());
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      LinkRegistry registry = injector.getInstance(LinkRegistry.class);
      assertThat(registry).isSameAs(modlink.registry()).isSameAs(injector.getInstance(LinkRegistry.class));
      assertThat(registry.modules()).extracting(m -> m.name()).containsExactlyInAnyOrder("catalog", "stock");
      assertThat(registry.links()).singleElement().satisfies(l -> {
        assertThat(l.definition().owner()).contains("catalog");
        assertThat(l.table()).contains("catalog_product_stock_warehouse");
      });
      assertThat(registry.relation("product", "warehouses").orElseThrow().isList()).isTrue();
      assertThat(modlink.store("product").read(ReadRequest.all()).rows()).isEmpty();
    }
  }

  @Test
  void theLinkServiceAndListenersAreComposedToo() {
    java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    AbstractModule listening = new AbstractModule() {
      @Override
      protected void configure() {
        ModlinkBinder.of(binder()).listener(new io.modlink.core.spi.LinkListener() {
          @Override
          public void attached(java.util.List<io.modlink.core.link.LinkRecord> links) {
            links.forEach(l -> heard.add(l.leftKey() + "->" + l.rightKey()));
          }
        });
      }
    };
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new CatalogModule(), new StockModule(),
        listening);
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      io.modlink.core.link.Link link = injector.getInstance(io.modlink.core.link.Link.class);
      assertThat(link).isSameAs(modlink.link());
      assertThat(injector.getInstance(io.modlink.core.query.Query.class)).isSameAs(modlink.query());
      link.create(java.util.List.of(io.modlink.core.link.LinkRequest.between(
          io.modlink.core.link.LinkKey.of("catalog", "product_id", "p1"),
          io.modlink.core.link.LinkKey.of("stock", "warehouse_id", "w1"))),
          io.modlink.core.link.CreateOptions.withoutVerification());
      assertThat(heard).containsExactly("p1->w1");
    }
  }

  @Test
  void aModulesLinkToAModuleThatIsNotInstalledIsInactive() {
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new CatalogModule());
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      assertThat(modlink.registry().links()).isEmpty();
      assertThat(modlink.registry().inactiveLinks()).singleElement()
          .satisfies(l -> assertThat(l.reason()).isEqualTo("module 'stock' is not installed"));
    }
  }

  @Test
  void configurationErrorsSurfaceWhenTheInjectorIsCreated() {
    AbstractModule applicationLinks = new AbstractModule() {
      @Override
      protected void configure() {
        ModlinkBinder.of(binder()).link(LinkDefinition.between(LinkSide.of("catalog", "product"),
            LinkSide.of("stok", "warehouse")).build());
      }
    };
    CreationException e = catchThrowableOfType(CreationException.class,
        () -> Guice.createInjector(ModlinkModule.embedded(), new CatalogModule(), new StockModule(), applicationLinks));
    assertThat(e.getCause()).isInstanceOf(ConfigurationException.class);
    ConfigurationException cause = (ConfigurationException) e.getCause();
    assertThat(cause.problems()).extracting(ConfigurationProblem::id).containsExactly(ProblemId.UNKNOWN_MODULE);
    assertThat(cause.problems().get(0).message()).contains("(did you mean 'stock'?)");
    assertThat(cause.problems().get(0).source()).endsWith("declared by the application");
  }

  @DatabaseTest
  void aJdbcUrlSelectsTheDatabase(TestDatabase db) {
    Injector injector = Guice.createInjector(
        ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.CREATE),
        new CatalogModule(), new StockModule());
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      assertThat(modlink.linkDatabase().jdbcUrl()).isEqualTo(db.jdbcUrl());
      assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) = 'warehouse'"
          + " and lower(table_schema) = lower(" + db.currentSchemaSql() + ")")
          .get(0)).isEqualTo(1L);
    }
  }
}
