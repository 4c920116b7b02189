package io.modlink.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apiguardian.api.API;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Captures what code writes to {@code System.err} while it runs, and keeps it off the test output.
 * With slf4j-simple, the logging backend of modlink's tests, that is what the code logs: a test that
 * provokes a warning on purpose captures it and asserts its text, so the run prints only what is
 * worth reading and a warning nobody provoked still shows.
 *
 * <pre>{@code
 * String log = StandardError.capture(() -> modlink.linkSchemaSync().apply(SyncMode.SAFE));
 * assertThat(log).contains("WARN io.modlink.core.storage.LinkSchemaSync");
 * }</pre>
 *
 * <p>Not for tests that run in parallel in one JVM: {@code System.err} is global.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StandardError {
  private StandardError() {}

  /** A value computed while {@code System.err} was captured, and what was written there. */
  public record Captured<T>(T value, String text) {}

  /**
   * Runs {@code code} and returns what it wrote to {@code System.err}. If it throws, what it wrote is
   * printed after all and the exception is rethrown.
   */
  public static String capture(Executable code) throws Throwable {
    Objects.requireNonNull(code, "code");
    return capture(() -> {
      code.execute();
      return Boolean.TRUE;
    }).text();
  }

  /** Runs {@code code} and returns its value with what it wrote to {@code System.err}; rethrows what it throws. */
  public static <T> Captured<T> capture(ThrowingSupplier<T> code) throws Throwable {
    Objects.requireNonNull(code, "code");
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      T value = code.get();
      return new Captured<>(value, buffer.toString(StandardCharsets.UTF_8));
    } catch (Throwable failure) {
      original.print(buffer.toString(StandardCharsets.UTF_8)); // what led to an unexpected failure stays visible
      throw failure;
    } finally {
      System.setErr(original);
    }
  }
}
