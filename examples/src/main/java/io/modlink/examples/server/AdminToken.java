package io.modlink.examples.server;

import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.ApiKeyType;
import io.modlink.apikey.CreateApiKey;
import io.modlink.core.spi.ListQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The admin token of a fresh server: when no live secret API key exists, one is created and its
 * raw token written to a file readable by its owner only. The token is never logged.
 */
public final class AdminToken {
  private AdminToken() {}

  /**
   * Creates a secret key if no live one exists, and writes its token to {@code file}.
   *
   * @return the file written, or empty when a live secret key existed already (nothing written)
   * @throws UncheckedIOException if the file cannot be written
   */
  public static Optional<Path> ensure(ApiKeyService apiKeys, Path file) {
    Map<String, @Nullable Object> notRevoked = new HashMap<>();
    notRevoked.put("revoked_at", null);
    List<ApiKeyRecord> live = apiKeys.list(ListQuery.builder().filter("type", "secret")
        .filter("$or", List.of(notRevoked, Map.of("revoked_at", Map.of("$gt", Instant.now())))).take(1).build());
    if (!live.isEmpty()) {
      return Optional.empty();
    }
    ApiKeyRecord key = apiKeys.create(CreateApiKey.secret("modlink serve admin", "modlink serve"));
    write(file, key.token());
    return Optional.of(file.toAbsolutePath());
  }

  private static void write(Path file, String token) {
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Path temp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(temp);
        temp.toFile().setReadable(false, false);
        temp.toFile().setReadable(true, true);
        temp.toFile().setWritable(false, false);
        temp.toFile().setWritable(true, true);
      }
      Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin token to " + file.toAbsolutePath() + ": " + e, e);
    }
  }
}
