package io.modlink.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's first command runs this program; it must keep printing the composed registry. */
class DemoTest {
  @Test
  void printsTheRegistryAndTheReferenceScenario() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Demo.run(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    String out = buffer.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .contains("modules (2)")
        .contains("entity api_key / api_keys  table api_key")
        .contains("entity sales_channel / sales_channels  table sales_channel")
        .contains("linkable keys: api_key_id, publishable_key_id")
        .contains("links (1 active, 0 inactive)")
        .contains("table publishable_api_key_sales_channel (publishable_key_id, sales_channel_id)  id prefix pksc")
        .contains("api_key.sales_channels -> [sales_channel]")
        .contains("sales_channel.publishable_api_keys -> [api_key]")
        .contains("query.graph(api_key, [id, title, sales_channels.*]):")
        .containsPattern("\"id\" : \"apk_[0-9A-Z]{26}\"")
        .contains("\"title\" : \"Storefront\"")
        .contains("\"sales_channels\" : [ {")
        .containsPattern("\"id\" : \"sc_[0-9A-Z]{26}\"")
        .contains("\"name\" : \"Web\"")
        .contains("round trips: 1 (push-down)");
  }
}
