package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.isTest;
import static io.modlink.examples.DocPages.methodBody;
import static io.modlink.examples.DocPages.printed;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.CreateApiKey;
import io.modlink.core.Modlink;
import io.modlink.core.error.ConfigurationException;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.error.ProblemId;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkSide;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.Query;
import io.modlink.core.spi.ListQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs every snippet of docs/errors.md and compares what it prints with the page. */
class ErrorsDocsExamplesTest {
  static final String GUIDE = "docs/errors.md";
  private static final String TEST_SOURCE = "examples/src/test/java/io/modlink/examples/ErrorsDocsExamplesTest.java";

  private final List<Modlink> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Modlink::close);
  }

  private Modlink apiKeysOnly() {
    Modlink modlink = Modlink.builder().module(ApiKeyModule.DEFINITION).links(ApiKeyModule.links()).build();
    opened.add(modlink);
    return modlink;
  }

  @Test
  void catching() {
    Modlink modlink = apiKeysOnly();
    String out = printed(() -> {
      ApiKeyService apiKeys = new ApiKeyService(modlink);
      try {
        apiKeys.retrieve("apk_404");
      } catch (ModlinkException e) {
        int status = switch (e.type()) {
          case INVALID_DATA, NOT_ALLOWED -> 400;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case DUPLICATE -> 422;
          case UNEXPECTED_STATE -> 500;
        };
        System.out.println(status + " " + e.type().code() + ": " + e.getMessage());
      }
    });
    assertOutput(GUIDE, "catching", out);
  }

  @Test
  void messages() {
    Modlink modlink = apiKeysOnly();
    String out = printed(() -> {
      ApiKeyService apiKeys = new ApiKeyService(modlink);
      Query query = modlink.query();
      List<Runnable> attempts = List.of(
          () -> apiKeys.create(CreateApiKey.publishable(" ", "user_1")),
          () -> apiKeys.create(CreateApiKey.publishable("x".repeat(300), "user_1")),
          () -> apiKeys.list(ListQuery.builder().filter("title", "Web\u0000").build()),
          () -> apiKeys.list(ListQuery.builder().filter("titel", "Web").build()),
          () -> query.graph(GraphQuery.entity("api_key").fields("id", "salt").build()),
          () -> apiKeys.retrieve("apk_404"),
          () -> apiKeys.updateSalesChannels("apk_123", List.of("sc_123"), List.of()));
      for (Runnable attempt : attempts) {
        try {
          attempt.run();
        } catch (ModlinkException e) {
          System.out.println(e.type() + ": " + e.getMessage());
        }
      }
    });
    assertOutput(GUIDE, "messages", out);
  }

  @Test
  void configuration() {
    String out = printed(() -> {
      try {
        Modlink.builder()
            .module(ApiKeyModule.DEFINITION)
            .links(List.of(LinkDefinition.between(
                LinkSide.of("api_key", "api_key"),
                LinkSide.of("sales_chanel", "sales_channel")).build()))
            .build();
      } catch (ConfigurationException e) {
        for (ConfigurationProblem problem : e.problems()) {
          System.out.println(problem.id() + ": " + problem.message());
        }
      }
    });
    assertOutput(GUIDE, "configuration", out);
  }

  // ---------------------------------------------------------------------------------------------
  // The page and the code agree

  @Test
  void everyTypeAndProblemIdIsOnThePage() throws IOException {
    String page = Files.readString(root().resolve(GUIDE));
    for (ErrorType type : ErrorType.values()) {
      assertThat(page).as("error type %s", type).contains("| `" + type.code() + "` |");
    }
    for (ProblemId id : ProblemId.values()) {
      assertThat(page).as("problem id %s", id).contains("| `" + id + "` |");
    }
    assertThat(Arrays.stream(ErrorType.values()).map(ErrorType::code)).contains("invalid_data", "not_found",
        "not_allowed", "conflict", "duplicate", "unexpected_state");
  }

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
        Matcher method = Pattern.compile("ErrorsDocsExamplesTest\\.(\\w+)").matcher(marker);
        if (!method.find()) {
          failures.add(GUIDE + ":" + at + ": a Java snippet must be followed by a line naming its test");
        } else if (!isTest(ErrorsDocsExamplesTest.class, method.group(1))) {
          failures.add(GUIDE + ":" + at + ": ErrorsDocsExamplesTest has no @Test method " + method.group(1));
        } else if (!DocsExamplesTest.Snippets.contains(methodBody(testSource, method.group(1)), block)) {
          failures.add(GUIDE + ":" + at + ": snippet not found line for line in ErrorsDocsExamplesTest."
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
        failures.add(GUIDE + ":" + at + ": code block of language '" + language + "'; use java or text");
      }
      i = end;
    }
    assertThat(snippets).as("Java snippets in " + GUIDE).isGreaterThanOrEqualTo(3);
    assertThat(Files.readString(root.resolve("docs/README.md"))).as("docs/README.md lists the page")
        .contains("](errors.md)");
    assertThat(failures).isEmpty();
  }
}
