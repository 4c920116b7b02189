package io.modlink.examples;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.core.Modlink;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.saleschannel.SalesChannelModule;
import java.io.PrintStream;

/**
 * The main example ({@code ./modlink demo}): composes the API Key and Sales Channel modules on the
 * embedded H2 database and prints the registry: modules, entities, links and aliases.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  public static void run(PrintStream out) {
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule());
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      out.println("modlink demo: API Key + Sales Channel on embedded H2");
      out.println();
      out.print(modlink.registry().describe());
    }
  }
}
