package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.isTest;
import static io.modlink.examples.DocPages.methodBody;
import static io.modlink.examples.DocPages.printed;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.ApiKey;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.ApiKeyType;
import io.modlink.apikey.CreateApiKey;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.error.ConflictException;
import io.modlink.core.Modlink;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.workflow.CreateLinksStep;
import io.modlink.core.workflow.QueryGraphStep;
import io.modlink.core.workflow.Step;
import io.modlink.core.workflow.StepContext;
import io.modlink.core.workflow.StepResult;
import io.modlink.core.workflow.Transactions;
import io.modlink.core.workflow.Workflow;
import io.modlink.core.workflow.WorkflowException;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.saleschannel.SalesChannelRecord;
import io.modlink.saleschannel.SalesChannelService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every Java snippet of {@code docs/transactions-and-workflows.md} and checks its results, on
 * embedded H2; the page names, under each snippet, the method that runs it.
 * {@link #docsMatchTheCode()} keeps page and code in step: each snippet must appear, line for line,
 * in the method it names, and each output block must equal what the code prints.
 */
class WorkflowDocsExamplesTest {
  static final String GUIDE = "docs/transactions-and-workflows.md";
  private static final String TEST_SOURCE = "examples/src/test/java/io/modlink/examples/WorkflowDocsExamplesTest.java";

  private final List<Modlink> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Modlink::close);
  }

  private Modlink track(Modlink modlink) {
    opened.add(modlink);
    return modlink;
  }

  /** The reference scenario's records: key apk_123, channels sc_123 (Web store), sc_456, sc_789. */
  private static void seed(Modlink modlink) {
    Instant now = Instant.parse("2024-05-01T10:00:00Z");
    modlink.sessionFactory("api_key").inTransaction(session ->
        session.persist(new ApiKey("apk_123", "Storefront", ApiKeyType.publishable, "pk_123", "pk_1***", "user_1", now)));
    modlink.sessionFactory("sales_channel").inTransaction(session -> {
      session.persist(new SalesChannel("sc_123", "Web store", null, now));
      session.persist(new SalesChannel("sc_456", "Mobile app", null, now));
      session.persist(new SalesChannel("sc_789", "Kiosk", null, now));
    });
  }

  private Modlink shop() {
    Modlink modlink = track(Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .links(ApiKeyModule.links())
        .build());
    seed(modlink);
    return modlink;
  }

  private static CreateLinksStep<String> createRemoteLink() {
    return CreateLinksStep.of("create-remote-link",
        (String channelId) -> List.of(LinkRequest.fromMap(Map.of(
            "api_key", Map.of("api_key_id", "apk_123"),
            "sales_channel", Map.of("sales_channel_id", channelId)))));
  }

  private static QueryGraphStep<List<LinkRecord>, GraphResult> useQueryGraph() {
    return QueryGraphStep.of("use-query-graph",
        (List<LinkRecord> created) -> GraphQuery.entity("api_key")
            .fields("id", "title", "sales_channels.id", "sales_channels.name")
            .filters(Map.of("id", "apk_123"))
            .build());
  }

  private static Workflow<String, GraphResult> linkAndAnnounce() {
    Step<GraphResult, GraphResult> announce = Step.of("announce", (GraphResult linked, StepContext context) -> {
      throw new IllegalStateException("the notification service is down");
    });
    return Workflow.<String>builder("link-and-announce")
        .then(createRemoteLink())
        .then(useQueryGraph())
        .then(announce)
        .build();
  }

  private static List<String> linksTo(Modlink modlink, String channel) {
    return modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel").where("sales_channel_id", channel))
        .stream().map(r -> r.leftKey() + "-" + r.rightKey()).toList();
  }

  @Test
  void unitOfWork() {
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule());
    Modlink modlink = injector.getInstance(Modlink.class);
    Transactions transactions = injector.getInstance(Transactions.class);   // or modlink.transactions()
    ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
    SalesChannelService channels = injector.getInstance(SalesChannelService.class);
    track(modlink);

    ApiKeyRecord key = transactions.fromTransaction(tx -> {
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
      ApiKeyRecord storefront = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
      modlink.link().create(Map.of(                  // verifies both records: it sees them, uncommitted
          "api_key", Map.of("api_key_id", storefront.id()),
          "sales_channel", Map.of("sales_channel_id", web.id())));
      return storefront;
    });                                              // one commit

    assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel"))).singleElement()
        .satisfies(r -> assertThat(r.leftKey()).isEqualTo(key.id()));

    String printed = printed(() -> {
      try {
        transactions.inTransaction(tx -> {
          SalesChannelRecord app = channels.create(CreateSalesChannel.named("Mobile app"));
          apiKeys.updateSalesChannels(key.id(), List.of(app.id()), List.of());
          throw new IllegalStateException("the app is not ready");
        });
      } catch (IllegalStateException e) {
        System.out.println("rolled back: " + e.getMessage());
      }
      System.out.println("channels: " + channels.list(ListQuery.all()).stream().map(SalesChannelRecord::name).toList());
    });
    assertOutput(GUIDE, "unit-of-work", printed);
    assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel"))).hasSize(1);
  }

  @Test
  void retryingUnitOfWork() {
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule());
    Modlink modlink = track(injector.getInstance(Modlink.class));
    Transactions transactions = modlink.transactions();
    ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
    SalesChannelService channels = injector.getInstance(SalesChannelService.class);
    channels.create(CreateSalesChannel.named("Web store"));
    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));

    String printed = printed(() -> {
      AtomicInteger attempts = new AtomicInteger();
      SalesChannelRecord kiosk = transactions.fromRetryingTransaction(tx -> {
        SalesChannelRecord created = channels.create(CreateSalesChannel.named("Kiosk"));
        modlink.link().create(Map.of(
            "api_key", Map.of("api_key_id", key.id()),
            "sales_channel", Map.of("sales_channel_id", created.id())));
        if (attempts.incrementAndGet() == 1) {          // as a deadlock inside the unit would
          throw new ConflictException("deadlock detected (simulated)", null, true);
        }
        return created;
      });
      System.out.println("attempts: " + attempts.get());
      System.out.println("channels: " + channels.list(ListQuery.all()).stream().map(SalesChannelRecord::name).toList());
      assertThat(linksTo(modlink, kiosk.id())).containsExactly(key.id() + "-" + kiosk.id());
    });
    assertOutput(GUIDE, "retrying-unit-of-work", printed);
    assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel"))).hasSize(1);
  }

  @Test
  void referenceScenario() {
    Modlink modlink = shop();
    String printed = printed(() -> {
      CreateLinksStep<String> createRemoteLink = CreateLinksStep.of("create-remote-link",
          (String channelId) -> List.of(LinkRequest.fromMap(Map.of(
              "api_key", Map.of("api_key_id", "apk_123"),
              "sales_channel", Map.of("sales_channel_id", channelId)))));
      QueryGraphStep<List<LinkRecord>, GraphResult> useQueryGraph = QueryGraphStep.of("use-query-graph",
          (List<LinkRecord> created) -> GraphQuery.entity("api_key")
              .fields("id", "title", "sales_channels.id", "sales_channels.name")
              .filters(Map.of("id", "apk_123"))
              .build());

      Workflow<String, GraphResult> linkKeyToChannel = Workflow.<String>builder("link-key-to-channel")
          .then(createRemoteLink)
          .then(useQueryGraph)
          .build();                                    // immutable: build it once, run it often

      GraphResult result = linkKeyToChannel.run(modlink, "sc_123");
      System.out.println(result.data());
    });
    assertOutput(GUIDE, "reference-workflow", printed);

    CreateLinksStep<String> createRemoteLink = createRemoteLink();
    String refused = printed(() -> {
      try {
        Workflow.<String>builder("twice")
            .then(createRemoteLink)
            .then(QueryGraphStep.of("create-remote-link", GraphQuery.entity("api_key").build()));
      } catch (IllegalArgumentException e) {
        System.out.println(e.getMessage());
      }
    });
    assertOutput(GUIDE, "duplicate-step", refused);
  }

  @Test
  void failedRun() {
    Modlink modlink = shop();
    CreateLinksStep<String> createRemoteLink = createRemoteLink();
    QueryGraphStep<List<LinkRecord>, GraphResult> useQueryGraph = useQueryGraph();
    String printed = printed(() -> {
      Step<GraphResult, GraphResult> announce = Step.of("announce", (GraphResult linked, StepContext context) -> {
        throw new IllegalStateException("the notification service is down");
      });
      Workflow<String, GraphResult> linkAndAnnounce = Workflow.<String>builder("link-and-announce")
          .then(createRemoteLink)
          .then(useQueryGraph)
          .then(announce)
          .build();
      try {
        linkAndAnnounce.run(modlink, "sc_456");
      } catch (WorkflowException e) {
        System.out.println(e.type() + ": " + e.getMessage());
        System.out.println("failed step: " + e.failedStep().orElseThrow() + ", rolled back: " + e.rolledBack()
            + ", compensated: " + e.compensated());
      }
      System.out.println("links to sc_456: " + modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel")
          .where("sales_channel_id", "sc_456")));
    });
    assertOutput(GUIDE, "failed-workflow", printed);
  }

  @Test
  void outsideTheDatabase() {
    Modlink modlink = shop();
    CreateLinksStep<String> createRemoteLink = createRemoteLink();
    QueryGraphStep<List<LinkRecord>, GraphResult> useQueryGraph = useQueryGraph();
    String printed = printed(() -> {
      List<String> outbox = new ArrayList<>();          // stands for a message broker
      Step<GraphResult, GraphResult> announce = Step.of("announce", (GraphResult linked, StepContext context) -> {
        outbox.add("apk_123 sells on " + context.input());
        return StepResult.of(linked, undo -> outbox.add("retracted: apk_123 on " + context.input())).outsideDatabase();
      });
      Step<GraphResult, GraphResult> bill = Step.of("bill", (GraphResult linked, StepContext context) -> {
        throw new IllegalStateException("the billing service is down");
      });
      try {
        Workflow.<String>builder("link-announce-bill")
            .then(createRemoteLink).then(useQueryGraph).then(announce).then(bill)
            .build().run(modlink, "sc_789");
      } catch (WorkflowException e) {
        System.out.println(e.getMessage());
      }
      System.out.println(outbox);
    });
    assertOutput(GUIDE, "outside-the-database", printed);
    assertThat(linksTo(modlink, "sc_789")).isEmpty();
  }

  @Test
  void acrossDatabases() {
    String printed = printed(() -> {
      Modlink modlink = Modlink.builder()
          .module(ApiKeyModule.DEFINITION)
          .module(SalesChannelModule.DEFINITION)
          .links(ApiKeyModule.links())
          .database("api_key", DatabaseConfig.embedded())     // the keys on a database of their own
          .build();
      System.out.println("atomic: " + modlink.transactions().isAtomic());
      track(modlink);
      seed(modlink);
      Workflow<String, GraphResult> linkAndAnnounce = linkAndAnnounce();
      List<LinkRecord> before = modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted());
      try {
        linkAndAnnounce.run(modlink, "sc_456");
      } catch (WorkflowException e) {
        System.out.println(e.getMessage());
      }
      assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted()))
          .isEqualTo(before).isEmpty();
      // a link that was there before the run is left as it was
      modlink.link().create(LinkRequest.fromMap(Map.of("api_key", Map.of("api_key_id", "apk_123"),
          "sales_channel", Map.of("sales_channel_id", "sc_456"))));
      List<LinkRecord> existing = modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel"));
      try {
        linkAndAnnounce.run(modlink, "sc_456");
      } catch (WorkflowException e) {
        assertThat(e.compensated()).containsExactly("create-remote-link");
      }
      assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel").withDeleted()))
          .isEqualTo(existing);
    });
    assertOutput(GUIDE, "across-databases", printed);
  }

  // ---------------------------------------------------------------------------------------------
  // The page and the code agree

  @Test
  void docsMatchTheCode() throws IOException {
    Path root = root();
    String testSource = Files.readString(root.resolve(TEST_SOURCE));
    List<String> lines = Files.readAllLines(root.resolve(GUIDE));
    List<String> failures = new ArrayList<>();
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
      if (language.equals("java")) {
        snippets++;
        String marker = end + 1 < lines.size() ? lines.get(end + 1) : "";
        Matcher method = Pattern.compile("WorkflowDocsExamplesTest\\.(\\w+)").matcher(marker);
        if (!method.find()) {
          failures.add(GUIDE + ":" + at + ": a Java snippet must be followed by a line naming its test, e.g."
              + " 'Run by WorkflowDocsExamplesTest.unitOfWork'");
        } else if (!isTest(WorkflowDocsExamplesTest.class, method.group(1))) {
          failures.add(GUIDE + ":" + at + ": WorkflowDocsExamplesTest has no @Test method " + method.group(1));
        } else if (!DocsExamplesTest.Snippets.contains(methodBody(testSource, method.group(1)), block)) {
          failures.add(GUIDE + ":" + at + ": snippet not found line for line in WorkflowDocsExamplesTest."
              + method.group(1) + ":\n" + String.join("\n", block));
        }
      } else if (language.equals("text")) {
        Matcher output = Pattern.compile("<!-- output: ([\\w-]+) -->").matcher(i > 0 ? lines.get(i - 1) : "");
        if (!output.find()) {
          failures.add(GUIDE + ":" + at + ": an output block must follow a line <!-- output: name -->");
        } else if (!testSource.contains("assertOutput(GUIDE, \"" + output.group(1) + "\"")) {
          failures.add(GUIDE + ":" + at + ": no test compares output '" + output.group(1) + "'");
        }
      } else {
        failures.add(GUIDE + ":" + at + ": code block of language '" + language + "'; use java (run by a test) or"
            + " text (an output a test compares)");
      }
      i = end;
    }
    assertThat(snippets).as("Java snippets in " + GUIDE).isGreaterThanOrEqualTo(8);
    assertThat(Files.readString(root.resolve("docs/README.md"))).as("docs/README.md lists the page")
        .contains("](transactions-and-workflows.md)");
    assertThat(failures).isEmpty();
  }
}
