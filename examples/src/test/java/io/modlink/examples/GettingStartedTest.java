package io.modlink.examples;

import static io.modlink.examples.DocPages.printed;
import static io.modlink.examples.DocPages.root;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Follows docs/getting-started.md, so that the page cannot rot: the Maven block's coordinates are
 * checked against the build's poms, and the page's two Java files are compiled as written against
 * the build's artifacts and run, {@code ShopApplication} in a fresh JVM (no test settings: logging
 * as an application gets it) on PostgreSQL, {@code PlainShop} here on H2. A separate Maven project
 * is not built: it would install the artifacts and resolve them on every build, for little more.
 */
class GettingStartedTest {
  private static final String PAGE = "docs/getting-started.md";
  @TempDir
  static Path classes;
  private static String page;

  @BeforeAll
  static void compileThePagesJavaFiles() throws IOException {
    page = Files.readString(root().resolve(PAGE));
    List<String> files = new ArrayList<>();
    for (String source : blocks("java")) {
      Matcher name = Pattern.compile("public final class (\\w+)").matcher(source);
      assertThat(name.find()).as("a Java block of the page is a whole file").isTrue();
      Path file = classes.resolve("src/com/example/shop/" + name.group(1) + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      files.add(file.toString());
    }
    assertThat(files).hasSize(2);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.resolve("out").toString(), "-classpath",
        System.getProperty("java.class.path"), "--release", "17", "-Xlint:all", "-Werror"));
    args.addAll(files);
    java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
    int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    assertThat(status).as("javac of the page's files:\n" + diagnostics.toString(StandardCharsets.UTF_8)).isZero();
  }

  @Test
  void theMavenBlockNamesWhatTheBuildMakesAndUses() throws Exception {
    Document pom = xml(root().resolve("pom.xml"));
    String version = text(pom.getDocumentElement(), "version");
    Element block = xml("<project>" + blocks("xml").get(0) + "</project>").getDocumentElement();

    // the BOM import: the artifact exists at the version shown, and manages every published artifact
    Element bomImport = (Element) ((Element) block.getElementsByTagName("dependencyManagement").item(0))
        .getElementsByTagName("dependency").item(0);
    assertThat(text(bomImport, "groupId") + ":" + text(bomImport, "artifactId") + ":" + text(bomImport, "version")
        + ":" + text(bomImport, "type") + ":" + text(bomImport, "scope"))
        .isEqualTo("io.modlink:modlink-bom:" + version + ":pom:import");
    Document bom = xml(root().resolve("modlink-bom/pom.xml"));
    assertThat(text(bom.getDocumentElement(), "artifactId")).isEqualTo("modlink-bom");
    assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(version);
    assertThat(bom.getElementsByTagName("parent").getLength()).as("a BOM without parent hands over nothing else")
        .isZero();
    Map<String, String> managed = new LinkedHashMap<>();
    NodeList bomDependencies = bom.getElementsByTagName("dependency");
    for (int i = 0; i < bomDependencies.getLength(); i++) {
      Element d = (Element) bomDependencies.item(i);
      managed.put(text(d, "groupId") + ":" + text(d, "artifactId"), text(d, "version"));
    }
    List<String> published = new ArrayList<>();
    NodeList modules = pom.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String module = modules.item(i).getTextContent();
      if (!module.equals("examples") && !module.equals("modlink-bom")) {
        published.add("io.modlink:" + text(xml(root().resolve(module + "/pom.xml")).getDocumentElement(),
            "artifactId"));
      }
    }
    assertThat(managed.keySet()).containsExactlyInAnyOrderElementsOf(published);
    assertThat(managed.values()).containsOnly(version);

    // the dependencies: modlink's without a version (the BOM's), the others at the build's versions
    Map<String, String> properties = new LinkedHashMap<>();
    NodeList props = ((Element) pom.getElementsByTagName("properties").item(0)).getChildNodes();
    for (int i = 0; i < props.getLength(); i++) {
      if (props.item(i) instanceof Element e) {
        properties.put(e.getTagName(), e.getTextContent());
      }
    }
    Map<String, String> thirdParty = Map.of("org.postgresql:postgresql", properties.get("postgresql.version"),
        "org.slf4j:slf4j-simple", properties.get("slf4j.version"), "com.h2database:h2", properties.get("h2.version"));
    List<String> named = new ArrayList<>();
    Element direct = null;
    for (org.w3c.dom.Node n = block.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals("dependencies")) {
        direct = e;
      }
    }
    assertThat(direct).as("a <dependencies> block").isNotNull();
    NodeList dependencies = direct.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      String coordinates = text(d, "groupId") + ":" + text(d, "artifactId");
      named.add(coordinates);
      if (coordinates.startsWith("io.modlink:")) {
        assertThat(managed).as("managed by the BOM").containsKey(coordinates);
        assertThat(d.getElementsByTagName("version").getLength()).as(coordinates + " takes the BOM's version")
            .isZero();
      } else {
        assertThat(text(d, "version")).as(coordinates).isEqualTo(thirdParty.get(coordinates));
      }
    }
    assertThat(named).contains("io.modlink:link-core", "io.modlink:link-api-key", "io.modlink:link-sales-channel",
        "org.postgresql:postgresql", "com.h2database:h2", "org.slf4j:slf4j-simple", "io.modlink:link-testing");
    // H2 is optional in link-core, as the page says
    Document core = xml(root().resolve("link-core/pom.xml"));
    NodeList coreDependencies = core.getElementsByTagName("dependency");
    boolean h2Optional = false;
    for (int i = 0; i < coreDependencies.getLength(); i++) {
      Element d = (Element) coreDependencies.item(i);
      if (text(d, "artifactId").equals("h2")) {
        h2Optional = text(d, "optional").equals("true");
      }
    }
    assertThat(h2Optional).as("com.h2database:h2 is optional in link-core").isTrue();
  }

  @Test
  void plainShopPrintsTheKeysTitle() throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.resolve("out").toUri().toURL()},
        getClass().getClassLoader())) {
      Method main = loader.loadClass("com.example.shop.PlainShop").getMethod("main", String[].class);
      String out = printed(() -> main.invoke(null, (Object) new String[0]));
      assertThat(out).isEqualTo("Storefront\n");
      assertThat(page).contains("It prints `Storefront`.");
    }
  }

  @DatabaseTest(Engine.POSTGRESQL)   // a JVM start costs seconds: H2 is PlainShop's
  void shopApplicationRunsInAFreshJvmAndHibernateLogsThroughSlf4j(TestDatabase db) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
        "-cp", classes.resolve("out") + File.pathSeparator + System.getProperty("java.class.path"),
        "com.example.shop.ShopApplication");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("SHOP_DB_URL", db.jdbcUrl());
    builder.environment().put("SHOP_DB_USER", String.valueOf(db.user()));
    builder.environment().put("SHOP_DB_PASSWORD", String.valueOf(db.password()));
    Path out = Files.createTempFile(classes, "out", ".txt");
    Path err = Files.createTempFile(classes, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("ShopApplication ends").isTrue();
    String stdout = Files.readString(out);
    String stderr = Files.readString(err);

    assertThat(process.exitValue()).as(stdout + stderr).isZero();
    assertThat(stdout.replaceAll("\\b([a-z]+)_[0-9A-Z]{26}\\b", "$1_01..."))
        .isEqualTo("[{\"id\":\"apk_01...\",\"title\":\"Storefront\",\"sales_channels\":[{\"id\":\"sc_01...\","
            + "\"name\":\"Web\"}]}]\n");
    assertThat(page).contains("It prints `" + stdout.strip().replaceAll("\\b([a-z]+)_[0-9A-Z]{26}\\b", "$1_01...")
        + "`.");
    // Hibernate's messages in SLF4J's format ("[main] INFO org.hibernate..."), none through java.util.logging
    assertThat(stderr).contains("[main] INFO org.hibernate.orm.core - HHH000001: Hibernate ORM core version")
        .contains("INFO io.modlink.core.storage.LinkSchemaSync - link schema: create table")
        .contains("INFO org.flywaydb");
    assertThat(stderr).doesNotContainPattern("(?m)^INFO: HHH").doesNotContain("No SLF4J providers");
  }

  /** The page's code blocks of one language, in order. */
  private static List<String> blocks(String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(page);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  private static Document xml(String text) throws Exception {
    String withoutComments = text.replaceAll("(?s)<!--.*?-->", "");
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(withoutComments.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text of the first direct child element named {@code name}, or "" when there is none. */
  private static String text(Element parent, String name) {
    for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().strip();
      }
    }
    return "";
  }
}
