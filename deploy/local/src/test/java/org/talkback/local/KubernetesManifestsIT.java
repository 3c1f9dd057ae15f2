package org.talkback.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster manifests as kustomize renders them (kubectl kustomize, the tool operators apply them with), checked
 * for the mistakes that only show in a cluster: a reference to a ConfigMap key or Secret key that nobody creates, a
 * probe on a port or path the service does not have, a Service, autoscaler, disruption budget or ingress pointing
 * at nothing, an environment variable no service reads, a public route to the internal event endpoints.
 */
class KubernetesManifestsIT {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Set<String> SERVICES = Set.of("comment-intake", "spam-check", "publication");
    /** SmallRye Health's three endpoints, which every service has (quarkus-smallrye-health). */
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/started", "/q/health/ready", "/q/health/live");

    @ParameterizedTest
    @ValueSource(strings = {"deploy/k8s/base", "deploy/k8s/overlays/managed-postgres"})
    void everyReferenceResolvesAndEveryServiceIsProbedLimitedAndBudgeted(String kustomization) throws Exception {
        List<JsonNode> objects = render(kustomization);
        Map<String, JsonNode> configMaps = byName(objects, "ConfigMap");
        Map<String, JsonNode> services = byName(objects, "Service");
        Map<String, JsonNode> workloads = new java.util.HashMap<>(byName(objects, "Deployment"));
        workloads.putAll(byName(objects, "StatefulSet"));
        Set<String> secretKeys = secretKeysTheReadmeCreates();
        Set<String> readByServices = variablesTheServicesRead();

        assertTrue(workloads.keySet().containsAll(SERVICES), workloads.keySet().toString());
        for (JsonNode workload : workloads.values()) {
            String name = workload.at("/metadata/name").asText();
            JsonNode pod = workload.at("/spec/template");
            assertTrue(matches(workload.at("/spec/selector/matchLabels"), pod.at("/metadata/labels")), name + " selector");
            for (JsonNode container : pod.at("/spec/containers")) {
                Set<String> ports = new HashSet<>();
                container.path("ports").forEach(port -> ports.add(port.path("name").asText()));
                for (JsonNode source : container.path("envFrom")) {
                    String map = source.at("/configMapRef/name").asText();
                    assertNotNull(configMaps.get(map), name + " reads ConfigMap " + map + ", which is not in the build");
                }
                for (JsonNode variable : container.path("env")) {
                    JsonNode fromMap = variable.at("/valueFrom/configMapKeyRef");
                    if (!fromMap.isMissingNode()) {
                        JsonNode map = configMaps.get(fromMap.path("name").asText());
                        assertNotNull(map, name + ": ConfigMap " + fromMap);
                        assertTrue(map.at("/data").has(fromMap.path("key").asText()), name + ": no key " + fromMap);
                    }
                    JsonNode fromSecret = variable.at("/valueFrom/secretKeyRef");
                    if (!fromSecret.isMissingNode() && fromSecret.path("optional").asBoolean(false)) {
                        // An optional key (mail's SMTP login) may be left out of the secret, but must be documented.
                        assertEquals("talkback-secrets", fromSecret.path("name").asText(), name);
                        assertTrue(Files.readString(ROOT.resolve("docs/operations.md")).contains(
                                "--from-literal=" + fromSecret.path("key").asText() + "="),
                                name + " may read secret key " + fromSecret.path("key").asText()
                                        + ", which docs/operations.md does not mention");
                    } else if (!fromSecret.isMissingNode()) {
                        assertEquals("talkback-secrets", fromSecret.path("name").asText(), name);
                        assertTrue(secretKeys.contains(fromSecret.path("key").asText()),
                                name + " needs secret key " + fromSecret.path("key").asText()
                                        + ", which the kubectl create secret of docs/operations.md does not create: " + secretKeys);
                    }
                    if (SERVICES.contains(name)) {
                        assertTrue(readByServices.contains(variable.path("name").asText()),
                                name + " sets " + variable.path("name").asText() + ", which no service reads");
                    }
                }
                assertTrue(container.at("/resources/requests").has("memory"), name + " requests memory");
                assertTrue(container.at("/resources/limits").has("memory"), name + " is limited in memory");
                if (SERVICES.contains(name)) {
                    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                        JsonNode check = container.at("/" + probe + "/httpGet");
                        assertTrue(HEALTH_PATHS.contains(check.path("path").asText()), name + " " + probe + " path");
                        assertTrue(ports.contains(check.path("port").asText()), name + " " + probe + " port " + check);
                    }
                    assertTrue(pod.at("/spec/securityContext/runAsNonRoot").asBoolean(), name + " runs as non-root");
                    assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name + " read-only");
                    Set<String> volumes = new HashSet<>();
                    pod.at("/spec/volumes").forEach(volume -> volumes.add(volume.path("name").asText()));
                    container.path("volumeMounts").forEach(mount -> assertTrue(volumes.contains(mount.path("name").asText()),
                            name + " mounts " + mount.path("name").asText() + ", which the pod does not have"));
                }
            }
        }
        // What the ConfigMap holds, some service reads (a misspelt key would be silently ignored).
        for (JsonNode map : configMaps.values()) {
            map.path("data").fieldNames().forEachRemaining(key -> assertTrue(
                    readByServices.contains(key), key + " is read by no service"));
        }
        for (JsonNode service : services.values()) {
            String name = service.at("/metadata/name").asText();
            JsonNode target = workloads.values().stream()
                    .filter(workload -> matches(service.at("/spec/selector"), workload.at("/spec/template/metadata/labels")))
                    .findFirst().orElse(null);
            assertNotNull(target, "Service " + name + " selects no workload");
            for (JsonNode port : service.at("/spec/ports")) {
                String targetPort = port.path("targetPort").asText();
                assertTrue(containerPorts(target).contains(targetPort), "Service " + name + " targets " + targetPort);
            }
        }
        for (JsonNode autoscaler : byName(objects, "HorizontalPodAutoscaler").values()) {
            assertTrue(workloads.containsKey(autoscaler.at("/spec/scaleTargetRef/name").asText()), autoscaler.toString());
        }
        assertTrue(byName(objects, "HorizontalPodAutoscaler").keySet().containsAll(Set.of("comment-intake", "publication")));
        for (String service : SERVICES) {
            JsonNode budget = byName(objects, "PodDisruptionBudget").get(service);
            assertNotNull(budget, service + " has a disruption budget");
            assertTrue(matches(budget.at("/spec/selector/matchLabels"), workloads.get(service).at("/spec/template/metadata/labels")));
            assertTrue(workloads.get(service).at("/spec/replicas").asInt() >= 2, service + " runs several replicas");
        }
        for (JsonNode ingress : byName(objects, "Ingress").values()) {
            for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
                String route = path.path("path").asText();
                assertFalse(route.startsWith("/internal") || route.startsWith("/q"), "public route to " + route);
                JsonNode backend = services.get(path.at("/backend/service/name").asText());
                assertNotNull(backend, "ingress " + route + " names no Service");
                Set<String> portNames = new HashSet<>();
                backend.at("/spec/ports").forEach(port -> portNames.add(port.path("name").asText()));
                assertTrue(portNames.contains(path.at("/backend/service/port/name").asText()), route);
            }
        }
        // The services' policy opens each service's container port, and only to the services and the ingress.
        JsonNode servicePolicy = byName(objects, "NetworkPolicy").get("talkback-services");
        Set<String> opened = new HashSet<>();
        servicePolicy.at("/spec/ingress/0/ports").forEach(port -> opened.add(port.path("port").asText()));
        for (String service : SERVICES) {
            JsonNode container = workloads.get(service).at("/spec/template/spec/containers/0");
            assertTrue(opened.contains(container.at("/ports/0/containerPort").asText()), service + " port open to peers");
        }
        assertTrue(byName(objects, "NetworkPolicy").containsKey("talkback-deny-by-default"));
    }

    private static List<JsonNode> render(String kustomization) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", ROOT.resolve(kustomization).toString())
                .redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, kubectl.waitFor(), "kubectl kustomize " + kustomization + ":\n" + output);
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(output)) {
            documents.forEachRemaining(objects::add);
        }
        assertFalse(objects.isEmpty());
        return objects;
    }

    private static Map<String, JsonNode> byName(List<JsonNode> objects, String kind) {
        Map<String, JsonNode> named = new java.util.HashMap<>();
        objects.stream().filter(object -> object.path("kind").asText().equals(kind))
                .forEach(object -> named.put(object.at("/metadata/name").asText(), object));
        return named;
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> containerPorts(JsonNode workload) {
        Set<String> ports = new HashSet<>();
        for (JsonNode container : workload.at("/spec/template/spec/containers")) {
            container.path("ports").forEach(port -> {
                ports.add(port.path("name").asText());
                ports.add(port.path("containerPort").asText());
            });
        }
        return ports;
    }

    /** The keys of talkback-secrets as the operations guide tells operators to create it. */
    private static Set<String> secretKeysTheReadmeCreates() throws IOException {
        String readme = Files.readString(ROOT.resolve("docs/operations.md"));
        Matcher command = Pattern.compile("create secret generic talkback-secrets[^\\n]*").matcher(readme);
        assertTrue(command.find(), "docs/operations.md shows how to create talkback-secrets");
        Set<String> keys = new HashSet<>();
        Matcher literal = Pattern.compile("--from-literal=([A-Z_]+)=").matcher(command.group());
        while (literal.find()) {
            keys.add(literal.group(1));
        }
        return keys;
    }

    /** Every TALKBACK_* variable some service's configuration reads, and JAVA_OPTS (read by the images). */
    private static Set<String> variablesTheServicesRead() throws IOException {
        Set<String> read = new HashSet<>(Set.of("JAVA_OPTS"));
        for (String service : SERVICES) {
            Matcher variable = Pattern.compile("\\$\\{(TALKBACK_[A-Z_]+)")
                    .matcher(Files.readString(ROOT.resolve("services/" + service + "/src/main/resources/application.properties")));
            while (variable.find()) {
                read.add(variable.group(1));
            }
        }
        return read;
    }
}
