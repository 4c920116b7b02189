package io.modlink.examples.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for an external system that owns catalog items (a product information service, a
 * search index): it lists everything, or looks items up by id, one call each, and counts the calls
 * it answers. Kept in memory here; a real one would be an HTTP or Redis client. Thread-safe.
 */
public final class ExternalCatalog {
  private final Map<String, CatalogItem> items = new ConcurrentHashMap<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** Adds or replaces items (what the external system's own tools would do). */
  public void put(CatalogItem... added) {
    for (CatalogItem item : added) {
      items.put(item.id(), item);
    }
  }

  /** Removes an item (what the external system's own tools would do). */
  public void remove(String id) {
    items.remove(id);
  }

  /** Every item: one call. */
  public List<CatalogItem> all() {
    calls.incrementAndGet();
    return new ArrayList<>(items.values());
  }

  /** The items with these ids, in one call; unknown ids are left out. */
  public List<CatalogItem> get(Collection<String> ids) {
    calls.incrementAndGet();
    List<CatalogItem> found = new ArrayList<>();
    for (String id : ids) {
      CatalogItem item = items.get(id);
      if (item != null) {
        found.add(item);
      }
    }
    return found;
  }

  /** The calls answered so far. */
  public int calls() {
    return calls.get();
  }
}
