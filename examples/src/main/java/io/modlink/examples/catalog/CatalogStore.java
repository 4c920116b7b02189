package io.modlink.examples.catalog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.InMemoryRead;
import io.modlink.core.spi.KeyedReadRequest;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import java.util.Collection;
import java.util.List;

/**
 * The store of {@code catalog_item}: reads the external catalog, never a database table. modlink
 * reaches the items only through it, for graph queries and to verify the links it creates.
 */
public final class CatalogStore implements EntityStore {
  /** What modlink sees of an item: its fields and their types (the primary key is linkable as catalog_item_id). */
  public static final EntityModel MODEL = EntityModel.builder("catalog", "catalog_item")
      .primaryKey("id", FieldType.STRING)
      .field("sku", FieldType.STRING)
      .field("title", FieldType.STRING)
      .field("price", FieldType.DECIMAL)
      .field("in_stock", FieldType.BOOLEAN)
      .field("updated_at", FieldType.DATETIME)
      .build();

  private final ExternalCatalog catalog;

  public CatalogStore(ExternalCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public EntityModel model() {
    return MODEL;
  }

  @Override
  public ReadResult read(ReadRequest request) {
    InMemoryRead read = InMemoryRead.of(MODEL, request);   // checks the request before calling the catalog
    return read.apply(rows(catalog.all()));
  }

  @Override
  public ReadResult readByKeys(KeyedReadRequest request) {
    if (!request.keyField().equals("id")) {
      return read(request.toReadRequest());
    }
    InMemoryRead read = InMemoryRead.of(MODEL, request.toReadRequest());
    List<String> ids = request.keys().stream().map(String::valueOf).toList();
    return read.apply(rows(catalog.get(ids)));
  }

  @Override
  public AffectedKeys softDelete(Collection<?> ids) {
    throw new NotAllowedException("catalog items are read-only here; remove them in the external catalog");
  }

  @Override
  public AffectedKeys restore(Collection<?> ids) {
    throw new NotAllowedException("catalog items are read-only here; restore them in the external catalog");
  }

  private static List<ObjectNode> rows(List<CatalogItem> items) {
    return items.stream().map(CatalogStore::row).toList();
  }

  /** An item rendered as modlink renders rows: snake-case keys, the date-time in ISO-8601. */
  private static ObjectNode row(CatalogItem item) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    row.put("id", item.id());
    row.put("sku", item.sku());
    row.put("title", item.title());
    row.put("price", item.price());
    row.put("in_stock", item.inStock());
    row.put("updated_at", item.updatedAt().toString());
    return row;
  }
}
