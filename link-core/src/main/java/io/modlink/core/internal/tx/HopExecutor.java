package io.modlink.core.internal.tx;

import io.modlink.core.workflow.Transactions;
import java.util.concurrent.Executor;

/**
 * Where a graph query runs its concurrent hops: on the pool, or, inside a unit of work, on the
 * calling thread, whose unit holds the one connection per DataSource the hops must read through
 * (to see what the unit wrote; a connection serves one thread).
 */
public final class HopExecutor implements Executor {
  private final Executor pool;
  private final Transactions transactions;

  public HopExecutor(Executor pool, Transactions transactions) {
    this.pool = pool;
    this.transactions = transactions;
  }

  @Override
  public void execute(Runnable hop) {
    if (transactions.isActive()) {
      hop.run();
    } else {
      pool.execute(hop);
    }
  }
}
