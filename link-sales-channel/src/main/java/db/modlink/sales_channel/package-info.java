/**
 * The Flyway migrations of the Sales Channel module, at {@code classpath:db/modlink/sales_channel}.
 * Not API: Flyway finds these classes by their location.
 */
@NullMarked
package db.modlink.sales_channel;

import org.jspecify.annotations.NullMarked;
