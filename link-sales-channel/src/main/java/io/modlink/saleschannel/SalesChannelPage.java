package io.modlink.saleschannel;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A page of sales channels and the number of channels that match the query, ignoring skip and
 * take: what {@link SalesChannelService#listAndCount} returns (Medusa's {@code [channels, count]}).
 *
 * @param salesChannels the channels of the page
 * @param count every channel that matches
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SalesChannelPage(List<SalesChannelRecord> salesChannels, long count) {
  public SalesChannelPage {
    salesChannels = List.copyOf(salesChannels);
  }
}
