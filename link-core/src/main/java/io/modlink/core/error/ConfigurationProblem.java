package io.modlink.core.error;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One problem found while validating the configuration of modules and links.
 *
 * @param id the stable identifier of the kind of problem
 * @param message what is wrong and how to fix it, including a did-you-mean where one fits
 * @param source where the offending declaration came from, e.g. {@code link api_key.api_key <-> sales_channel.sales_channel (declared by module api_key)}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ConfigurationProblem(ProblemId id, String message, String source) {
  public ConfigurationProblem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(source, "source");
  }
}
