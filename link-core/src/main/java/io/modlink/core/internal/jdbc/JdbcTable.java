package io.modlink.core.internal.jdbc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.UnexpectedStateException;
import io.modlink.core.internal.store.Filter;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SortOrder;
import io.modlink.core.spi.SqlTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A plain SQL table read with JDBC: pages with a window count, and batched reads by key with one
 * array parameter ({@code = any(?)} on PostgreSQL, a join against {@code unnest(?)} chunked on H2). Requests arrive validated; every statement is
 * counted ({@link Statements}) and shown to {@code onStatement} before it is prepared.
 */
public final class JdbcTable {
  /**
   * H2 refuses arrays of more than 65,536 elements: key lists are cut into chunks of this size there (one
   * statement each). Read as a join ({@link Sql#keyedFrom}), a key costs the same whatever the chunk's size
   * (measured from 1,000 to 65,536 keys), so the chunks are as large as H2 allows.
   */
  public static final int H2_ARRAY_CHUNK = 65_536;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final EntityModel model;
  private final SqlTable declared;
  private final Flavor flavor;
  private final UnaryOperator<String> onStatement;

  /**
   * @param onStatement called with the SQL of every statement before it is prepared, returns the SQL to
   *     run (what a Hibernate statement inspector does; it may also count the statement)
   */
  public JdbcTable(EntityModel model, SqlTable declared, Flavor flavor, UnaryOperator<String> onStatement) {
    this.model = Objects.requireNonNull(model, "model");
    this.declared = Objects.requireNonNull(declared, "declared");
    this.flavor = Objects.requireNonNull(flavor, "flavor");
    this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
  }

  public EntityModel model() {
    return model;
  }

  /** The table as the store declared it. */
  public SqlTable declared() {
    return declared;
  }

  public String table() {
    return declared.table();
  }

  public String column(FieldModel field) {
    String column = declared.columns().get(field.name());
    return column != null ? column : field.column();
  }

  public DataSource dataSource() {
    return declared.dataSource();
  }

  public Flavor flavor() {
    return flavor;
  }

  public @Nullable FieldModel deletedAt() {
    return model.isSoftDeletable() ? model.field(EntityModel.DELETED_AT).orElseThrow() : null;
  }

  /**
   * One page of rows, counted in the same statement ({@code count(*) over ()}) when asked; an empty
   * page costs a second statement to count.
   *
   * @param where the whole condition, soft-delete test included
   */
  public ReadResult read(Filter where, List<FieldModel> fields, List<SortOrder> order, int skip,
      @Nullable Integer take, boolean count) {
    List<Object> params = new ArrayList<>();
    String condition = Sql.where(this, "r", where, params);
    StringBuilder sql = new StringBuilder("select ");
    columns(sql, "r", fields);
    if (count) {
      sql.append(", count(*) over () as mlk_count");
    }
    sql.append(" from ").append(table()).append(" r where ").append(condition).append(" order by ")
        .append(Sql.orderBy("r", this, order)).append(flavor.page(take, skip));
    Long[] total = {null};
    List<ObjectNode> rows = query(sql.toString(), params, fields, count ? total : null);
    if (count && total[0] == null) {
      total[0] = count(condition, params);
    }
    return new ReadResult(rows, total[0]);
  }

  /**
   * The rows whose {@code key} is one of {@code keys}, in one statement (on H2, one per
   * {@link #H2_ARRAY_CHUNK} keys, sorted so that an order by key holds across chunks).
   *
   * @param keys values of the key field's Java type, distinct
   * @param where further conditions, soft-delete test included
   * @param order the order, then by primary key; empty for no order at all
   */
  public List<ObjectNode> readByKeys(FieldModel key, Collection<Object> keys, Filter where, List<FieldModel> fields,
      List<SortOrder> order) {
    List<ObjectNode> rows = new ArrayList<>();
    for (List<Object> chunk : chunks(keys)) {
      List<Object> params = new ArrayList<>();
      StringBuilder sql = new StringBuilder("select ");
      columns(sql, "t", fields);
      Sql.KeyedFrom from = Sql.keyedFrom(this, "t", key, chunk, params);
      List<String> conditions = new ArrayList<>(2);
      if (from.condition() != null) {
        conditions.add(from.condition());
      }
      if (!(where instanceof Filter.True)) {
        conditions.add(Sql.where(this, "t", where, params));
      }
      sql.append(" from ").append(from.from());
      if (!conditions.isEmpty()) {
        sql.append(" where ").append(String.join(" and ", conditions));
      }
      if (!order.isEmpty()) {
        sql.append(" order by ").append(Sql.orderBy("t", this, order));
      }
      rows.addAll(query(sql.toString(), params, fields, null));
    }
    return rows;
  }

  /**
   * The {@code (key, other)} value pairs of the live rows whose {@code key} is one of {@code keys},
   * as join keys ({@link Sql#key}): a link table's rows read without building JSON for them.
   */
  public List<Object[]> readPairs(FieldModel key, Collection<Object> keys, FieldModel other) {
    List<Object[]> pairs = new ArrayList<>();
    FieldModel deletedAt = deletedAt();
    for (List<Object> chunk : chunks(keys)) {
      List<Object> params = new ArrayList<>();
      Sql.KeyedFrom from = Sql.keyedFrom(this, "t", key, chunk, params);
      List<String> conditions = new ArrayList<>(2);
      if (from.condition() != null) {
        conditions.add(from.condition());
      }
      if (deletedAt != null) {
        conditions.add("t." + column(deletedAt) + " is null");
      }
      String sql = "select t." + column(key) + ", t." + column(other) + " from " + from.from()
          + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
      try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sent(sql))) {
        Sql.bind(c, ps, params);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            pairs.add(new Object[] {Sql.key(rs, 1, key), Sql.key(rs, 2, other)});
          }
        }
      } catch (SQLException e) {
        throw failed(e, sql);
      }
    }
    return pairs;
  }

  private List<ObjectNode> query(String sql, List<Object> params, List<FieldModel> fields, Long @Nullable [] total) {
    try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sent(sql))) {
      Sql.bind(c, ps, params);
      List<ObjectNode> out = new ArrayList<>();
      int capacity = fields.size() * 4 / 3 + 1;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ObjectNode row = new ObjectNode(NODES, new LinkedHashMap<>(capacity));
          for (int i = 0; i < fields.size(); i++) {
            Sql.put(row, rs, i + 1, fields.get(i));
          }
          if (total != null && total[0] == null) {
            total[0] = rs.getLong(fields.size() + 1);
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw failed(e, sql);
    }
  }

  private long count(String condition, List<Object> params) {
    String sql = "select count(*) from " + table() + " r where " + condition;
    try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sent(sql))) {
      Sql.bind(c, ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw failed(e, sql);
    }
  }

  /** Counts a statement and shows it to {@code onStatement}: the SQL to prepare. */
  private String sent(String sql) {
    Statements.sent();
    String inspected = onStatement.apply(sql);
    return inspected == null ? sql : inspected;
  }

  private UnexpectedStateException failed(SQLException e, String sql) {
    return DatabaseErrors.failed("read of " + model.name() + " (table " + table() + ")", e, sql);
  }

  private void columns(StringBuilder sql, String alias, List<FieldModel> fields) {
    for (int i = 0; i < fields.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(alias).append('.').append(column(fields.get(i)));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<List<Object>> chunks(Collection<Object> keys) {
    if (flavor != Flavor.H2 && flavor != Flavor.MARIADB) {
      return List.of(new ArrayList<>(keys));
    }
    // distinct: on H2 and MariaDB the keys are joined as a table, where a repeated key would repeat its rows
    List<Object> all = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
    if (flavor == Flavor.MARIADB || all.size() <= H2_ARRAY_CHUNK) {   // json_table takes any number
      return List.of(all);
    }
    all.sort((a, b) -> ((Comparable) a).compareTo(b));
    List<List<Object>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += H2_ARRAY_CHUNK) {
      out.add(all.subList(from, Math.min(all.size(), from + H2_ARRAY_CHUNK)));
    }
    return out;
  }

  /** Whether a field's values are numbers when used as keys. */
  public static boolean numericKey(FieldModel field) {
    return field.type() == FieldType.INTEGER || field.type() == FieldType.BIGINT;
  }

  @Override
  public String toString() {
    return table();
  }
}
