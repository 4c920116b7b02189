package io.modlink.core.error;

import org.apiguardian.api.API;

/**
 * Stable identifiers of configuration problems. Tools and tests may switch on them; the text of a
 * message may improve over time, the id does not.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum ProblemId {
  /** Two module definitions share a name. */
  DUPLICATE_MODULE,
  /** An entity name (or one of its aliases) is used by two entities. */
  DUPLICATE_ENTITY,
  /** A class given as an entity is not a JPA entity. */
  NOT_AN_ENTITY,
  /** A module declares a linkable key on a field its entity does not have. */
  UNKNOWN_LINKABLE_FIELD,
  /** Two linkable keys of one module share a name. */
  DUPLICATE_LINKABLE_KEY,
  /** A link names a module that is not installed (and the link is not owned by another module). */
  UNKNOWN_MODULE,
  /** A link names an entity its module does not have. */
  UNKNOWN_ENTITY,
  /** A link names a key that is not linkable on the entity. */
  UNKNOWN_LINKABLE_KEY,
  /** A read-only link names a field its left entity does not have. */
  UNKNOWN_FIELD,
  /** Two links would be stored in the same table. */
  DUPLICATE_TABLE,
  /** Two links would give one entity the same alias. */
  ALIAS_CONFLICT,
  /** A link alias has the name of a field of the entity it is added to. */
  ALIAS_SHADOWS_FIELD,
  /** A link's entry point collides with an entity name or another link's entry point. */
  ENTRY_POINT_CONFLICT,
  /** A read-only link does not say which column of its left entity holds the key. */
  READ_ONLY_WITHOUT_FIELD,
  /** An extra column is reserved, repeated, or not a valid name. */
  INVALID_EXTRA_COLUMN,
  /** A table name, id prefix, alias or entry point is not a valid identifier. */
  INVALID_NAME,
  /** No JDBC driver on the class path accepts a database's URL (e.g. H2 for the embedded default). */
  MISSING_JDBC_DRIVER
}
