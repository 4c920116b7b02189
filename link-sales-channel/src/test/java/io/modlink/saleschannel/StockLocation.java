package io.modlink.saleschannel;

import io.modlink.core.module.ModuleDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A test module linked to sales channels by name, as Medusa's stock locations are. */
@Entity(name = "StockLocation")
@Table(name = "stock_location")
public class StockLocation {
  static final ModuleDefinition DEFINITION = ModuleDefinition.builder("stock_location")
      .entity(StockLocation.class)
      .migrations("classpath:db/test/stock_location")
      .build();

  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "name")
  public String name;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  protected StockLocation() {}

  StockLocation(String id, String name) {
    this.id = id;
    this.name = name;
  }
}
