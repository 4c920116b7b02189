package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query strings as Medusa's client writes them ({@code qs} style). */
class QueryStringTest {
  @Test
  void valuesListsAndOperatorMaps() {
    assertThat(QueryString.parse("id=a")).isEqualTo(Map.of("id", "a"));
    assertThat(QueryString.parse("id%5B0%5D=a&id%5B1%5D=b")).isEqualTo(Map.of("id", List.of("a", "b")));
    assertThat(QueryString.parse("id[1]=b&id[0]=a")).isEqualTo(Map.of("id", List.of("a", "b")));
    assertThat(QueryString.parse("id[]=a&id[]=b")).isEqualTo(Map.of("id", List.of("a", "b")));
    assertThat(QueryString.parse("id=a&id=b")).isEqualTo(Map.of("id", List.of("a", "b")));
    assertThat(QueryString.parse("revoked_at%5B%24gte%5D=2024-01-01T00%3A00%3A00Z&limit=5"))
        .isEqualTo(Map.of("revoked_at", Map.of("$gte", "2024-01-01T00:00:00Z"), "limit", "5"));
    assertThat(QueryString.parse("created_at[$lt]=x&created_at[$gt]=y"))
        .isEqualTo(Map.of("created_at", Map.of("$lt", "x", "$gt", "y")));
    assertThat(QueryString.parse("id[$in][0]=a&id[$in][1]=b")).isEqualTo(Map.of("id", Map.of("$in", List.of("a", "b"))));
  }

  @Test
  void plusIsASpaceAndEmptyPartsAreSkipped() {
    assertThat(QueryString.parse("fields=+title,-type&&x-medusa=")).isEqualTo(Map.of("fields", " title,-type",
        "x-medusa", ""));
    assertThat(QueryString.parse(null)).isEmpty();
    assertThat(QueryString.parse("")).isEmpty();
  }

  @Test
  void aParameterGivenAsAValueAndAMapIsRefused() {
    assertThatThrownBy(() -> QueryString.parse("id=a&id[$in]=b")).isInstanceOf(HttpProblem.class)
        .hasMessage("the query parameter 'id[$in]' is given both as a value and as a map");
    assertThatThrownBy(() -> QueryString.parse("id=%zz")).hasMessage("the query string has a malformed %-escape in '%zz'");
  }
}
