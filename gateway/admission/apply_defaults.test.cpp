#include "gateway/admission/apply_defaults.hpp"

#include <doctest/doctest.h>

#include <google/protobuf/util/message_differencer.h>

#include "gateway/admission/object_defaults.hpp"
#include "gateway/admission/pod_defaults.hpp"
#include "gateway/admission/service_defaults.hpp"
#include "gateway/admission/test_objects.hpp"
#include "gateway/admission/workload_defaults.hpp"

using namespace kactor::admission;
using namespace kactor::admission::testing;
using google::protobuf::util::MessageDifferencer;

namespace {

void check_template_defaults(const k8s::core::v1::PodSpec& spec) {
  CHECK(spec.restartpolicy() == "Always");
  CHECK(spec.dnspolicy() == "ClusterFirst");
  CHECK(spec.schedulername() == "default-scheduler");
  CHECK(spec.has_securitycontext());
  // Pod-object-only defaults stay off templates.
  CHECK_FALSE(spec.has_enableservicelinks());
  CHECK_FALSE(spec.has_priority());
}

}  // namespace

TEST_CASE("deployment fixture: spec defaults keep what the manifest set") {
  auto d = fixture_object<k8s::apps::v1::Deployment>("deployment-web.yaml");
  apply_defaults(d);
  const auto& spec = d.spec();
  CHECK(spec.replicas() == 3);
  CHECK(spec.revisionhistorylimit() == 5);
  CHECK(spec.progressdeadlineseconds() == 120);
  CHECK(spec.strategy().rollingupdate().maxsurge().intval() == 1);
  CHECK(spec.strategy().rollingupdate().maxunavailable().strval() == "25%");
  const auto& pod = spec.template_().spec();
  CHECK(pod.terminationgraceperiodseconds() == 15);
  CHECK(pod.serviceaccount() == "web");  // mirrors serviceAccountName
  const auto& server = pod.containers(0);
  CHECK(server.imagepullpolicy() == "IfNotPresent");  // kept
  CHECK(server.terminationmessagepolicy() == "FallbackToLogsOnError");
  CHECK(server.terminationmessagepath() == "/dev/termination-log");
  CHECK(server.env(0).valuefrom().fieldref().apiversion() == "v1");
  CHECK(server.env(3).valuefrom().resourcefieldref().divisor().string() == "1Mi");
  CHECK(server.livenessprobe().timeoutseconds() == 1);
  CHECK(server.livenessprobe().periodseconds() == 10);
  CHECK(server.livenessprobe().successthreshold() == 1);
  CHECK(server.livenessprobe().failurethreshold() == 3);
  CHECK(server.startupprobe().failurethreshold() == 30);
  CHECK(server.readinessprobe().handler().httpget().scheme() == "HTTP");
  // Requests do not default to limits in templates (only in Pod objects).
  CHECK(server.resources().requests().at("cpu").string() == "100m");
  const auto& init = pod.initcontainers(0);
  CHECK(init.imagepullpolicy() == "Always");  // "host" has no tag
  CHECK(pod.volumes(1).volumesource().configmap().defaultmode() == 0644);
  check_template_defaults(pod);
}

TEST_CASE("deployment: absent fields get Kubernetes' defaults") {
  auto d = decode<k8s::apps::v1::Deployment>(R"(
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        readinessProbe: {httpGet: {port: 80}}
        livenessProbe: {grpc: {port: 9000}}
)");
  apply_defaults(d);
  const auto& spec = d.spec();
  CHECK(spec.replicas() == 1);
  CHECK(spec.strategy().type() == "RollingUpdate");
  CHECK(spec.strategy().rollingupdate().maxsurge().strval() == "25%");
  CHECK(spec.strategy().rollingupdate().maxunavailable().strval() == "25%");
  CHECK(spec.revisionhistorylimit() == 10);
  CHECK(spec.progressdeadlineseconds() == 600);
  const auto& c = spec.template_().spec().containers(0);
  CHECK(c.imagepullpolicy() == "IfNotPresent");
  CHECK(c.ports(0).protocol() == "TCP");
  CHECK(c.readinessprobe().handler().httpget().path() == "/");
  CHECK(c.readinessprobe().handler().httpget().scheme() == "HTTP");
  CHECK(c.livenessprobe().handler().grpc().has_service());
  CHECK(c.has_resources());
  CHECK(spec.template_().spec().terminationgraceperiodseconds() == 30);
  check_template_defaults(spec.template_().spec());

  auto before = d;
  apply_defaults(d);
  CHECK(MessageDifferencer::Equals(d, before));  // idempotent
}

TEST_CASE("deployment: Recreate gets no rollingUpdate") {
  k8s::apps::v1::Deployment d;
  d.mutable_spec()->mutable_strategy()->set_type("Recreate");
  apply_defaults(d);
  CHECK_FALSE(d.spec().strategy().has_rollingupdate());
}

TEST_CASE("pod fixture: pod-only defaults and admission additions") {
  auto pod = fixture_object<k8s::core::v1::Pod>("pod-misc.yaml");
  apply_defaults(pod);
  const auto& spec = pod.spec();
  CHECK(spec.restartpolicy() == "Never");
  CHECK(spec.serviceaccountname() == "default");
  CHECK(spec.serviceaccount() == "default");
  CHECK(spec.priority() == 0);
  CHECK(spec.preemptionpolicy() == "PreemptLowerPriority");
  CHECK(spec.enableservicelinks());
  const auto& requests = spec.containers(0).resources().requests();
  CHECK(requests.at("cpu").string() == "500m");
  CHECK(requests.at("memory").string() == "1Gi");
  CHECK(requests.at("ephemeral-storage").string() == "2Gi");
  CHECK(spec.volumes(1).volumesource().hostpath().type() == "Directory");
  const auto& projected = spec.volumes(2).volumesource().projected();
  CHECK(projected.defaultmode() == 420);
  CHECK(projected.sources(1).downwardapi().items(0).fieldref().apiversion() == "v1");
  REQUIRE(spec.tolerations_size() == 2);
  CHECK(spec.tolerations(0).key() == "node.kubernetes.io/not-ready");
  CHECK(spec.tolerations(0).operator_() == "Exists");
  CHECK(spec.tolerations(0).effect() == "NoExecute");
  CHECK(spec.tolerations(0).tolerationseconds() == 300);
  CHECK(spec.tolerations(1).key() == "node.kubernetes.io/unreachable");
  auto before = pod;
  apply_defaults(pod);
  CHECK(MessageDifferencer::Equals(pod, before));
}

TEST_CASE("pod: hostNetwork ports, volumes without source, critical priority") {
  auto pod = decode<k8s::core::v1::Pod>(R"(
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: true
  priorityClassName: system-node-critical
  tolerations: [{operator: Exists}]
  containers: [{name: c, image: host, ports: [{containerPort: 8080}]}]
  volumes: [{name: scratch}, {name: cfg, configMap: {name: x}}, {name: s, secret: {secretName: sec}},
            {name: h, hostPath: {path: /tmp}}]
)");
  apply_defaults(pod);
  const auto& spec = pod.spec();
  CHECK(spec.containers(0).ports(0).hostport() == 8080);
  CHECK(spec.priority() == 2000001000);
  CHECK(spec.tolerations_size() == 1);  // `operator: Exists` tolerates everything
  CHECK(spec.volumes(0).volumesource().has_emptydir());
  CHECK(spec.volumes(1).volumesource().configmap().defaultmode() == 420);
  CHECK(spec.volumes(2).volumesource().secret().defaultmode() == 420);
  CHECK(spec.volumes(3).volumesource().hostpath().has_type());
  CHECK(spec.volumes(3).volumesource().hostpath().type().empty());
}

TEST_CASE("pod: an unknown priority class is left to the REST layer") {
  k8s::core::v1::Pod pod;
  pod.mutable_spec()->set_priorityclassname("batch-low");
  apply_defaults(pod);
  CHECK_FALSE(pod.spec().has_priority());
  CHECK_FALSE(pod.spec().has_preemptionpolicy());
}

TEST_CASE("prepare_for_create: pod status and QoS class") {
  auto pod = fixture_object<k8s::core::v1::Pod>("pod-misc.yaml");
  pod.mutable_status()->set_phase("Running");
  apply_defaults(pod);
  prepare_for_create(pod);
  CHECK(pod.status().phase() == "Pending");
  CHECK(pod.status().qosclass() == "Guaranteed");  // requests defaulted to limits
  k8s::core::v1::Pod best_effort;
  best_effort.mutable_spec()->add_containers()->set_name("c");
  apply_defaults(best_effort);
  prepare_for_create(best_effort);
  CHECK(best_effort.status().qosclass() == "BestEffort");
}

TEST_CASE("daemonset fixture and defaults") {
  auto ds = fixture_object<k8s::apps::v1::DaemonSet>("daemonset.yaml");
  apply_defaults(ds);
  CHECK(ds.spec().updatestrategy().rollingupdate().maxunavailable().intval() == 1);
  CHECK(ds.spec().updatestrategy().rollingupdate().has_maxsurge());
  CHECK(ds.spec().updatestrategy().rollingupdate().maxsurge().intval() == 0);
  CHECK(ds.spec().revisionhistorylimit() == 10);
  check_template_defaults(ds.spec().template_().spec());
  CHECK(ds.spec().template_().spec().containers(0).ports_size() == 0);
}

TEST_CASE("statefulset defaults") {
  auto sts = decode<k8s::apps::v1::StatefulSet>(R"(
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: host}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
)");
  apply_defaults(sts);
  const auto& spec = sts.spec();
  CHECK(spec.replicas() == 1);
  CHECK(spec.servicename() == "db");
  CHECK(spec.podmanagementpolicy() == "OrderedReady");
  CHECK(spec.updatestrategy().type() == "RollingUpdate");
  CHECK(spec.updatestrategy().rollingupdate().has_partition());
  CHECK(spec.updatestrategy().rollingupdate().partition() == 0);
  CHECK(spec.revisionhistorylimit() == 10);
  CHECK(spec.persistentvolumeclaimretentionpolicy().whendeleted() == "Retain");
  CHECK(spec.persistentvolumeclaimretentionpolicy().whenscaled() == "Retain");
  CHECK(spec.volumeclaimtemplates(0).spec().volumemode() == "Filesystem");
  CHECK(spec.volumeclaimtemplates(0).status().phase() == "Pending");
}

TEST_CASE("job fixture keeps its values; generated selector from the uid") {
  auto job = fixture_object<k8s::batch::v1::Job>("batch.yaml");
  job.mutable_metadata()->set_uid("1234-abcd");
  apply_defaults(job);
  const auto& spec = job.spec();
  CHECK(spec.completions() == 3);
  CHECK(spec.parallelism() == 2);
  CHECK(spec.backofflimit() == 4);
  CHECK(spec.completionmode() == "Indexed");
  CHECK(spec.has_suspend());
  CHECK_FALSE(spec.suspend());
  CHECK(spec.podreplacementpolicy() == "TerminatingOrFailed");
  CHECK(spec.selector().matchlabels().at("batch.kubernetes.io/controller-uid") == "1234-abcd");
  const auto& labels = spec.template_().metadata().labels();
  CHECK(labels.at("job-name") == "report");
  CHECK(labels.at("batch.kubernetes.io/job-name") == "report");
  CHECK(labels.at("controller-uid") == "1234-abcd");
  CHECK(job.metadata().labels().at("job-name") == "report");  // copied from the template
  CHECK(spec.template_().spec().restartpolicy() == "OnFailure");
}

TEST_CASE("job: bare spec defaults") {
  k8s::batch::v1::Job job;
  apply_defaults(job);
  CHECK(job.spec().completions() == 1);
  CHECK(job.spec().parallelism() == 1);
  CHECK(job.spec().backofflimit() == 6);
  CHECK(job.spec().completionmode() == "NonIndexed");
  CHECK_FALSE(job.spec().has_selector());  // no uid yet: nothing to generate from
  k8s::batch::v1::Job parallel;
  parallel.mutable_spec()->set_parallelism(4);
  parallel.mutable_spec()->set_backofflimitperindex(1);
  apply_defaults(parallel);
  CHECK_FALSE(parallel.spec().has_completions());
  CHECK(parallel.spec().backofflimit() == 2147483647);
}

TEST_CASE("cronjob fixture and defaults") {
  auto cj = fixture_object<k8s::batch::v1::CronJob>("batch.yaml");
  apply_defaults(cj);
  CHECK(cj.spec().concurrencypolicy() == "Forbid");
  CHECK(cj.spec().successfuljobshistorylimit() == 2);
  const auto& pod = cj.spec().jobtemplate().spec().template_().spec();
  CHECK(pod.restartpolicy() == "Never");
  CHECK(pod.dnspolicy() == "ClusterFirst");
  CHECK(cj.spec().jobtemplate().spec().backofflimit() == 1);
  k8s::batch::v1::CronJob bare;
  apply_defaults(bare);
  CHECK(bare.spec().concurrencypolicy() == "Allow");
  CHECK(bare.spec().has_suspend());
  CHECK(bare.spec().successfuljobshistorylimit() == 3);
  CHECK(bare.spec().failedjobshistorylimit() == 1);
  CHECK_FALSE(bare.spec().jobtemplate().spec().has_completions());  // Job defaults: Jobs only
}

TEST_CASE("replicationcontroller takes selector and labels from the template") {
  auto rc = decode<k8s::core::v1::ReplicationController>(R"(
apiVersion: v1
kind: ReplicationController
metadata: {name: rc}
spec:
  template:
    metadata: {labels: {app: rc}}
    spec: {containers: [{name: c, image: host}]}
)");
  apply_defaults(rc);
  CHECK(rc.spec().replicas() == 1);
  CHECK(rc.spec().selector().at("app") == "rc");
  CHECK(rc.metadata().labels().at("app") == "rc");
}

TEST_CASE("service fixture defaults") {
  auto all = decode_all(fixture("service-web.yaml"));
  REQUIRE(all.size() == 3);
  for (auto& m : all)
    apply_defaults(*m);
  auto& web = dynamic_cast<k8s::core::v1::Service&>(*all[0]);
  CHECK(web.spec().externaltrafficpolicy() == "Cluster");
  CHECK(web.spec().internaltrafficpolicy() == "Cluster");
  CHECK(web.spec().ports(0).targetport().strval() == "http");
  CHECK(web.spec().ports(1).protocol() == "TCP");
  CHECK(web.spec().ports(1).targetport().intval() == 9090);
  CHECK(web.spec().ipfamilypolicy() == "SingleStack");
  CHECK(web.spec().ipfamilies(0) == "IPv4");
  auto& headless = dynamic_cast<k8s::core::v1::Service&>(*all[1]);
  CHECK(headless.spec().type() == "ClusterIP");
  CHECK(headless.spec().sessionaffinity() == "None");
  CHECK(headless.spec().ports(0).targetport().intval() == 8080);
  CHECK(headless.spec().clusterips(0) == "None");
  CHECK_FALSE(headless.spec().has_externaltrafficpolicy());
  auto& external = dynamic_cast<k8s::core::v1::Service&>(*all[2]);
  CHECK(external.spec().type() == "ExternalName");
  CHECK_FALSE(external.spec().has_internaltrafficpolicy());
  CHECK(external.spec().ipfamilies().empty());
}

TEST_CASE("service: ClientIP affinity and LoadBalancer") {
  k8s::core::v1::Service svc;
  svc.mutable_spec()->set_type("LoadBalancer");
  svc.mutable_spec()->set_sessionaffinity("ClientIP");
  apply_defaults(svc);
  CHECK(svc.spec().sessionaffinityconfig().clientip().timeoutseconds() == 10800);
  CHECK(svc.spec().allocateloadbalancernodeports());
  CHECK(svc.spec().externaltrafficpolicy() == "Cluster");
}

TEST_CASE("config fixture: namespace, secret") {
  auto ns = fixture_object<k8s::core::v1::Namespace>("config.yaml");
  apply_defaults(ns);
  prepare_for_create(ns);
  CHECK(ns.status().phase() == "Active");
  REQUIRE(ns.spec().finalizers_size() == 1);
  CHECK(ns.spec().finalizers(0) == "kubernetes");
  CHECK(ns.metadata().labels().at("kubernetes.io/metadata.name") == ns.metadata().name());
  k8s::core::v1::Secret secret;
  (*secret.mutable_stringdata())["user"] = "admin";
  (*secret.mutable_data())["user"] = "old";
  apply_defaults(secret);
  CHECK(secret.type() == "Opaque");
  CHECK(secret.data().at("user") == "admin");
  CHECK(secret.stringdata().empty());
}

TEST_CASE("policy fixture: HPA v2 minReplicas, RoleBinding subjects untouched for ServiceAccount") {
  auto all = decode_all(fixture("policy.yaml"));
  for (auto& m : all)
    apply_defaults(*m);
  for (auto& m : all) {
    if (auto* hpa =
            google::protobuf::DynamicCastToGenerated<k8s::autoscaling::v2::HorizontalPodAutoscaler>(
                m.get())) {
      CHECK(hpa->spec().has_minreplicas());
    }
    if (auto* rb = google::protobuf::DynamicCastToGenerated<k8s::rbac::v1::RoleBinding>(m.get())) {
      CHECK(rb->subjects(0).apigroup().empty());
    }
  }
  k8s::autoscaling::v2::HorizontalPodAutoscaler bare;
  apply_defaults(bare);
  CHECK(bare.spec().minreplicas() == 1);
  CHECK(bare.spec().metrics(0).resource().target().averageutilization() == 80);
}

TEST_CASE("prepare_for_create resets workload status") {
  k8s::apps::v1::Deployment d;
  d.mutable_status()->set_replicas(5);
  prepare_for_create(d);
  CHECK_FALSE(d.has_status());
  k8s::core::v1::PersistentVolumeClaim pvc;
  pvc.mutable_status()->set_phase("Bound");
  prepare_for_create(pvc);
  CHECK(pvc.status().phase() == "Pending");
}
