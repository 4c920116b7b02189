package io.modlink.core.internal.tx;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A handle on a unit of work's connection. Each {@code getConnection()} inside the unit gets its own
 * handle over the same physical connection:
 * <ul>
 *   <li>{@code close()} closes the handle only; the unit closes the connection when it ends;
 *   <li>{@code commit()} and {@code setAutoCommit(...)} are absorbed: the unit commits;
 *       {@code getAutoCommit()} is false;
 *   <li>{@code rollback()} marks the unit rollback-only (savepoints work as usual);
 *   <li>{@code setReadOnly(...)} is absorbed (the transaction is under way);
 *   <li>everything else goes to the connection.
 * </ul>
 */
final class BoundConnection implements InvocationHandler {
  private final Connection physical;
  private final Unit unit;
  private boolean closed;

  private BoundConnection(Connection physical, Unit unit) {
    this.physical = physical;
    this.unit = unit;
  }

  static Connection handle(Connection physical, Unit unit) {
    return (Connection) Proxy.newProxyInstance(BoundConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new BoundConnection(physical, unit));
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    switch (name) {
      case "close":
        closed = true;
        return null;
      case "isClosed":
        return closed || physical.isClosed();
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return "unit-of-work handle on " + physical;
      case "unwrap":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        break;
      case "isWrapperFor":
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return true;
        }
        break;
      default:
        break;
    }
    if (closed) {
      throw new SQLException("connection handle is closed");
    }
    switch (name) {
      case "commit":
      case "setAutoCommit":
      case "setReadOnly":
        return null;
      case "getAutoCommit":
        return false;
      case "rollback":
        if (arity == 0) {
          unit.doom(null, "a rollback() on one of its connections (a Hibernate transaction or JDBC code that"
              + " failed inside it)");
          return null;
        }
        break;
      default:
        break;
    }
    try {
      return method.invoke(physical, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
