package io.modlink.core.entity;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.entity.RuleMessages;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.hibernate.validator.HibernateValidator;

/**
 * Field rules from Jakarta Bean Validation annotations ({@code @NotBlank}, {@code @Size},
 * {@code @Pattern}, {@code @Min}, ...), checked by Hibernate Validator and reported as
 * {@code invalid_data} errors that name the record and the field, in snake case:
 *
 * <pre>{@code
 * @NotBlank(message = "give the channel a name")
 * @Size(max = 255)
 * private String name;
 *
 * FieldRules.check("sales channel [1]", channel);
 * // InvalidDataException: sales channel [1]: name must not be blank; give the channel a name
 * // InvalidDataException: sales channel [1]: name is 256 characters long; at most 255 are allowed
 * }</pre>
 *
 * <h2>Messages</h2>
 * The framework words the common constraints itself, naming the value where it helps:
 * {@code NotBlank}, {@code NotEmpty}, {@code NotNull}, {@code Size}, {@code Min}, {@code Max},
 * {@code DecimalMin}, {@code DecimalMax}, {@code Positive}, {@code PositiveOrZero},
 * {@code Negative}, {@code NegativeOrZero}, {@code Pattern}, {@code Email}; any other constraint
 * gives the field's name and its message. A {@code message} given on the annotation is the
 * <em>hint</em> that follows, after {@code "; "}: say there what a caller should do. Messages are
 * interpolated without Expression Language ({@code {max}} works, {@code ${...}} is left as is).
 *
 * <p>Rules are checked on the entity by {@link EntityService} (create and update), and on the input
 * record of a create when it is not the entity itself; modules call {@link #check} for other
 * inputs. When several rules are broken, the first field in declaration order is reported, and its
 * first broken rule in the order the annotations are written. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class FieldRules {
  private FieldRules() {}

  /**
   * Checks every field rule of {@code bean}.
   *
   * @param where what the bean is, e.g. {@code sales channel [1]}; the message starts with it
   * @throws InvalidDataException naming {@code where}, the field and the first rule it breaks
   */
  public static void check(String where, Object bean) {
    Objects.requireNonNull(where, "where");
    List<String> problems = problems(bean);
    if (!problems.isEmpty()) {
      throw new InvalidDataException(where + ": " + problems.get(0));
    }
  }

  /**
   * Every rule {@code bean} breaks, each as {@code "<field> <what is wrong>[; <hint>]"}, in the order
   * {@link #check} reports them; empty when the bean keeps every rule.
   */
  public static List<String> problems(Object bean) {
    Objects.requireNonNull(bean, "bean");
    Set<ConstraintViolation<Object>> violations = Holder.VALIDATOR.validate(bean);
    return RuleMessages.describe(bean.getClass(), violations);
  }

  /** The validator, built on first use: Hibernate Validator without Expression Language. */
  private static final class Holder {
    static final ValidatorFactory FACTORY = Validation.byProvider(HibernateValidator.class).configure()
        .messageInterpolator(RuleMessages.interpolator())
        .buildValidatorFactory();
    static final Validator VALIDATOR = FACTORY.getValidator();
  }
}
