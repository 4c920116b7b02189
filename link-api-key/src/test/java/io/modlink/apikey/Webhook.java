package io.modlink.apikey;

import io.modlink.core.module.ModuleDefinition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A test entity without {@code deleted_at}: a cascade that tries to soft-delete it fails. */
@Entity(name = "Webhook")
@Table(name = "webhook")
public class Webhook {
  static final ModuleDefinition DEFINITION = ModuleDefinition.builder("webhook")
      .entity(Webhook.class)
      .migrations("classpath:db/test/webhook")
      .build();

  @Id
  @Column(name = "id")
  public String id;

  @Column(name = "url")
  public String url;

  protected Webhook() {}

  Webhook(String id, String url) {
    this.id = id;
    this.url = url;
  }
}
