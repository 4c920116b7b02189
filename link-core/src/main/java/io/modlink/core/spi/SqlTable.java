package io.modlink.core.spi;

import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apiguardian.api.API;

/**
 * What a store declares when its rows are exactly the rows of one plain SQL table: the table, the
 * column of each field, and the {@link DataSource} it lives on. With it, the query planner may read
 * the table with SQL itself and join it with the other tables of the same {@code DataSource} in one
 * statement (push-down); the store is then not asked. Without it ({@link EntityStore#sqlTable()}
 * empty), every read goes through the store.
 *
 * <p>Declare it only if a plain {@code select} of these columns returns what {@link EntityStore#read}
 * would: no value conversion, no rows hidden by a restriction the SQL does not repeat (other than
 * {@code deleted_at} being null), no second table.
 *
 * @param dataSource where the table lives; two stores may be joined when their DataSources are the
 *     same instance
 * @param table the table's name as SQL may write it
 * @param columns the column of every field of the store's model, by field name
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record SqlTable(DataSource dataSource, String table, Map<String, String> columns) {
  public SqlTable {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(table, "table");
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(columns, "columns")));
  }

  /** The table and columns of a model ({@link EntityModel#table()}, {@link FieldModel#column()}) on a DataSource. */
  public static SqlTable of(DataSource dataSource, EntityModel model) {
    Map<String, String> columns = new LinkedHashMap<>();
    model.fields().forEach(f -> columns.put(f.name(), f.column()));
    return new SqlTable(dataSource, model.table(), columns);
  }
}
