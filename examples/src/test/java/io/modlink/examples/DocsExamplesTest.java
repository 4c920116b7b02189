package io.modlink.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.*;
import io.modlink.core.Modlink;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.spi.*;
import io.modlink.examples.brand.*;
import io.modlink.saleschannel.*;
import java.time.Instant;
import java.util.*;
import org.junit.jupiter.api.Test;

class DocsExamplesTest {
  void p(Modlink m, String e, ReadRequest r) {
    try { System.out.println(m.store(e).read(r)); } catch (Exception ex) { System.out.println(ex); }
  }
  @Test
  void explore() {
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new BrandModule(), new SalesChannelModule(), new ApiKeyModule());
    try (Modlink m = injector.getInstance(Modlink.class)) {
      Instant now = Instant.parse("2024-05-01T10:00:00Z");
      m.sessionFactory("api_key").inTransaction(s -> {
        s.persist(new ApiKey("apk_1", "Web", ApiKeyType.publishable, "pk_1", "pk_***", "u", now));
        s.persist(new ApiKey("apk_2", "Srv", ApiKeyType.secret, "sk_1", "sk_***", "u", now.plusSeconds(60)));
      });
      m.sessionFactory("brand").inTransaction(s -> {
        s.persist(new Brand("brand_1", "Acme", "acme", now));
        s.persist(new Brand("brand_2", "Apex", "apex", now));
        s.persist(new Brand("brand_3", "Zenith", "zenith", now));
      });
      m.sessionFactory("sales_channel").inTransaction(s -> {
        SalesChannel sc = new SalesChannel("sc_1", "Web", null, now); sc.setMetadata(Map.of("a", 1)); s.persist(sc);
      });
      p(m, "api_key", ReadRequest.builder().filter("type", Map.of("$like", "pub%")).fields("type").build());
      p(m, "api_key", ReadRequest.builder().filter("type", List.of("secret")).fields("type").build());
      p(m, "api_key", ReadRequest.builder().filter("type", Map.of("$ne", "secret")).fields("type").build());
      p(m, "api_keys", ReadRequest.builder().filter("created_at", Map.of("$gt", "2024-05-01T10:00:30Z")).fields("title").build());
      p(m, "api_key", ReadRequest.builder().filter("created_at", Map.of("$gt", now)).fields("title", "created_at").build());
      p(m, "sales_channel", ReadRequest.builder().filter("metadata", Map.of("$exists", true)).build());
      p(m, "sales_channel", ReadRequest.builder().filter("metadata", Map.of("a", 1)).build());
      p(m, "sales_channel", ReadRequest.builder().filter("is_disabled", Map.of("$gt", true)).build());
      p(m, "sales_channel", ReadRequest.builder().orderBy("metadata", SortDirection.ASC).build());
      p(m, "brand", ReadRequest.builder().filter("name", Map.of("$ilike", "a%")).fields("name", "handle").orderBy("name", SortDirection.DESC).take(1).withCount().build());
      p(m, "brand", ReadRequest.builder().take(0).withCount().build());
      p(m, "brand", ReadRequest.builder().skip(1).take(1).build());
      p(m, "brand", ReadRequest.builder().filter("$or", List.of(Map.of("handle", "acme"), Map.of("name", Map.of("$in", List.of("Zenith"))))).fields("handle").build());
      p(m, "brand", ReadRequest.builder().filter("default_sales_channel_id", null).fields("handle").build());
      p(m, "brand", ReadRequest.builder().filter("name", Map.of("$nin", List.of("Acme"), "$lt", "Zz")).fields("handle").build());
      System.out.println(m.store("brand").softDelete(List.of("brand_1", "brand_404")));
      System.out.println(m.store("brand").softDelete(List.of("brand_1")));
      p(m, "brand", ReadRequest.builder().fields("handle").build());
      p(m, "brand", ReadRequest.builder().fields("handle", "deleted_at").withDeleted().build());
      System.out.println(m.store("brand").restore(List.of("brand_1", "brand_2")));
      System.out.println(m.store("api_key").softDelete(List.of("apk_1")));
      try { m.store("brnd"); } catch (Exception ex) { System.out.println(ex); }
      try { m.store("brand").softDelete(List.of("")); } catch (Exception ex) { System.out.println(ex); }
    }
  }
}
