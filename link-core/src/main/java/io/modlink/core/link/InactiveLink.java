package io.modlink.core.link;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A link that is declared but not active, because a module it names is not installed (for
 * instance the API key module's link to sales channels in an application without sales channels).
 *
 * @param definition the link
 * @param reason why it is inactive, e.g. {@code module 'sales_channel' is not installed}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record InactiveLink(LinkDefinition definition, String reason) {
  public InactiveLink {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(reason, "reason");
  }
}
