package io.modlink.examples.product;

import com.github.f4b6a3.ulid.UlidCreator;
import io.modlink.core.Modlink;
import io.modlink.core.entity.EntityService;
import io.modlink.core.entity.FieldRules;
import io.modlink.core.error.DuplicateException;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;

/**
 * The product module's service: the {@link EntityService} of {@link Product} (list, retrieve,
 * create, update, softDelete with its links, restore), with what is the product's own: the handle
 * defaults to the title made URL-safe and is unique among live products (a duplicate is a
 * {@code duplicate} error naming the handle), status defaults to {@code draft}, and options get
 * ids. Its field rules are the annotations of {@link Product}. Thread-safe.
 */
public final class ProductService extends EntityService<Product, Product> {
  /** The id prefix of products. */
  public static final String ID_PREFIX = "prod";
  /** The longest title or handle the table keeps. */
  public static final int MAX_TEXT = 255;

  /** A service over the {@code product} module of {@code modlink}. */
  public ProductService(Modlink modlink) {
    this(modlink, Clock.systemUTC());
  }

  /** A service that reads the time from {@code clock}. */
  public ProductService(Modlink modlink, Clock clock) {
    super(EntityService.builder(modlink, Product.class).clock(clock)
        .rules(handleFree(modlink.sessionFactory(ProductModule.NAME))));
  }

  /**
   * Creates one product and returns its id.
   *
   * @throws InvalidDataException for a blank or too long title or handle, or a blank option title
   * @throws DuplicateException if a live product has the handle
   */
  public String create(CreateProduct product) {
    Objects.requireNonNull(product, "product");
    Product entity = toEntity(product);
    FieldRules.check("product", entity);
    return unique(entity.getHandle(), () -> create(entity)).getId();
  }

  /**
   * Changes a live product's title, handle or status.
   *
   * @throws NotFoundException if there is no such live product
   * @throws DuplicateException if another live product has the new handle
   */
  public void update(String id, UpdateProduct update) {
    Objects.requireNonNull(update, "update");
    String title = update.title();
    String handle = update.handle();
    ProductStatus status = update.status();
    unique(handle, () -> modify(id, product -> {
      if (title != null) {
        product.setTitle(title);
      }
      if (handle != null) {
        product.setHandle(handle);
      }
      if (status != null) {
        product.setStatus(status);
      }
    }));
  }

  /** The message of a product that is not there: Medusa's. */
  public static NotFoundException notFound(String id) {
    return new NotFoundException("Product with id: " + id + " was not found");
  }

  /** {@code "Blue Shirt!"} -> {@code "blue-shirt"}: lower case, letters and digits, words joined by dashes. */
  static String handleOf(String title) {
    String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String handle = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return handle.isEmpty() ? "product" : handle;
  }

  /** The new product: handle from the title unless given, draft unless given, options with ids. */
  private static Product toEntity(CreateProduct product) {
    List<Map<String, Object>> options = new ArrayList<>();
    for (int i = 0; i < product.options().size(); i++) {
      CreateProduct.Option option = product.options().get(i);
      FieldRules.check("product option [" + i + "]", option);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", "opt_" + UlidCreator.getMonotonicUlid());
      json.put("title", option.title());
      List<Map<String, Object>> values = new ArrayList<>();
      for (String value : option.values()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", "optval_" + UlidCreator.getMonotonicUlid());
        entry.put("value", value);
        values.add(entry);
      }
      json.put("values", values);
      options.add(json);
    }
    return new Product(product.title(), product.handle() == null ? handleOf(product.title()) : product.handle(),
        product.status() == null ? ProductStatus.draft : product.status(), options);
  }

  /** The rule beyond the annotations: no other live product has the handle. */
  private static BiConsumer<Product, String> handleFree(SessionFactory sessionFactory) {
    return (product, where) -> {
      boolean free = sessionFactory.fromSession(session -> session.createSelectionQuery(
              "select p.id from Product p where p.handle = :handle and p.deletedAt is null and p.id <> :id",
              String.class).setParameter("handle", product.getHandle()).setParameter("id", product.getId())
          .setMaxResults(1).getResultList()).isEmpty();
      if (!free) {
        throw duplicate(product.getHandle());
      }
    };
  }

  /** Runs {@code work}; a unique-index violation (two writers of one handle at once) is a duplicate too. */
  private static <T> T unique(@Nullable String handle, Supplier<T> work) {
    try {
      return work.get();
    } catch (ConstraintViolationException e) {
      if (handle == null) {
        throw e;
      }
      throw duplicate(handle);
    }
  }

  private static DuplicateException duplicate(String handle) {
    return new DuplicateException("Product with handle: " + handle + ", already exists.");
  }
}
