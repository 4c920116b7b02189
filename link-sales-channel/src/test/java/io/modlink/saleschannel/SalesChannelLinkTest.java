package io.modlink.saleschannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkSide;
import io.modlink.core.spi.ReadRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/** Soft delete and restore of sales channels follow their links, whichever module declares them. */
class SalesChannelLinkTest {
  private static Modlink modlink(TestDatabase db, ModuleDefinitionAndLink other) {
    return Modlink.builder()
        .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.MIGRATE)
        .module(SalesChannelModule.DEFINITION)
        .module(other.module())
        .link(other.link())
        .build();
  }

  private record ModuleDefinitionAndLink(io.modlink.core.module.ModuleDefinition module, LinkDefinition link) {}

  private static final ModuleDefinitionAndLink LOCATIONS = new ModuleDefinitionAndLink(StockLocation.DEFINITION,
      LinkDefinition.between(
              LinkSide.of("sales_channel", "sales_channel").list(),
              LinkSide.of("stock_location", "stock_location").list())
          .table("sales_channel_stock_location")
          .build());

  private static void link(Link link, String channel, String location) {
    link.create(Map.of("sales_channel", Map.of("sales_channel_id", channel),
        "stock_location", Map.of("stock_location_id", location)));
  }

  @DatabaseTest
  void softDeletingAChannelDismissesItsLinksAndRestoringItBringsThemBack(TestDatabase db) {
    try (Modlink modlink = modlink(db, LOCATIONS)) {
      SalesChannelService channels = new SalesChannelService(modlink);
      Link link = modlink.link();
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web"));
      SalesChannelRecord pos = channels.create(CreateSalesChannel.named("POS"));
      modlink.sessionFactory("stock_location").inTransaction(s -> {
        s.persist(new StockLocation("sloc_1", "Berlin"));
        s.persist(new StockLocation("sloc_2", "Paris"));
      });
      link(link, web.id(), "sloc_1");
      link(link, web.id(), "sloc_2");
      link(link, pos.id(), "sloc_1");
      LinkQuery all = LinkQuery.of("sales_channel_stock_location");

      channels.softDelete(List.of(web.id()));
      assertThat(link.list(all)).extracting(LinkRecord::leftKey).containsExactly(pos.id());
      assertThat(link.list(all.withDeleted()).stream().filter(r -> !r.isLive()).map(LinkRecord::rightKey))
          .containsExactlyInAnyOrder("sloc_1", "sloc_2");
      // the locations themselves stay: the link does not cascade
      assertThat(modlink.store("stock_location").read(ReadRequest.all()).rows()).hasSize(2);

      channels.restore(List.of(web.id()));
      assertThat(link.list(all)).hasSize(3).allMatch(LinkRecord::isLive);
      assertThat(link.list(all.where("sales_channel_id", web.id()))).extracting(LinkRecord::rightKey)
          .containsExactlyInAnyOrder("sloc_1", "sloc_2");
    }
  }

  @DatabaseTest
  void aDeleteCascadeSoftDeletesTheLinkedRecordsAndRestoreBringsThemBack(TestDatabase db) {
    ModuleDefinitionAndLink cascading = new ModuleDefinitionAndLink(StockLocation.DEFINITION,
        LinkDefinition.between(
                LinkSide.of("sales_channel", "sales_channel"),
                LinkSide.of("stock_location", "stock_location").list().deleteCascade())
            .build());
    try (Modlink modlink = modlink(db, cascading)) {
      SalesChannelService channels = new SalesChannelService(modlink);
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web"));
      modlink.sessionFactory("stock_location").inTransaction(s -> s.persist(new StockLocation("sloc_1", "Berlin")));
      link(modlink.link(), web.id(), "sloc_1");

      channels.softDelete(List.of(web.id()));
      assertThat(modlink.store("stock_location").read(ReadRequest.all()).rows()).isEmpty();

      channels.restore(List.of(web.id()));
      assertThat(modlink.store("stock_location").read(ReadRequest.all()).rows()).hasSize(1);
      assertThat(modlink.link().list(LinkQuery.of("sales_channel_stock_location"))).hasSize(1);
    }
  }

  @DatabaseTest
  void whenTheLinksCannotFollowNoChannelIsDeleted(TestDatabase db) {
    ModuleDefinitionAndLink terminals = new ModuleDefinitionAndLink(Terminal.DEFINITION,
        LinkDefinition.between(
                LinkSide.of("sales_channel", "sales_channel"),
                LinkSide.of("terminal", "terminal").list().deleteCascade())
            .build());
    try (Modlink modlink = modlink(db, terminals)) {
      SalesChannelService channels = new SalesChannelService(modlink);
      SalesChannelRecord pos = channels.create(CreateSalesChannel.named("POS"));
      modlink.sessionFactory("terminal").inTransaction(s -> s.persist(new Terminal("term_1", "Till 1")));
      modlink.link().create(Map.of("sales_channel", Map.of("sales_channel_id", pos.id()),
          "terminal", Map.of("terminal_id", "term_1")));

      assertThatThrownBy(() -> channels.softDelete(List.of(pos.id())))
          .isInstanceOf(NotAllowedException.class)
          .hasMessageContaining("terminal has no deleted_at field");
      assertThat(channels.retrieve(pos.id()).deletedAt()).isNull();
      assertThat(modlink.link().list(LinkQuery.of("sales_channel_terminal"))).singleElement()
          .satisfies(r -> assertThat(r.isLive()).isTrue());
    }
  }
}
