package io.modlink.core.internal.store;

import io.modlink.core.error.NotAllowedException;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.KeyedReadRequest;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SortOrder;
import io.modlink.core.spi.SqlTable;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a plain SQL table with JDBC: the store of a link table, and the reading half of a
 * Hibernate store whose entity is a plain table. Does not delete or restore.
 */
public final class SqlTableStore implements EntityStore {
  private final JdbcTable table;
  private final FilterParser parser;
  private final String refusal;

  /**
   * @param refusal the message of the {@link NotAllowedException} that soft delete and restore throw
   */
  public SqlTableStore(JdbcTable table, String refusal) {
    this.table = Objects.requireNonNull(table, "table");
    this.parser = new FilterParser(table.model());
    this.refusal = refusal;
  }

  @Override
  public EntityModel model() {
    return table.model();
  }

  @Override
  public ReadResult read(ReadRequest request) {
    Objects.requireNonNull(request, "request");
    EntityModel model = table.model();
    Filter where = Requests.live(model, parser.parse(request.filters()), request.withDeleted());
    List<FieldModel> fields = Requests.projection(model, request.fields());
    List<SortOrder> order = Requests.order(model, request.order());
    return table.read(where, fields, order, request.skip(), request.take().orElse(null), request.withCount());
  }

  @Override
  public ReadResult readByKeys(KeyedReadRequest request) {
    Objects.requireNonNull(request, "request");
    EntityModel model = table.model();
    FieldModel key = Requests.field(model, request.keyField(), "the key field");
    List<Object> keys = Requests.keys(key, request.keys());
    Filter where = Requests.live(model, parser.parse(request.filters()), request.withDeleted());
    List<FieldModel> fields = Requests.keyedProjection(model, key, request.fields());
    List<SortOrder> order = Requests.order(model, request.order());
    return new ReadResult(table.readByKeys(key, keys, where, fields, order), null);
  }

  /**
   * The {@code (key, other)} pairs of the live rows whose {@code key} field is one of {@code keys}: what
   * a hop through a link table needs, without JSON rows (the planner's fast path for this store).
   */
  public List<Object[]> readPairs(FieldModel key, Collection<Object> keys, FieldModel other) {
    return table.readPairs(key, Requests.keys(key, keys), other);
  }

  @Override
  public Optional<SqlTable> sqlTable() {
    return Optional.of(table.declared());
  }

  @Override
  public AffectedKeys softDelete(Collection<?> ids) {
    throw new NotAllowedException(refusal);
  }

  @Override
  public AffectedKeys restore(Collection<?> ids) {
    throw new NotAllowedException(refusal);
  }

  /** It writes nothing, so a unit of work has nothing of its to undo. */
  @Override
  public boolean joinsUnitsOfWork() {
    return true;
  }

  @Override
  public String toString() {
    return "SqlTableStore[" + table.model() + "]";
  }
}
