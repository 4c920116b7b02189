package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.core.error.ConflictException;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.internal.tx.TransactionManager;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Eight threads create and dismiss overlapping pairs of three links (many to many, one to many,
 * one to one) in random orders: afterwards no pair has two rows, no side that allows one live
 * partner has two, and every failure was a typed {@link ModlinkException} (a race lost on concurrent
 * work is a retryable {@link ConflictException}, a conflict with the data as it is is not).
 */
class LinkRaceTest {
  private static final long SEED = 20_261_208L;
  private static final int THREADS = 8;
  private static final int OPERATIONS_PER_THREAD = 200;
  /** Stop early, whatever is left to run, once an engine's run has taken this long. */
  private static final long TIME_BOX_MILLIS = 15_000;
  /** Keys per side: few, so that the threads fight over the same rows. */
  private static final int KEYS = 4;

  /** One to one: a category is stored in one warehouse, a warehouse holds one category. */
  static final LinkDefinition CATEGORY_WAREHOUSE = LinkDefinition
      .between(LinkSide.of("catalog", "product_category"), LinkSide.of("stock", "warehouse"))
      .table("category_warehouse")
      .build();

  /** A link of the test: its table, key columns, which sides allow one live partner. */
  private record Shape(String table, String leftModule, String leftKey, String leftPrefix, String rightModule,
      String rightKey, String rightPrefix, boolean leftUnique, boolean rightUnique) {
    LinkRequest request(int left, int right, boolean reversed) {
      LinkKey l = LinkKey.of(leftModule, leftKey, leftPrefix + left);
      LinkKey r = LinkKey.of(rightModule, rightKey, rightPrefix + right);
      return reversed ? LinkRequest.between(r, l) : LinkRequest.between(l, r);
    }
  }

  private static final List<Shape> SHAPES = List.of(
      new Shape("product_shelf", "catalog", "product_id", "p", "stock", "shelf_id", "s", false, false),
      new Shape("product_warehouse", "catalog", "product_id", "p", "stock", "warehouse_id", "w", true, false),
      new Shape("category_warehouse", "catalog", "product_category_id", "c", "stock", "warehouse_id", "w", true,
          true));

  @DatabaseTest
  void racingCreatesAndDismissesKeepEveryRuleAndFailOnlyWithTypedErrors(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).link(CATEGORY_WAREHOUSE).build()) {
      TransactionManager transactions = (TransactionManager) modlink.transactions();
      Map<String, Long> retriesBefore = transactions.retriesByCause();
      Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
      AtomicReference<Throwable> untyped = new AtomicReference<>();
      AtomicInteger run = new AtomicInteger();
      long start = System.nanoTime();
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(SEED + t);
        threads.add(new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            if ((System.nanoTime() - start) / 1_000_000 > TIME_BOX_MILLIS) {
              return;
            }
            Shape shape = SHAPES.get(random.nextInt(SHAPES.size()));
            boolean create = random.nextBoolean();
            List<LinkRequest> batch = batch(shape, random, create);
            String outcome;
            try {
              if (create) {
                modlink.link().create(batch, CreateOptions.withoutVerification());
              } else {
                modlink.link().dismiss(batch);
              }
              outcome = "ok";
            } catch (ConflictException e) {
              outcome = e.isRetryable() ? "conflict (retryable)" : "conflict (with the data)";
            } catch (ModlinkException e) {
              outcome = e.type().code();
            } catch (RuntimeException | Error e) {
              outcome = "untyped " + e.getClass().getName();
              untyped.compareAndSet(null, new AssertionError("seed " + SEED + ": " + (create ? "create " : "dismiss ")
                  + batch + " failed with " + e, e));
            }
            run.incrementAndGet();
            outcomes.computeIfAbsent((create ? "create: " : "dismiss: ") + outcome, k -> new AtomicInteger())
                .incrementAndGet();
          }
        }, "link-race-" + t));
      }
      threads.forEach(Thread::start);
      go.countDown();
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("LinkRaceTest [" + db.engine().id() + "] seed " + SEED + ": " + run.get() + " operations by "
          + THREADS + " threads in " + millis + " ms; outcomes " + new TreeMap<>(outcomes) + "; retries "
          + since(retriesBefore, transactions.retriesByCause()));
      if (untyped.get() != null) {
        throw (AssertionError) untyped.get();
      }
      assertThat(run.get()).as("operations run").isGreaterThanOrEqualTo(THREADS * 10);
      assertThat(outcomes.getOrDefault("create: ok", new AtomicInteger()).get()).as("creates that succeeded")
          .isPositive();
      for (Shape shape : SHAPES) {
        String l = shape.leftKey();
        String r = shape.rightKey();
        assertThat(db.column("select count(*) from (select " + l + ", " + r + " from " + shape.table()
            + " group by " + l + ", " + r + " having count(*) > 1) d").get(0))
            .as("pairs with more than one row in " + shape.table()).isEqualTo(0L);
        if (shape.leftUnique()) {
          assertThat(livePartnersOver1(db, shape.table(), l)).as("cardinality breaches of " + l + " in "
              + shape.table()).isEqualTo(0L);
        }
        if (shape.rightUnique()) {
          assertThat(livePartnersOver1(db, shape.table(), r)).as("cardinality breaches of " + r + " in "
              + shape.table()).isEqualTo(0L);
        }
      }
    }
  }

  private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> out = new TreeMap<>();
    after.forEach((cause, n) -> {
      long d = n - before.getOrDefault(cause, 0L);
      if (d > 0) {
        out.put(cause, d);
      }
    });
    return out;
  }

  private static Object livePartnersOver1(TestDatabase db, String table, String column) {
    return db.column("select count(*) from (select " + column + " from " + table + " where deleted_at is null"
        + " group by " + column + " having count(*) > 1) d").get(0);
  }

  /**
   * One to three pairs in a random order, each request naming its keys in a random order. A create
   * gives each side that allows one live partner distinct keys (a batch that breaks that is
   * rejected before any write, which is another test's business).
   */
  private static List<LinkRequest> batch(Shape shape, Random random, boolean create) {
    List<Integer> lefts = shuffled(random);
    List<Integer> rights = shuffled(random);
    int size = 1 + random.nextInt(3);
    List<LinkRequest> batch = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int left = create && shape.leftUnique() ? lefts.get(i) : 1 + random.nextInt(KEYS);
      int right = create && shape.rightUnique() ? rights.get(i) : 1 + random.nextInt(KEYS);
      batch.add(shape.request(left, right, random.nextBoolean()));
    }
    return batch;
  }

  private static List<Integer> shuffled(Random random) {
    List<Integer> keys = new ArrayList<>();
    for (int i = 1; i <= KEYS; i++) {
      keys.add(i);
    }
    Collections.shuffle(keys, random);
    return keys;
  }
}
