package io.modlink.core.internal;

import org.slf4j.LoggerFactory;

/** Where Hibernate logs: to SLF4J, beside modlink, unless the application decided otherwise. */
public final class HibernateLogging {
  /** The system property JBoss Logging (Hibernate's logging facade) reads once, at its first use. */
  public static final String PROVIDER_PROPERTY = "org.jboss.logging.provider";

  private HibernateLogging() {}

  /**
   * Routes Hibernate's logging to SLF4J, where modlink logs, unless the application chose a JBoss
   * Logging provider itself (the system property is set) or no SLF4J provider is on the class path
   * (then JBoss Logging keeps its own choice, usually java.util.logging, so that Hibernate's messages
   * stay visible). Effective only before Hibernate's first use: JBoss Logging decides once per JVM.
   */
  public static void routeToSlf4j() {
    if (System.getProperty(PROVIDER_PROPERTY) != null) {
      return;
    }
    String factory = LoggerFactory.getILoggerFactory().getClass().getName();
    if (!factory.equals("org.slf4j.helpers.NOPLoggerFactory")) {
      System.setProperty(PROVIDER_PROPERTY, "slf4j");
    }
  }
}
