package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.modlink.examples.server.TestServer.Response;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every {@code $ curl ...} line of {@code docs/http-api.md}, in order, against a real server,
 * and compares each response with the JSON block under it (and its status, {@code # 400} at the end
 * of the line, 200 without). Generated values (ids, tokens, times) are matched by position: the page
 * shows those of one real run, and a value the page shows is the same value wherever it appears
 * again. {@code $TOKEN} is the admin token. {@code -Dmodlink.docs.update=true} rewrites the commands
 * and responses from a real run.
 */
class HttpApiDocsTest {
  private static final String PAGE = "docs/http-api.md";
  private static final Pattern GENERATED = Pattern.compile("(?:(?:pk|sk)_[0-9a-f]{64}"
      + "|(?:pk|sk)_[0-9a-f]{3}\\*\\*\\*[0-9a-f]{3}|[a-z]+_[0-9A-Z]{26}"
      + "|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?Z)(?![0-9A-Za-z])");
  /** {@code "key": value}, one array element a line. */
  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)).withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
  private static final Pattern TIME = Pattern.compile("\\d{4}-.*Z");
  private static final Pattern STATUS = Pattern.compile("\\s+#\\s*(\\d{3})\\s*$");

  @DatabaseTest(Engine.H2)
  void everyCurlOnThePageAnswersWhatThePageShows(TestDatabase db) throws Exception {
    Path file = root().resolve(PAGE);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    boolean update = Boolean.getBoolean("modlink.docs.update");
    Map<String, String> real = new HashMap<>();     // a generated value of the page -> the value of this run
    int requests = 0;
    try (TestServer s = new TestServer(db)) {
      token = s.adminToken;
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("$ curl ")) {
          continue;
        }
        int first = i;
        StringBuilder command = new StringBuilder(lines.get(i).substring(2));
        while (command.toString().endsWith("\\")) {
          command.setLength(command.length() - 1);
          command.append(' ').append(lines.get(++i).strip());
        }
        String where = PAGE + ":" + (first + 1);
        Matcher status = STATUS.matcher(command);
        int expectedStatus = status.find() ? Integer.parseInt(status.group(1)) : 200;
        String line = status.reset().replaceAll("");
        String substituted = substitute(line, real, where);
        Response response = run(s, words(substituted), where);
        requests++;
        int marker = i + 1;
        while (!lines.get(marker).startsWith("```json") && !lines.get(marker).startsWith("$ ")) {
          marker++;
        }
        assertThat(lines.get(marker)).as(where + ": a ```json block after the command").isEqualTo("```json");
        int end = marker + 1;
        while (!lines.get(end).equals("```")) {
          end++;
        }
        String shown = String.join("\n", lines.subList(marker + 1, end));
        String actual = TestServer.JSON.writer(PRETTY).writeValueAsString(response.body());
        if (update) {
          learn(TestServer.JSON.readTree(shown.isBlank() ? "{}" : shown), response.body(), real);
          lines.subList(marker + 1, end).clear();
          lines.addAll(marker + 1, actual.lines().toList());
          if (!substituted.equals(line)) {
            lines.subList(first, i + 1).clear();
            lines.add(first, "$ " + substituted + (expectedStatus == 200 ? "" : "   # " + response.status()));
            i = first;
          }
          continue;
        }
        assertThat(response.status()).as(where + ": status of " + line + "\n" + actual).isEqualTo(expectedStatus);
        match(TestServer.JSON.readTree(shown), response.body(), real, where + " " + line);
      }
    }
    if (update) {
      Files.write(file, lines);
    }
    assertThat(requests).as("curl commands on " + PAGE).isGreaterThan(20);
  }

  /** The page's generated values replaced by this run's. */
  private static String substitute(String text, Map<String, String> real, String where) {
    Matcher m = GENERATED.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = real.get(m.group());
      assertThat(value).as(where + ": " + m.group() + " is used before a response showed it").isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static void match(JsonNode shown, JsonNode actual, Map<String, String> real, String where) {
    String context = where + "\nshown:  " + shown + "\nactual: " + actual;
    if (shown.isObject()) {
      assertThat(actual.isObject()).as(context).isTrue();
      List<String> shownNames = new ArrayList<>();
      shown.fieldNames().forEachRemaining(shownNames::add);
      List<String> actualNames = new ArrayList<>();
      actual.fieldNames().forEachRemaining(actualNames::add);
      assertThat(actualNames).as(context).isEqualTo(shownNames);
      for (Iterator<Map.Entry<String, JsonNode>> it = shown.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        match(e.getValue(), actual.get(e.getKey()), real, where);
      }
    } else if (shown.isArray()) {
      assertThat(actual.isArray() && actual.size() == shown.size()).as(context).isTrue();
      for (int i = 0; i < shown.size(); i++) {
        match(shown.get(i), actual.get(i), real, where);
      }
    } else if (shown.isTextual() && actual.isTextual()) {
      matchText(shown.asText(), actual.asText(), real, context);
    } else {
      assertThat(actual).as(context).isEqualTo(shown);
    }
  }

  /** For an update: the generated values of the page's block recorded where the response has some at the same place. */
  private static void learn(JsonNode shown, JsonNode actual, Map<String, String> real) {
    if (shown.isContainerNode()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = shown.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (actual.has(e.getKey())) {
          learn(e.getValue(), actual.get(e.getKey()), real);
        }
      }
      for (int i = 0; shown.isArray() && i < shown.size() && i < actual.size(); i++) {
        learn(shown.get(i), actual.get(i), real);
      }
    } else if (shown.isTextual() && actual.isTextual()) {
      Matcher s = GENERATED.matcher(shown.asText());
      Matcher a = GENERATED.matcher(actual.asText());
      while (s.find() && a.find()) {
        real.putIfAbsent(s.group(), a.group());
      }
    }
  }

  /** Equal once the generated values are set aside; those are recorded (and must agree with earlier ones). */
  private static void matchText(String shown, String actual, Map<String, String> real, String context) {
    Matcher s = GENERATED.matcher(shown);
    Matcher a = GENERATED.matcher(actual);
    assertThat(GENERATED.matcher(actual).replaceAll("<generated>")).as(context)
        .isEqualTo(GENERATED.matcher(shown).replaceAll("<generated>"));
    while (s.find() && a.find()) {
      if (TIME.matcher(s.group()).matches()) {
        continue;   // times are only compared in shape: two shown equal may differ by microseconds
      }
      String previous = real.putIfAbsent(s.group(), a.group());
      assertThat(previous == null ? a.group() : previous).as(context + "\n" + s.group() + " stands for one value")
          .isEqualTo(a.group());
    }
  }

  private static Response run(TestServer s, List<String> words, String where) {
    String method = "GET";
    String url = null;
    String data = null;
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      switch (w) {
        case "-s", "-g" -> { }
        case "-X" -> method = words.get(++i);
        case "-H" -> {
          String header = words.get(++i);
          int colon = header.indexOf(':');
          headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        case "-d" -> {
          data = words.get(++i);
          if (method.equals("GET")) {
            method = "POST";
          }
        }
        default -> {
          assertThat(w).as(where + ": a URL or a known option (-s, -g, -X, -H, -d)").startsWith("http://localhost:9000");
          url = w;
        }
      }
    }
    assertThat(url).as(where + ": the URL").isNotNull();
    headers.remove("content-type");
    return s.send(method, url.substring("http://localhost:9000".length()), data, headers);
  }

  /** Shell words: single quotes literal, double quotes with {@code $TOKEN}; the admin token stands for $TOKEN. */
  private List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        word = (word == null ? new StringBuilder() : word).append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        int end = line.indexOf('"', i + 1);
        word = (word == null ? new StringBuilder() : word).append(line.substring(i + 1, end).replace("$TOKEN", token));
        i = end;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = (word == null ? new StringBuilder() : word).append(c);
      }
    }
    if (word != null) {
      words.add(word.toString().replace("$TOKEN", token));
    }
    return words;
  }

  private String token = "";

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/README.md"))) {
      dir = dir.getParent();
    }
    return java.util.Objects.requireNonNull(dir, "docs/README.md not found");
  }
}
