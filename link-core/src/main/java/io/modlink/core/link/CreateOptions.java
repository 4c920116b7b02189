package io.modlink.core.link;

import org.apiguardian.api.API;

/**
 * Options of {@link Link#create}.
 *
 * @param verifyReferences whether to check, with one batched read per side, that the linked records
 *     exist (default true; turn off for bulk loads whose data is known to be consistent)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CreateOptions(boolean verifyReferences) {
  /** Verify references. */
  public static CreateOptions defaults() {
    return new CreateOptions(true);
  }

  /** Do not read the linked records first: for bulk loads. */
  public static CreateOptions withoutVerification() {
    return new CreateOptions(false);
  }
}
