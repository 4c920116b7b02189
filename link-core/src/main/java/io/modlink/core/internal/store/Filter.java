package io.modlink.core.internal.store;

import io.modlink.core.module.FieldModel;
import java.util.List;

/** A validated filter, with values already converted to the fields' Java types. */
public sealed interface Filter {
  /** Matches every row. */
  record True() implements Filter {}

  record And(List<Filter> parts) implements Filter {
    public And {
      parts = List.copyOf(parts);
    }
  }

  record Or(List<Filter> parts) implements Filter {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  enum Op { EQ, NE, GT, GTE, LT, LTE }

  record Compare(FieldModel field, Op op, Object value) implements Filter {}

  record In(FieldModel field, List<Object> values, boolean negated) implements Filter {
    public In {
      values = List.copyOf(values);
    }
  }

  record IsNull(FieldModel field, boolean negated) implements Filter {}

  record Like(FieldModel field, String pattern, boolean caseInsensitive) implements Filter {}
}
