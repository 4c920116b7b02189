package io.modlink.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares text with a golden file under {@code src/test/resources/golden}. Run with
 * {@code -Dmodlink.golden.update=true} to rewrite the files after an intended change, then review the diff.
 */
public final class Golden {
  private static final Path ROOT = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void assertMatches(String name, String actual) {
    Path file = ROOT.resolve(name + ".txt");
    try {
      if (Boolean.getBoolean("modlink.golden.update") || !Files.exists(file)) {
        if (!Boolean.getBoolean("modlink.golden.update") && "true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new AssertionError("golden file " + file + " is missing; generate it locally with"
              + " -Dmodlink.golden.update=true and commit it");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
      }
      assertThat(actual).as("golden file %s (update with -Dmodlink.golden.update=true)", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
