package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.apiKeyModule;
import static io.modlink.core.fixtures.Fixtures.salesChannelModule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.query.QueryEngine;
import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.internal.storage.LinkTable;
import io.modlink.core.module.EntityModel;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SqlTable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Optional;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.LinkSide;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The planner without a database: plans, strategies and errors; the DataSources are never touched. */
class QueryPlannerTest {
  private static final LinkDefinition LINK = LinkDefinition
      .between(LinkSide.of("api_key", "api_key").key("publishable_key_id").alias("publishable_api_keys").list(),
          LinkSide.of("sales_channel", "sales_channel").list())
      .table("publishable_api_key_sales_channel").idPrefix("pksc").build();
  private static final LinkRegistry REGISTRY = LinkRegistry.of(List.of(apiKeyModule(), salesChannelModule()),
      List.of(LINK));

  private final DataSource shared = mock(DataSource.class);
  private final DataSource other = mock(DataSource.class);
  private QueryEngine engine;

  private QueryEngine engine(boolean federated) {
    Map<String, EntityStore> links = new LinkedHashMap<>();
    REGISTRY.links().forEach(l -> links.put(l.table().orElseThrow(), table(new LinkTable(l).model(), shared)));
    engine = new QueryEngine(REGISTRY, name -> table(REGISTRY.entity(name).orElseThrow(),
        federated && name.equals("sales_channel") ? other : shared), links, ds -> Flavor.POSTGRESQL, 1,
        new io.modlink.core.internal.tx.TransactionManager());
    return engine;
  }

  /** A store that declares a plain table on {@code dataSource} and is never read. */
  private static EntityStore table(EntityModel model, DataSource dataSource) {
    return new EntityStore() {
      @Override
      public EntityModel model() {
        return model;
      }

      @Override
      public ReadResult read(ReadRequest request) {
        throw new AssertionError("the planner read " + model.name());
      }

      @Override
      public Optional<SqlTable> sqlTable() {
        return Optional.of(SqlTable.of(dataSource, model));
      }

      @Override
      public AffectedKeys softDelete(Collection<?> ids) {
        throw new AssertionError();
      }

      @Override
      public AffectedKeys restore(Collection<?> ids) {
        throw new AssertionError();
      }
    };
  }

  @AfterEach
  void close() {
    engine.close();
    verifyNoInteractions(shared, other);
  }

  @Test
  void aHopThroughALinkIsALinkTableFetchAndATargetFetch() {
    QueryPlan plan = engine(true).explain(GraphQuery.entity("api_keys").fields("id", "title", "sales_channels.*")
        .strategy(Strategy.FEDERATED).build());
    assertThat(plan.strategy()).isEqualTo("federated");
    assertThat(plan.text()).isEqualTo("""
        graph query on api_key: federated (sales_channel is on another database than api_key)
          1. api_key: api_key [api_key] filter
          2. api_key.sales_channels: publishable_api_key_sales_channel [links] publishable_key_id = any(api_key.id) (after 1)
          3. api_key.sales_channels: sales_channel [sales_channel] id = any(publishable_api_key_sales_channel.sales_channel_id) (after 2)
        expected round trips: 3
        """);
  }

  @Test
  void theReverseDirectionAndTwoLevels() {
    QueryPlan plan = engine(true).explain(GraphQuery.entity("sales_channel")
        .fields("publishable_api_keys.sales_channels.name").build());
    assertThat(plan.fetches()).extracting(QueryPlan.PlannedFetch::path).containsExactly("sales_channel",
        "sales_channel.publishable_api_keys", "sales_channel.publishable_api_keys",
        "sales_channel.publishable_api_keys.sales_channels", "sales_channel.publishable_api_keys.sales_channels");
    assertThat(plan.expectedRoundTrips()).isEqualTo(5);
  }

  @Test
  void onOneDatabaseAPathIsPushedDownIntoOneStatement() {
    QueryPlan plan = engine(false).explain(GraphQuery.entity("api_key").fields("sales_channels.*")
        .filters(Map.of("sales_channels", Map.of("name", "Web"))).take(10).build());
    assertThat(plan.strategy()).isEqualTo("push-down");
    assertThat(plan.expectedRoundTrips()).isEqualTo(1);
    assertThat(plan.fetches()).singleElement().satisfies(f -> {
      assertThat(f.source()).isEqualTo("api_key join publishable_api_key_sales_channel join sales_channel");
      assertThat(f.keys()).isEqualTo("page of api_key with exists(...)");
    });
  }

  @Test
  void aLinkedPathFilterAddsItsFetchesBeforeTheRootWhenFederated() {
    QueryPlan plan = engine(true).explain(GraphQuery.entity("api_key").fields("id")
        .filters(Map.of("sales_channels", Map.of("name", "Web"))).build());
    assertThat(plan.fetches()).extracting(QueryPlan.PlannedFetch::source)
        .containsExactly("sales_channel", "publishable_api_key_sales_channel", "api_key");
  }

  @Test
  void theLinkEntryPointReachesBothSides() {
    QueryPlan plan = engine(true).explain(GraphQuery.entity("publishable_api_key_sales_channel")
        .fields("api_key.title", "sales_channel.name").build());
    assertThat(plan.fetches()).extracting(QueryPlan.PlannedFetch::keys).containsExactly("filter",
        "id = any(publishable_api_key_sales_channel.publishable_key_id)",
        "id = any(publishable_api_key_sales_channel.sales_channel_id)");
  }

  @Test
  void errorsNameTheFullPathAndTheKnownNames() {
    QueryEngine q = engine(true);
    assertThatThrownBy(() -> q.explain(GraphQuery.entity("api_key").fields("sales_channels.nmae").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("unknown field 'nmae' at api_key.sales_channels.nmae (did you mean 'name'?); fields of"
            + " sales_channel: id, name, is_disabled; relations: publishable_api_keys");
    assertThatThrownBy(() -> q.explain(GraphQuery.entity("api_key").fields("sales_chanels.*").build()))
        .hasMessage("unknown relation 'sales_chanels' at api_key.sales_chanels (did you mean 'sales_channels'?);"
            + " fields of api_key: id, title, token, deleted_at; relations: sales_channels");
    assertThatThrownBy(() -> q.explain(GraphQuery.entity("api_key").fields("").build()))
        .hasMessageStartingWith("empty field path in fields of api_key");
    assertThatThrownBy(() -> q.explain(GraphQuery.entity("api_key").filters(Map.of("sales_channels", "Web")).build()))
        .hasMessageStartingWith("filter on relation api_key.sales_channels must be a filter map on sales_channel");
  }
}
