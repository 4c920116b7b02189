package io.modlink.saleschannel;

import io.modlink.core.Modlink;
import io.modlink.core.entity.EntityService;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.Link;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.workflow.WorkflowException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The Sales Channel module's service: creates, reads, updates, soft-deletes and restores sales
 * channels. The Java counterpart of Medusa's {@code ISalesChannelModuleService}: the
 * {@link EntityService} generated from {@link SalesChannel}, with the module's input types.
 *
 * <pre>{@code
 * SalesChannelService channels = new SalesChannelService(modlink);   // or inject it
 * SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
 * channels.update(web.id(), UpdateSalesChannel.builder().disabled(true).build());
 * channels.softDelete(List.of(web.id()));    // its links are dismissed
 * channels.restore(List.of(web.id()));       // and restored
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A name is required (not blank); names and descriptions hold at most 255 characters;
 *       metadata is JSON (maps, lists, strings, numbers, booleans, null). {@code q} searches the
 *       name and the description.
 *   <li>{@link #softDelete} sets {@code deleted_at} and dismisses the channels' links through the
 *       {@link Link} service's cascade (following {@code deleteCascade} sides), as Medusa's
 *       {@code deleteSalesChannelsWorkflow}; {@link #restore} clears it and restores every
 *       dismissed link of a restored channel.
 *   <li>Soft-deleted channels are not found by {@link #retrieve} or {@link #update}, and are left out
 *       of lists unless the query asks for them.
 *   <li>Every batch is validated as a whole before anything is written: a rejected batch writes
 *       nothing.
 * </ul>
 *
 * <p>Errors are {@link InvalidDataException} ({@code invalid_data}) and {@link NotFoundException}
 * ({@code not_found}); their messages name the channel and the rule. See {@link EntityService} for
 * the details of each operation. Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class SalesChannelService {
  /** The id prefix of sales channels. */
  public static final String ID_PREFIX = "sc";
  /** The longest name or description the table keeps. */
  public static final int MAX_TEXT = 255;

  private final EntityService<SalesChannel, SalesChannelRecord> channels;

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
    this.channels = EntityService.builder(Objects.requireNonNull(modlink, "modlink"), SalesChannel.class)
        .records(SalesChannelRecord.class)
        .clock(clock)
        .build();
  }

  /**
   * Creates one channel.
   *
   * @throws InvalidDataException if the name is blank, a text too long, or the metadata not JSON
   */
  public SalesChannelRecord create(CreateSalesChannel channel) {
    return create(List.of(channel)).get(0);
  }

  /**
   * Creates channels, in one transaction, and returns them in the order given.
   *
   * @throws InvalidDataException naming the first channel that breaks a rule; nothing is created
   */
  public List<SalesChannelRecord> create(List<CreateSalesChannel> channels) {
    return this.channels.create(channels, c -> {
      SalesChannel channel = new SalesChannel("", c.name(), c.description(), Instant.EPOCH);
      channel.setDisabled(c.isDisabled());
      channel.setMetadata(c.metadata());
      return channel;
    });
  }

  /**
   * The channel with this id.
   *
   * @throws NotFoundException if there is none, or it is soft-deleted
   */
  public SalesChannelRecord retrieve(String id) {
    return channels.retrieve(id);
  }

  /**
   * The channels the query selects.
   *
   * @throws InvalidDataException if a filter or order names an unknown field or operator, or a
   *     value does not fit its field
   */
  public List<SalesChannelRecord> list(ListQuery query) {
    return channels.list(query);
  }

  /**
   * A page of the channels the query selects, and how many channels match it in all.
   *
   * @throws InvalidDataException as {@link #list} does
   */
  public SalesChannelPage listAndCount(ListQuery query) {
    var page = channels.listAndCount(query);
    return new SalesChannelPage(page.records(), page.count());
  }

  /**
   * Applies the changes to a channel; fields not set in {@code update} keep their values.
   *
   * @throws NotFoundException if there is no such channel, or it is soft-deleted
   * @throws InvalidDataException if the new name is blank, a text too long, or the metadata not JSON
   */
  public SalesChannelRecord update(String id, UpdateSalesChannel update) {
    Objects.requireNonNull(update, "update");
    return channels.update(id, channel -> {
      update.name().ifPresent(channel::setName);
      if (update.changesDescription()) {
        channel.setDescription(update.description());
      }
      update.disabled().ifPresent(channel::setDisabled);
      if (update.changesMetadata()) {
        channel.setMetadata(update.metadata());
      }
    });
  }

  /**
   * Soft-deletes channels and dismisses their links through the {@link Link} service's cascade
   * ({@code link.delete({"sales_channel": {"sales_channel_id": ids}})}). Ids that do not exist, or
   * whose channel is already deleted, are ignored. A workflow: {@code soft-delete-sales-channels}
   * then {@code remove-sales-channel-links}, one transaction where the module and the link tables
   * share a database, compensated exactly otherwise.
   *
   * @return the channels deleted, in the order given, with their {@code deleted_at}
   * @throws WorkflowException if the deletion failed, or could not be undone completely
   */
  public List<SalesChannelRecord> softDelete(List<String> ids) {
    return channels.softDelete(ids);
  }

  /**
   * Restores soft-deleted channels and the links the cascade dismissed, in one unit of work. Ids
   * that do not exist, or whose channel is not deleted, are ignored.
   *
   * @return the channels restored, in the order given
   */
  public List<SalesChannelRecord> restore(List<String> ids) {
    return channels.restore(ids);
  }
}
