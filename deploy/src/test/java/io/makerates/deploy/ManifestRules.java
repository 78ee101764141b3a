package io.makerates.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a platform team requires of every object one kustomization renders: each rule that does not
 * hold is one line naming the object and what is missing. Pure, so a test can feed it a manifest
 * with one invariant dropped and see it reported.
 */
final class ManifestRules {

  /** Variables that hold a secret themselves; their {@code _FILE} twins name a mounted file. */
  private static final Pattern SECRET_NAME =
      Pattern.compile(".*(PASSWORD|SECRET|TOKEN|API_KEY|CREDENTIALS)$");

  private static final int OPS_PORT = 8080;

  private final List<JsonNode> objects;
  private final List<String> violations = new ArrayList<>();

  private ManifestRules(List<JsonNode> objects) {
    this.objects = objects;
  }

  /**
   * @param dir the kustomization, as {@code k8s/kustomizations.txt} names it: a {@code jobs/}
   *     directory must render its Job alone, an overlay none
   */
  static List<String> check(String dir, List<JsonNode> objects) {
    ManifestRules rules = new ManifestRules(objects);
    boolean jobDir = dir.contains("/jobs/");
    for (JsonNode o : objects) {
      JsonNode meta = o.path("metadata");
      podSpec(o).ifPresent(pod -> rules.pod(name(o), kind(o), pod));
      switch (kind(o)) {
        case "Deployment" -> rules.deployment(o);
        case "Job" -> rules.job(o);
        case "ServiceAccount" -> {
          if (!isFalse(o, "automountServiceAccountToken")) {
            rules.violations.add(name(o) + ": automountServiceAccountToken must be false");
          }
        }
        case "Secret" -> {
          if ((o.has("data") || o.has("stringData")) && !dir.contains("/laptop")) {
            rules.violations.add(
                name(o)
                    + ": a Secret with values outside the laptop overlay: create it from the"
                    + " secret store");
          }
        }
        default -> {}
      }
      if (meta.path("name").asText("").isEmpty()) {
        rules.violations.add(kind(o) + ": no fixed metadata.name");
      }
      if (!kind(o).equals("Namespace") && meta.path("namespace").asText("").isEmpty()) {
        rules.violations.add(name(o) + ": no namespace");
      }
      if (jobDir != kind(o).equals("Job") || kind(o).equals("CronJob")) {
        rules.violations.add(
            name(o)
                + (jobDir
                    ? ": a Job directory renders its Job alone (kubectl create -k creates all)"
                    : ": a Job in an overlay would run on kubectl apply -k"));
      }
    }
    return rules.violations;
  }

  /** The image names and tags of every container the objects run. */
  static Map<String, String> images(List<JsonNode> objects) {
    Map<String, String> images = new java.util.TreeMap<>();
    for (JsonNode o : objects) {
      podSpec(o)
          .ifPresent(
              pod ->
                  pod.path("containers")
                      .forEach(
                          c -> {
                            String image = c.path("image").asText();
                            int colon = image.lastIndexOf(':');
                            if (colon > image.lastIndexOf('/')) {
                              images.put(image.substring(0, colon), image.substring(colon + 1));
                            }
                          }));
    }
    return images;
  }

  private void job(JsonNode job) {
    for (String field :
        List.of("ttlSecondsAfterFinished", "backoffLimit", "activeDeadlineSeconds")) {
      if (!job.path("spec").path(field).isInt()) {
        violations.add(name(job) + ": no spec." + field);
      }
    }
  }

  static String kind(JsonNode o) {
    return o.path("kind").asText();
  }

  static String name(JsonNode o) {
    return kind(o) + "/" + o.path("metadata").path("name").asText();
  }

  /** The pod template of a Deployment, Job or CronJob. */
  static Optional<JsonNode> podSpec(JsonNode o) {
    JsonNode spec =
        switch (kind(o)) {
          case "Deployment", "StatefulSet", "DaemonSet", "Job" ->
              o.path("spec").path("template").path("spec");
          case "CronJob" ->
              o.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
          default -> null;
        };
    return Optional.ofNullable(spec).filter(s -> !s.isMissingNode());
  }

  private void pod(String owner, String kind, JsonNode pod) {
    JsonNode podSecurity = pod.path("securityContext");
    if (pod.path("serviceAccountName").asText("").isEmpty()) {
      violations.add(owner + ": no serviceAccountName");
    }
    if (!pod.path("automountServiceAccountToken").isBoolean()
        || pod.path("automountServiceAccountToken").asBoolean()) {
      violations.add(
          owner + ": automountServiceAccountToken must be false (the apps never call the API)");
    }
    Map<String, JsonNode> volumes = new java.util.HashMap<>();
    pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
    List<JsonNode> containers = new ArrayList<>();
    pod.path("initContainers").forEach(containers::add);
    pod.path("containers").forEach(containers::add);
    if (containers.isEmpty()) {
      violations.add(owner + ": no containers");
    }
    for (JsonNode c : containers) {
      String where = owner + " container " + c.path("name").asText();
      security(where, podSecurity, c.path("securityContext"));
      resources(where, c.path("resources"));
      image(where, c.path("image").asText());
      secretsAsFiles(where, c);
      writableVolumes(where, c, volumes);
      jvmFlags(where, c);
      if (kind.equals("Deployment")) {
        if (c.has("command") || c.has("args")) {
          violations.add(where + ": a Deployment runs the image's CMD (no command or args)");
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
          if (c.path(probe).isMissingNode()) {
            violations.add(where + ": no " + probe);
          }
        }
      }
    }
  }

  private void security(String where, JsonNode pod, JsonNode c) {
    if (!(isTrue(c, "runAsNonRoot")
        || isTrue(pod, "runAsNonRoot") && !isFalse(c, "runAsNonRoot"))) {
      violations.add(where + ": runAsNonRoot must be true");
    }
    if (c.path("runAsUser").asInt(pod.path("runAsUser").asInt(0)) == 0) {
      violations.add(where + ": runAsUser must be set and not 0");
    }
    if (!isFalse(c, "allowPrivilegeEscalation")) {
      violations.add(where + ": allowPrivilegeEscalation must be false");
    }
    if (!isTrue(c, "readOnlyRootFilesystem")) {
      violations.add(where + ": readOnlyRootFilesystem must be true");
    }
    if (isTrue(c, "privileged")) {
      violations.add(where + ": must not be privileged");
    }
    boolean dropsAll = false;
    for (JsonNode cap : c.path("capabilities").path("drop")) {
      dropsAll |= cap.asText().equals("ALL");
    }
    if (!dropsAll || c.path("capabilities").path("add").size() > 0) {
      violations.add(where + ": capabilities must drop ALL and add none");
    }
    String seccomp =
        c.path("seccompProfile")
            .path("type")
            .asText(pod.path("seccompProfile").path("type").asText(""));
    if (!seccomp.equals("RuntimeDefault") && !seccomp.equals("Localhost")) {
      violations.add(where + ": seccompProfile must be RuntimeDefault");
    }
  }

  private void resources(String where, JsonNode r) {
    for (String path : List.of("requests/cpu", "requests/memory", "limits/memory")) {
      String[] p = path.split("/");
      if (r.path(p[0]).path(p[1]).asText("").isBlank()) {
        violations.add(where + ": no resources." + p[0] + "." + p[1]);
      }
    }
  }

  private void image(String where, String image) {
    String last = image.substring(image.lastIndexOf('/') + 1);
    if (image.isBlank() || !(last.contains(":") || image.contains("@sha256:"))) {
      violations.add(where + ": image " + image + " has no tag");
    } else if (last.endsWith(":latest")) {
      violations.add(where + ": image " + image + " is :latest");
    }
  }

  private void secretsAsFiles(String where, JsonNode c) {
    for (JsonNode env : c.path("env")) {
      String name = env.path("name").asText();
      if (!env.path("valueFrom").path("secretKeyRef").isMissingNode()) {
        violations.add(
            where + ": " + name + " takes a secret into the environment; mount it as a file");
      } else if (SECRET_NAME.matcher(name).matches()) {
        violations.add(where + ": " + name + " holds a secret; give " + name + "_FILE instead");
      }
    }
    for (JsonNode from : c.path("envFrom")) {
      if (!from.path("secretRef").isMissingNode()) {
        violations.add(
            where + ": envFrom a Secret puts it into the environment; mount it as a file");
      }
    }
  }

  private void jvmFlags(String where, JsonNode c) {
    boolean flags = false;
    for (JsonNode env : c.path("env")) {
      String name = env.path("name").asText();
      if (name.equals("JAVA_OPTS")) {
        violations.add(where + ": JAVA_OPTS is not read; JVM flags go in JDK_JAVA_OPTIONS");
      }
      flags |= name.equals("JDK_JAVA_OPTIONS");
    }
    if (!flags) {
      violations.add(
          where + ": no JDK_JAVA_OPTIONS (the heap follows the memory limit through it)");
    }
  }

  private void writableVolumes(String where, JsonNode c, Map<String, JsonNode> volumes) {
    String stateDir = "";
    for (JsonNode env : c.path("env")) {
      if (env.path("name").asText().equals("MAKERATES_STATE_DIR")) {
        stateDir = env.path("value").asText();
      }
    }
    boolean state = stateDir.isEmpty();
    boolean tmp = false;
    for (JsonNode mount : c.path("volumeMounts")) {
      JsonNode volume = volumes.get(mount.path("name").asText());
      if (volume == null) {
        violations.add(where + ": mounts undeclared volume " + mount.path("name").asText());
        continue;
      }
      String path = mount.path("mountPath").asText();
      boolean writable = volume.has("emptyDir") || volume.has("persistentVolumeClaim");
      tmp |= path.equals("/tmp") && volume.has("emptyDir");
      state |= path.equals(stateDir) && writable;
      if ((volume.has("secret") || volume.has("projected"))
          && (!isTrue(mount, "readOnly") || !path.startsWith("/var/run/secrets/makerates/"))) {
        violations.add(
            where
                + ": secret volume "
                + mount.path("name").asText()
                + " must be mounted read-only under /var/run/secrets/makerates/");
      }
    }
    if (!state) {
      violations.add(where + ": no writable volume at its MAKERATES_STATE_DIR " + stateDir);
    }
    if (!tmp) {
      violations.add(where + ": no emptyDir at /tmp (the root file system is read-only)");
    }
  }

  private void deployment(JsonNode d) {
    String owner = name(d);
    JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
    if (objects.stream()
        .noneMatch(
            o ->
                kind(o).equals("Service")
                    && selects(o.path("spec").path("selector"), labels)
                    && hasPort(o.path("spec").path("ports")))) {
      violations.add(owner + ": no Service for its ops port " + OPS_PORT);
    }
    if (objects.stream()
        .noneMatch(
            o ->
                kind(o).equals("PodDisruptionBudget")
                    && selects(o.path("spec").path("selector").path("matchLabels"), labels))) {
      violations.add(owner + ": no PodDisruptionBudget");
    }
    List<JsonNode> policies =
        objects.stream()
            .filter(o -> kind(o).equals("NetworkPolicy"))
            .filter(o -> selects(o.path("spec").path("podSelector").path("matchLabels"), labels))
            .toList();
    if (policies.stream()
        .noneMatch(
            p ->
                types(p).contains("Ingress")
                    && types(p).contains("Egress")
                    && p.path("spec").path("ingress").isMissingNode()
                    && p.path("spec").path("egress").isMissingNode())) {
      violations.add(owner + ": no default-deny NetworkPolicy (Ingress and Egress) selects it");
    }
    if (policies.stream().noneMatch(ManifestRules::admitsOpsPortFromANamespace)) {
      violations.add(
          owner + ": no NetworkPolicy admits the monitoring namespace to port " + OPS_PORT);
    }
    if (policies.stream().noneMatch(p -> allowsEgressPort(p, 53))) {
      violations.add(owner + ": no NetworkPolicy lets it reach DNS");
    }
    if (policies.stream().noneMatch(p -> allowsEgressPort(p, 9092))) {
      violations.add(owner + ": no NetworkPolicy lets it reach Kafka");
    }
  }

  private static boolean admitsOpsPortFromANamespace(JsonNode policy) {
    for (JsonNode rule : policy.path("spec").path("ingress")) {
      boolean fromNamespace = false;
      for (JsonNode from : rule.path("from")) {
        fromNamespace |= from.has("namespaceSelector");
      }
      for (JsonNode port : rule.path("ports")) {
        if (fromNamespace
            && (port.path("port").asInt() == OPS_PORT
                || port.path("port").asText().equals("http"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean allowsEgressPort(JsonNode policy, int port) {
    for (JsonNode rule : policy.path("spec").path("egress")) {
      for (JsonNode p : rule.path("ports")) {
        if (p.path("port").asInt() == port) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> types(JsonNode policy) {
    List<String> types = new ArrayList<>();
    policy.path("spec").path("policyTypes").forEach(t -> types.add(t.asText()));
    return types;
  }

  private static boolean hasPort(JsonNode ports) {
    for (JsonNode p : ports) {
      if (p.path("port").asInt() == OPS_PORT) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when every label of {@code selector} is on the pod (an empty selector selects nothing
   * here).
   */
  static boolean selects(JsonNode selector, JsonNode podLabels) {
    if (!selector.isObject() || selector.isEmpty()) {
      return false;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!podLabels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTrue(JsonNode node, String field) {
    return node.path(field).isBoolean() && node.path(field).asBoolean();
  }

  private static boolean isFalse(JsonNode node, String field) {
    return node.path(field).isBoolean() && !node.path(field).asBoolean();
  }
}
