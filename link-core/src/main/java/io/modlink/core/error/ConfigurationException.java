package io.modlink.core.error;

import java.util.List;
import org.apiguardian.api.API;

/**
 * Every problem found in the configuration of modules and links, reported at once.
 *
 * <p>Thrown when a {@link io.modlink.core.Modlink} is built (and so when a Guice injector with
 * {@code ModlinkModule} is created), never on first use. The message numbers the problems in the
 * order they were found, each with its {@link ProblemId}:
 *
 * <pre>
 * modlink configuration has 2 errors:
 *
 * 1) [UNKNOWN_MODULE] unknown module 'sales_chanel' (did you mean 'sales_channel'?); installed: api_key, sales_channel
 *    at link api_key.api_key &lt;-&gt; sales_chanel.sales_channel, declared by the application
 * ...
 * </pre>
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ConfigurationException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  private final List<ConfigurationProblem> problems;

  public ConfigurationException(List<ConfigurationProblem> problems) {
    super(ErrorType.INVALID_DATA, format(problems), null);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order they were found; never empty. */
  public List<ConfigurationProblem> problems() {
    return problems;
  }

  static String format(List<ConfigurationProblem> problems) {
    StringBuilder out = new StringBuilder("modlink configuration has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " error:\n" : " errors:\n");
    int n = 1;
    for (ConfigurationProblem p : problems) {
      out.append('\n').append(n++).append(") [").append(p.id()).append("] ").append(p.message())
          .append("\n   at ").append(p.source()).append('\n');
    }
    return out.toString();
  }
}
