package io.modlink.core.workflow;

import io.modlink.core.error.InvalidDataException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the built-in steps share. */
final class Steps {
  private Steps() {}

  static <T> List<T> requests(String stepId, @Nullable List<T> requests) {
    if (requests == null) {
      throw new InvalidDataException("step '" + stepId + "' was given no link requests (null); give a list, empty"
          + " for none");
    }
    return requests;
  }
}
