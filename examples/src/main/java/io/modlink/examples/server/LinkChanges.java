package io.modlink.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.modlink.core.Modlink;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.workflow.CreateLinksStep;
import io.modlink.core.workflow.DismissLinksStep;
import io.modlink.core.workflow.Step;
import io.modlink.core.workflow.StepContext;
import io.modlink.core.workflow.StepResult;
import io.modlink.core.workflow.Workflow;
import io.modlink.core.workflow.WorkflowException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code {add, remove}} link routes as workflows, all or nothing: Medusa's
 * {@code linkSalesChannelsToApiKeyWorkflow} and {@code linkProductsToSalesChannelWorkflow}. Each
 * validates that the records to add exist (one graph query; "Sales channels with IDs ... do not
 * exist"), creates the new links and dismisses the removed ones. Adding a pair that is linked
 * already, or removing one that is not, changes nothing.
 */
final class LinkChanges {
  private final Modlink modlink;
  private final Workflow<Change, List<LinkRecord>> apiKeySalesChannels;
  private final Workflow<Change, List<LinkRecord>> salesChannelProducts;

  LinkChanges(Modlink modlink) {
    this.modlink = modlink;
    this.apiKeySalesChannels = workflow("link-sales-channels-to-api-key", new End("api_key", "publishable_key_id"),
        new End("sales_channel", "sales_channel_id"), "sales_channel", "Sales channels");
    this.salesChannelProducts = workflow("link-products-to-sales-channel", new End("sales_channel", "sales_channel_id"),
        new End("product", "product_id"), "product", "Products");
  }

  /** One side of the link: its module and linkable key. */
  private record End(String module, String key) {}

  /** The record {@code id} and the ids of the other side to link and unlink. */
  record Change(String id, List<String> add, List<String> remove) {
    Change {
      add = List.copyOf(new LinkedHashSet<>(add));
      remove = List.copyOf(new LinkedHashSet<>(remove));
    }
  }

  void apiKeySalesChannels(Change change) {
    run(apiKeySalesChannels, change);
  }

  void salesChannelProducts(Change change) {
    run(salesChannelProducts, change);
  }

  private void run(Workflow<Change, List<LinkRecord>> workflow, Change change) {
    List<String> both = change.add().stream().filter(change.remove()::contains).toList();
    if (!both.isEmpty()) {
      throw new InvalidDataException(String.join(", ", both) + " are both in add and in remove; name each in one list");
    }
    try {
      workflow.run(modlink, change);
    } catch (WorkflowException e) {
      throw e.unwrap();
    }
  }

  private static Workflow<Change, List<LinkRecord>> workflow(String id, End owner, End other, String otherEntity,
      String otherLabel) {
    return Workflow.<Change>builder(id)
        .then(Step.of("validate-" + otherEntity + "s-exist", (Change change, StepContext c) -> {
          if (change.add().isEmpty()) {
            return StepResult.of(change);
          }
          GraphResult found = c.query().graph(GraphQuery.entity(otherEntity).fields("id")
              .filters(Map.of("id", change.add())).build());
          Set<String> present = new HashSet<>();
          for (JsonNode row : found.data()) {
            present.add(row.get("id").asText());
          }
          List<String> missing = change.add().stream().filter(k -> !present.contains(k)).toList();
          if (!missing.isEmpty()) {
            throw new InvalidDataException(otherLabel + " with IDs " + String.join(", ", missing) + " do not exist");
          }
          return StepResult.of(change);
        }))
        .then(CreateLinksStep.of("add-" + otherEntity + "s", (Change change) -> requests(owner, other, change.id(),
            change.add())).with(CreateOptions.withoutVerification()))   // checked by the step before
        .then(DismissLinksStep.of("remove-" + otherEntity + "s", (List<LinkRecord> added, StepContext c) -> {
          Change change = (Change) Objects.requireNonNull(c.input());
          return requests(owner, other, change.id(), change.remove());
        }))
        .build();
  }

  private static List<LinkRequest> requests(End owner, End other, String id, List<String> others) {
    return others.stream().map(o -> LinkRequest.between(LinkKey.of(owner.module(), owner.key(), id),
        LinkKey.of(other.module(), other.key(), o))).toList();
  }
}
