#include "bench/gateway/objects.hpp"

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

std::string namespace_json(const std::string& name) {
  json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
  return ns.dump();
}

}  // namespace kactor::bench::gateway
