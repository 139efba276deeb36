#include "bench/gateway/objects.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace kactor::bench::gateway {

using nlohmann::json;

std::string configmap_json(const std::string& ns, const std::string& name) {
  json cm = {
      {"apiVersion", "v1"},
      {"kind", "ConfigMap"},
      {"metadata",
       {{"name", name}, {"namespace", ns}, {"labels", {{"app", "bench"}, {"tier", "config"}}}}},
      {"data",
       {{"settings.properties", std::string(768, 'x')}, {"greeting", std::string(256, 'y')}}}};
  return cm.dump();
}

namespace {

json app_container() {
  return {
      {"name", "web"},
      {"image", "registry.example.com/shop/web:1.24.3"},
      {"imagePullPolicy", "IfNotPresent"},
      {"args", {"--port=8080", "--metrics-port=9090", "--log-level=info"}},
      {"ports",
       {{{"name", "http"}, {"containerPort", 8080}, {"protocol", "TCP"}},
        {{"name", "metrics"}, {"containerPort", 9090}, {"protocol", "TCP"}}}},
      {"env",
       {{{"name", "POD_NAME"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "metadata.name"}}}}}},
        {{"name", "POD_IP"}, {"valueFrom", {{"fieldRef", {{"fieldPath", "status.podIP"}}}}}},
        {{"name", "CACHE_SIZE"}, {"value", "256"}}}},
      {"resources",
       {{"requests", {{"cpu", "250m"}, {"memory", "256Mi"}}},
        {"limits", {{"cpu", "1"}, {"memory", "512Mi"}}}}},
      {"readinessProbe",
       {{"httpGet", {{"path", "/healthz"}, {"port", "http"}}},
        {"initialDelaySeconds", 2},
        {"periodSeconds", 5}}},
      {"livenessProbe",
       {{"tcpSocket", {{"port", 8080}}}, {"periodSeconds", 10}, {"failureThreshold", 3}}},
      {"volumeMounts",
       {{{"name", "config"}, {"mountPath", "/etc/web"}, {"readOnly", true}},
        {{"name", "cache"}, {"mountPath", "/var/cache/web"}}}},
      {"securityContext", {{"allowPrivilegeEscalation", false}, {"readOnlyRootFilesystem", true}}}};
}

json sidecar_container() {
  return {{"name", "log-shipper"},
          {"image", "registry.example.com/infra/shipper:0.9.1"},
          {"args", {"--source=/var/cache/web/logs", "--sink=http://logs.infra:8080"}},
          {"resources",
           {{"requests", {{"cpu", "50m"}, {"memory", "64Mi"}}},
            {"limits", {{"cpu", "200m"}, {"memory", "128Mi"}}}}},
          {"volumeMounts", {{{"name", "cache"}, {"mountPath", "/var/cache/web"}}}}};
}

}  // namespace

std::string pod_json(const std::string& ns, const std::string& name) {
  json pod = {
      {"apiVersion", "v1"},
      {"kind", "Pod"},
      {"metadata",
       {{"name", name},
        {"namespace", ns},
        {"labels", {{"app", "web"}, {"pod-template-hash", "7d9f8b6c5d"}, {"tier", "frontend"}}},
        {"annotations", {{"prometheus.io/scrape", "true"}, {"prometheus.io/port", "9090"}}},
        {"ownerReferences",
         {{{"apiVersion", "apps/v1"},
           {"kind", "ReplicaSet"},
           {"name", "web-7d9f8b6c5d"},
           {"uid", "5f0c8a52-3c1e-4d1b-9a57-2f4f6f0c9e11"},
           {"controller", true},
           {"blockOwnerDeletion", true}}}}}},
      {"spec",
       {{"containers", {app_container(), sidecar_container()}},
        {"volumes",
         {{{"name", "config"}, {"configMap", {{"name", "web-config"}}}},
          {{"name", "cache"}, {"emptyDir", {{"sizeLimit", "1Gi"}}}}}},
        {"restartPolicy", "Always"},
        {"terminationGracePeriodSeconds", 30},
        {"serviceAccountName", "default"},
        {"securityContext", {{"runAsNonRoot", true}, {"runAsUser", 1000}, {"fsGroup", 2000}}},
        {"nodeSelector", {{"kubernetes.io/os", "linux"}}},
        {"tolerations",
         {{{"key", "node.kubernetes.io/not-ready"},
           {"operator", "Exists"},
           {"effect", "NoExecute"},
           {"tolerationSeconds", 300}}}}}}};
  return pod.dump();
}

std::string pod_status_json(const std::string& ns, const std::string& name, int restarts) {
  json pod = json::parse(pod_json(ns, name));
  auto condition = [](const char* type) {
    return json{{"type", type},
                {"status", "True"},
                {"lastProbeTime", nullptr},
                {"lastTransitionTime", "2026-01-01T00:00:05Z"}};
  };
  auto container = [restarts](const char* name, const char* image) {
    return json{{"name", name},
                {"state", {{"running", {{"startedAt", "2026-01-01T00:00:04Z"}}}}},
                {"lastState", json::object()},
                {"ready", true},
                {"restartCount", restarts},
                {"image", image},
                {"imageID", std::string("host://") + image},
                {"containerID", std::string("process://") + name},
                {"started", true}};
  };
  pod["status"] = {{"phase", "Running"},
                   {"conditions",
                    {condition("Initialized"), condition("Ready"), condition("ContainersReady"),
                     condition("PodScheduled")}},
                   {"hostIP", "10.0.0.7"},
                   {"hostIPs", {{{"ip", "10.0.0.7"}}}},
                   {"podIP", "10.244.1.23"},
                   {"podIPs", {{{"ip", "10.244.1.23"}}}},
                   {"startTime", "2026-01-01T00:00:01Z"},
                   {"containerStatuses",
                    {container("web", "registry.example.com/shop/web:1.24.3"),
                     container("log-shipper", "registry.example.com/infra/shipper:0.9.1")}},
                   {"qosClass", "Burstable"}};
  return pod.dump();
}

std::string binding_json(const std::string& ns, const std::string& name, const std::string& node) {
  json binding = {{"apiVersion", "v1"},
                  {"kind", "Binding"},
                  {"metadata", {{"name", name}, {"namespace", ns}}},
                  {"target", {{"apiVersion", "v1"}, {"kind", "Node"}, {"name", node}}}};
  return binding.dump();
}

std::string lease_json(const std::string& ns, const std::string& name, long renew) {
  long minutes = renew / 60, seconds = renew % 60;
  char when[64];
  std::snprintf(when, sizeof when, "2026-01-01T%02ld:%02ld:%02ld.000000Z", (minutes / 60) % 24,
                minutes % 60, seconds);
  json lease = {
      {"apiVersion", "coordination.k8s.io/v1"},
      {"kind", "Lease"},
      {"metadata", {{"name", name}, {"namespace", ns}}},
      {"spec", {{"holderIdentity", name}, {"leaseDurationSeconds", 40}, {"renewTime", when}}}};
  return lease.dump();
}

std::string namespace_json(const std::string& name) {
  json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
  return ns.dump();
}

}  // namespace kactor::bench::gateway
