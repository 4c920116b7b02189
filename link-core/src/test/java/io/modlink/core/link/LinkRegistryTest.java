package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.apiKeyModule;
import static io.modlink.core.fixtures.Fixtures.brandModule;
import static io.modlink.core.fixtures.Fixtures.salesChannelModule;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.module.ModuleModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the registry resolves links, aliases and entry points. */
class LinkRegistryTest {
  private static final LinkDefinition API_KEY_SALES_CHANNEL = LinkDefinition
      .between(LinkSide.of("api_key", "api_key").key("publishable_key_id").alias("publishable_api_keys").list(),
          LinkSide.of("sales_channel", "sales_channel").key("sales_channel_id").list())
      .table("publishable_api_key_sales_channel")
      .idPrefix("pksc")
      .declaredBy("api_key")
      .build();

  private static final List<ModuleModel> ALL = List.of(apiKeyModule(), salesChannelModule(), brandModule());

  @Test
  void thePredefinedApiKeyLinkResolvesAsDeclared() {
    LinkRegistry registry = LinkRegistry.of(ALL, List.of(API_KEY_SALES_CHANNEL));
    ResolvedLink link = registry.links().get(0);
    assertThat(link.table()).contains("publishable_api_key_sales_channel");
    assertThat(link.idPrefix()).contains("pksc");
    assertThat(link.entryPoint()).contains("publishable_api_key_sales_channel");
    assertThat(link.left().column()).isEqualTo("publishable_key_id");
    assertThat(link.right().column()).isEqualTo("sales_channel_id");

    Relation toChannels = registry.relation("api_key", "sales_channels").orElseThrow();
    assertThat(toChannels.target().name()).isEqualTo("sales_channel");
    assertThat(toChannels.isList()).isTrue();
    assertThat(toChannels.link()).isSameAs(link);

    Relation toKeys = registry.relation("sales_channel", "publishable_api_keys").orElseThrow();
    assertThat(toKeys.target().name()).isEqualTo("api_key");
    assertThat(toKeys.isList()).isTrue();
    assertThat(registry.entryPoint("publishable_api_key_sales_channel")).contains(link);
  }

  @Test
  void defaultNamesFollowMedusa() {
    LinkDefinition brandChannel = LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_channel", "sales_channel").list()).build();
    LinkRegistry registry = LinkRegistry.of(ALL, List.of(brandChannel));
    ResolvedLink link = registry.links().get(0);
    assertThat(link.table()).contains("brand_brand_sales_channel_sales_channel");
    assertThat(link.idPrefix()).contains("bsc");
    assertThat(link.entryPoint()).contains("brand_sales_channel");
    assertThat(link.left().column()).isEqualTo("brand_id");
    assertThat(link.right().column()).isEqualTo("sales_channel_id");
    // the list side is seen in the plural; the other side singular
    assertThat(registry.relation("brand", "sales_channels").orElseThrow().isList()).isTrue();
    assertThat(registry.relation("sales_channel", "brand").orElseThrow().isList()).isFalse();
    assertThat(registry.relation("brand", "sales_channel")).isEmpty();
  }

  @Test
  void entitiesResolveByNameAndPluralAlias() {
    LinkRegistry registry = LinkRegistry.of(ALL, List.of());
    assertThat(registry.entity("api_keys").orElseThrow().name()).isEqualTo("api_key");
    assertThat(registry.entity("api_key").orElseThrow().module()).isEqualTo("api_key");
    assertThat(registry.entity("brand_logos").orElseThrow().name()).isEqualTo("brand_logo");
    assertThat(registry.entity("nope")).isEmpty();
    assertThat(registry.entryPointNames()).contains("api_key", "api_keys", "sales_channel", "sales_channels");
  }

  @Test
  void aLinkToAModuleThatIsNotInstalledIsInactive() {
    LinkRegistry registry = LinkRegistry.of(List.of(apiKeyModule()), List.of(API_KEY_SALES_CHANNEL));
    assertThat(registry.links()).isEmpty();
    assertThat(registry.inactiveLinks()).singleElement().satisfies(l -> {
      assertThat(l.definition()).isSameAs(API_KEY_SALES_CHANNEL);
      assertThat(l.reason()).isEqualTo("module 'sales_channel' is not installed");
    });
    assertThat(registry.relations("api_key")).isEmpty();
    assertThat(registry.relation("api_key", "sales_channels")).isEmpty();
  }

  @Test
  void linksOfAnEntityAndBetweenTwo() {
    LinkDefinition brandChannel = LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_channel", "sales_channel").list()).build();
    LinkDefinition brandKey = LinkDefinition.between(LinkSide.of("brand", "brand_logo"),
        LinkSide.of("api_key", "api_key")).build();
    LinkRegistry registry = LinkRegistry.of(ALL, List.of(API_KEY_SALES_CHANNEL, brandChannel, brandKey));
    assertThat(registry.linksOf("sales_channels")).extracting(ResolvedLink::describe)
        .containsExactly("api_key.api_key <-> sales_channel.sales_channel",
            "brand.brand <-> sales_channel.sales_channel");
    assertThat(registry.linksBetween("sales_channel", "api_key")).containsExactly(registry.links().get(0));
    assertThat(registry.linksBetween("brand", "api_key")).isEmpty();
    assertThat(registry.relations("api_key")).extracting(Relation::alias)
        .containsExactly("sales_channels", "brand_logo");
  }

  @Test
  void aReadOnlyLinkHasNoTableAndOneDirection() {
    LinkDefinition readOnly = LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_channel", "sales_channel")).readOnly().field("sales_channel_id").build();
    LinkRegistry registry = LinkRegistry.of(ALL, List.of(readOnly));
    ResolvedLink link = registry.links().get(0);
    assertThat(link.table()).isEmpty();
    assertThat(link.entryPoint()).isEmpty();
    assertThat(link.left().column()).isEqualTo("sales_channel_id");
    assertThat(link.right().column()).isEqualTo("id");
    Relation relation = registry.relation("brand", "sales_channel").orElseThrow();
    assertThat(relation.isList()).isFalse();
    assertThat(registry.relations("sales_channel")).isEmpty();
  }

  @Test
  void describeListsModulesLinksAndAliases() {
    LinkRegistry registry = LinkRegistry.of(List.of(apiKeyModule(), salesChannelModule()), List.of(API_KEY_SALES_CHANNEL));
    assertThat(registry.describe())
        .contains("entity api_key / api_keys  table api_key  primary key id")
        .contains("linkable keys: api_key_id, publishable_key_id")
        .contains("table publishable_api_key_sales_channel (publishable_key_id, sales_channel_id)  id prefix pksc")
        .contains("api_key.sales_channels -> [sales_channel] via publishable_api_key_sales_channel")
        .contains("sales_channel.publishable_api_keys -> [api_key] via publishable_api_key_sales_channel");
  }
}
