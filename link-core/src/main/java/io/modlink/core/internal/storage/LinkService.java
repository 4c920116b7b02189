package io.modlink.core.internal.storage;

import com.github.f4b6a3.ulid.UlidCreator;
import io.modlink.core.error.ConflictException;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.internal.store.HibernateStatements;
import io.modlink.core.internal.store.Values;
import io.modlink.core.internal.tx.TransactionManager;
import io.modlink.core.link.CascadeResult;
import io.modlink.core.link.ColumnType;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.ExtraColumn;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.link.ResolvedLink;
import io.modlink.core.link.ResolvedSide;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.LinkableKey;
import io.modlink.core.module.ModuleModel;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.LinkListener;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.SqlTable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.JDBCException;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Link} service over link tables mapped as Hibernate dynamic-map entities.
 *
 * <p>Every write runs in a unit of work (the caller's, or one of its own), after every check:
 * the link tables live on one DataSource, so a call is all or nothing by the database; a cascade
 * through stores on other DataSources rolls back on each of them. The {@code ...Recorded} forms
 * also return what they changed, which {@link #undo} puts back exactly (the workflow steps'
 * compensations).
 */
public final class LinkService implements Link {
  private static final Logger LOG = LoggerFactory.getLogger(LinkService.class);
  /** Keys per IN list and rows per JDBC batch. */
  static final int BATCH = 1000;

  private final LinkRegistry registry;
  private final Map<String, LinkTable> tables;
  private final SessionFactory sessionFactory;
  private final Function<String, EntityStore> stores;
  private final List<LinkListener> listeners;
  private final TransactionManager transactions;
  /** The link tables' DataSource: a side whose store is a SQL table on it can be checked in the insert itself. */
  private final DataSource dataSource;
  private final LinkWrites writes;

  /**
   * @param dataSource the (transaction-aware) DataSource of the link tables
   * @param flavor its SQL flavor
   */
  public LinkService(LinkRegistry registry, List<LinkTable> tables, SessionFactory sessionFactory,
      Function<String, EntityStore> stores, List<LinkListener> listeners, TransactionManager transactions,
      DataSource dataSource, Flavor flavor) {
    this.registry = registry;
    Map<String, LinkTable> byTable = new LinkedHashMap<>();
    tables.forEach(t -> byTable.put(t.table(), t));
    this.tables = byTable;
    this.sessionFactory = sessionFactory;
    this.stores = stores;
    this.listeners = List.copyOf(listeners);
    this.transactions = transactions;
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.writes = new LinkWrites(flavor, HibernateStatements.of(sessionFactory));
  }

  /**
   * The service behind {@code link}, for the workflow steps.
   *
   * @throws IllegalStateException if {@code link} is not modlink's own
   */
  public static LinkService of(Link link) {
    if (link instanceof LinkService service) {
      return service;
    }
    throw new IllegalStateException("the built-in workflow steps need the Link service of a Modlink, got " + link);
  }

  // ---------------------------------------------------------------- create

  @Override
  public List<LinkRecord> create(List<LinkRequest> requests) {
    return create(requests, CreateOptions.defaults());
  }

  @Override
  public List<LinkRecord> create(List<LinkRequest> requests, CreateOptions options) {
    return createRecorded(requests, options).value();
  }

  /**
   * {@link #create}, and what it changed. Every check of every link runs before the first write;
   * the writes run in one unit of work, in {@linkplain #inWriteOrder write order}; when the call has
   * its unit of work to itself, the verification reads and the checks run in it too (one transaction
   * per call). A race lost to
   * concurrent work (a unique index, a deadlock) runs the checks and the writes again when the call
   * has its unit of work to itself; inside a caller's unit it is a retryable conflict.
   */
  public Recorded<List<LinkRecord>> createRecorded(List<LinkRequest> requests, CreateOptions options) {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(options, "options");
    if (!transactions.isActive()) {
      // the call owns its unit of work: the verification reads, the reads of existing pairs and the
      // writes share one transaction (one connection per database); a rejection rolls back a
      // transaction that wrote nothing, and a retry starts over from the requests
      return transactions.retrying("link.create", () -> transactions.fromTransaction(unit -> createOnce(requests,
          options, true)));
    }
    return transactions.retrying("link.create", () -> createOnce(requests, options, false));
  }

  /**
   * @param owned whether the call owns its unit of work (which then rolls back whatever a rejected call
   *     wrote): only then may the verification and the write be one statement
   */
  private Recorded<List<LinkRecord>> createOnce(List<LinkRequest> requests, CreateOptions options, boolean owned) {
    Map<LinkTable, List<Resolved>> groups = resolveAll(requests, true);
    if (owned && options.verifyReferences() && groups.size() == 1) {
      Map.Entry<LinkTable, List<Resolved>> group = groups.entrySet().iterator().next();
      try {
        Recorded<List<LinkRecord>> done = createInOneStatement(group.getKey(), group.getValue());
        if (done != null) {
          return done;
        }
      } catch (ConstraintViolationException e) {
        throw concurrentConflict(e);
      }
    }
    // translate and verify keys of every group before any write
    for (Map.Entry<LinkTable, List<Resolved>> group : groups.entrySet()) {
      prepareKeys(group.getKey(), group.getValue(), options.verifyReferences());
    }
    for (Map.Entry<LinkTable, List<Resolved>> group : groups.entrySet()) {
      checkCardinalityWithinBatch(group.getKey(), group.getValue());
    }
    LinkChanges changes = new LinkChanges();
    try {
      // every check of every link before any write, so that a rejected call writes nothing (and
      // leaves a caller's unit of work usable)
      Map<LinkTable, Prepared> prepared = new LinkedHashMap<>();
      for (Map.Entry<LinkTable, List<Resolved>> group : groups.entrySet()) {
        prepared.put(group.getKey(), prepare(group.getKey(), group.getValue()));
      }
      List<LinkRecord> created = transactions.fromTransaction(unit -> {
        Map<LinkTable, List<LinkRecord>> byTable = new HashMap<>();
        for (LinkTable table : inWriteOrder(prepared.keySet())) {
          byTable.put(table, write(table, prepared.get(table), changes));
        }
        List<LinkRecord> written = new ArrayList<>();
        prepared.keySet().forEach(table -> written.addAll(byTable.get(table)));
        unit.afterCommit(() -> notifyListeners(written, true));
        return written;
      });
      return new Recorded<>(created, changes);
    } catch (ConstraintViolationException e) {
      throw concurrentConflict(e);
    }
  }

  /**
   * A unique index refused a write that the checks let through: another request got there in between.
   * Running the call again checks against what it wrote.
   */
  private static ConflictException concurrentConflict(ConstraintViolationException e) {
    return new ConflictException("another request changed these links at the same time and this request would"
        + " break a constraint (" + constraintOf(e) + "): each side that is not a list allows one live"
        + " partner; dismiss the existing link first or retry", e, true);
  }

  /**
   * A verified create of one link table's pairs in one statement, when both sides' stores are plain
   * SQL tables on the link tables' DataSource and no key needs translating (the store is otherwise the
   * only door to a module's records: see {@link EntityStore#sqlTable()}). On PostgreSQL the statement
   * checks both keys, upserts and returns the rows with their previous state; when it writes fewer
   * rows than asked, the reads of the usual path find out why and reject the call with the same error
   * (the caller's owned unit of work rolls back what was written). On H2 one new pair is inserted by
   * an {@code insert ... select ... where exists}; when it inserts nothing, the usual path follows. On
   * MariaDB one pair is read (its previous state, for undo), then upserted as on PostgreSQL.
   *
   * @return null when the call takes the usual path (nothing was written)
   */
  private @Nullable Recorded<List<LinkRecord>> createInOneStatement(LinkTable table, List<Resolved> requests) {
    boolean postgres = writes.flavor() == Flavor.POSTGRESQL;
    boolean mariaDb = writes.flavor() == Flavor.MARIADB;
    if (postgres ? requests.size() > BATCH
        : writes.flavor() != Flavor.H2 && !mariaDb || requests.size() != 1) {
      return null;
    }
    ResolvedSide leftSide = table.link().left();
    ResolvedSide rightSide = table.link().right();
    for (Resolved r : requests) {
      if (!r.leftKey.field().equals(leftSide.key().field()) || !r.rightKey.field().equals(rightSide.key().field())) {
        return null;
      }
    }
    LinkWrites.KeyTable left = keyTable(leftSide);
    LinkWrites.KeyTable right = keyTable(rightSide);
    if (left == null || right == null) {
      return null;
    }
    try {
      checkCardinalityWithinBatch(table, requests);
    } catch (ConflictException e) {
      return null;   // the usual path rejects it, after the checks that come first
    }
    Map<Pair, Map<String, Object>> pairs = new LinkedHashMap<>();
    for (Resolved r : requests) {
      pairs.computeIfAbsent(new Pair(r.left, r.right), p -> new LinkedHashMap<>()).putAll(r.data);
    }
    Set<String> given = pairs.values().iterator().next().keySet();
    if (pairs.values().stream().anyMatch(data -> !data.keySet().equals(given))) {
      return null;   // one update clause for all: the pairs must give the same extra columns
    }
    Instant now = now();
    String prefix = table.link().idPrefix().orElseThrow() + "_";
    Map<Pair, String> ids = new HashMap<>();
    pairs.keySet().forEach(p -> ids.put(p, prefix + UlidCreator.getMonotonicUlid()));
    List<Pair> inOrder = new ArrayList<>(pairs.keySet());
    inOrder.sort(WRITE_ORDER);
    List<Map<String, Object>> rows = new ArrayList<>(inOrder.size());
    inOrder.forEach(p -> rows.add(newRow(table, p, pairs.get(p), ids.get(p), now)));
    LinkChanges changes = new LinkChanges();
    List<LinkRecord> created = transactions.fromTransaction(unit -> {
      Map<Pair, Map<String, Object>> writtenByPair = new HashMap<>();
      if (postgres) {
        List<LinkWrites.Written> written = sessionFactory.fromStatelessTransaction(session -> session.doReturningWork(
            c -> writes.verifiedUpsertPostgres(c, table, rows, now, left, right, List.copyOf(given))));
        if (written.size() < rows.size()) {
          explainRefusal(table, requests);
        }
        List<Map<String, Object>> inserted = new ArrayList<>();
        List<Map<String, Object>> before = new ArrayList<>();
        for (LinkWrites.Written w : written) {
          writtenByPair.put(new Pair(w.after().get(table.leftColumn()), w.after().get(table.rightColumn())), w.after());
          if (w.before() == null) {
            inserted.add(w.after());
          } else {
            before.add(w.before());
          }
        }
        changes.rows(table, inserted, before, Collections.nCopies(before.size(), true));
      } else if (mariaDb) {
        if (!upsertOnePairMariaDb(table, requests, rows.get(0), now, left, right, List.copyOf(given),
            writtenByPair, changes)) {
          return null;
        }
      } else {
        Map<String, Object> row = rows.get(0);
        boolean inserted = sessionFactory.fromStatelessTransaction(session -> session.doReturningWork(
            c -> writes.verifiedInsertH2(c, table, row, now, left, right)));
        if (!inserted) {
          return null;
        }
        writtenByPair.put(inOrder.get(0), row);
        changes.rows(table, List.of(row), List.of(), List.of());
      }
      List<LinkRecord> records = pairs.keySet().stream().map(p -> record(table, writtenByPair.get(p))).toList();
      unit.afterCommit(() -> notifyListeners(records, true));
      return records;
    });
    return created == null ? null : new Recorded<>(created, changes);
  }

  /**
   * The verified upsert of one pair on MariaDB ({@link LinkWrites#verifiedUpsertMariaDb}: a read of the
   * pair, then one upsert), in the call's unit of work; when it writes nothing, the reads of the usual
   * path find out why.
   *
   * @return false on MySQL (no {@code insert ... returning}): nothing was written, the usual path follows
   */
  private boolean upsertOnePairMariaDb(LinkTable table, List<Resolved> requests, Map<String, Object> row,
      Instant now, LinkWrites.KeyTable left, LinkWrites.KeyTable right, List<String> given,
      Map<Pair, Map<String, Object>> writtenByPair, LinkChanges changes) {
    List<LinkWrites.Written> result = sessionFactory.fromStatelessTransaction(session -> session.doReturningWork(c -> {
      if (!writes.mariaDbReturning(c)) {
        return null;
      }
      LinkWrites.Written w = writes.verifiedUpsertMariaDb(c, table, row, now, left, right, given);
      return w == null ? List.of() : List.of(w);
    }));
    if (result == null) {
      return false;
    }
    if (result.isEmpty()) {
      explainRefusal(table, requests);
    }
    LinkWrites.Written w = result.get(0);
    // a row of another pair (a concurrent request's, met by on duplicate key update) is a conflict there
    writtenByPair.put(new Pair(row.get(table.leftColumn()), row.get(table.rightColumn())), w.after());
    if (w.before() == null) {
      changes.rows(table, List.of(w.after()), List.of(), List.of());
    } else {
      changes.rows(table, List.of(), List.of(w.before()), List.of(true));
    }
    return true;
  }

  /**
   * Why a verified write wrote fewer rows than asked: the reads of the usual path, which throw what it
   * throws (a key not found, a side already linked). If they find nothing, the records or links
   * changed in between: a retryable conflict.
   */
  private void explainRefusal(LinkTable table, List<Resolved> requests) {
    prepareKeys(table, requests, true);
    prepare(table, requests);
    throw new ConflictException("another request changed the records or links of this link.create at the same"
        + " time (link " + table.table() + "); nothing was written: run it again", null, true);
  }

  /** The table of a side's records, when its store is a plain SQL table on the link tables' DataSource. */
  private LinkWrites.@Nullable KeyTable keyTable(ResolvedSide side) {
    EntityStore store = stores.apply(side.entity().name());
    Optional<SqlTable> declared = store.sqlTable();
    if (declared.isEmpty() || declared.get().dataSource() != dataSource) {
      return null;
    }
    SqlTable sql = declared.get();
    String key = sql.columns().get(side.key().field());
    String deletedAt = store.model().isSoftDeletable() ? sql.columns().get(EntityModel.DELETED_AT) : null;
    if (key == null || (store.model().isSoftDeletable() && deletedAt == null)) {
      return null;
    }
    return new LinkWrites.KeyTable(sql.table(), key, deletedAt);
  }

  /** A new row of {@code table} for {@code pair}: extra columns given or their defaults, created now. */
  private static Map<String, Object> newRow(LinkTable table, Pair pair, Map<String, Object> data, String id,
      Instant now) {
    Map<String, Object> row = new HashMap<>();
    row.put(LinkTable.ID, id);
    row.put(table.leftColumn(), pair.left);
    row.put(table.rightColumn(), pair.right);
    for (ExtraColumn c : table.extraColumns()) {
      Object value = data.containsKey(c.name()) ? data.get(c.name()) : c.defaultValue();
      row.put(c.name(), toColumn(table, c.name(), value));
    }
    row.put(LinkTable.CREATED_AT, now);
    row.put(LinkTable.UPDATED_AT, now);
    row.put(LinkTable.DELETED_AT, null);
    return row;
  }

  /**
   * The order in which a call writes the rows of several link tables: the registry's, as cascades
   * walk them. With {@link #WRITE_ORDER} within a table, every call takes its row locks in one
   * order, so that two calls writing the same rows wait for each other instead of deadlocking.
   */
  private List<LinkTable> inWriteOrder(Collection<LinkTable> some) {
    return tables.values().stream().filter(some::contains).toList();
  }

  /** The order in which a call writes the rows of one link table: by left key, then right key. */
  private static final Comparator<Pair> WRITE_ORDER = Comparator.comparing(Pair::left, LinkService::compareKeys)
      .thenComparing(Pair::right, LinkService::compareKeys);

  private static Comparator<Map<String, Object>> rowOrder(LinkTable table) {
    return Comparator.comparing(row -> new Pair(row.get(table.leftColumn()), row.get(table.rightColumn())),
        WRITE_ORDER);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Object a, Object b) {
    if (a.getClass() == b.getClass() && a instanceof Comparable comparable) {
      return comparable.compareTo(b);
    }
    int byType = a.getClass().getName().compareTo(b.getClass().getName());
    return byType != 0 ? byType : a.toString().compareTo(b.toString());
  }

  /**
   * The pairs of one link's requests and their existing rows, checked against the table; existing is
   * null when it was not read (a link table without a unique side, where the insert skips existing pairs).
   */
  private record Prepared(Map<Pair, Map<String, Object>> pairs, @Nullable Map<Pair, Map<String, Object>> existing) {}

  private Prepared prepare(LinkTable table, List<Resolved> requests) {
    Map<Pair, Map<String, Object>> pairs = new LinkedHashMap<>(requests.size() * 4 / 3 + 1);
    for (Resolved r : requests) {
      // each request's data map is its own (empty: shared Map.of()); a pair given twice merges them
      Map<String, Object> data = pairs.putIfAbsent(new Pair(r.left, r.right), r.data);
      if (data != null && !r.data.isEmpty()) {
        Map<String, Object> merged = new LinkedHashMap<>(data);
        merged.putAll(r.data);
        pairs.put(new Pair(r.left, r.right), merged);
      }
    }
    if (writes.skipsExisting() && !table.leftIsUnique() && !table.rightIsUnique()) {
      return new Prepared(pairs, null);   // nothing to check: the insert finds the existing pairs
    }
    String leftCol = table.leftColumn();
    String rightCol = table.rightColumn();
    Set<Object> lefts = new LinkedHashSet<>();
    pairs.keySet().forEach(p -> lefts.add(p.left));
    Set<Object> rights = new LinkedHashSet<>();
    pairs.keySet().forEach(p -> rights.add(p.right));
    List<List<Map<String, Object>>> read = sessionFactory.fromStatelessTransaction(session -> List.of(
        select(session, table, leftCol, lefts, null),
        table.rightIsUnique() ? select(session, table, rightCol, rights, Boolean.FALSE) : List.of()));
    // the checks run after the read, outside its transaction: a rejection rolls nothing back
    Map<Pair, Map<String, Object>> existing = new HashMap<>();
    Map<Object, List<Map<String, Object>>> liveByLeft = new HashMap<>();
    for (Map<String, Object> row : read.get(0)) {
      Pair pair = new Pair(row.get(leftCol), row.get(rightCol));
      existing.put(pair, row);
      if (row.get(LinkTable.DELETED_AT) == null) {
        liveByLeft.computeIfAbsent(pair.left, k -> new ArrayList<>()).add(row);
      }
    }
    if (table.leftIsUnique()) {
      for (Pair p : pairs.keySet()) {
        for (Map<String, Object> row : liveByLeft.getOrDefault(p.left, List.of())) {
          if (!Objects.equals(row.get(rightCol), p.right)) {
            throw alreadyLinked(table, table.link().left(), p.left, table.link().right(), row.get(rightCol));
          }
        }
      }
    }
    for (Map<String, Object> row : read.get(1)) {
      Object right = row.get(rightCol);
      for (Pair p : pairs.keySet()) {
        if (Objects.equals(p.right, right) && !Objects.equals(row.get(leftCol), p.left)) {
          throw alreadyLinked(table, table.link().right(), right, table.link().left(), row.get(leftCol));
        }
      }
    }
    return new Prepared(pairs, existing);
  }

  /**
   * Writes one link table's pairs: new pairs in one multi-row insert per chunk (PostgreSQL) or JDBC
   * batch, existing ones (live or dismissed) updated, both in {@link #WRITE_ORDER}. When the existing
   * pairs were not read before ({@link Prepared#existing} null), the insert skips them and they are read
   * and updated after it.
   */
  private List<LinkRecord> write(LinkTable table, Prepared prepared, LinkChanges changes) {
    Map<Pair, Map<String, Object>> pairs = prepared.pairs();
    Map<Pair, Map<String, Object>> known = prepared.existing();
    String leftCol = table.leftColumn();
    String rightCol = table.rightColumn();
    return sessionFactory.fromStatelessTransaction(session -> {
      session.setJdbcBatchSize(BATCH);
      Instant now = now();
      // pairs and their data in request order; ids in request order (list() orders by created_at, id),
      // rows written in WRITE_ORDER
      List<Pair> order = new ArrayList<>(pairs.keySet());
      List<Map<String, Object>> data = new ArrayList<>(pairs.values());
      int n = order.size();
      @SuppressWarnings("unchecked")
      Map<String, Object>[] written = new Map[n];
      List<Integer> fresh = new ArrayList<>(n);
      String[] ids = new String[n];
      String prefix = table.link().idPrefix().orElseThrow() + "_";
      for (int i = 0; i < n; i++) {
        if (known == null || !known.containsKey(order.get(i))) {
          fresh.add(i);
          ids[i] = prefix + UlidCreator.getMonotonicUlid();
        }
      }
      fresh.sort((a, b) -> WRITE_ORDER.compare(order.get(a), order.get(b)));
      List<Map<String, Object>> rows = new ArrayList<>(fresh.size());
      for (int i : fresh) {
        rows.add(newRow(table, order.get(i), data.get(i), ids[i], now));
      }
      List<Integer> insertedAt = session.doReturningWork(c -> writes.insert(c, table, rows, now, known == null));
      List<Map<String, Object>> inserted = new ArrayList<>(insertedAt.size());
      for (int k : insertedAt) {
        inserted.add(rows.get(k));
        written[fresh.get(k)] = rows.get(k);
      }
      // the pairs that exist (read before, or skipped by the insert): revived, with their data
      Map<Integer, Map<String, Object>> existing = new HashMap<>();
      if (known != null) {
        for (int i = 0; i < n; i++) {
          Map<String, Object> row = known.get(order.get(i));
          if (row != null) {
            existing.put(i, row);
          }
        }
      } else if (inserted.size() < fresh.size()) {
        // read them now, to revive them and to undo exactly
        Map<Pair, Integer> skipped = new HashMap<>();
        for (int i : fresh) {
          if (written[i] == null) {
            skipped.put(order.get(i), i);
          }
        }
        Set<Object> lefts = new LinkedHashSet<>();
        skipped.keySet().forEach(p -> lefts.add(p.left));
        for (Map<String, Object> row : select(session, table, leftCol, lefts, null)) {
          Integer i = skipped.get(new Pair(row.get(leftCol), row.get(rightCol)));
          if (i != null) {
            existing.put(i, row);
          }
        }
        if (existing.size() < skipped.size()) {
          throw new ConflictException("another request removed links of " + table.table() + " while this"
              + " link.create wrote them; nothing was written: run it again", null, true);
        }
      }
      List<Map<String, Object>> before = new ArrayList<>();
      List<Boolean> liveAfter = new ArrayList<>();
      List<Integer> updates = new ArrayList<>(existing.keySet());
      updates.sort((a, b) -> WRITE_ORDER.compare(order.get(a), order.get(b)));
      for (int i : updates) {
        Map<String, Object> row = existing.get(i);
        before.add(LinkChanges.copy(row));
        liveAfter.add(true);
        Map<String, Object> update = LinkChanges.copy(row);
        update.put(LinkTable.DELETED_AT, null);
        update.put(LinkTable.UPDATED_AT, now);
        data.get(i).forEach((column, value) -> update.put(column, toColumn(table, column, value)));
        session.update(table.entityName(), update);
        written[i] = update;
      }
      changes.rows(table, inserted, before, liveAfter);
      List<LinkRecord> records = new ArrayList<>(n);
      for (Map<String, Object> row : written) {
        records.add(record(table, row));
      }
      return records;
    });
  }

  private void checkCardinalityWithinBatch(LinkTable table, List<Resolved> requests) {
    if (table.leftIsUnique()) {
      checkUniqueInBatch(table, requests, true);
    }
    if (table.rightIsUnique()) {
      checkUniqueInBatch(table, requests, false);
    }
  }

  private void checkUniqueInBatch(LinkTable table, List<Resolved> requests, boolean byLeft) {
    Map<Object, Set<Object>> partners = new LinkedHashMap<>();
    for (Resolved r : requests) {
      partners.computeIfAbsent(byLeft ? r.left : r.right, k -> new LinkedHashSet<>()).add(byLeft ? r.right : r.left);
    }
    ResolvedSide side = byLeft ? table.link().left() : table.link().right();
    ResolvedSide other = byLeft ? table.link().right() : table.link().left();
    for (Map.Entry<Object, Set<Object>> e : partners.entrySet()) {
      if (e.getValue().size() > 1) {
        throw new ConflictException(side.entity().name() + " " + e.getKey() + " would be linked to "
            + e.getValue().size() + " " + other.entity().name() + " records in one request (" + other.column() + " "
            + join(e.getValue()) + "), but link " + table.table() + " allows it one " + other.entity().name()
            + "; send one of them");
      }
    }
  }

  private static ConflictException alreadyLinked(LinkTable table, ResolvedSide side, Object key, ResolvedSide other,
      Object existing) {
    return new ConflictException(side.entity().name() + " " + key + " is already linked to " + other.entity().name()
        + " " + existing + " and link " + table.table() + " allows it one " + other.entity().name()
        + "; dismiss that link first");
  }

  /** Turns request keys into link column values (translating other linkable keys) and verifies them. */
  private void prepareKeys(LinkTable table, List<Resolved> requests, boolean verify) {
    for (boolean left : new boolean[] {true, false}) {
      ResolvedSide side = left ? table.link().left() : table.link().right();
      String linkField = side.key().field();
      if (!verify && requests.stream().allMatch(r -> (left ? r.leftKey : r.rightKey).field().equals(linkField))) {
        continue;   // nothing to read: every key is already the link column's value
      }
      EntityStore store = stores.apply(side.entity().name());
      Map<String, Set<Object>> byRequestField = new LinkedHashMap<>();
      for (Resolved r : requests) {
        LinkableKey key = left ? r.leftKey : r.rightKey;
        byRequestField.computeIfAbsent(key.field(), f -> new LinkedHashSet<>()).add(left ? r.left : r.right);
      }
      Map<String, Map<Object, Object>> translations = new HashMap<>();
      for (Map.Entry<String, Set<Object>> e : byRequestField.entrySet()) {
        String field = e.getKey();
        if (field.equals(linkField) && !verify) {
          continue;
        }
        Map<Object, Object> found = readKeys(store, field, linkField, e.getValue(), false);
        List<Object> missing = e.getValue().stream().filter(v -> !found.containsKey(v)).toList();
        if (!missing.isEmpty()) {
          throw new NotFoundException(side.entity().name() + " not found for " + keyName(side.entity(), field) + " "
              + join(missing) + " (link " + table.table() + "); create the records first, or pass"
              + " CreateOptions.withoutVerification() to link records that are not there yet");
        }
        translations.put(field, found);
      }
      for (Resolved r : requests) {
        LinkableKey key = left ? r.leftKey : r.rightKey;
        if (!key.field().equals(linkField)) {
          Object translated = translations.get(key.field()).get(left ? r.left : r.right);
          if (left) {
            r.left = translated;
          } else {
            r.right = translated;
          }
        }
      }
    }
  }

  private static String keyName(EntityModel entity, String field) {
    return entity.linkableKeys().stream().filter(k -> k.field().equals(field)).map(LinkableKey::name).findFirst()
        .orElse(field);
  }

  /** Reads {@code field -> targetField} of the records whose {@code field} is one of {@code values}. */
  private static Map<Object, Object> readKeys(EntityStore store, String field, String targetField,
      Collection<Object> values, boolean withDeleted) {
    Map<Object, Object> found = new HashMap<>();
    List<Object> all = new ArrayList<>(values);
    FieldModel fieldModel = store.model().field(field).orElseThrow();
    FieldModel targetModel = store.model().field(targetField).orElseThrow();
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Object> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
      ReadRequest.Builder read = ReadRequest.builder().filter(field, Map.of("$in", chunk)).fields(field, targetField);
      if (withDeleted) {
        read.withDeleted();
      }
      for (var row : store.read(read.build()).rows()) {
        Object key = Values.coerce(fieldModel, scalar(row.get(field)), field);
        Object target = Values.coerce(targetModel, scalar(row.get(targetField)), targetField);
        found.put(key, target);
      }
    }
    return found;
  }

  private static Object scalar(com.fasterxml.jackson.databind.JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  // ---------------------------------------------------------------- dismiss

  @Override
  public List<LinkRecord> dismiss(List<LinkRequest> requests) {
    return dismissRecorded(requests).value();
  }

  /** {@link #dismiss}, and what it changed: the rows dismissed, with every column as it was. */
  public Recorded<List<LinkRecord>> dismissRecorded(List<LinkRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    Map<LinkTable, List<Resolved>> groups = resolveAll(requests, false);
    for (Map.Entry<LinkTable, List<Resolved>> group : groups.entrySet()) {
      prepareKeys(group.getKey(), group.getValue(), false);
    }
    return transactions.retrying("link.dismiss", () -> {
      LinkChanges changes = new LinkChanges();
      List<LinkRecord> dismissed = transactions.fromTransaction(unit -> dismissWrites(groups, changes, unit));
      return new Recorded<>(dismissed, changes);
    });
  }

  private List<LinkRecord> dismissWrites(Map<LinkTable, List<Resolved>> groups, LinkChanges changes,
      io.modlink.core.workflow.UnitOfWork unit) {
    Instant now = now();
    Map<LinkTable, List<LinkRecord>> byTable = new HashMap<>();
    for (LinkTable table : inWriteOrder(groups.keySet())) {
      Set<Pair> pairs = new LinkedHashSet<>();
      groups.get(table).forEach(r -> pairs.add(new Pair(r.left, r.right)));
      Set<Object> lefts = new LinkedHashSet<>();
      pairs.forEach(p -> lefts.add(p.left));
      List<Map<String, Object>> rows = sessionFactory.fromStatelessTransaction(session -> {
        List<Map<String, Object>> live = new ArrayList<>();
        for (Map<String, Object> row : select(session, table, table.leftColumn(), lefts, Boolean.FALSE)) {
          if (pairs.contains(new Pair(row.get(table.leftColumn()), row.get(table.rightColumn())))) {
            live.add(row);
          }
        }
        live.sort(rowOrder(table));
        changes.rows(table, List.of(), live.stream().map(LinkChanges::copy).toList(),
            Collections.nCopies(live.size(), false));
        return setDeletedAt(session, table, live, now);
      });
      byTable.put(table, rows.stream().map(r -> record(table, r)).toList());
    }
    List<LinkRecord> out = new ArrayList<>();
    groups.keySet().forEach(table -> out.addAll(byTable.get(table)));
    unit.afterCommit(() -> notifyListeners(out, false));
    return out;
  }

  // ---------------------------------------------------------------- update

  @Override
  public List<LinkRecord> update(List<LinkRequest> requests) {
    return updateRecorded(requests).value();
  }

  /** {@link #update}, and what it changed: the rows updated, with every column as it was. */
  public Recorded<List<LinkRecord>> updateRecorded(List<LinkRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    for (int i = 0; i < requests.size(); i++) {
      LinkRequest request = requests.get(i);
      if (request != null && request.data().isEmpty()) {
        throw new InvalidDataException("link request [" + i + "] (" + request + ") has no data; update writes extra"
            + " columns: give their values with withData(...)");
      }
    }
    Map<LinkTable, List<Resolved>> groups = resolveAll(requests, true);
    for (Map.Entry<LinkTable, List<Resolved>> group : groups.entrySet()) {
      prepareKeys(group.getKey(), group.getValue(), false);
    }
    return transactions.retrying("link.update", () -> updateAttempt(groups));
  }

  /**
   * Reads the live rows to update (a missing one rejects the call before any write), then writes
   * them, in write order, in the call's unit of work. A row dismissed by another request between the
   * read and the write is a retryable conflict: run again, the call says that the link is not there.
   */
  private Recorded<List<LinkRecord>> updateAttempt(Map<LinkTable, List<Resolved>> groups) {
    Map<LinkTable, Map<Pair, Map<String, Object>>> wanted = new LinkedHashMap<>();
    Map<LinkTable, Map<Pair, Map<String, Object>>> found = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<LinkTable, List<Resolved>> group : groups.entrySet()) {
      LinkTable table = group.getKey();
      Map<Pair, Map<String, Object>> pairs = new LinkedHashMap<>();
      for (Resolved r : group.getValue()) {
        pairs.computeIfAbsent(new Pair(r.left, r.right), p -> new LinkedHashMap<>()).putAll(r.data);
      }
      Set<Object> lefts = new LinkedHashSet<>();
      pairs.keySet().forEach(p -> lefts.add(p.left));
      List<Map<String, Object>> live = sessionFactory.fromStatelessTransaction(session ->
          select(session, table, table.leftColumn(), lefts, Boolean.FALSE));
      Map<Pair, Map<String, Object>> rows = new HashMap<>();
      live.forEach(row -> rows.put(new Pair(row.get(table.leftColumn()), row.get(table.rightColumn())), row));
      for (Pair p : pairs.keySet()) {
        if (!rows.containsKey(p)) {
          missing.add(table.link().left().entity().name() + " " + p.left + " <-> " + table.link().right().entity().name()
              + " " + p.right + " (" + table.table() + ")");
        }
      }
      wanted.put(table, pairs);
      found.put(table, rows);
    }
    if (!missing.isEmpty()) {
      throw new NotFoundException("no live link " + join(missing) + "; update changes links that exist: create them"
          + " first (create upserts, and revives a dismissed link)");
    }
    LinkChanges changes = new LinkChanges();
    List<LinkRecord> updated = transactions.fromTransaction(unit -> updateWrites(wanted, found, changes));
    return new Recorded<>(updated, changes);
  }

  private List<LinkRecord> updateWrites(Map<LinkTable, Map<Pair, Map<String, Object>>> wanted,
      Map<LinkTable, Map<Pair, Map<String, Object>>> found, LinkChanges changes) {
    Instant now = now();
    Map<LinkTable, Map<Pair, LinkRecord>> byTable = new HashMap<>();
    for (LinkTable table : inWriteOrder(wanted.keySet())) {
      Map<Pair, LinkRecord> written = new HashMap<>();
      byTable.put(table, written);
      sessionFactory.inStatelessTransaction(session -> {
        List<Map<String, Object>> before = new ArrayList<>();
        List<Map.Entry<Pair, Map<String, Object>>> inOrder = new ArrayList<>(wanted.get(table).entrySet());
        inOrder.sort(Map.Entry.comparingByKey(WRITE_ORDER));
        for (Map.Entry<Pair, Map<String, Object>> e : inOrder) {
          Map<String, Object> row = found.get(table).get(e.getKey());
          before.add(LinkChanges.copy(row));
          Map<String, Object> update = LinkChanges.copy(row);
          e.getValue().forEach((column, value) -> update.put(column, toColumn(table, column, value)));
          update.put(LinkTable.UPDATED_AT, now);
          // only the columns given, and only if the row is still live: a concurrent dismiss is not undone
          StringBuilder hql = new StringBuilder("update ").append(table.entityName()).append(" set ")
              .append(LinkTable.UPDATED_AT).append(" = :updated_at");
          e.getValue().keySet().forEach(column -> hql.append(", ").append(column).append(" = :").append(column));
          hql.append(" where ").append(LinkTable.ID).append(" = :id and ").append(LinkTable.DELETED_AT)
              .append(" is null");
          var mutation = session.createMutationQuery(hql.toString()).setParameter("id", row.get(LinkTable.ID))
              .setParameter(LinkTable.UPDATED_AT, now);
          e.getValue().keySet().forEach(column -> mutation.setParameter(column, update.get(column)));
          if (mutation.executeUpdate() != 1) {
            throw new ConflictException("link " + e.getKey().left + " <-> " + e.getKey().right + " of "
                + table.table() + " was dismissed by another request while this one updated it; nothing was"
                + " updated", null, true);
          }
          written.put(e.getKey(), record(table, update));
        }
        changes.rows(table, List.of(), before, Collections.nCopies(before.size(), true));
      });
    }
    List<LinkRecord> out = new ArrayList<>();
    wanted.forEach((table, pairs) -> pairs.keySet().forEach(pair -> out.add(byTable.get(table).get(pair))));
    return out;
  }

  // ---------------------------------------------------------------- undo

  /**
   * Puts back what {@code changes} records, newest change first, in one unit of work (joining the
   * caller's): inserted link rows are deleted, changed rows get every column back as it was
   * ({@code updated_at} and {@code deleted_at} included), records soft-deleted through a store are
   * restored and records restored are soft-deleted again (a store cannot be given the old
   * {@code deleted_at}). Listeners hear the links the undo attaches and detaches.
   */
  public void undo(LinkChanges changes) {
    Objects.requireNonNull(changes, "changes");
    if (changes.isEmpty()) {
      return;
    }
    List<LinkChanges.Change> newestFirst = new ArrayList<>(changes.changes());
    Collections.reverse(newestFirst);
    transactions.retrying("undoing link changes", () -> transactions.fromTransaction(unit -> {
      List<LinkRecord> attached = new ArrayList<>();
      List<LinkRecord> detached = new ArrayList<>();
      for (LinkChanges.Change change : newestFirst) {
        if (change instanceof LinkChanges.Rows rows) {
          LinkTable table = rows.table();
          sessionFactory.inStatelessTransaction(session -> {
            session.setJdbcBatchSize(BATCH);
            deleteByIds(session, table, rows.inserted().stream().map(r -> (String) r.get(LinkTable.ID)).toList());
            for (int i = 0; i < rows.previous().size(); i++) {
              Map<String, Object> previous = rows.previous().get(i);
              session.update(table.entityName(), new HashMap<>(previous));
              boolean liveBefore = previous.get(LinkTable.DELETED_AT) == null;
              if (liveBefore != rows.liveAfter().get(i)) {
                (liveBefore ? attached : detached).add(record(table, previous));
              }
            }
          });
          rows.inserted().forEach(r -> detached.add(record(table, r)));
        } else if (change instanceof LinkChanges.Records records) {
          LinkChanges.undo(records);
        }
      }
      unit.afterCommit(() -> {
        notifyListeners(detached, false);
        notifyListeners(attached, true);
      });
      return null;
    }));
  }

  // ---------------------------------------------------------------- delete / restore

  @Override
  public CascadeResult delete(Map<String, ? extends Map<String, ? extends List<?>>> keys) {
    return cascade(keys, true).value();
  }

  @Override
  public CascadeResult restore(Map<String, ? extends Map<String, ? extends List<?>>> keys) {
    return cascade(keys, false).value();
  }

  /** {@link #delete}, and what it changed: the link rows with every column as it was, the records. */
  public Recorded<CascadeResult> deleteRecorded(Map<String, ? extends Map<String, ? extends List<?>>> keys) {
    return cascade(keys, true);
  }

  /** {@link #restore}, and what it changed. */
  public Recorded<CascadeResult> restoreRecorded(Map<String, ? extends Map<String, ? extends List<?>>> keys) {
    return cascade(keys, false);
  }

  private Recorded<CascadeResult> cascade(Map<String, ? extends Map<String, ? extends List<?>>> keys, boolean delete) {
    Objects.requireNonNull(keys, "keys");
    String operation = delete ? "delete" : "restore";
    Deque<Step> queue = new ArrayDeque<>();
    // the map is read as raw objects: its generic type does not stop a caller passing other shapes
    for (LinkValues.CascadeKeys k : LinkValues.cascadeKeys(keys, operation)) {
      ModuleModel module = module(k.module(), operation);
      String path = operation + "." + k.module() + "." + k.key();
      EntityModel entity = entityWithKey(module, k.key(), path);
      LinkableKey key = entity.linkableKey(k.key()).orElseThrow();
      FieldModel field = entity.field(key.field()).orElseThrow();
      List<Object> values = new ArrayList<>();
      int i = 0;
      for (Object v : k.values()) {
        values.add(keyValue(field, v, path + "[" + i++ + "]"));
      }
      queue.add(new Step(entity, key.field(), values));
    }
    Instant now = now();
    return transactions.retrying("link." + operation, () -> {
      LinkChanges changes = new LinkChanges();
      Deque<Step> steps = new ArrayDeque<>(queue);
      CascadeResult result;
      try {
        result = transactions.fromTransaction(unit -> cascadeWrites(steps, delete, now, changes, unit));
      } catch (ConstraintViolationException e) {
        if (delete) {
          throw new ConflictException("soft-deleting the links of these records broke a database constraint ("
              + constraintOf(e) + "); nothing was deleted", e);
        }
        throw new ConflictException("restoring the links of these records would give a record"
            + " more live partners than its link allows (" + constraintOf(e) + "); nothing was restored: dismiss the"
            + " newer link first", e);
      }
      return new Recorded<>(result, changes);
    });
  }

  /**
   * The cascade's writes, inside its unit of work: link rows, then the records of
   * {@code deleteCascade} sides through their stores, recursively. A store that does not join units
   * of work is undone by the opposite call if the unit rolls back.
   */
  private CascadeResult cascadeWrites(Deque<Step> queue, boolean delete, Instant now, LinkChanges changes,
      io.modlink.core.workflow.UnitOfWork unit) {
    Map<String, List<LinkRecord>> links = new LinkedHashMap<>();
    Map<String, List<AffectedKeys>> records = new LinkedHashMap<>();
    Set<String> visited = new HashSet<>();
    List<LinkRecord> changed = new ArrayList<>();
    while (!queue.isEmpty()) {
      Step step = queue.poll();
      EntityModel entity = step.entity;
      EntityStore store = stores.apply(entity.name());
      String pk = entity.primaryKey().name();
      List<Object> ids = step.field.equals(pk) ? step.values
          : new ArrayList<>(readKeys(store, step.field, pk, step.values, true).values());
      List<Object> fresh = new ArrayList<>();
      for (Object id : ids) {
        if (visited.add(entity.name() + "\u0000" + id)) {
          fresh.add(id);
        }
      }
      if (fresh.isEmpty()) {
        continue;
      }
      for (LinkTable table : tables.values()) {
        for (boolean left : new boolean[] {true, false}) {
          ResolvedSide side = left ? table.link().left() : table.link().right();
          ResolvedSide other = left ? table.link().right() : table.link().left();
          if (side.entity() != entity || (!left && table.link().left().entity() == entity)) {
            continue;
          }
          Collection<Object> linkValues = side.key().field().equals(pk) ? fresh
              : readKeys(store, pk, side.key().field(), fresh, true).values();
          if (linkValues.isEmpty()) {
            continue;
          }
          List<Map<String, Object>> rows = sessionFactory.fromStatelessTransaction(session -> {
            List<Map<String, Object>> matching = select(session, table, side.column(), linkValues, !delete);
            matching.sort(rowOrder(table));
            changes.rows(table, List.of(), matching.stream().map(LinkChanges::copy).toList(),
                Collections.nCopies(matching.size(), !delete));
            return setDeletedAt(session, table, matching, delete ? now : null);
          });
          if (rows.isEmpty()) {
            continue;
          }
          List<LinkRecord> recs = rows.stream().map(r -> record(table, r)).toList();
          links.computeIfAbsent(table.table(), t -> new ArrayList<>()).addAll(recs);
          changed.addAll(recs);
          if (other.deleteCascade()) {
            EntityStore otherStore = stores.apply(other.entity().name());
            String otherPk = other.entity().primaryKey().name();
            Set<Object> otherKeys = new LinkedHashSet<>();
            rows.forEach(r -> otherKeys.add(r.get(other.column())));
            Collection<Object> otherIds = other.key().field().equals(otherPk) ? otherKeys
                : readKeys(otherStore, other.key().field(), otherPk, otherKeys, true).values();
            List<Object> toChange = otherIds.stream()
                .filter(id -> !visited.contains(other.entity().name() + "\u0000" + id)).toList();
            if (toChange.isEmpty()) {
              continue;
            }
            Map<Object, Instant> deletedAtBefore = delete ? Map.of() : deletedAt(otherStore, toChange);
            AffectedKeys affected = delete ? otherStore.softDelete(toChange) : otherStore.restore(toChange);
            if (!affected.isEmpty()) {
              changes.records(otherStore, affected.ids(), delete, deletedAtBefore);
              if (!otherStore.joinsUnitsOfWork()) {
                LinkChanges.Records undo = new LinkChanges.Records(otherStore, affected.ids(), delete, deletedAtBefore);
                unit.afterRollback(() -> LinkChanges.undo(undo));
              }
              records.computeIfAbsent(other.module(), m -> new ArrayList<>()).add(affected);
            }
            queue.add(new Step(other.entity(), otherPk, new ArrayList<>(toChange)));
          }
        }
      }
    }
    unit.afterCommit(() -> notifyListeners(changed, !delete));
    return new CascadeResult(links, records);
  }

  /** The {@code deleted_at} of the soft-deleted records among {@code ids}, read before a restore, to undo it exactly. */
  private static Map<Object, Instant> deletedAt(EntityStore store, List<Object> ids) {
    EntityModel model = store.model();
    String pk = model.primaryKey().name();
    FieldModel pkModel = model.primaryKey();
    Map<Object, Instant> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + BATCH));
      ReadRequest read = ReadRequest.builder().filter(pk, Map.of("$in", chunk)).fields(pk, EntityModel.DELETED_AT)
          .withDeleted().build();
      for (var row : store.read(read).rows()) {
        var at = row.get(EntityModel.DELETED_AT);
        Instant instant = at == null || at.isNull() ? null : LinkValues.toInstant(at.asText());
        if (instant != null) {
          out.put(Values.coerce(pkModel, scalar(row.get(pk)), pk), instant);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- list / purge

  @Override
  public List<LinkRecord> list(LinkQuery query) {
    Objects.requireNonNull(query, "query");
    LinkTable table = table(query.link());
    Map<String, Object> params = new LinkedHashMap<>();
    StringBuilder hql = new StringBuilder("from ").append(table.entityName()).append(" where 1 = 1");
    int i = 0;
    List<String> columns = columnNames(table);
    for (Map.Entry<String, Object> f : query.filters().entrySet()) {
      String column = f.getKey();
      if (!columns.contains(column)) {
        throw new InvalidDataException("unknown column '" + column + "' in a query of link " + table.table()
            + DidYouMean.hint(column, columns) + "; its columns: " + String.join(", ", columns));
      }
      String param = "p" + i++;
      if (f.getValue() instanceof Collection<?> c) {
        List<Object> values = c.stream().map(v -> filterValue(table, column, v)).toList();
        if (values.isEmpty()) {
          hql.append(" and 1 = 0");
          continue;
        }
        // one array parameter: one plan whatever the list (see ANY); an IN list where there are no arrays
        boolean arrays = hasArrays(sessionFactory);
        hql.append(" and ").append(anyOf(arrays, param, column));
        List<Object> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        params.put(param, arrays ? array(distinct) : distinct);
      } else {
        hql.append(" and ").append(column).append(" = :").append(param);
        params.put(param, filterValue(table, column, f.getValue()));
      }
    }
    if (!query.includeDeleted()) {
      hql.append(" and ").append(LinkTable.DELETED_AT).append(" is null");
    }
    hql.append(" order by ").append(LinkTable.CREATED_AT).append(", ").append(LinkTable.ID);
    List<Map<String, Object>> rows = sessionFactory.fromStatelessTransaction(session -> {
      @SuppressWarnings({"unchecked", "rawtypes"})
      var q = (org.hibernate.query.SelectionQuery<Map<String, Object>>) (org.hibernate.query.SelectionQuery)
          session.createSelectionQuery(hql.toString(), Map.class);
      params.forEach((name, value) -> {
        if (value instanceof Collection<?> list) {
          q.setParameterList(name, list);
        } else {
          q.setParameter(name, value);
        }
      });
      return q.getResultList();
    });
    return rows.stream().map(r -> record(table, r)).toList();
  }

  @Override
  public Map<String, Long> purge(Instant olderThan) {
    if (olderThan == null) {
      throw new InvalidDataException("purge needs a time: rows dismissed before it are removed");
    }
    // beyond the range a timestamp column stores, the answer is the same as at its ends
    Instant cutoff = olderThan.isAfter(LinkValues.MAX_INSTANT) ? LinkValues.MAX_INSTANT
        : olderThan.isBefore(LinkValues.MIN_INSTANT) ? LinkValues.MIN_INSTANT : olderThan;
    return transactions.retrying("link.purge", () -> {
      Map<String, Long> removed = new LinkedHashMap<>();
      sessionFactory.inStatelessTransaction(session -> {
        for (LinkTable table : tables.values()) {
          int n = session.createMutationQuery("delete from " + table.entityName() + " where " + LinkTable.DELETED_AT
              + " < :cutoff").setParameter("cutoff", cutoff).executeUpdate();
          removed.put(table.table(), (long) n);
        }
      });
      return removed;
    });
  }

  // ---------------------------------------------------------------- resolution

  /**
   * Resolves every request; each distinct pair of (module, linkable key) sides is looked up in the
   * registry once per call.
   */
  private Map<LinkTable, List<Resolved>> resolveAll(List<LinkRequest> requests, boolean withData) {
    Map<LinkTable, List<Resolved>> groups = new LinkedHashMap<>();
    Map<RouteKey, Route> routes = new HashMap<>();
    for (int i = 0; i < requests.size(); i++) {
      LinkRequest request = requests.get(i);
      if (request == null) {
        throw new InvalidDataException("link request [" + i + "] is null");
      }
      LinkKey a = request.first();
      LinkKey b = request.second();
      RouteKey routeKey = new RouteKey(a.module(), a.key(), b.module(), b.key());
      Route route = routes.get(routeKey);
      if (route == null) {
        route = route(request, "[" + i + "]");
        routes.put(routeKey, route);
      }
      Resolved r = resolve(route, request, i, withData);
      groups.computeIfAbsent(r.table, t -> new ArrayList<>(requests.size())).add(r);
    }
    return groups;
  }

  /** Which sides a request's two keys name, by module and linkable key (not by value). */
  private record RouteKey(String moduleA, String keyA, String moduleB, String keyB) {}

  /** What the registry says about a {@link RouteKey}: the table, which key is left, the key fields. */
  private record Route(LinkTable table, boolean aIsLeft, LinkableKey leftKey, LinkableKey rightKey,
      FieldModel leftField, FieldModel rightField) {}

  private Route route(LinkRequest request, String path) {
    LinkKey a = request.first();
    LinkKey b = request.second();
    EntityModel ea = entityWithKey(module(a.module(), path), a.key(), path + "." + a.module() + "." + a.key());
    EntityModel eb = entityWithKey(module(b.module(), path), b.key(), path + "." + b.module() + "." + b.key());
    List<ResolvedLink> candidates = registry.linksBetween(ea.name(), eb.name()).stream()
        .filter(l -> !l.isReadOnly()).toList();
    if (candidates.isEmpty()) {
      throw new InvalidDataException("no link between " + ea.name() + " and " + eb.name() + " at " + path
          + "; links of " + ea.name() + ": " + describeLinks(ea) + "; links of " + eb.name() + ": "
          + describeLinks(eb));
    }
    if (candidates.size() > 1) {
      throw new InvalidDataException("more than one link joins " + ea.name() + " and " + eb.name() + " at " + path
          + " (tables " + join(candidates.stream().map(l -> l.table().orElseThrow()).toList())
          + "); this request cannot say which");
    }
    ResolvedLink link = candidates.get(0);
    LinkTable table = tables.get(link.table().orElseThrow());
    boolean aIsLeft = link.left().entity() == ea;
    LinkKey leftKey = aIsLeft ? a : b;
    LinkKey rightKey = aIsLeft ? b : a;
    EntityModel le = aIsLeft ? ea : eb;
    EntityModel re = aIsLeft ? eb : ea;
    LinkableKey lk = le.linkableKey(leftKey.key()).orElseThrow();
    LinkableKey rk = re.linkableKey(rightKey.key()).orElseThrow();
    return new Route(table, aIsLeft, lk, rk, le.field(lk.field()).orElseThrow(), re.field(rk.field()).orElseThrow());
  }

  private static Resolved resolve(Route route, LinkRequest request, int index, boolean withData) {
    LinkTable table = route.table();
    LinkKey leftKey = route.aIsLeft() ? request.first() : request.second();
    LinkKey rightKey = route.aIsLeft() ? request.second() : request.first();
    // the path of a value in messages, built only for values that are not plain text keys
    Object left = LinkValues.plainTextKey(route.leftField(), leftKey.value());
    if (left == null) {
      left = LinkValues.linkKey(route.leftField(), table.leftColumn(), leftKey.value(),
          "[" + index + "]." + leftKey.module() + "." + leftKey.key());
    }
    Object right = LinkValues.plainTextKey(route.rightField(), rightKey.value());
    if (right == null) {
      right = LinkValues.linkKey(route.rightField(), table.rightColumn(), rightKey.value(),
          "[" + index + "]." + rightKey.module() + "." + rightKey.key());
    }
    Map<String, Object> data;
    // dismiss ignores data, so that requests from listRequests can be dismissed as they are
    if (withData && !request.data().isEmpty()) {
      String path = "[" + index + "]";
      data = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : request.data().entrySet()) {
        data.put(e.getKey(), checkExtra(table, e.getKey(), e.getValue(), path + ".data." + e.getKey()));
      }
    } else {
      data = Map.of();
    }
    return new Resolved(table, route.leftKey(), route.rightKey(), left, right, data);
  }

  private ModuleModel module(String name, String path) {
    return registry.module(name).orElseThrow(() -> {
      List<String> installed = registry.modules().stream().map(ModuleModel::name).toList();
      return new InvalidDataException("unknown module '" + name + "' at " + path + DidYouMean.hint(name, installed)
          + "; installed: " + String.join(", ", installed));
    });
  }

  private static EntityModel entityWithKey(ModuleModel module, String key, String path) {
    for (EntityModel e : module.entities()) {
      if (e.linkableKey(key).isPresent()) {
        return e;
      }
    }
    List<String> keys = module.entities().stream().flatMap(e -> e.linkableKeyNames().stream()).toList();
    throw new InvalidDataException("'" + key + "' is not a linkable key of module '" + module.name() + "' at " + path
        + DidYouMean.hint(key, keys) + "; its linkable keys: " + String.join(", ", keys));
  }

  private String describeLinks(EntityModel entity) {
    List<String> names = registry.linksOf(entity.name()).stream().filter(l -> !l.isReadOnly())
        .map(l -> l.describe() + " (" + l.table().orElseThrow() + ")").toList();
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private static Object keyValue(FieldModel field, @Nullable Object value, String path) {
    return LinkValues.key(field, value, path);
  }

  private static @Nullable Object checkExtra(LinkTable table, String column, @Nullable Object value, String path) {
    return LinkValues.extra(table, column, value, path);
  }

  // ---------------------------------------------------------------- rows

  private LinkTable table(String name) {
    LinkTable t = tables.get(name);
    if (t != null) {
      return t;
    }
    Optional<ResolvedLink> byEntry = registry.entryPoint(name);
    if (byEntry.isPresent() && byEntry.get().table().isPresent()) {
      return tables.get(byEntry.get().table().get());
    }
    List<String> known = new ArrayList<>(tables.keySet());
    registry.links().forEach(l -> l.entryPoint().ifPresent(e -> {
      if (!known.contains(e)) {
        known.add(e);
      }
    }));
    throw new InvalidDataException("unknown link '" + name + "'" + DidYouMean.hint(name, known)
        + "; links (tables and entry points): " + (known.isEmpty() ? "(none)" : String.join(", ", known)));
  }

  private static List<String> columnNames(LinkTable table) {
    List<String> names = new ArrayList<>(List.of(LinkTable.ID, table.leftColumn(), table.rightColumn()));
    table.extraColumns().forEach(c -> names.add(c.name()));
    names.addAll(List.of(LinkTable.CREATED_AT, LinkTable.UPDATED_AT, LinkTable.DELETED_AT));
    return names;
  }

  private static Object filterValue(LinkTable table, String column, Object value) {
    FieldModel keyField = column.equals(table.leftColumn())
        ? table.link().left().entity().field(table.link().left().key().field()).orElseThrow()
        : column.equals(table.rightColumn())
            ? table.link().right().entity().field(table.link().right().key().field()).orElseThrow() : null;
    return LinkValues.filter(table, column, keyField, value);
  }

  /**
   * The HQL function {@code mlk_any(array, column)}: {@code column = any(array)}, a list of keys as one
   * array parameter. An {@code in (?, ?, ...)} list of 1,000 parameters gets a generic plan on
   * PostgreSQL after five executions, which does not hash the list (a 50 ms select then takes
   * seconds); with one array parameter the statement is the same for every list and keeps the index.
   */
  public static final String ANY = "mlk_any";

  /** Registers {@link #ANY} with a link session factory. */
  public static final org.hibernate.boot.model.FunctionContributor ANY_FUNCTION = contributions ->
      contributions.getFunctionRegistry().registerPattern(ANY, "(?2 = any(?1))",
          contributions.getTypeConfiguration().getBasicTypeRegistry().resolve(
              org.hibernate.type.StandardBasicTypes.BOOLEAN));

  /**
   * Whether the link database takes array parameters ({@link #ANY}); MariaDB and MySQL do not, and get
   * an IN list of at most {@link #BATCH} keys, padded (hibernate.query.in_clause_parameter_padding).
   */
  static boolean hasArrays(StatelessSession session) {
    return hasArrays(session.getFactory());
  }

  static boolean hasArrays(SessionFactory factory) {
    return !(factory.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class).getJdbcServices()
        .getDialect() instanceof org.hibernate.dialect.MySQLDialect);
  }

  /** {@code mlk_any(:param, column)}, or {@code column in (:param)} where there are no arrays. */
  private static String anyOf(boolean arrays, String param, String column) {
    return arrays ? ANY + "(:" + param + ", " + column + ")" : column + " in (:" + param + ")";
  }

  /** Keys as a typed Java array (all of one class: the key column's Java type). */
  private static Object[] array(List<Object> keys) {
    Class<?> type = keys.isEmpty() ? String.class : keys.get(0).getClass();
    return keys.toArray((Object[]) java.lang.reflect.Array.newInstance(type, keys.size()));
  }

  private static List<Map<String, Object>> select(StatelessSession session, LinkTable table, String column,
      Collection<Object> values, @Nullable Boolean deleted) {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Object> all = new ArrayList<>(values);
    boolean arrays = hasArrays(session);
    String hql = "from " + table.entityName() + " where " + (arrays ? ANY + "(:keys, " + column + ")"
        : column + " in (:keys)")
        + (deleted == null ? "" : " and " + LinkTable.DELETED_AT + (deleted ? " is not null" : " is null"));
    for (int from = 0; from < all.size(); from += BATCH) {
      List<Object> chunk = all.subList(from, Math.min(all.size(), from + BATCH));
      var query = session.createSelectionQuery(hql, Map.class);
      if (arrays) {
        query.setParameter("keys", array(chunk));
      } else {
        query.setParameterList("keys", chunk);
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      List<Map<String, Object>> part = (List) query.getResultList();
      for (Map<String, Object> row : part) {
        Map<String, Object> copy = new HashMap<>(row);
        copy.remove("$type$");
        rows.add(copy);
      }
    }
    return rows;
  }

  /** Sets {@code deleted_at} of the rows (in place, and in the table) and {@code updated_at} to the same time. */
  private static List<Map<String, Object>> setDeletedAt(StatelessSession session, LinkTable table,
      List<Map<String, Object>> rows, @Nullable Instant deletedAt) {
    session.setJdbcBatchSize(BATCH);
    Instant now = deletedAt != null ? deletedAt : now();
    for (Map<String, Object> row : rows) {
      row.put(LinkTable.DELETED_AT, deletedAt);
      row.put(LinkTable.UPDATED_AT, now);
      session.update(table.entityName(), new HashMap<>(row));
    }
    return rows;
  }

  private static void deleteByIds(StatelessSession session, LinkTable table, List<String> ids) {
    for (int from = 0; from < ids.size(); from += BATCH) {
      List<Object> chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + BATCH)));
      var delete = session.createMutationQuery("delete from " + table.entityName() + " where "
          + anyOf(hasArrays(session), "ids", "id"));
      if (hasArrays(session)) {
        delete.setParameter("ids", array(chunk));
      } else {
        delete.setParameterList("ids", chunk);
      }
      delete.executeUpdate();
    }
  }

  private static @Nullable Object toColumn(LinkTable table, String column, @Nullable Object value) {
    ExtraColumn extra = table.extraColumns().stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
    return extra == null ? value : LinkValues.toColumn(extra, value);
  }

  /** Now, at the microsecond precision the timestamp columns keep, so returned records equal stored ones. */
  private static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static LinkRecord record(LinkTable table, Map<String, Object> row) {
    Map<String, Object> data = table.extraColumns().isEmpty() ? Map.of() : new LinkedHashMap<>();
    for (ExtraColumn c : table.extraColumns()) {
      Object value = row.get(c.name());
      data.put(c.name(), c.type() == ColumnType.JSON && value != null ? JsonText.read(value.toString()) : value);
    }
    return new LinkRecord(table.link(), (String) row.get(LinkTable.ID), row.get(table.leftColumn()),
        row.get(table.rightColumn()), data, (Instant) row.get(LinkTable.CREATED_AT),
        (Instant) row.get(LinkTable.UPDATED_AT), (Instant) row.get(LinkTable.DELETED_AT));
  }

  // ---------------------------------------------------------------- helpers

  private void notifyListeners(List<LinkRecord> records, boolean attached) {
    if (records.isEmpty()) {
      return;
    }
    for (LinkListener listener : listeners) {
      try {
        if (attached) {
          listener.attached(records);
        } else {
          listener.detached(records);
        }
      } catch (RuntimeException e) {
        LOG.warn("link listener {} failed; the change stays committed", listener, e);
      }
    }
  }

  /** The constraint a write broke, for a message; the database's message and the SQL go to the debug log. */
  private static String constraintOf(JDBCException e) {
    LOG.debug("link write broke a constraint: {}; SQL: {}",
        e.getSQLException() == null ? e.getMessage() : e.getSQLException().getMessage(), e.getSQL());
    String name = e instanceof ConstraintViolationException c ? c.getConstraintName() : null;
    return name == null || name.isBlank() ? "a unique index of the link table" : "constraint " + name;
  }

  private static String join(Collection<?> values) {
    List<String> parts = values.stream().map(String::valueOf).limit(10).toList();
    return String.join(", ", parts) + (values.size() > 10 ? ", ... (" + values.size() + " in all)" : "");
  }

  private record Step(EntityModel entity, String field, List<Object> values) {}

  private record Pair(Object left, Object right) {
    @Override
    public int hashCode() {
      // keys made of a prefix and a counter collide under the usual 31 * a + b: spread them
      int h = left.hashCode() * 0x9E3779B1 + right.hashCode();
      return h ^ (h >>> 16);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Pair p && left.equals(p.left) && right.equals(p.right);
    }
  }

  /** One request, resolved against the registry; key values are replaced by link column values when prepared. */
  private static final class Resolved {
    final LinkTable table;
    final LinkableKey leftKey;
    final LinkableKey rightKey;
    Object left;
    Object right;
    final Map<String, Object> data;

    Resolved(LinkTable table, LinkableKey leftKey, LinkableKey rightKey, Object left, Object right,
        Map<String, Object> data) {
      this.table = table;
      this.leftKey = leftKey;
      this.rightKey = rightKey;
      this.left = left;
      this.right = right;
      this.data = data;
    }
  }
}
