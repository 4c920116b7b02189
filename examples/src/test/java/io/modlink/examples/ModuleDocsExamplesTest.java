package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.isTest;
import static io.modlink.examples.DocPages.methodBody;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyPage;
import io.modlink.core.spi.ListQuery;
import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.ApiKeyType;
import io.modlink.apikey.CreateApiKey;
import io.modlink.apikey.UpdateApiKey;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.spi.SortDirection;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.saleschannel.SalesChannelPage;
import io.modlink.saleschannel.SalesChannelRecord;
import io.modlink.saleschannel.SalesChannelService;
import io.modlink.saleschannel.UpdateSalesChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every Java snippet of {@code docs/api-key.md} and {@code docs/sales-channel.md} and checks
 * its results; each page names, under each snippet, the test method that runs it.
 * {@link #docsMatchTheCode()} keeps pages and code in step: each Java snippet must appear, line for
 * line, in the method it names (or in the source file it links to), each SQL block in the file it
 * links to, and each output block must equal what a test prints.
 */
class ModuleDocsExamplesTest {
  private static final String API_KEY_PAGE = "docs/api-key.md";
  private static final String SALES_CHANNEL_PAGE = "docs/sales-channel.md";
  private static final String TEST_SOURCE = "examples/src/test/java/io/modlink/examples/ModuleDocsExamplesTest.java";
  /** Generated ids, shortened in the outputs the pages show. */
  private static final Pattern IDS = Pattern.compile("\\b(apk|sc|pksc)_[0-9A-Z]{26}\\b");

  private final List<Modlink> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Modlink::close);
  }

  private Modlink track(Modlink modlink) {
    opened.add(modlink);
    return modlink;
  }

  // ---------------------------------------------------------------------------------------------
  // docs/api-key.md

  @Test
  void apiKeyInstallation() {
    Injector injector = Guice.createInjector(
        ModlinkModule.jdbc("jdbc:h2:mem:store", "sa", "").withSchema(SchemaAction.MIGRATE),
        new ApiKeyModule(), new SalesChannelModule());
    Modlink modlink = injector.getInstance(Modlink.class);           // close it when the application stops
    ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
    track(modlink);

    assertThat(modlink.registry().relation("api_key", "sales_channels")).isPresent();
    assertThat(apiKeys.list(ListQuery.all())).isEmpty();
    assertThat(modlink.registry().links()).singleElement()
        .satisfies(l -> assertThat(l.table()).contains("publishable_api_key_sales_channel"));
  }

  @Test
  void apiKeyWithoutGuice() {
    Modlink modlink = Modlink.builder()
        .database(DatabaseConfig.of("jdbc:h2:mem:store", "sa", ""))
        .schema(SchemaAction.MIGRATE)
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .links(ApiKeyModule.links())
        .build();
    ApiKeyService apiKeys = new ApiKeyService(modlink);
    track(modlink);

    assertThat(modlink.registry().links()).hasSize(1);
    assertThat(apiKeys.create(CreateApiKey.publishable("Storefront", "user_1")).type())
        .isEqualTo(ApiKeyType.publishable);
  }

  @Test
  void apiKeyCreateAndRead() {
    ApiKeyService apiKeys = new ApiKeyService(modlink());

    ApiKeyRecord storefront = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
    String publishable = storefront.token();     // pk_ and 64 hex characters, readable again later
    String redacted = storefront.redacted();     // its first 6 and last 3 characters: pk_44d***3be

    ApiKeyRecord backOffice = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));
    String secret = backOffice.token();          // sk_ and 64 hex characters: shown this once
    String later = apiKeys.retrieve(backOffice.id()).token();   // "": only a hash is kept

    assertThat(publishable).matches("pk_[0-9a-f]{64}");
    assertThat(redacted).isEqualTo(publishable.substring(0, 6) + "***" + publishable.substring(64));
    assertThat(apiKeys.retrieve(storefront.id()).token()).isEqualTo(publishable);
    assertThat(secret).matches("sk_[0-9a-f]{64}");
    assertThat(later).isEmpty();

    List<ApiKeyRecord> live = apiKeys.list(ListQuery.builder()
        .filter("type", "publishable")
        .filter("revoked_at", null)                    // not revoked
        .orderBy("created_at", SortDirection.DESC)
        .build());
    ApiKeyPage page = apiKeys.listAndCount(ListQuery.builder()
        .q("office")                                   // in the title or the redacted token
        .take(10)
        .build());                                     // page.apiKeys(): [Back office], page.count(): 1

    assertThat(live).extracting(ApiKeyRecord::id).containsExactly(storefront.id());
    assertThat(page.apiKeys()).extracting(ApiKeyRecord::title).containsExactly("Back office");
    assertThat(page.apiKeys()).extracting(ApiKeyRecord::token).containsExactly("");
    assertThat(page.count()).isEqualTo(1);

    ApiKeyRecord renamed = apiKeys.update(storefront.id(), UpdateApiKey.title("Web storefront"));
    ApiKeyRecord same = apiKeys.update(storefront.id(), UpdateApiKey.fromMap(Map.of(
        "title", "Web storefront",
        "type", "secret")));                           // only the title is read; type is ignored

    assertThat(renamed.title()).isEqualTo("Web storefront");
    assertThat(same.type()).isEqualTo(ApiKeyType.publishable);
    assertThat(same.token()).isEqualTo(publishable);
  }

  @Test
  void apiKeyRevokeDeleteAuthenticate() {
    ApiKeyService apiKeys = new ApiKeyService(modlink());
    ApiKeyRecord storefront = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
    ApiKeyRecord backOffice = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));
    String publishable = storefront.token();
    String secret = backOffice.token();

    Optional<ApiKeyRecord> caller = apiKeys.authenticate(secret);        // the back office key
    Optional<ApiKeyRecord> nobody = apiKeys.authenticate(publishable);   // empty: not a secret key

    assertThat(caller).map(ApiKeyRecord::id).contains(backOffice.id());
    assertThat(caller.orElseThrow().token()).isEmpty();
    assertThat(nobody).isEmpty();

    apiKeys.revoke(backOffice.id(), "user_1", 3600);   // revoked in an hour: valid until then
    apiKeys.revoke(storefront.id(), "user_1", 0);      // revoked now
    List<String> deleted = apiKeys.delete(List.of(storefront.id()));   // for good; its links are dismissed
    try {
      apiKeys.delete(List.of(backOffice.id()));        // its revocation has not taken effect yet
    } catch (NotAllowedException e) {
      // Cannot delete api keys that are not revoked - apk_...
    }

    assertThat(deleted).containsExactly(storefront.id());
    assertThat(apiKeys.authenticate(secret)).isPresent();
    assertThat(apiKeys.retrieve(backOffice.id()).revokedAt()).isAfter(Instant.now().plusSeconds(3500));
    assertThat(apiKeys.list(ListQuery.all())).extracting(ApiKeyRecord::id).containsExactly(backOffice.id());
  }

  @Test
  void apiKeyLinks() {
    Injector injector = Guice.createInjector(
        ModlinkModule.jdbc("jdbc:h2:mem:store", "sa", "").withSchema(SchemaAction.MIGRATE),
        new ApiKeyModule(), new SalesChannelModule());
    Modlink modlink = track(injector.getInstance(Modlink.class));
    ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
    SalesChannelService channels = injector.getInstance(SalesChannelService.class);

    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
    SalesChannelRecord app = channels.create(CreateSalesChannel.named("Mobile app"));
    Link link = modlink.link();                        // or injector.getInstance(Link.class)

    link.create(Map.of(
        "api_key", Map.of("api_key_id", key.id()),
        "sales_channel", Map.of("sales_channel_id", web.id())));
    link.create(Map.of(
        "api_key", Map.of("publishable_key_id", key.id()),   // another linkable key of api_key
        "sales_channel", Map.of("sales_channel_id", app.id())));

    List<LinkRecord> rows = link.list(LinkQuery.of("publishable_api_key_sales_channel")
        .where("publishable_key_id", key.id()));       // two rows: the web store and the app
    List<Object> channelIds = rows.stream().map(LinkRecord::rightKey).toList();

    assertThat(channelIds).containsExactlyInAnyOrder(web.id(), app.id());
    assertThat(rows).allSatisfy(r -> assertThat(r.id()).startsWith("pksc_"));

    link.dismiss(Map.of(
        "api_key", Map.of("api_key_id", key.id()),
        "sales_channel", Map.of("sales_channel_id", app.id())));

    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel"))).extracting(LinkRecord::rightKey)
        .containsExactly(web.id());

    link.create(LinkRequest.between(
        LinkKey.of("api_key", "publishable_key_id", key.id()),
        LinkKey.of("sales_channel", "sales_channel_id", app.id())));   // revives the dismissed pair

    List<LinkRecord> all = link.list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted());
    assertThat(all).hasSize(2).allMatch(LinkRecord::isLive);

    apiKeys.revoke(key.id(), "user_1", 0);
    apiKeys.delete(List.of(key.id()));                 // dismisses the key's two links

    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel"))).isEmpty();
    assertThat(link.list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted())).hasSize(2);
  }

  @Test
  void apiKeySalesChannels() {
    Injector injector = Guice.createInjector(
        ModlinkModule.jdbc("jdbc:h2:mem:store", "sa", "").withSchema(SchemaAction.MIGRATE),
        new ApiKeyModule(), new SalesChannelModule());
    Modlink modlink = track(injector.getInstance(Modlink.class));
    ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
    SalesChannelService channels = injector.getInstance(SalesChannelService.class);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
    SalesChannelRecord app = channels.create(CreateSalesChannel.named("Mobile app"));

    apiKeys.updateSalesChannels(key.id(), List.of(web.id(), app.id()), List.of());
    apiKeys.updateSalesChannels(key.id(), List.of(), List.of(app.id()));     // the web store is left
    try {
      apiKeys.updateSalesChannels(key.id(), List.of("sc_404"), List.of(web.id()));
    } catch (NotFoundException e) {
      // SalesChannel id not found: sc_404; nothing changed, the web store is still linked
    }

    assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel"))).extracting(LinkRecord::rightKey)
        .containsExactly(web.id());
    assertThatThrownBy(() -> apiKeys.updateSalesChannels(key.id(), List.of("sc_404"), List.of(web.id())))
        .isInstanceOf(NotFoundException.class).hasMessage("SalesChannel id not found: sc_404");
    ApiKeyRecord secret = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));
    assertThatThrownBy(() -> apiKeys.updateSalesChannels(secret.id(), List.of(web.id()), List.of()))
        .isInstanceOf(NotAllowedException.class);
  }

  @Test
  void apiKeyErrors() {
    Modlink modlink = modlink();
    ApiKeyService apiKeys = new ApiKeyService(modlink);
    ApiKeyRecord secretKey = apiKeys.create(CreateApiKey.secret("Back office", "user_1"));
    ApiKeyRecord publishableKey = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
    apiKeys.revoke(secretKey.id(), "user_1", 0);
    Link link = modlink.link();

    String printed = printed(() -> {
      List<Runnable> attempts = List.of(
          () -> apiKeys.create(CreateApiKey.publishable(" ", "user_1")),
          () -> apiKeys.retrieve("apk_404"),
          () -> apiKeys.revoke(secretKey.id(), "user_1", 0),
          () -> apiKeys.revoke(publishableKey.id(), "user_1", -60),
          () -> apiKeys.delete(List.of(publishableKey.id())),
          () -> link.create(Map.of(
              "api_key", Map.of("api_key_id", "apk_123"),
              "sales_channel", Map.of("sales_channel_id", "sc_123"))));
      for (Runnable attempt : attempts) {
        try {
          attempt.run();
        } catch (ModlinkException e) {
          System.out.println(e.type() + ": " + e.getMessage());
        }
      }
    });
    assertOutput(API_KEY_PAGE, "api-key-errors", printed);
    assertThat(printed.lines()).hasSize(6);
    assertThat(apiKeys.retrieve(publishableKey.id()).revokedAt()).isNull();
  }

  // ---------------------------------------------------------------------------------------------
  // docs/sales-channel.md

  @Test
  void salesChannelCreateAndRead() throws JsonProcessingException {
    Modlink modlink = modlink();
    Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    SalesChannelService channels = new SalesChannelService(modlink, clock);   // a fixed clock, for the example

    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store")
        .withDescription("The online shop")
        .withMetadata(Map.of("region", "eu")));
    SalesChannelRecord shop = channels.create(CreateSalesChannel.named("Corner shop").disabled());
    String json = modlink.objectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(web);

    assertThat(web.isDisabled()).isFalse();
    assertThat(shop.isDisabled()).isTrue();
    assertOutput(SALES_CHANNEL_PAGE, "sales-channel-json", masked(json) + "\n");

    List<SalesChannelRecord> enabled = channels.list(ListQuery.builder()
        .filter("is_disabled", false)
        .build());                                     // [Web store]
    SalesChannelPage page = channels.listAndCount(ListQuery.builder()
        .q("shop")                                     // in the name or the description
        .orderBy("name", SortDirection.ASC)
        .take(1)
        .build());                                     // page.salesChannels(): [Corner shop], page.count(): 2

    assertThat(enabled).extracting(SalesChannelRecord::name).containsExactly("Web store");
    assertThat(page.salesChannels()).extracting(SalesChannelRecord::name).containsExactly("Corner shop");
    assertThat(page.count()).isEqualTo(2);

    SalesChannelRecord open = channels.update(shop.id(), UpdateSalesChannel.builder()
        .disabled(false)
        .description("Open again")
        .metadata(null)                                // clears it; metadata is replaced as a whole
        .build());                                     // the name is left as it is

    assertThat(open).isEqualTo(new SalesChannelRecord(shop.id(), "Corner shop", "Open again", false, null,
        shop.createdAt(), shop.updatedAt(), null));
    assertThat(channels.retrieve(shop.id())).isEqualTo(open);
  }

  @Test
  void salesChannelDeleteAndRestore() {
    Modlink modlink = modlink();
    ApiKeyService apiKeys = new ApiKeyService(modlink);
    SalesChannelService channels = new SalesChannelService(modlink);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
    modlink.link().create(Map.of(
        "api_key", Map.of("api_key_id", key.id()),
        "sales_channel", Map.of("sales_channel_id", web.id())));
    LinkQuery links = LinkQuery.of("publishable_api_key_sales_channel");

    channels.softDelete(List.of(web.id()));            // the channel's links are dismissed
    List<SalesChannelRecord> live = channels.list(ListQuery.all());              // []
    List<SalesChannelRecord> all = channels.list(ListQuery.builder().withDeleted().build());

    assertThat(live).isEmpty();
    assertThat(all).singleElement().satisfies(c -> assertThat(c.deletedAt()).isNotNull());
    assertThat(modlink.link().list(links)).isEmpty();

    channels.restore(List.of(web.id()));               // and restored with it

    assertThat(channels.retrieve(web.id()).deletedAt()).isNull();
    assertThat(modlink.link().list(links)).singleElement().satisfies(r -> assertThat(r.leftKey()).isEqualTo(key.id()));
  }

  @Test
  void salesChannelErrors() {
    SalesChannelService channels = new SalesChannelService(modlink());
    SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));

    String printed = printed(() -> {
      List<Runnable> attempts = List.of(
          () -> channels.create(List.of(CreateSalesChannel.named("App"), CreateSalesChannel.named(""))),
          () -> channels.create(CreateSalesChannel.named("App").withMetadata(Map.of("opened", new Object()))),
          () -> channels.retrieve("sc_404"),
          () -> channels.update(web.id(), UpdateSalesChannel.builder().description("x".repeat(300)).build()),
          () -> channels.list(ListQuery.builder().filter("disabled", true).build()));
      for (Runnable attempt : attempts) {
        try {
          attempt.run();
        } catch (ModlinkException e) {
          System.out.println(e.type() + ": " + e.getMessage());
        }
      }
    });
    assertOutput(SALES_CHANNEL_PAGE, "sales-channel-errors", printed);
    assertThat(printed.lines()).hasSize(5);
    assertThat(channels.list(ListQuery.all())).hasSize(1);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers

  /** A fresh Modlink with both modules on a private H2 database, tables from the migrations. */
  private Modlink modlink() {
    return track(Modlink.builder()
        .database(DatabaseConfig.embedded())
        .schema(SchemaAction.MIGRATE)
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .links(ApiKeyModule.links())
        .build());
  }

  /** What {@code code} prints to {@code System.out}, with generated ids shortened. */
  private static String printed(Runnable code) {
    return masked(DocPages.printed(code::run));
  }

  private static String masked(String text) {
    return IDS.matcher(text).replaceAll("$1_<ulid>");
  }

  // ---------------------------------------------------------------------------------------------
  // The pages and the code agree

  @Test
  void docsMatchTheCode() throws IOException {
    Path root = root();
    String testSource = Files.readString(root.resolve(TEST_SOURCE));
    List<String> failures = new ArrayList<>();
    for (String page : List.of(API_KEY_PAGE, SALES_CHANNEL_PAGE)) {
      List<String> lines = Files.readAllLines(root.resolve(page));
      int snippets = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (!line.startsWith("```") || line.equals("```")) {
          continue;
        }
        String language = line.substring(3).trim();
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).equals("```")) {
          end++;
        }
        List<String> block = lines.subList(i + 1, end);
        int at = i + 1;
        String marker = end + 1 < lines.size() ? lines.get(end + 1) : "";
        Matcher file = Pattern.compile("\\]\\(\\.\\./([^)]+\\.(?:java|sql))\\)").matcher(marker);
        switch (language) {
          case "java" -> {
            snippets++;
            Matcher method = Pattern.compile("ModuleDocsExamplesTest\\.(\\w+)").matcher(marker);
            if (!method.find()) {
              failures.add(page + ":" + at + ": a Java snippet must be followed by a line naming its test, e.g."
                  + " 'Run by ModuleDocsExamplesTest.apiKeyLinks'");
            } else if (!isTest(ModuleDocsExamplesTest.class, method.group(1))) {
              failures.add(page + ":" + at + ": ModuleDocsExamplesTest has no @Test method " + method.group(1));
            } else {
              String where;
              List<String> source;
              if (file.find()) {
                where = file.group(1);
                source = Files.readAllLines(root.resolve(where));
              } else {
                where = "ModuleDocsExamplesTest." + method.group(1);
                source = methodBody(testSource, method.group(1));
              }
              if (!DocsExamplesTest.Snippets.contains(source, block)) {
                failures.add(page + ":" + at + ": snippet not found line for line in " + where + ":\n"
                    + String.join("\n", block));
              }
            }
          }
          case "sql" -> {
            if (!file.find()) {
              failures.add(page + ":" + at + ": an SQL block must be followed by a line linking its file");
            } else if (!DocsExamplesTest.Snippets.contains(Files.readAllLines(root.resolve(file.group(1))), block)) {
              failures.add(page + ":" + at + ": SQL not found line for line in " + file.group(1));
            }
          }
          case "text" -> {
            Matcher output = Pattern.compile("<!-- output: ([\\w-]+) -->").matcher(i > 0 ? lines.get(i - 1) : "");
            if (!output.find()) {
              failures.add(page + ":" + at + ": an output block must follow a line <!-- output: name -->");
            } else if (!testSource.contains("\"" + output.group(1) + "\", ")) {
              failures.add(page + ":" + at + ": no test compares output '" + output.group(1) + "'");
            }
          }
          default -> failures.add(page + ":" + at + ": code block of language '" + language + "'; use java (run by"
              + " a test), sql (a migration it links to) or text (an output a test compares)");
        }
        i = end;
      }
      assertThat(snippets).as("Java snippets in " + page).isGreaterThanOrEqualTo(4);
    }
    assertThat(failures).isEmpty();
  }




}
