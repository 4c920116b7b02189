package io.modlink.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkNamingTest {
  @Test
  void tableNameJoinsModulesAndKeysWithoutTheirIdSuffix() {
    assertThat(LinkNaming.tableName("api_key", "api_key_id", "sales_channel", "sales_channel_id"))
        .isEqualTo("api_key_api_key_sales_channel_sales_channel");
    assertThat(LinkNaming.tableName("product", "product_id", "sales_channel", "sales_channel_id"))
        .isEqualTo("product_product_sales_channel_sales_channel");
  }

  @Test
  void tableNameIsLowerCase() {
    assertThat(LinkNaming.tableName("Brand", "brand_id", "Product", "Product_ID"))
        .isEqualTo("brand_brand_product_product_id");
  }

  @Test
  void multiWordEntitiesKeepTheirSegments() {
    assertThat(LinkNaming.tableName("fulfillment", "fulfillment_set_id", "stock_location", "stock_location_id"))
        .isEqualTo("fulfillment_fulfillment_set_stock_location_stock_location");
    assertThat(LinkNaming.tableName("fulfillment", "fulfillment_set_id", "stock_location", "stock_location_id"))
        .hasSize(57);
  }

  @Test
  void namesOverTheLimitLoseRepeatedSegmentsAndGetAHash() {
    String table = LinkNaming.tableName("product", "product_variant_id", "inventory", "inventory_item_id_for_warehouses");
    // product_product_variant_inventory_inventory_item_id_for_warehouses is 66 characters
    assertThat(table).hasSizeLessThanOrEqualTo(LinkNaming.MAX_TABLE_NAME);
    assertThat(table).startsWith("product_variant_inventory_item_id_for_warehouses");
    assertThat(table).matches("[a-z0-9_]+[0-9a-f]{8}");
  }

  @Test
  void namesStillTooLongAreCutToFourCharactersPerSegment() {
    String name = "customer_loyalty_program_membership_tier_customer_loyalty_program_reward_catalogue_entry";
    String compressed = LinkNaming.compress(name, 58);
    assertThat(compressed).startsWith("cust_loya_prog_memb_tier_cust_loya_prog_rewa_cata_");
    assertThat(compressed).hasSize(58);
  }

  @Test
  void compressionIsDeterministicAndKeepsDifferentNamesApart() {
    String a = "a_very_long_module_name_indeed_with_many_words_first_entity_name_here";
    String b = "a_very_long_module_name_indeed_with_many_words_first_entity_name_there";
    assertThat(LinkNaming.compress(a, 58)).isEqualTo(LinkNaming.compress(a, 58));
    assertThat(LinkNaming.compress(a, 58)).isNotEqualTo(LinkNaming.compress(b, 58));
  }

  @Test
  void shortNamesAreLeftAlone() {
    assertThat(LinkNaming.compress("brand_brand_product_product", 58)).isEqualTo("brand_brand_product_product");
  }

  @Test
  void aliasIsPluralOnTheListSide() {
    assertThat(LinkNaming.alias("sales_channel", true)).isEqualTo("sales_channels");
    assertThat(LinkNaming.alias("sales_channel", false)).isEqualTo("sales_channel");
    assertThat(LinkNaming.alias("product_category", true)).isEqualTo("product_categories");
  }

  @Test
  void idPrefixIsTheInitialsOfBothEntities() {
    assertThat(LinkNaming.idPrefix("api_key", "sales_channel")).isEqualTo("aksc");
    assertThat(LinkNaming.idPrefix("brand", "product")).isEqualTo("bp");
  }
}
