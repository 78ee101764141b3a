package io.makerates.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every overlay and Job of {@code k8s/} rendered by {@code kubectl kustomize} and read object by
 * object: each container non-root on a read-only root file system without privilege escalation or
 * capabilities, under RuntimeDefault seccomp, with resources, probes (Deployments) and secrets only
 * as files; each app with its Service, PodDisruptionBudget and NetworkPolicies. Without kubectl the
 * tests are skipped, except under {@code CI=true}, where {@code .ci/run} provides it.
 */
class KubernetesManifestsTest {

  private static Path root;
  private static Path kubectl;

  @BeforeAll
  static void findKubectl() {
    root = Kustomize.repositoryRoot();
    kubectl = Kustomize.kubectl().orElse(null);
    if (kubectl == null) {
      String reason =
          "kubectl not found on PATH (or $KUBECTL): the Kubernetes manifests are not checked;"
              + " ops/check-k8s installs it";
      if ("true".equals(System.getenv("CI"))) {
        fail(reason);
      }
      Assumptions.abort(reason);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyListedKustomizationRendersAndMeetsTheRules() throws IOException {
    return Kustomize.listed(root).stream()
        .map(
            dir ->
                DynamicTest.dynamicTest(
                    dir,
                    () -> {
                      List<JsonNode> objects = Kustomize.render(kubectl, root, dir);
                      assertThat(objects).as("objects rendered by " + dir).isNotEmpty();
                      assertThat(ManifestRules.check(dir, objects)).as(dir).isEmpty();
                    }));
  }

  @Test
  void everyOverlayAndJobIsListedSoThatNoneEscapesTheCheck() throws IOException {
    List<String> kustomizations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("k8s/overlays"))) {
      files
          .filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
          .forEach(f -> kustomizations.add(root.relativize(f.getParent()).toString()));
    }
    assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(2);
    assertThat(Kustomize.listed(root)).containsAll(kustomizations);
  }

  @Test
  void theOverlaysDeployTheFourAppsAndProductionKeepsWarmStateAndTheRepositorysAlerts()
      throws Exception {
    for (String overlay : List.of("k8s/overlays/laptop", "k8s/overlays/production")) {
      assertThat(
              Kustomize.render(kubectl, root, overlay).stream()
                  .filter(o -> ManifestRules.kind(o).equals("Deployment"))
                  .map(o -> o.path("metadata").path("name").asText()))
          .as(overlay)
          .containsExactlyInAnyOrder("extractor-app", "streams-app", "sink-app", "api-app");
    }
    List<JsonNode> production = Kustomize.render(kubectl, root, "k8s/overlays/production");
    JsonNode streams = find(production, "Deployment", "streams-app");
    assertThat(streams.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(Integer.parseInt(env(production, streams, "MAKERATES_STREAM_STANDBY_REPLICAS")))
        .isGreaterThanOrEqualTo(1);
    assertThat(env(production, streams, "MAKERATES_TOPIC_REPLICATION")).isEqualTo("3");
    JsonNode extractor = find(production, "Deployment", "extractor-app");
    assertThat(extractor.path("spec").path("replicas").asInt())
        .as("one extractor owns the quota ledger and the transactional id")
        .isEqualTo(1);
    assertThat(extractor.path("spec").path("strategy").path("type").asText()).isEqualTo("Recreate");
    JsonNode api = find(production, "Deployment", "api-app");
    assertThat(api.path("spec").has("replicas"))
        .as("api-app's replicas are its HorizontalPodAutoscaler's, not reset by kubectl apply")
        .isFalse();
    JsonNode hpa = find(production, "HorizontalPodAutoscaler", "api-app");
    assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("api-app");
    assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(2);
    JsonNode apiPod = api.at("/spec/template/metadata/labels");
    List<Integer> apiEgress = new ArrayList<>(); // -1: a rule open to every port
    for (JsonNode policy : production) {
      if (ManifestRules.kind(policy).equals("NetworkPolicy")
          && ManifestRules.selects(policy.at("/spec/podSelector/matchLabels"), apiPod)) {
        for (JsonNode rule : policy.at("/spec/egress")) {
          rule.path("ports").forEach(p -> apiEgress.add(p.path("port").asInt()));
          if (rule.path("ports").isEmpty()) {
            apiEgress.add(-1);
          }
        }
      }
    }
    assertThat(apiEgress)
        .as("api-app reaches DNS, Kafka, the registry and PostgreSQL, nothing else")
        .containsOnly(53, 9092, 8080, 5432);

    JsonNode alerts = Kustomize.YAML.readTree(root.resolve("ops/prometheus/alerts.yml").toFile());
    JsonNode rule = find(production, "PrometheusRule", "makerates");
    assertThat(rule.path("spec").path("groups"))
        .as(
            "the PrometheusRule holds ops/prometheus/alerts.yml's groups; regenerate it: { sed"
                + " '/^spec:$/q' k8s/overlays/production/prometheusrule.yaml; sed 's/^./  &/'"
                + " ops/prometheus/alerts.yml; } > /tmp/rule.yaml && mv /tmp/rule.yaml"
                + " k8s/overlays/production/prometheusrule.yaml")
        .isEqualTo(alerts.path("groups"));
  }

  @Test
  void anOverlayAndItsJobsRunTheSameImageTags() throws Exception {
    for (String overlay : List.of("k8s/overlays/laptop", "k8s/overlays/production")) {
      java.util.Map<String, String> deployed =
          ManifestRules.images(Kustomize.render(kubectl, root, overlay));
      for (String job : Kustomize.listed(root)) {
        if (job.startsWith(overlay + "/jobs/")) {
          assertThat(deployed)
              .as(job + " runs the images of " + overlay)
              .containsAllEntriesOf(ManifestRules.images(Kustomize.render(kubectl, root, job)));
        }
      }
    }
  }

  @Test
  void eachJobRunsOneCommandOfAnAppImageAndEnds() throws Exception {
    List<String> jobs = Kustomize.listed(root).stream().filter(d -> d.contains("/jobs/")).toList();
    assertThat(jobs.stream().map(d -> d.substring(d.lastIndexOf('/') + 1)).distinct())
        .containsExactlyInAnyOrder("backfill", "replay", "reset");
    for (String dir : jobs) {
      List<JsonNode> rendered = Kustomize.render(kubectl, root, dir);
      List<JsonNode> jobObjects =
          rendered.stream().filter(o -> ManifestRules.kind(o).equals("Job")).toList();
      assertThat(jobObjects).as(dir).hasSize(1);
      JsonNode spec = jobObjects.get(0).path("spec");
      assertThat(spec.path("backoffLimit").isInt()).as(dir + " backoffLimit").isTrue();
      assertThat(spec.path("activeDeadlineSeconds").asInt()).as(dir).isPositive();
      JsonNode pod = spec.path("template").path("spec");
      assertThat(pod.path("restartPolicy").asText()).as(dir).isIn("Never", "OnFailure");
      String main = pod.path("containers").get(0).path("args").get(0).asText();
      assertThat(main).as(dir).matches("io\\.makerates\\.[a-z.]+\\.[A-Z][A-Za-z]+Command");
    }
  }

  @Test
  void theRulesReportEveryDroppedInvariant() throws Exception {
    String production = "k8s/overlays/production";
    List<JsonNode> objects = Kustomize.render(kubectl, root, production);
    assertThat(ManifestRules.check(production, objects)).isEmpty();

    ObjectNode streams = (ObjectNode) find(objects, "Deployment", "streams-app");
    ObjectNode container = (ObjectNode) streams.at("/spec/template/spec/containers/0");
    ((ObjectNode) container.path("securityContext")).remove("readOnlyRootFilesystem");
    ((ObjectNode) container.path("securityContext")).put("allowPrivilegeEscalation", true);
    container.remove("startupProbe");
    container.put("image", "ghcr.io/makerates/streams-app:latest");
    ((ObjectNode) container.path("resources")).remove("limits");
    ArrayNode env = container.withArray("env");
    env.addObject()
        .put("name", "MAKERATES_DATABASE_PASSWORD")
        .putObject("valueFrom")
        .putObject("secretKeyRef")
        .put("name", "makerates-db")
        .put("key", "password");
    List<JsonNode> withoutPdb =
        objects.stream()
            .filter(
                o ->
                    !(ManifestRules.kind(o).equals("PodDisruptionBudget")
                        && o.path("metadata").path("name").asText().equals("sink-app")))
            .toList();

    assertThat(ManifestRules.check(production, withoutPdb))
        .contains(
            "Deployment/streams-app container streams-app: readOnlyRootFilesystem must be true",
            "Deployment/streams-app container streams-app: allowPrivilegeEscalation must be false",
            "Deployment/streams-app container streams-app: no startupProbe",
            "Deployment/streams-app container streams-app: image ghcr.io/makerates/streams-app:latest"
                + " is :latest",
            "Deployment/streams-app container streams-app: no resources.limits.memory",
            "Deployment/streams-app container streams-app: MAKERATES_DATABASE_PASSWORD takes a"
                + " secret into the environment; mount it as a file",
            "Deployment/sink-app: no PodDisruptionBudget");
  }

  /**
   * The extractor's ConfigMap names only sources it configures: each MAKERATES_SOURCE_<ID>_* is of
   * a source in MAKERATES_SOURCES or, with it unset, of a type of the build (the default list), and
   * each type it names is one of the build's.
   */
  @Test
  void theExtractorsSourceSettingsNameTypesOfTheBuild() throws Exception {
    java.util.Set<String> types = io.makerates.sources.SourceTypes.byId().keySet();
    for (String overlay : List.of("k8s/overlays/laptop", "k8s/overlays/production")) {
      JsonNode data =
          find(Kustomize.render(kubectl, root, overlay), "ConfigMap", "makerates-extractor")
              .path("data");
      java.util.Map<String, String> env = new java.util.TreeMap<>();
      data.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
      List<String> ids =
          env.containsKey("MAKERATES_SOURCES")
              ? List.of(env.get("MAKERATES_SOURCES").split(","))
              : List.copyOf(types);
      java.util.Map<String, String> byVariable = new java.util.HashMap<>();
      ids.forEach(
          id ->
              byVariable.put(id.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'), id));
      env.forEach(
          (name, value) -> {
            if (!name.startsWith("MAKERATES_SOURCE_")) {
              return;
            }
            String id =
                byVariable.keySet().stream()
                    .filter(v -> name.startsWith("MAKERATES_SOURCE_" + v + "_"))
                    .max(java.util.Comparator.comparingInt(String::length))
                    .orElse(null);
            assertThat(id).as(overlay + ": " + name + " names no configured source").isNotNull();
            if (name.equals("MAKERATES_SOURCE_" + id + "_TYPE")) {
              assertThat(types).as(overlay + ": " + name).contains(value);
            }
            if (name.endsWith("_FAILOVER")) {
              assertThat(byVariable.values()).as(overlay + ": " + name).contains(value.split(","));
            }
          });
      ids.forEach(
          id ->
              assertThat(
                      types.contains(id.strip())
                          || env.containsKey(
                              "MAKERATES_SOURCE_"
                                  + id.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_')
                                  + "_TYPE"))
                  .as(overlay + ": source " + id + " has a type of the build")
                  .isTrue());
    }
  }

  private static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> ManifestRules.kind(o).equals(kind))
        .filter(o -> o.path("metadata").path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
  }

  /** A container variable as the pod sees it: set directly, or from a rendered ConfigMap. */
  private static String env(List<JsonNode> objects, JsonNode deployment, String name) {
    JsonNode c = deployment.at("/spec/template/spec/containers/0");
    for (JsonNode e : c.path("env")) {
      if (e.path("name").asText().equals(name)) {
        JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
        return ref.isMissingNode()
            ? e.path("value").asText()
            : find(objects, "ConfigMap", ref.path("name").asText())
                .path("data")
                .path(ref.path("key").asText())
                .asText();
      }
    }
    List<JsonNode> sources = new ArrayList<>();
    c.path("envFrom").forEach(sources::add);
    java.util.Collections.reverse(sources); // a later source wins
    for (JsonNode from : sources) {
      String map = from.path("configMapRef").path("name").asText("");
      if (!map.isEmpty()) {
        JsonNode value = find(objects, "ConfigMap", map).path("data").path(name);
        if (!value.isMissingNode()) {
          return value.asText();
        }
      }
    }
    throw new AssertionError(name + " is not set for " + ManifestRules.name(deployment));
  }
}
