package io.modlink.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code modlink serve}: on a database with no live secret key it creates one and writes its token
 * to the admin token file (owner-only), never to the output; the token opens the admin routes. A
 * second start on the same database finds the key and writes nothing.
 */
class ServeCommandTest {
  @TempDir
  Path dir;

  @DatabaseTest
  void serveWritesTheAdminTokenOnceAndAnswersWithIt(TestDatabase db) throws Exception {
    Path tokenFile = dir.resolve("state/admin-token");
    Serve first = Serve.start(Cli.on(db, "serve", "--port", "0", "--admin-token-file", tokenFile.toString()));
    String token = Files.readString(tokenFile).strip();
    assertThat(token).startsWith("sk_");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
    assertThat(get(first.port, "/admin/api-keys", "Bearer " + token).statusCode()).isEqualTo(200);
    assertThat(get(first.port, "/admin/api-keys", null).statusCode()).isEqualTo(401);
    Cli.Result firstRun = first.stop();
    assertThat(firstRun.exit()).as(firstRun.toString()).isZero();
    assertThat(firstRun.out()).contains("created one and wrote its token to " + tokenFile.toAbsolutePath())
        .contains("listening on http://localhost:").doesNotContain(token);
    assertThat(firstRun.err()).isEmpty();

    Files.delete(tokenFile);
    Serve second = Serve.start(Cli.on(db, "serve", "--port", "0", "--admin-token-file", tokenFile.toString()));
    assertThat(get(second.port, "/admin/products", "Bearer " + token).statusCode()).isEqualTo(200);
    Cli.Result secondRun = second.stop();
    assertThat(secondRun.out()).contains("a live secret API key exists");
    assertThat(tokenFile).doesNotExist();
  }

  @Test
  void aBadPortIsAUsageError() {
    Cli.Result result = Cli.run("serve", "--port", "70000");
    assertThat(result.exit()).isEqualTo(ModlinkCli.USAGE);
    assertThat(result.errLines()).containsExactly("modlink serve: --port must be between 0 and 65535; got 70000;"
        + " see 'modlink serve --help'");
  }

  private static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code modlink serve} running in a thread of this JVM. */
  private record Serve(CompletableFuture<Cli.Result> result, int port) {
    static Serve start(String... args) throws Exception {
      CompletableFuture<Cli.Result> result = CompletableFuture.supplyAsync(() -> Cli.run(args));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (ServeCommand.running == null) {
        if (result.isDone()) {
          throw new AssertionError("serve ended before it served: " + result.get());
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("serve did not start within 120 s");
        }
        Thread.sleep(20);
      }
      return new Serve(result, ServeCommand.running.server().port());
    }

    Cli.Result stop() throws Exception {
      ServeCommand.running.stop().countDown();
      return result.get(60, TimeUnit.SECONDS);
    }
  }
}
