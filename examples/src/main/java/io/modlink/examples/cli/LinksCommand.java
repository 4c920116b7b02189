package io.modlink.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.storage.SyncAction;
import io.modlink.core.storage.SyncKind;
import io.modlink.core.storage.SyncMode;
import io.modlink.examples.Progress;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code modlink links plan|sync}: the link tables' schema sync from the command line. */
@Command(name = "links", header = "Plan or apply the link tables' schema sync.",
    mixinStandardHelpOptions = true,
    description = {"Bring the link tables in line with the declared links (the API Key <-> Sales Channel link)."
        + " Only the link tables are touched, never the modules' own tables."},
    subcommands = {LinksCommand.Plan.class, LinksCommand.Sync.class})
final class LinksCommand implements Callable<Integer> {
  private final Console console;

  @Mixin
  private CommonOptions common = new CommonOptions();

  LinksCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    console.err().println("modlink links: name a subcommand: plan or sync; see 'modlink links --help'");
    return ModlinkCli.USAGE;
  }

  /** {@code modlink links plan}. */
  @Command(name = "plan", header = "Print what a sync would do to the link tables.",
      mixinStandardHelpOptions = true, sortOptions = false,
      description = "Print what a sync would do to each link table, without changing anything: create, update,"
          + " rename (safe), notify, delete (unsafe: may lose data, applied only by 'links sync --all'), noop.")
  static final class Plan implements Callable<Integer> {
    private final Console console;

    @Mixin
    private DatabaseOptions database;

    @Option(names = "--sql", order = 10, description = "print each action's SQL statements under it")
    private boolean sql;

    @Option(names = "--json", order = 11, description = "print the plan as one JSON array, for machines")
    private boolean json;

    @Mixin
    private CommonOptions common = new CommonOptions();

    Plan(Console console) {
      this.console = console;
      this.database = new DatabaseOptions(console);
    }

    @Override
    public Integer call() throws Exception {
      try (Modlink modlink = ShippedModules.open(database.config(), SchemaAction.NONE, false)) {
        List<SyncAction> plan = modlink.linkSchemaSync().plan();
        if (json) {
          console.out().println(toJson(modlink.objectMapper(), plan));
        } else {
          printTable(console.out(), plan, sql);
        }
      }
      return ModlinkCli.OK;
    }
  }

  /** {@code modlink links sync [--all]}. */
  @Command(name = "sync", header = "Apply the safe actions (all of them with --all).",
      mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Apply the plan. Safe actions (create, update, rename) always; unsafe ones (notify: drop or"
          + " alter a column; delete: drop the table of a link no longer declared) only with --all, and otherwise"
          + " listed with the way to apply them.",
          "Runs under a lock, so that instances starting at the same time do not race."})
  static final class Sync implements Callable<Integer> {
    private final Console console;

    @Mixin
    private DatabaseOptions database;

    @Option(names = "--all", order = 10, description = "also apply the unsafe actions (they may lose data: review"
        + " 'modlink links plan --sql' first)")
    private boolean all;

    @Option(names = "--json", order = 11, description = "print the applied actions as one JSON array, for machines")
    private boolean json;

    @Mixin
    private CommonOptions common = new CommonOptions();

    Sync(Console console) {
      this.console = console;
      this.database = new DatabaseOptions(console);
    }

    @Override
    public Integer call() throws Exception {
      try (Modlink modlink = ShippedModules.open(database.config(), SchemaAction.NONE, false)) {
        List<SyncAction> pending = modlink.linkSchemaSync().plan().stream()
            .filter(a -> a.kind() != SyncKind.NOOP).toList();
        List<SyncAction> applied;
        try (Progress progress = Progress.Factory.of(console.err(), console.interactive()).start("syncing " + pending.size() + " link table"
            + " action(s)", -1)) {
          applied = modlink.linkSchemaSync().apply(all ? SyncMode.ALL : SyncMode.SAFE);
        }
        // planned again after applying: what is left is what SAFE would not do
        List<SyncAction> left = modlink.linkSchemaSync().plan().stream()
            .filter(a -> a.kind() != SyncKind.NOOP).toList();
        if (json) {
          console.out().println(toJson(modlink.objectMapper(), applied));
        } else if (applied.isEmpty()) {
          console.out().println(left.isEmpty() ? "nothing to do: the link tables are up to date" : "nothing applied");
        } else {
          console.out().println("applied " + applied.size() + " action(s):");
          printTable(console.out(), applied, false);
        }
        if (!left.isEmpty()) {
          console.err().println(left.size() + " unsafe action(s) not applied, they may lose data: "
              + String.join("; ", left.stream().map(SyncAction::toString).toList())
              + ". Review them with 'modlink links plan --sql', then run 'modlink links sync --all'.");
        }
      }
      return ModlinkCli.OK;
    }
  }

  static void printTable(PrintStream out, List<SyncAction> actions, boolean withSql) {
    if (actions.isEmpty()) {
      out.println("no link tables");
      return;
    }
    int width = Math.max("TABLE".length(), actions.stream().mapToInt(a -> table(a).length()).max().orElse(0));
    String format = "%-7s %-" + width + "s  %-4s  %s%n";
    out.printf(Locale.ROOT, format, "ACTION", "TABLE", "SAFE", "REASON");
    for (SyncAction action : actions) {
      out.printf(Locale.ROOT, format, action.kind().name().toLowerCase(Locale.ROOT), table(action),
          action.kind().isSafe() ? "yes" : "no", action.reason());
      if (withSql) {
        action.sql().forEach(statement -> out.println("        " + statement + ";"));
      }
    }
  }

  private static String table(SyncAction action) {
    return action.previousTable() == null ? action.table() : action.previousTable() + " -> " + action.table();
  }

  static String toJson(ObjectMapper mapper, List<SyncAction> actions) {
    ArrayNode array = mapper.createArrayNode();
    for (SyncAction action : actions) {
      ObjectNode node = array.addObject();
      node.put("action", action.kind().name().toLowerCase(Locale.ROOT));
      node.put("table", action.table());
      node.put("previous_table", action.previousTable());
      node.put("safe", action.kind().isSafe());
      node.put("reason", action.reason());
      ArrayNode sql = node.putArray("sql");
      action.sql().forEach(sql::add);
    }
    return array.toString();
  }
}
