package io.modlink.core.guice;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.spi.LinkListener;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How a Guice module contributes to modlink: its {@link ModuleDefinition} and its links.
 *
 * <pre>{@code
 * public final class ApiKeyModule extends AbstractModule {
 *   @Override protected void configure() {
 *     ModlinkBinder.forModule(binder(), ApiKeyModule.DEFINITION)
 *         .link(PUBLISHABLE_API_KEY_SALES_CHANNEL);   // inactive if sales_channel is not installed
 *   }
 * }
 * }</pre>
 *
 * <p>Links added through {@link #forModule} are declared by that module: a side naming another
 * module that is not installed makes the link inactive. Links added through {@link #of} are the
 * application's: every module they name must be installed. Contributions are collected with
 * {@link Multibinder}s and validated together when the injector is created.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ModlinkBinder {
  private final Multibinder<ModuleDefinition> modules;
  private final Multibinder<LinkDefinition> links;
  private final Multibinder<LinkListener> listeners;
  private final @Nullable String owner;

  private ModlinkBinder(Binder binder, @Nullable String owner) {
    Binder source = binder.skipSources(ModlinkBinder.class);
    this.modules = Multibinder.newSetBinder(source, ModuleDefinition.class);
    this.links = Multibinder.newSetBinder(source, LinkDefinition.class);
    this.listeners = Multibinder.newSetBinder(source, LinkListener.class);
    this.owner = owner;
  }

  /** A binder for the application's own links. */
  public static ModlinkBinder of(Binder binder) {
    return new ModlinkBinder(Objects.requireNonNull(binder, "binder"), null);
  }

  /** Installs {@code definition} and returns a binder whose links that module declares. */
  public static ModlinkBinder forModule(Binder binder, ModuleDefinition definition) {
    Objects.requireNonNull(binder, "binder");
    Objects.requireNonNull(definition, "definition");
    ModlinkBinder b = new ModlinkBinder(binder, definition.name());
    b.modules.addBinding().toInstance(definition);
    return b;
  }

  /** Contributes a link. */
  public ModlinkBinder link(LinkDefinition definition) {
    Objects.requireNonNull(definition, "definition");
    LinkDefinition declared = owner == null || definition.owner().isPresent() ? definition : definition.declaredBy(owner);
    links.addBinding().toInstance(declared);
    return this;
  }

  /** Contributes a listener notified after link changes commit. */
  public ModlinkBinder listener(LinkListener listener) {
    listeners.addBinding().toInstance(Objects.requireNonNull(listener, "listener"));
    return this;
  }
}
