package io.modlink.core.query;

import org.apiguardian.api.API;

/** How a graph query is executed. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Strategy {
  /**
   * Push down when every table of the query shares one database and the fields form one path; else, when some
   * table is on another database but the root's table and the link table of one of its relations are on the
   * root's, read those two joined in one statement and the rest federated (the hybrid read); else federated.
   * On MariaDB and PostgreSQL a query over a list hop whose last run returned a number of roots that federated
   * fetches read faster there is read federated (see docs/query.md).
   */
  AUTO,
  /** One batched fetch per hop through the stores, whatever the databases. */
  FEDERATED,
  /** SQL joins in one statement; rejected when the query cannot be pushed down. */
  PUSH_DOWN
}
