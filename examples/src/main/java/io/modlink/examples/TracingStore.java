package io.modlink.examples;

import io.modlink.core.module.EntityModel;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.KeyedReadRequest;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A store decorator that writes one line per read: what a tracing, metering or authorising
 * decorator looks like. It does not pass its delegate's SQL table on, so graph queries involving
 * its entity stay federated and it sees every read. See {@code docs/modules-and-links.md}.
 */
public final class TracingStore implements EntityStore {
  private final EntityStore delegate;
  private final Consumer<String> trace;

  public TracingStore(EntityStore delegate, Consumer<String> trace) {
    this.delegate = delegate;
    this.trace = trace;
  }

  @Override
  public EntityModel model() {
    return delegate.model();
  }

  @Override
  public ReadResult read(ReadRequest request) {
    ReadResult result = delegate.read(request);
    trace.accept(model().name() + ": read " + request.filters() + " -> " + result.rows().size() + " rows");
    return result;
  }

  @Override
  public ReadResult readByKeys(KeyedReadRequest request) {
    ReadResult result = delegate.readByKeys(request);
    trace.accept(model().name() + ": " + request.keyField() + " in " + new TreeSet<>(request.keys().stream()
        .map(String::valueOf).toList()) + " -> " + result.rows().size() + " rows");
    return result;
  }

  @Override
  public AffectedKeys softDelete(Collection<?> ids) {
    return delegate.softDelete(ids);
  }

  @Override
  public AffectedKeys softDeleteAt(Map<?, Instant> deletedAt) {
    return delegate.softDeleteAt(deletedAt);
  }

  @Override
  public AffectedKeys restore(Collection<?> ids) {
    return delegate.restore(ids);
  }

  @Override
  public boolean joinsUnitsOfWork() {
    return delegate.joinsUnitsOfWork();
  }
}
