package io.modlink.apikey;

import com.google.inject.AbstractModule;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.module.ModuleDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A stand-in sales channel: module {@code sales_channel}, entity {@code sales_channel}. This
 * artifact never depends on link-sales-channel, so its tests link API keys to this.
 */
@Entity(name = "SalesChannel")
@Table(name = "sales_channel")
public class SalesChannelStandIn {
  /** The module, with a migration of its own under {@code db/test/sales_channel_stand_in}. */
  static final ModuleDefinition DEFINITION = ModuleDefinition.builder("sales_channel")
      .entity(SalesChannelStandIn.class)
      .migrations("classpath:db/test/sales_channel_stand_in")
      .build();

  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "name")
  public String name;

  protected SalesChannelStandIn() {}

  SalesChannelStandIn(String id, String name) {
    this.id = id;
    this.name = name;
  }

  /** The stand-in module for Guice. */
  static final class Module extends AbstractModule {
    @Override
    protected void configure() {
      ModlinkBinder.forModule(binder(), DEFINITION);
    }
  }
}
