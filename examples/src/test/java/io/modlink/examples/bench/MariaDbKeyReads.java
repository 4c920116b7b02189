package io.modlink.examples.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The measurement behind MariaDB's batched key reads (docs/performance.md, "Batched key reads"): a
 * 300,000-row table of a link table's shape read by 1,000, 10,000 and 100,000 random keys as padded
 * {@code IN} lists of 1,000, one padded {@code IN} list, a join to {@code json_table(?)}, a semi-join
 * to it and a temporary table. A program, not a test: run it with the test class path, the URL of a
 * MariaDB server in {@code MODLINK_MARIADB_URL} (default {@code jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable},
 * user root); it works in a database of its own, {@code mlk_keybench}, dropped at the end.
 */
public final class MariaDbKeyReads {
  private MariaDbKeyReads() {}

  public static void main(String[] args) throws SQLException {
    String url = System.getenv().getOrDefault("MODLINK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable");
    try (Connection c = DriverManager.getConnection(url, System.getenv().getOrDefault("MODLINK_MARIADB_USER", "root"),
        System.getenv().getOrDefault("MODLINK_MARIADB_PASSWORD", ""))) {
      Statement s = c.createStatement();
      s.execute("create database mlk_keybench");
      try {
        s.execute("use mlk_keybench");
        s.execute("create table lt (id varchar(255) not null, k varchar(255) not null, o varchar(255) not null,"
            + " deleted_at datetime(6), primary key (k, o), index lt_o (o))");
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("insert into lt values (?, ?, ?, null)")) {
          for (int i = 0; i < 300_000; i++) {
            ps.setString(1, "id_" + i);
            ps.setString(2, "key_" + i);
            ps.setString(3, "o_" + (i % 7));
            ps.addBatch();
            if (i % 5000 == 4999) {
              ps.executeBatch();
            }
          }
          ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        s.execute("analyze table lt");
        Random random = new Random(1);
        for (int n : new int[] {1_000, 10_000, 100_000}) {
          List<String> keys = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            keys.add("key_" + random.nextInt(400_000));
          }
          for (int round = 0; round < 4; round++) {
            long t0 = System.nanoTime();
            inList(c, keys, 1000);
            long t1 = System.nanoTime();
            inList(c, keys, Integer.MAX_VALUE);
            long t2 = System.nanoTime();
            jsonTable(c, keys, false);
            long t3 = System.nanoTime();
            jsonTable(c, keys, true);
            long t4 = System.nanoTime();
            temporaryTable(c, keys);
            long t5 = System.nanoTime();
            if (round > 0) {   // the first round warms up
              System.out.printf("n=%d in(1000s)=%d ms in(one)=%d ms json_table join=%d ms in(select json_table)=%d ms"
                  + " temporary table=%d ms%n", n, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                  (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000, (t5 - t4) / 1_000_000);
            }
          }
        }
      } finally {
        s.execute("drop database mlk_keybench");
      }
    }
  }

  private static int inList(Connection c, List<String> keys, int chunk) throws SQLException {
    int rows = 0;
    for (int from = 0; from < keys.size(); from += chunk) {
      List<String> part = keys.subList(from, Math.min(keys.size(), from + chunk));
      int size = Integer.highestOneBit(Math.max(1, part.size() - 1)) << 1;
      StringBuilder sql = new StringBuilder("select t.id, t.k, t.o from lt t where t.k in (");
      for (int i = 0; i < size; i++) {
        sql.append(i == 0 ? "?" : ",?");
      }
      sql.append(") and t.deleted_at is null");
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < size; i++) {
          ps.setString(i + 1, part.get(Math.min(i, part.size() - 1)));
        }
        rows += count(ps);
      }
    }
    return rows;
  }

  private static int jsonTable(Connection c, List<String> keys, boolean semiJoin) throws SQLException {
    String sql = semiJoin
        ? "select t.id, t.k, t.o from lt t where t.k in (select j.k from json_table(?, '$[*]' columns(k varchar(255)"
            + " path '$')) j) and t.deleted_at is null"
        : "select t.id, t.k, t.o from json_table(?, '$[*]' columns(k varchar(255) path '$')) j join lt t on t.k = j.k"
            + " where t.deleted_at is null";
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < keys.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"").append(keys.get(i)).append('"');
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, json.append(']').toString());
      return count(ps);
    }
  }

  private static int temporaryTable(Connection c, List<String> keys) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("create temporary table if not exists mlk_keys (k varchar(255) primary key)");
      s.execute("truncate table mlk_keys");
    }
    try (PreparedStatement ps = c.prepareStatement("insert ignore into mlk_keys values (?)")) {
      for (String k : keys) {
        ps.setString(1, k);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement("select t.id, t.k, t.o from mlk_keys j join lt t on t.k = j.k"
        + " where t.deleted_at is null")) {
      return count(ps);
    }
  }

  private static int count(PreparedStatement ps) throws SQLException {
    int rows = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows++;
      }
    }
    return rows;
  }
}
