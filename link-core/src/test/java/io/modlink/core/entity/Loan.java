package io.modlink.core.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;

/** A library entity that is not soft-deleted, with the default id prefix. */
@Entity(name = "Loan")
@Table(name = "loan")
public class Loan extends ModuleEntity {
  @NotBlank
  @Column(name = "borrower", nullable = false)
  private String borrower = "";

  protected Loan() {}

  public Loan(String borrower) {
    this.borrower = borrower;
  }

  public String getBorrower() {
    return borrower;
  }
}
