package io.modlink.saleschannel;

import io.modlink.core.module.ModuleDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test entity without {@code deleted_at}: a cascade that tries to soft-delete it fails. */
@Entity(name = "Terminal")
@Table(name = "terminal")
public class Terminal {
  static final ModuleDefinition DEFINITION = ModuleDefinition.builder("terminal")
      .entity(Terminal.class)
      .migrations("classpath:db/test/terminal")
      .build();

  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "name")
  public String name;

  protected Terminal() {}

  Terminal(String id, String name) {
    this.id = id;
    this.name = name;
  }
}
