/**
 * Plain SQL tables read with JDBC: SQL text and parameters (one array parameter for a key list),
 * row rendering, and the count of statements a read sent. Used by the stores that are plain tables
 * and by the push-down executor. Internal.
 */
@NullMarked
package io.modlink.core.internal.jdbc;

import org.jspecify.annotations.NullMarked;
