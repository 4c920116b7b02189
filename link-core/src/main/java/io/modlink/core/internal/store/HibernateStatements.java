package io.modlink.core.internal.store;

import java.util.function.UnaryOperator;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.hibernate.stat.spi.StatisticsImplementor;

/**
 * What a session factory does to the statements it prepares, for SQL that modlink sends itself on
 * the factory's DataSource: the factory's {@link StatementInspector} sees it (and may change it), and
 * its statistics count it. So a store's JDBC reads show where the module's Hibernate reads would.
 */
public final class HibernateStatements {
  private HibernateStatements() {}

  public static UnaryOperator<String> of(SessionFactory sessionFactory) {
    SessionFactoryImplementor factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
    StatisticsImplementor statistics = factory.getStatistics();
    StatementInspector inspector = factory.getSessionFactoryOptions().getStatementInspector();
    return sql -> {
      if (statistics.isStatisticsEnabled()) {
        statistics.prepareStatement();
        statistics.closeStatement();
      }
      String inspected = inspector == null ? sql : inspector.inspect(sql);
      return inspected == null ? sql : inspected;
    };
  }
}
