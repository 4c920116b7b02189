package io.modlink.examples.brand;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.modlink.core.Modlink;
import io.modlink.core.entity.EntityService;

/**
 * The brand module's service: list, listAndCount, retrieve, create, update, delete, softDelete and
 * restore, with the link cascades, all generated from {@link Brand}.
 */
@Singleton
public final class BrandService extends EntityService<Brand, Brand> {
  @Inject
  public BrandService(Modlink modlink) {
    super(EntityService.builder(modlink, Brand.class));
  }
}
