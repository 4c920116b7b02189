package io.modlink.examples.product;

import com.github.f4b6a3.ulid.UlidCreator;
import io.modlink.core.Modlink;
import io.modlink.core.error.DuplicateException;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.workflow.RemoveLinksStep;
import io.modlink.core.workflow.Step;
import io.modlink.core.workflow.StepContext;
import io.modlink.core.workflow.StepResult;
import io.modlink.core.workflow.Workflow;
import io.modlink.core.workflow.WorkflowException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;

/**
 * The product module's writes: create, update and soft delete (with its links). Reads go through
 * graph queries ({@code query.graph(GraphQuery.entity("product")...)}), which need no service.
 *
 * <p>Rules: a title is required (not blank, at most 255 characters); the handle defaults to the
 * title made URL-safe and is unique among live products (a duplicate is a {@code duplicate} error
 * naming the handle); status defaults to {@code draft}. Thread-safe.
 */
public final class ProductService {
  /** The id prefix of products. */
  public static final String ID_PREFIX = "prod";
  private static final int MAX_TEXT = 255;

  private final Modlink modlink;
  private final SessionFactory sessionFactory;
  private final Clock clock;
  private final Workflow<List<String>, List<String>> deleteProducts;

  /** A service over the {@code product} module of {@code modlink}. */
  public ProductService(Modlink modlink) {
    this(modlink, Clock.systemUTC());
  }

  /** A service that reads the time from {@code clock}. */
  public ProductService(Modlink modlink, Clock clock) {
    this.modlink = Objects.requireNonNull(modlink, "modlink");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sessionFactory = modlink.sessionFactory(ProductModule.NAME);
    this.deleteProducts = deleteWorkflow();
  }

  /**
   * Creates one product and returns its id.
   *
   * @throws InvalidDataException for a blank or too long title or handle, or a blank option title
   * @throws DuplicateException if a live product has the handle
   */
  public String create(CreateProduct product) {
    Objects.requireNonNull(product, "product");
    String title = text("product", "title", product.title());
    String handle = product.handle() == null ? handleOf(title) : text("product", "handle", product.handle());
    List<Map<String, Object>> options = new ArrayList<>();
    for (int i = 0; i < product.options().size(); i++) {
      CreateProduct.Option option = product.options().get(i);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", "opt_" + UlidCreator.getMonotonicUlid());
      json.put("title", text("product option [" + i + "]", "title", option.title()));
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
    Product entity = new Product(ID_PREFIX + "_" + UlidCreator.getMonotonicUlid(), title, handle,
        product.status() == null ? ProductStatus.draft : product.status(), options, now());
    uniqueHandle(handle, () -> sessionFactory.inTransaction(session -> {
      checkHandleFree(session, handle, null);
      session.persist(entity);
    }));
    return entity.getId();
  }

  /**
   * Changes a live product's title, handle or status.
   *
   * @throws NotFoundException if there is no such live product
   * @throws DuplicateException if another live product has the new handle
   */
  public void update(String id, UpdateProduct update) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(update, "update");
    String where = "product " + id;
    String title = update.title() == null ? null : text(where, "title", update.title());
    String handle = update.handle() == null ? null : text(where, "handle", update.handle());
    Instant now = now();
    uniqueHandle(handle, () -> sessionFactory.inTransaction(session -> {
      Product product = session.find(Product.class, id);
      if (product == null || product.getDeletedAt() != null) {
        throw notFound(id);
      }
      if (handle != null && !handle.equals(product.getHandle())) {
        checkHandleFree(session, handle, id);
        product.setHandle(handle);
      }
      if (title != null) {
        product.setTitle(title);
      }
      if (update.status() != null) {
        product.setStatus(update.status());
      }
      product.setUpdatedAt(now);
    }));
  }

  /**
   * Soft-deletes products and dismisses their links (to sales channels), in one unit of work.
   * Ids of products that do not exist or are deleted already are ignored.
   *
   * @return the ids of the products deleted
   */
  public List<String> softDelete(List<String> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return List.of();
    }
    try {
      return deleteProducts.run(modlink, List.copyOf(new java.util.LinkedHashSet<>(ids)));
    } catch (WorkflowException e) {
      throw e.unwrap();
    }
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

  private Workflow<List<String>, List<String>> deleteWorkflow() {
    Step<List<String>, List<String>> softDelete = Step.of("soft-delete-products", (List<String> ids, StepContext c) -> {
      Instant now = now();
      List<String> deleted = sessionFactory.fromTransaction(session -> {
        List<Product> found = session.createSelectionQuery("from Product p where p.id in :ids and p.deletedAt is null",
            Product.class).setParameter("ids", ids).getResultList();
        found.forEach(p -> {
          p.setDeletedAt(now);
          p.setUpdatedAt(now);
        });
        return found.stream().map(Product::getId).toList();
      });
      return StepResult.of(deleted, undo -> sessionFactory.inTransaction(session -> session.createMutationQuery(
          "update Product p set p.deletedAt = null where p.id in :ids").setParameter("ids", deleted).executeUpdate()));
    });
    return Workflow.<List<String>>builder("delete-products")
        .then(softDelete)
        .then(RemoveLinksStep.of("remove-product-links", (List<String> deleted) -> deleted.isEmpty()
            ? Map.<String, Map<String, List<String>>>of() : Map.of(ProductModule.NAME, Map.of("product_id", deleted))))
        .then(Step.of("deleted-products", (Object cascade, StepContext c) -> StepResult.of(c.outputOf(softDelete))))
        .build();
  }

  private static void checkHandleFree(org.hibernate.Session session, String handle, @Nullable String except) {
    List<String> taken = session.createSelectionQuery("select p.id from Product p where p.handle = :handle"
        + " and p.deletedAt is null", String.class).setParameter("handle", handle).getResultList();
    if (taken.stream().anyMatch(id -> !id.equals(except))) {
      throw duplicate(handle);
    }
  }

  /** Runs {@code work}; a unique-index violation (two writers of one handle at once) is a duplicate too. */
  private static void uniqueHandle(@Nullable String handle, Runnable work) {
    try {
      work.run();
    } catch (ConstraintViolationException e) {
      throw handle == null ? e : duplicate(handle);
    }
  }

  private static DuplicateException duplicate(String handle) {
    return new DuplicateException("Product with handle: " + handle + ", already exists.");
  }

  private static String text(String where, String field, @Nullable String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidDataException(where + ": " + field + " must not be blank");
    }
    if (value.length() > MAX_TEXT) {
      throw new InvalidDataException(where + ": " + field + " is " + value.length() + " characters long; at most "
          + MAX_TEXT + " are allowed");
    }
    return value;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

}
