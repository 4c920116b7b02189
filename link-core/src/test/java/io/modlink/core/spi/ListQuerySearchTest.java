package io.modlink.core.spi;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.Modlink;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;

/** A list service's {@code q} search: NUL refused before the database sees it, a backslash harmless. */
class ListQuerySearchTest {

  private static List<String> search(Modlink modlink, String q) {
    ReadRequest read = ListQuery.builder().q(q).build().toReadRequest(List.of(), false, List.of("title", "sku"));
    return modlink.store("product").read(read).rows().stream().map(r -> ((ObjectNode) r).get("id").asText()).toList();
  }

  @DatabaseTest
  void qRefusesTheNulCharacterAndTakesABackslash(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      assertThat(search(modlink, "uct 2")).containsExactly("p2");
      assertThat(search(modlink, "sku-P3")).containsExactly("p3");
      // an ilike pattern, as in Medusa: % and _ are wildcards, and a trailing backslash escapes the closing %
      assertThat(search(modlink, "Product_1")).containsExactly("p1");
      assertThat(search(modlink, "\\")).isEmpty();
      assertThat(search(modlink, "uct\\")).isEmpty();
      assertThatThrownBy(() -> ListQuery.builder().q("Product\u00001"))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("text 'Product\\01' at q holds the NUL character (U+0000) at index 7, which databases do not"
              + " store; remove it");
    });
  }
}
