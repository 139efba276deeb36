#include "gateway/admission/validation.hpp"

#include <doctest/doctest.h>

#include "gateway/admission/apply_defaults.hpp"
#include "gateway/admission/test_objects.hpp"
#include "k8s/apps/v1/deployment.pb.h"
#include "k8s/apps/v1/stateful_set.pb.h"
#include "k8s/batch/v1/cron_job.pb.h"
#include "k8s/batch/v1/job.pb.h"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/namespace.pb.h"
#include "k8s/core/v1/service.pb.h"

using namespace kactor::admission;
using namespace kactor::admission::testing;

namespace {

// The errors of a decoded, defaulted object as `field: message` texts.
std::vector<std::string> errors_of(google::protobuf::Message& m) {
  apply_defaults(m);
  std::vector<std::string> out;
  for (const auto& e : validate_create(m))
    out.push_back(e.text());
  return out;
}

template <class T>
std::vector<std::string> errors_of_yaml(const std::string& yaml) {
  auto object = decode<T>(yaml);
  return errors_of(object);
}

const std::string deployment_head = R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
)";

}  // namespace

TEST_CASE("every fixture object is valid after defaulting") {
  for (const char* name : {"deployment-web.yaml", "service-web.yaml", "daemonset.yaml",
                           "config.yaml", "pod-misc.yaml", "policy.yaml"}) {
    for (auto& m : decode_all(fixture(name))) {
      auto errors = errors_of(*m);
      std::string all;
      for (const auto& e : errors)
        all += "\n  " + e;
      CHECK_MESSAGE(errors.empty(), name << " " << m->GetDescriptor()->name() << ":" << all);
    }
  }
  // The Job needs its generated selector: the REST layer sets the uid first.
  auto job = fixture_object<k8s::batch::v1::Job>("batch.yaml");
  job.mutable_metadata()->set_uid("0f6c");
  CHECK(errors_of(job).empty());
  auto cj = fixture_object<k8s::batch::v1::CronJob>("batch.yaml");
  CHECK(errors_of(cj).empty());
}

TEST_CASE("metadata: name, namespace, labels, annotations") {
  k8s::core::v1::ConfigMap cm;
  CHECK(errors_of(cm) ==
        std::vector<std::string>{"metadata.name: Required value: name or generateName is required",
                                 "metadata.namespace: Required value"});
  cm.mutable_metadata()->set_name("Bad_Name");
  cm.mutable_metadata()->set_namespace_("default");
  (*cm.mutable_metadata()->mutable_labels())["app"] = "-x";
  (*cm.mutable_metadata()->mutable_annotations())["big"] = std::string(256 * 1024, 'x');
  auto errors = errors_of(cm);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0] ==
        "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist "
        "of lower case alphanumeric characters, '-' or '.', and must start and end with an "
        "alphanumeric character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
  CHECK(errors[1] ==
        "metadata.labels: Invalid value: \"-x\": a valid label must be an empty string or consist "
        "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
        "character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  CHECK(errors[2] == "metadata.annotations: Too long: may not be more than 262144 bytes");
}

TEST_CASE("metadata: cluster-scoped kinds and DNS label kinds") {
  k8s::core::v1::Namespace ns;
  ns.mutable_metadata()->set_name("my.ns");
  ns.mutable_metadata()->set_namespace_("default");
  auto errors = errors_of(ns);
  CHECK(errors ==
        std::vector<std::string>{"metadata.name: Invalid value: \"my.ns\": must not contain dots",
                                 "metadata.namespace: Forbidden: not allowed on this type"});
  k8s::core::v1::Service svc;
  svc.mutable_metadata()->set_name("1svc");
  svc.mutable_metadata()->set_namespace_("default");
  svc.mutable_spec()->add_ports()->set_port(80);
  auto svc_errors = errors_of(svc);
  REQUIRE(svc_errors.size() == 1);
  CHECK(svc_errors[0].starts_with("metadata.name: Invalid value: \"1svc\": a DNS-1035 label"));
}

TEST_CASE("deployment: missing image and selector mismatch") {
  auto errors = errors_of_yaml<k8s::apps::v1::Deployment>(deployment_head + R"(
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web}]}
)");
  CHECK(errors == std::vector<std::string>{
                      "spec.selector: Required value",
                      "spec.template.metadata.labels: Invalid value: "
                      "map[string]string{\"app\":\"web\"}: `selector` does not match template "
                      "`labels`",
                      "spec.template.spec.containers[0].image: Required value"});
  auto d = decode<k8s::apps::v1::Deployment>(deployment_head + R"(
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web}]}
)");
  apply_defaults(d);
  CHECK(invalid_message("Deployment.apps", "web", validate_create(d)) ==
        "Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: Required "
        "value");
}

TEST_CASE("deployment: template restartPolicy and selector expressions") {
  auto errors = errors_of_yaml<k8s::apps::v1::Deployment>(deployment_head + R"(
spec:
  selector:
    matchExpressions: [{key: app, operator: Maybe}, {key: tier, operator: In}]
  template:
    metadata: {labels: {app: web}}
    spec:
      restartPolicy: Never
      containers: [{name: web, image: host}]
)");
  CHECK(errors == std::vector<std::string>{
                      "spec.selector.matchExpressions[0].operator: Invalid value: \"Maybe\": not "
                      "a valid selector operator",
                      "spec.selector.matchExpressions[1].values: Required value: must be "
                      "specified when `operator` is 'In' or 'NotIn'",
                      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]"
                      "string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1."
                      "LabelSelectorRequirement{Key:\"app\", Operator:\"Maybe\", "
                      "Values:[]string(nil)}, v1.LabelSelectorRequirement{Key:\"tier\", "
                      "Operator:\"In\", Values:[]string(nil)}}}: invalid label selector",
                      "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported "
                      "values: \"Always\""});
}

TEST_CASE("pod: containers, names, ports, policies, mounts") {
  auto errors = errors_of_yaml<k8s::core::v1::Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  restartPolicy: Sometimes
  containers:
  - name: Web
    image: host
    imagePullPolicy: Maybe
    ports: [{containerPort: 70000, protocol: ICMP}, {containerPort: 0}]
    volumeMounts: [{name: nope, mountPath: /x}]
  - name: side
    image: host
  - name: side
    image: host
)");
  CHECK(errors ==
        std::vector<std::string>{
            "spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must "
            "consist of lower case alphanumeric characters or '-', and must start and end with an "
            "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values: "
            "\"Always\", \"IfNotPresent\", \"Never\"",
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 "
            "and 65535, inclusive",
            "spec.containers[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: "
            "\"SCTP\", \"TCP\", \"UDP\"",
            "spec.containers[0].ports[1].containerPort: Required value",
            "spec.containers[0].volumeMounts[0].name: Not found: \"nope\"",
            "spec.containers[2].name: Duplicate value: \"side\"",
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", "
            "\"OnFailure\", \"Never\""});
  k8s::core::v1::Pod empty;
  empty.mutable_metadata()->set_name("e");
  empty.mutable_metadata()->set_namespace_("default");
  CHECK(errors_of(empty) == std::vector<std::string>{"spec.containers: Required value"});
}

TEST_CASE("pod: probes, tolerations, resources") {
  auto errors = errors_of_yaml<k8s::core::v1::Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  tolerations: [{key: a, operator: Exists, value: v}, {key: b, effect: NoSchedule, tolerationSeconds: 5}]
  containers:
  - name: c
    image: host
    livenessProbe: {successThreshold: 2, exec: {command: [x]}}
    readinessProbe: {periodSeconds: 3}
    resources: {requests: {cpu: "2"}, limits: {cpu: 500m}}
)");
  CHECK(errors == std::vector<std::string>{
                      "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must "
                      "be 1",
                      "spec.containers[0].readinessProbe: Required value: must specify a handler "
                      "type",
                      "spec.containers[0].resources.requests: Invalid value: \"2\": must be less "
                      "than or equal to cpu limit of 500m",
                      "spec.tolerations[0].value: Invalid value: \"v\": value must be empty when "
                      "`operator` is 'Exists'",
                      "spec.tolerations[1].effect: Invalid value: \"NoSchedule\": effect must be "
                      "'NoExecute' when `tolerationSeconds` is set"});
}

TEST_CASE("service rules") {
  auto errors = errors_of_yaml<k8s::core::v1::Service>(R"(
apiVersion: v1
kind: Service
metadata: {name: s, namespace: default}
spec:
  type: Fancy
  clusterIP: 10.96.0.300
  ports: [{port: 0, protocol: ICMP}, {name: b, port: 80, targetPort: 0x}]
)");
  CHECK(errors ==
        std::vector<std::string>{
            "spec.type: Unsupported value: \"Fancy\": supported values: \"ClusterIP\", "
            "\"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            "spec.ports[0].name: Required value",
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: "
            "\"SCTP\", \"TCP\", \"UDP\"",
            // targetPort defaulted from port 0, as upstream reports it too
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, "
            "inclusive",
            "spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP "
            "address, (e.g. 10.9.8.7 or 2001:db8::ffff)"});
  auto no_ports = errors_of_yaml<k8s::core::v1::Service>(R"(
apiVersion: v1
kind: Service
metadata: {name: s, namespace: default}
spec: {selector: {app: x}}
)");
  CHECK(no_ports == std::vector<std::string>{"spec.ports: Required value"});
  auto cluster_node_port = errors_of_yaml<k8s::core::v1::Service>(R"(
apiVersion: v1
kind: Service
metadata: {name: s, namespace: default}
spec: {ports: [{port: 80, nodePort: 30001}], externalTrafficPolicy: Local}
)");
  CHECK(cluster_node_port ==
        std::vector<std::string>{
            "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
            "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set when `type` is "
            "'NodePort' or 'LoadBalancer'"});
  auto external = errors_of_yaml<k8s::core::v1::Service>(R"(
apiVersion: v1
kind: Service
metadata: {name: s, namespace: default}
spec: {type: ExternalName}
)");
  CHECK(external == std::vector<std::string>{"spec.externalName: Required value"});
}

TEST_CASE("configmap and secret keys") {
  k8s::core::v1::ConfigMap cm;
  cm.mutable_metadata()->set_name("c");
  cm.mutable_metadata()->set_namespace_("default");
  (*cm.mutable_data())["bad key"] = "v";
  (*cm.mutable_binarydata())["ok"] = "v";
  (*cm.mutable_data())["ok"] = "v";
  CHECK(errors_of(cm) ==
        std::vector<std::string>{
            "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of "
            "alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
            "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            "binaryData[ok]: Invalid value: \"ok\": duplicate of key present in data"});
  k8s::core::v1::Secret tls;
  tls.mutable_metadata()->set_name("t");
  tls.mutable_metadata()->set_namespace_("default");
  tls.set_type("kubernetes.io/tls");
  (*tls.mutable_data())["tls.crt"] = "x";
  CHECK(errors_of(tls) == std::vector<std::string>{"data[tls.key]: Required value"});
}

TEST_CASE("workloads: job, cronjob, statefulset, daemonset") {
  auto job = decode<k8s::batch::v1::Job>(R"(
apiVersion: batch/v1
kind: Job
metadata: {name: j, namespace: default, uid: u1}
spec:
  parallelism: -1
  template: {spec: {containers: [{name: c, image: host}]}}
)");
  CHECK(errors_of(job) == std::vector<std::string>{
                              "spec.parallelism: Invalid value: -1: must be greater than or equal "
                              "to 0",
                              "spec.template.spec.restartPolicy: Unsupported value: \"Always\": "
                              "supported values: \"OnFailure\", \"Never\""});
  k8s::batch::v1::CronJob cj;
  cj.mutable_metadata()->set_name(std::string(53, 'c'));
  cj.mutable_metadata()->set_namespace_("default");
  cj.mutable_spec()->set_schedule("* *");
  auto cj_errors = errors_of(cj);
  REQUIRE(cj_errors.size() >= 2);
  CHECK(cj_errors[0] == "metadata.name: Invalid value: \"" + std::string(53, 'c') +
                            "\": must be no more than 52 characters");
  CHECK(cj_errors[1] == "spec.schedule: Invalid value: \"* *\": unparseable schedule");
  auto sts = errors_of_yaml<k8s::apps::v1::StatefulSet>(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: s, namespace: default}
spec:
  podManagementPolicy: Random
  selector: {matchLabels: {app: db}}
  template: {metadata: {labels: {app: other}}, spec: {containers: [{name: c, image: host}]}}
)");
  CHECK(sts == std::vector<std::string>{
                   "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' "
                   "or 'Parallel'",
                   "spec.template.metadata.labels: Invalid value: "
                   "map[string]string{\"app\":\"other\"}: `selector` does not match template "
                   "`labels`"});
}
