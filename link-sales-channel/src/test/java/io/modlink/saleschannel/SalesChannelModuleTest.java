package io.modlink.saleschannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.spi.ReadRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.Map;

/** The Sales Channel module's model and store, on H2 and PostgreSQL. */
class SalesChannelModuleTest {
  @DatabaseTest
  void theSalesChannelEntityIsReadableThroughItsStore(TestDatabase db) {
    try (Modlink modlink = Guice.createInjector(
            ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.CREATE),
            new SalesChannelModule())
        .getInstance(Modlink.class)) {
      EntityModel model = modlink.registry().entity("sales_channels").orElseThrow();
      assertThat(model.linkableKeyNames()).containsExactly("sales_channel_id");
      assertThat(model.field("is_disabled").orElseThrow().type()).isEqualTo(FieldType.BOOLEAN);
      assertThat(model.field("metadata").orElseThrow().type()).isEqualTo(FieldType.JSON);

      modlink.sessionFactory("sales_channel").inTransaction(s -> {
        SalesChannel web = new SalesChannel("sc_1", "Web", "the web store", Instant.parse("2024-01-01T00:00:00Z"));
        web.setMetadata(Map.of("region", "eu"));
        s.persist(web);
        SalesChannel pos = new SalesChannel("sc_2", "POS", null, Instant.parse("2024-01-02T00:00:00Z"));
        pos.setDisabled(true);
        s.persist(pos);
      });
      var rows = modlink.store("sales_channel")
          .read(ReadRequest.builder().filter("is_disabled", false).fields("name", "metadata").build()).rows();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get("id").asText()).isEqualTo("sc_1");
      assertThat(rows.get(0).get("metadata").get("region").asText()).isEqualTo("eu");
    }
  }
}
