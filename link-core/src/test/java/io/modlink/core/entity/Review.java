package io.modlink.core.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A review, in a module of its own, deleted with its book (a deleteCascade side). */
@Entity(name = "Review")
@Table(name = "review")
@IdPrefix("rev")
public class Review extends SoftDeletableEntity {
  @Column(name = "body", nullable = false)
  private String text = "";

  protected Review() {}

  public Review(String text) {
    this.text = text;
  }

  public String getText() {
    return text;
  }
}
