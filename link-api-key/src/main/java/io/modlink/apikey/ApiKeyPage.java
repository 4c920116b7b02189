package io.modlink.apikey;

import io.modlink.core.entity.EntityPage;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A page of API keys and the number of keys that match the query, ignoring skip and take: what
 * {@link ApiKeyService#listAndCount} returns (Medusa's {@code [keys, count]}).
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ApiKeyPage extends EntityPage<ApiKeyRecord> {
  /** A page of {@code apiKeys}, of {@code count} that match. */
  public ApiKeyPage(List<ApiKeyRecord> apiKeys, long count) {
    super(apiKeys, count);
  }

  /** The keys of the page. */
  public List<ApiKeyRecord> apiKeys() {
    return records();
  }
}
