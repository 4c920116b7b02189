package io.modlink.saleschannel;

import io.modlink.core.entity.EntityPage;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A page of sales channels and the number of channels that match the query, ignoring skip and
 * take: what {@link SalesChannelService#listAndCount} returns (Medusa's {@code [channels, count]}).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SalesChannelPage extends EntityPage<SalesChannelRecord> {
  /** A page of {@code salesChannels}, of {@code count} that match. */
  public SalesChannelPage(List<SalesChannelRecord> salesChannels, long count) {
    super(salesChannels, count);
  }

  /** The channels of the page. */
  public List<SalesChannelRecord> salesChannels() {
    return records();
  }
}
