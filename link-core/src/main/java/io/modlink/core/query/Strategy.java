package io.modlink.core.query;

import org.apiguardian.api.API;

/** How a graph query is executed. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Strategy {
  /** Push down when every table of the query shares one database and the fields form one path; else federated. */
  AUTO,
  /** One batched fetch per hop, whatever the databases. */
  FEDERATED,
  /** SQL joins in one statement; rejected when the query cannot be pushed down. */
  PUSH_DOWN
}
