package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.apiKeyModule;
import static io.modlink.core.fixtures.Fixtures.brandModule;
import static io.modlink.core.fixtures.Fixtures.salesChannelModule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modlink.core.error.ConfigurationException;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.ProblemId;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.module.ModuleModel;
import io.modlink.core.testing.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each problem the registry reports, its id and its exact text (golden files), and all at once. */
class RegistryValidationTest {
  private static final List<ModuleModel> MODULES = List.of(apiKeyModule(), salesChannelModule(), brandModule());

  private static ConfigurationException fail(List<ModuleModel> modules, LinkDefinition... links) {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> LinkRegistry.of(modules, List.of(links)));
    assertThat(e).as("expected a ConfigurationException").isNotNull();
    assertThat(e.type()).isEqualTo(ErrorType.INVALID_DATA);
    return e;
  }

  private static ConfigurationException fail(LinkDefinition... links) {
    return fail(MODULES, links);
  }

  private static List<ProblemId> ids(ConfigurationException e) {
    return e.problems().stream().map(ConfigurationProblem::id).toList();
  }

  private static LinkDefinition brandChannel() {
    return LinkDefinition.between(LinkSide.of("brand", "brand"), LinkSide.of("sales_channel", "sales_channel").list())
        .build();
  }

  @Test
  void unknownModule() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_chanel", "sales_channel")).build());
    assertThat(ids(e)).containsExactly(ProblemId.UNKNOWN_MODULE);
    Golden.assertMatches("registry/unknown-module", e.getMessage());
  }

  @Test
  void unknownEntity() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("brand", "brnd"),
        LinkSide.of("sales_channel", "sales_channel")).build());
    assertThat(ids(e)).containsExactly(ProblemId.UNKNOWN_ENTITY);
    Golden.assertMatches("registry/unknown-entity", e.getMessage());
  }

  @Test
  void unknownLinkableKey() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("api_key", "api_key").key("publishable_id"),
        LinkSide.of("sales_channel", "sales_channel")).build());
    assertThat(ids(e)).containsExactly(ProblemId.UNKNOWN_LINKABLE_KEY);
    Golden.assertMatches("registry/unknown-linkable-key", e.getMessage());
  }

  @Test
  void duplicateTable() {
    ConfigurationException e = fail(brandChannel(),
        LinkDefinition.between(LinkSide.of("api_key", "api_key"), LinkSide.of("sales_channel", "sales_channel"))
            .table("brand_brand_sales_channel_sales_channel").build());
    assertThat(ids(e)).containsExactly(ProblemId.DUPLICATE_TABLE);
    Golden.assertMatches("registry/duplicate-table", e.getMessage());
  }

  @Test
  void aliasConflict() {
    ConfigurationException e = fail(brandChannel(),
        LinkDefinition.between(LinkSide.of("brand", "brand"), LinkSide.of("sales_channel", "sales_channel").list())
            .table("brand_channel_again").entryPoint("brand_channel_again").build());
    assertThat(ids(e)).containsExactly(ProblemId.ALIAS_CONFLICT, ProblemId.ALIAS_CONFLICT);
    Golden.assertMatches("registry/alias-conflict", e.getMessage());
  }

  @Test
  void aliasShadowingAField() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("api_key", "api_key").alias("name")).build());
    assertThat(ids(e)).containsExactly(ProblemId.ALIAS_SHADOWS_FIELD);
    Golden.assertMatches("registry/alias-shadows-field", e.getMessage());
  }

  @Test
  void readOnlyWithoutField() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_channel", "sales_channel")).readOnly().build());
    assertThat(ids(e)).containsExactly(ProblemId.READ_ONLY_WITHOUT_FIELD);
    Golden.assertMatches("registry/read-only-without-field", e.getMessage());
  }

  @Test
  void readOnlyWithUnknownField() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_channel", "sales_channel")).readOnly().field("sales_chanel_id").build());
    assertThat(ids(e)).containsExactly(ProblemId.UNKNOWN_FIELD);
    Golden.assertMatches("registry/read-only-unknown-field", e.getMessage());
  }

  @Test
  void entryPointConflict() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("sales_channel", "sales_channel")).entryPoint("api_keys").build());
    assertThat(ids(e)).containsExactly(ProblemId.ENTRY_POINT_CONFLICT);
    Golden.assertMatches("registry/entry-point-conflict", e.getMessage());
  }

  @Test
  void invalidNamesAndExtraColumns() {
    ConfigurationException e = fail(LinkDefinition.between(LinkSide.of("brand", "brand"),
            LinkSide.of("sales_channel", "sales_channel"))
        .table("Brand-Channel")
        .extraColumn(ExtraColumn.of("id", ColumnType.STRING))
        .extraColumn(ExtraColumn.of("priority", ColumnType.INTEGER))
        .extraColumn(ExtraColumn.of("priority", ColumnType.INTEGER))
        .extraColumn(ExtraColumn.of("note", ColumnType.TEXT).notNull())
        .build());
    assertThat(ids(e)).containsExactly(ProblemId.INVALID_NAME, ProblemId.INVALID_EXTRA_COLUMN,
        ProblemId.INVALID_EXTRA_COLUMN, ProblemId.INVALID_EXTRA_COLUMN);
    Golden.assertMatches("registry/invalid-names", e.getMessage());
  }

  @Test
  void duplicateModuleAndEntity() {
    ModuleModel otherBrand = new ModuleModel("brand", List.of());
    ModuleModel clash = new ModuleModel("merchandising", List.of(EntityModel.builder("merchandising", "brand")
        .primaryKey("id", FieldType.STRING).build()));
    ConfigurationException e = fail(List.of(brandModule(), otherBrand, clash));
    assertThat(ids(e)).containsExactly(ProblemId.DUPLICATE_MODULE, ProblemId.DUPLICATE_ENTITY,
        ProblemId.DUPLICATE_ENTITY);
    Golden.assertMatches("registry/duplicate-module-and-entity", e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnceAndNumbered() {
    ConfigurationException e = fail(
        LinkDefinition.between(LinkSide.of("brand", "brand"), LinkSide.of("sales_chanel", "sales_channel")).build(),
        LinkDefinition.between(LinkSide.of("api_key", "apikey"), LinkSide.of("sales_channel", "sales_channel")).build(),
        LinkDefinition.between(LinkSide.of("brand", "brand"), LinkSide.of("sales_channel", "sales_channel"))
            .readOnly().build(),
        brandChannel(),
        LinkDefinition.between(LinkSide.of("api_key", "api_key"), LinkSide.of("sales_channel", "sales_channel"))
            .table("brand_brand_sales_channel_sales_channel").build());
    assertThat(ids(e)).containsExactly(ProblemId.UNKNOWN_MODULE, ProblemId.UNKNOWN_ENTITY,
        ProblemId.READ_ONLY_WITHOUT_FIELD, ProblemId.DUPLICATE_TABLE);
    assertThat(e.getMessage()).startsWith("modlink configuration has 4 errors:").contains("\n4) [DUPLICATE_TABLE]");
    Golden.assertMatches("registry/all-at-once", e.getMessage());
  }

  @Test
  void applicationLinksMustNameInstalledModulesButModuleLinksMayBeInactive() {
    LinkDefinition toInventory = LinkDefinition.between(LinkSide.of("brand", "brand"),
        LinkSide.of("inventory", "inventory_item")).build();
    assertThat(ids(fail(toInventory))).containsExactly(ProblemId.UNKNOWN_MODULE);

    LinkRegistry registry = LinkRegistry.of(MODULES, List.of(toInventory.declaredBy("brand")));
    assertThat(registry.links()).isEmpty();
    assertThat(registry.inactiveLinks()).singleElement()
        .satisfies(l -> assertThat(l.reason()).isEqualTo("module 'inventory' is not installed"));
  }

  @Test
  void theOwnersOwnSideMustResolveEvenWhenTheOtherModuleIsMissing() {
    LinkDefinition wrongOwnSide = LinkDefinition.between(LinkSide.of("brand", "brand_logos"),
        LinkSide.of("sales_channel", "sales_channel")).declaredBy("brand").build();
    ConfigurationException e = fail(wrongOwnSide);
    assertThat(ids(e)).containsExactly(ProblemId.UNKNOWN_ENTITY);
    assertThat(e.problems().get(0).message()).contains("did you mean 'brand_logo'?");
  }
}
