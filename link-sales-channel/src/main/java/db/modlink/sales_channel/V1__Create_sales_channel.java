package db.modlink.sales_channel;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates the {@code sales_channel} table of the Sales Channel module.
 *
 * <p>A Java migration rather than SQL because one column differs between databases:
 * {@code metadata} is {@code jsonb} on PostgreSQL (as in Medusa) and {@code json} elsewhere (H2 has
 * no {@code jsonb}), the types Hibernate's mapping of {@code @JdbcTypeCode(SqlTypes.JSON)} validates
 * against; and the times are {@code datetime(6)} on MariaDB and MySQL, which have no
 * {@code timestamp with time zone} (modlink stores UTC). Everything else is the same SQL on every
 * database.
 */
public class V1__Create_sales_channel extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    String json = product.contains("postgres") ? "jsonb" : "json";
    boolean mariaDb = product.contains("mariadb") || product.contains("mysql");
    String timestamp = mariaDb ? "datetime(6)" : "timestamp(6) with time zone";
    String now = mariaDb ? "current_timestamp(6)" : "current_timestamp";
    List<String> statements = List.of(
        "create table sales_channel ("
            + " id varchar(64) not null,"
            + " name varchar(255) not null,"
            + " description varchar(255),"
            + " is_disabled boolean default false not null,"
            + " metadata " + json + ","
            + " created_at " + timestamp + " default " + now + " not null,"
            + " updated_at " + timestamp + " default " + now + " not null,"
            + " deleted_at " + timestamp + ","
            + " constraint sales_channel_pkey primary key (id))",
        "create index idx_sales_channel_deleted_at on sales_channel (deleted_at)");
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
