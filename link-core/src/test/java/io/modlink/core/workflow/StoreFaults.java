package io.modlink.core.workflow;

import io.modlink.core.module.EntityModel;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.testing.InjectedFault;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Fault injection at the store level, for {@code Modlink.Builder.decorateStores}: counts the calls
 * to every entity store (read, softDelete, restore) and fails the ones it is armed for.
 */
final class StoreFaults implements UnaryOperator<EntityStore> {
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger fired = new AtomicInteger();
  private final Set<Integer> armed = ConcurrentHashMap.newKeySet();

  @Override
  public EntityStore apply(EntityStore store) {
    return new Faulty(store);
  }

  /** Fails the store calls that come {@code positions} from now (1 is the next one). */
  void failAt(int... positions) {
    int now = calls.get();
    for (int p : positions) {
      armed.add(now + p);
    }
  }

  void disarm() {
    armed.clear();
  }

  int count() {
    return calls.get();
  }

  int fired() {
    return fired.get();
  }

  private void call(String what, EntityStore store) {
    int n = calls.incrementAndGet();
    if (armed.remove(n)) {
      fired.incrementAndGet();
      throw new InjectedFault("injected failure of store call " + n + " (" + what + " on " + store.model().name()
          + ")");
    }
  }

  private final class Faulty implements EntityStore {
    private final EntityStore delegate;

    Faulty(EntityStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public EntityModel model() {
      return delegate.model();
    }

    @Override
    public ReadResult read(ReadRequest request) {
      call("read", delegate);
      return delegate.read(request);
    }

    @Override
    public AffectedKeys softDelete(Collection<?> ids) {
      call("softDelete", delegate);
      return delegate.softDelete(ids);
    }

    @Override
    public AffectedKeys restore(Collection<?> ids) {
      call("restore", delegate);
      return delegate.restore(ids);
    }

    @Override
    public boolean joinsUnitsOfWork() {
      return delegate.joinsUnitsOfWork();
    }
  }
}
