package io.modlink.apikey;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A page of API keys and the number of keys that match the query, ignoring skip and take: what
 * {@link ApiKeyService#listAndCount} returns (Medusa's {@code [keys, count]}).
 *
 * @param apiKeys the keys of the page
 * @param count every key that matches
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ApiKeyPage(List<ApiKeyRecord> apiKeys, long count) {
  public ApiKeyPage {
    apiKeys = List.copyOf(apiKeys);
  }
}
