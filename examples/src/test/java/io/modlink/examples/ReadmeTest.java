package io.modlink.examples;

import static io.modlink.examples.DocPages.assertOutput;
import static io.modlink.examples.DocPages.printed;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "A taste" runs as shown: it is the body of {@link Taste#main}, and prints what the README shows. */
class ReadmeTest {
  @Test
  void aTasteIsTasteMainLineForLineAndPrintsWhatTheReadmeShows() throws Exception {
    List<String> readme = Files.readAllLines(root().resolve("README.md"));
    int start = readme.indexOf("## A taste");
    int from = readme.subList(start, readme.size()).indexOf("```java") + start + 1;
    int to = readme.subList(from, readme.size()).indexOf("```") + from;
    List<String> snippet = readme.subList(from, to);
    List<String> body = Files.readAllLines(root().resolve("examples/src/main/java/io/modlink/examples/Taste.java"))
        .stream().filter(l -> l.startsWith("    ")).map(l -> l.substring(4)).toList();

    assertThat(snippet.stream().filter(l -> !l.isEmpty()).toList()).as("README's A taste = Taste.main's body")
        .isEqualTo(body);

    String out = printed(() -> Taste.main(new String[0]));
    assertOutput("README.md", "taste", out, text -> text.replaceAll("\\b([a-z]+)_[0-9A-Z]{26}\\b", "$1_<ulid>"));
    assertThat(out).contains("\"title\" : \"Storefront\"").contains("\"name\" : \"Web\"");
  }
}
