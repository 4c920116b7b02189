package io.modlink.saleschannel;

import io.modlink.core.Modlink;
import io.modlink.core.entity.EntityPage;
import io.modlink.core.entity.EntityService;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.spi.ListQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The Sales Channel module's service: creates, reads, updates, soft-deletes and restores sales
 * channels. The Java counterpart of Medusa's {@code ISalesChannelModuleService}: the
 * {@link EntityService} of {@link SalesChannel}, with the module's input types: an
 * {@link UpdateSalesChannel} is the {@link io.modlink.core.entity.Changes} that
 * {@link #update(String, io.modlink.core.entity.Changes) update} applies. Nothing in it is
 * special: its rules are the annotations of {@link SalesChannel}.
 *
 * <pre>{@code
 * SalesChannelService channels = new SalesChannelService(modlink);   // or inject it
 * SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
 * channels.update(web.id(), UpdateSalesChannel.builder().disabled(true).build());
 * channels.softDelete(List.of(web.id()));    // its links are dismissed
 * channels.restore(List.of(web.id()));       // and restored
 * }</pre>
 *
 * <p>A name is required (not blank); names and descriptions hold at most 255 characters; metadata
 * is JSON; {@code q} searches the name and the description. Soft-deleting channels dismisses their
 * links through the Link service's cascade (Medusa's {@code deleteSalesChannelsWorkflow}: steps
 * {@code soft-delete-sales-channels} and {@code remove-sales-channel-links}); restoring them brings
 * every dismissed link back. Errors are {@link InvalidDataException} and {@code NotFoundException},
 * naming the channel and the rule. Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SalesChannelService extends EntityService<SalesChannel, SalesChannelRecord> {
  /** The id prefix of sales channels. */
  public static final String ID_PREFIX = "sc";
  /** The longest name or description the table keeps. */
  public static final int MAX_TEXT = 255;

  /**
   * A service over the {@code sales_channel} module of {@code modlink}.
   *
   * @throws InvalidDataException if the {@code sales_channel} module is not installed
   */
  public SalesChannelService(Modlink modlink) {
    this(modlink, Clock.systemUTC());
  }

  /**
   * A service that reads the time of its changes from {@code clock}.
   *
   * @throws InvalidDataException if the {@code sales_channel} module is not installed
   */
  public SalesChannelService(Modlink modlink, Clock clock) {
    super(EntityService.builder(modlink, SalesChannel.class).records(SalesChannelRecord.class).clock(clock));
  }

  /** Creates one channel; see {@link #create(List)}. */
  public SalesChannelRecord create(CreateSalesChannel channel) {
    return create(Collections.singletonList(channel)).get(0);
  }

  /**
   * Creates channels, in one transaction, and returns them in the order given.
   *
   * @throws InvalidDataException naming the first channel that breaks a rule; nothing is created
   */
  public List<SalesChannelRecord> create(List<CreateSalesChannel> channels) {
    return create(channels, c -> {
      SalesChannel channel = new SalesChannel("", c.name(), c.description(), Instant.EPOCH);
      channel.setDisabled(c.isDisabled());
      channel.setMetadata(c.metadata());
      return channel;
    });
  }

  @Override
  public SalesChannelPage listAndCount(ListQuery query) {
    EntityPage<SalesChannelRecord> page = super.listAndCount(query);
    return new SalesChannelPage(page.records(), page.count());
  }
}
