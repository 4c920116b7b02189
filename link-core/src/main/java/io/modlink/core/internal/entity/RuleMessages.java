package io.modlink.core.internal.entity;

import io.modlink.core.internal.naming.SnakeCase;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;

/** Words Bean Validation violations as modlink's messages: {@code name is 256 characters long; at most 255 are allowed}. */
public final class RuleMessages {
  private static final Set<String> WORDED = Set.of("NotBlank", "NotEmpty", "NotNull", "Size", "Min", "Max",
      "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero", "Negative", "NegativeOrZero", "Pattern", "Email");

  private RuleMessages() {}

  /**
   * The interpolator of the validator: the default messages of the constraints worded here are not
   * interpolated (they contain Expression Language that only an EL implementation could evaluate);
   * the others, and every message an annotation gives, go to Hibernate Validator's parameter
   * interpolator ({@code {max}} works, {@code ${...}} does not).
   */
  public static MessageInterpolator interpolator() {
    ParameterMessageInterpolator parameters = new ParameterMessageInterpolator();
    return new MessageInterpolator() {
      @Override
      public String interpolate(String template, Context context) {
        return isDefault(template, context.getConstraintDescriptor().getAnnotation()) && worded(context
            .getConstraintDescriptor().getAnnotation()) ? template : parameters.interpolate(template, context);
      }

      @Override
      public String interpolate(String template, Context context, Locale locale) {
        return isDefault(template, context.getConstraintDescriptor().getAnnotation()) && worded(context
            .getConstraintDescriptor().getAnnotation()) ? template : parameters.interpolate(template, context, locale);
      }
    };
  }

  /** The violations as messages, ordered by field (declaration order, superclasses last), then by annotation. */
  public static <T> List<String> describe(Class<?> type, Set<ConstraintViolation<T>> violations) {
    Map<String, Integer> fieldOrder = fieldOrder(type);
    List<ConstraintViolation<T>> sorted = new ArrayList<>(violations);
    sorted.sort(Comparator.<ConstraintViolation<T>>comparingInt(v -> fieldOrder.getOrDefault(firstName(v),
            Integer.MAX_VALUE))
        .thenComparingInt(v -> annotationIndex(type, v))
        .thenComparing(v -> v.getPropertyPath().toString()));
    return sorted.stream().map(RuleMessages::message).toList();
  }

  private static <T> String message(ConstraintViolation<T> violation) {
    Annotation annotation = violation.getConstraintDescriptor().getAnnotation();
    Map<String, Object> attributes = violation.getConstraintDescriptor().getAttributes();
    String field = path(violation.getPropertyPath());
    @Nullable Object value = violation.getInvalidValue();
    String kind = annotation.annotationType().getSimpleName();
    String text = worded(annotation) ? worded(kind, field, value, attributes)
        : field + " " + violation.getMessage() + (value == null ? "" : " (got " + shown(value) + ")");
    boolean hint = !isDefault(violation.getMessageTemplate(), annotation);
    return hint ? text + "; " + violation.getMessage() : text;
  }

  private static String worded(String kind, String field, @Nullable Object value, Map<String, Object> a) {
    return switch (kind) {
      case "NotBlank" -> field + " must not be blank";
      case "NotEmpty" -> field + " must not be empty";
      case "NotNull" -> field + " is required";
      case "Size" -> size(field, value, (Integer) a.get("min"), (Integer) a.get("max"));
      case "Min", "DecimalMin" -> field + " is " + shown(value) + "; the least allowed is " + a.get("value")
          + (Boolean.FALSE.equals(a.get("inclusive")) ? " (excluded)" : "");
      case "Max", "DecimalMax" -> field + " is " + shown(value) + "; the most allowed is " + a.get("value")
          + (Boolean.FALSE.equals(a.get("inclusive")) ? " (excluded)" : "");
      case "Positive" -> field + " is " + shown(value) + "; it must be more than 0";
      case "PositiveOrZero" -> field + " is " + shown(value) + "; it must be 0 or more";
      case "Negative" -> field + " is " + shown(value) + "; it must be less than 0";
      case "NegativeOrZero" -> field + " is " + shown(value) + "; it must be 0 or less";
      case "Pattern" -> field + " " + shown(value) + " does not match the pattern " + a.get("regexp");
      case "Email" -> field + " " + shown(value) + " is not an email address";
      default -> throw new IllegalStateException(kind);
    };
  }

  private static String size(String field, @Nullable Object value, int min, int max) {
    int length;
    String unit;
    if (value instanceof CharSequence text) {
      length = text.length();
      unit = " characters";
    } else if (value instanceof Collection<?> c) {
      length = c.size();
      unit = " elements";
    } else if (value instanceof Map<?, ?> m) {
      length = m.size();
      unit = " entries";
    } else if (value != null && value.getClass().isArray()) {
      length = Array.getLength(value);
      unit = " elements";
    } else {
      return field + " must have a size from " + min + " to " + max;
    }
    String is = value instanceof CharSequence ? " is " + length + unit + " long" : " has " + length + unit;
    return length > max ? field + is + "; at most " + max + " are allowed"
        : field + is + "; at least " + min + (min == 1 ? " is" : " are") + " required";
  }

  private static boolean worded(Annotation annotation) {
    return WORDED.contains(annotation.annotationType().getSimpleName())
        && annotation.annotationType().getPackageName().equals("jakarta.validation.constraints");
  }

  private static boolean isDefault(String template, Annotation annotation) {
    return template.equals("{" + annotation.annotationType().getName() + ".message}");
  }

  private static String shown(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text = String.valueOf(value);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return value instanceof CharSequence ? "'" + text + "'" : text;
  }

  /** {@code name}, {@code address.postal_code}, {@code tags[2]}: the property path in snake case. */
  private static String path(Path path) {
    StringBuilder out = new StringBuilder();
    for (Path.Node node : path) {
      if (node.getIndex() != null) {
        out.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        out.append('[').append(node.getKey()).append(']');
      }
      if (node.getName() != null && !node.getName().startsWith("<")) {
        out.append(out.length() == 0 ? "" : ".").append(SnakeCase.of(node.getName()));
      }
    }
    return out.length() == 0 ? "value" : out.toString();
  }

  private static <T> String firstName(ConstraintViolation<T> violation) {
    for (Path.Node node : violation.getPropertyPath()) {
      return node.getName() == null ? "" : node.getName();
    }
    return "";
  }

  private static <T> int annotationIndex(Class<?> type, ConstraintViolation<T> violation) {
    Field field = field(type, firstName(violation));
    if (field == null) {
      return 0;
    }
    Annotation[] annotations = field.getDeclaredAnnotations();
    Class<? extends Annotation> kind = violation.getConstraintDescriptor().getAnnotation().annotationType();
    for (int i = 0; i < annotations.length; i++) {
      if (annotations[i].annotationType().equals(kind)) {
        return i;
      }
    }
    return annotations.length;
  }

  private static @Nullable Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getName().equals(name)) {
          return f;
        }
      }
    }
    return null;
  }

  /** Field index in declaration order, the class's own fields first, then its superclasses'. */
  private static Map<String, Integer> fieldOrder(Class<?> type) {
    Map<String, Integer> order = new HashMap<>();
    int i = 0;
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        order.putIfAbsent(f.getName(), i++);
      }
    }
    return order;
  }
}
