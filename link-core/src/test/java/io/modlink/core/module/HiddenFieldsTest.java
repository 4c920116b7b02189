package io.modlink.core.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.spi.InMemoryRead;
import io.modlink.core.spi.ReadRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hidden fields of hand-built models: marked by the builder, left out of '*', read when named. */
class HiddenFieldsTest {
  private static final EntityModel MODEL = EntityModel.builder("vault", "secret").primaryKey("id", FieldType.STRING)
      .field("title", FieldType.STRING).field("hash", FieldType.STRING).hidden("hash").build();

  @Test
  void theBuilderMarksFieldsHiddenAndStarLeavesThemOut() {
    assertThat(MODEL.field("hash")).hasValueSatisfying(f -> assertThat(f.hidden()).isTrue());
    assertThat(MODEL.field("title")).hasValueSatisfying(f -> assertThat(f.hidden()).isFalse());
    assertThat(MODEL.fieldNames()).containsExactly("id", "title", "hash");
    assertThat(MODEL.visibleFieldNames()).containsExactly("id", "title");

    ObjectNode row = JsonNodeFactory.instance.objectNode().put("id", "s1").put("title", "t").put("hash", "h");
    // a read that names no fields is '*': the hidden field is not read
    assertThat(InMemoryRead.of(MODEL, ReadRequest.builder().build()).apply(List.of(row)).rows())
        .singleElement().satisfies(r -> assertThat(r.has("hash")).isFalse());
    // the module's own code names it
    assertThat(InMemoryRead.of(MODEL, ReadRequest.builder().fields("hash").build()).apply(List.of(row)).rows())
        .singleElement().satisfies(r -> assertThat(r.get("hash").asText()).isEqualTo("h"));
  }

  @Test
  void onlyDeclaredFieldsOtherThanThePrimaryKeyCanBeHidden() {
    assertThatThrownBy(() -> EntityModel.builder("vault", "secret").primaryKey("id", FieldType.STRING).hidden("id")
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("primary key id of secret cannot be hidden: every result carries it");
    assertThatThrownBy(() -> EntityModel.builder("vault", "secret").primaryKey("id", FieldType.STRING).hidden("hsah")
        .build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("hidden field hsah is not a field of secret; its fields: id");
  }
}
