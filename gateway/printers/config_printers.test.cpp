#include "gateway/printers/print_test_support.hpp"
#include "k8s/core/v1/config.pb.h"
#include "k8s/core/v1/misc.pb.h"
#include "k8s/core/v1/persistent_volume.pb.h"

using namespace kactor::printers;
using namespace kactor::printers::testing;

TEST_CASE("config maps, secrets and service accounts count their entries") {
  auto cm = object<k8s::core::v1::ConfigMap>(
      R"({"metadata":{"name":"c"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}})");
  CHECK(cells(cm) == json::parse(R"(["c",3,"<unknown>"])"));
  auto secret = object<k8s::core::v1::Secret>(
      R"({"metadata":{"name":"s"},"type":"Opaque","data":{"password":"cGFzcw=="}})");
  CHECK(cells(secret) == json::parse(R"(["s","Opaque",1,"<unknown>"])"));
  auto sa = object<k8s::core::v1::ServiceAccount>(R"({"metadata":{"name":"default"}})");
  CHECK(cells(sa) == json::parse(R"(["default",0,"<unknown>"])"));
}

TEST_CASE("claims and volumes: phase, capacity, access modes, class") {
  auto pvc = object<k8s::core::v1::PersistentVolumeClaim>(R"({"metadata":{"name":"data"},
    "spec":{"volumeName":"pv-1","storageClassName":"local",
      "resources":{"requests":{"storage":"1Gi"}}},
    "status":{"phase":"Bound","accessModes":["ReadWriteOnce","ReadWriteOnce","ReadOnlyMany"],
      "capacity":{"storage":"1024Mi"}}})");
  CHECK(cells(pvc) == json::parse(R"(["data","Bound","pv-1","1Gi","RWO,ROX","local","<unset>",
    "<unknown>","<unset>"])"));
  auto pending = object<k8s::core::v1::PersistentVolumeClaim>(R"({"metadata":{"name":"p",
      "annotations":{"volume.beta.kubernetes.io/storage-class":"old"}},
    "spec":{"volumeMode":"Block"},"status":{"phase":"Pending"}})");
  CHECK(cells(pending) == json::parse(R"(["p","Pending","","","","old","<unset>","<unknown>",
    "Block"])"));
  auto pv = object<k8s::core::v1::PersistentVolume>(R"({"metadata":{"name":"pv-1"},
    "spec":{"capacity":{"storage":"5Gi"},"accessModes":["ReadWriteMany"],
      "persistentVolumeReclaimPolicy":"Retain","storageClassName":"local",
      "claimRef":{"namespace":"shop","name":"data"},"hostPath":{"path":"/srv"}},
    "status":{"phase":"Bound"}})");
  CHECK(cells(pv) == json::parse(R"(["pv-1","5Gi","RWX","Retain","Bound","shop/data","local",
    "<unset>","","<unknown>","<unset>"])"));
}

TEST_CASE("resource quotas: used/hard, requests and limits apart") {
  auto rq = object<k8s::core::v1::ResourceQuota>(R"({"metadata":{"name":"q"},
    "status":{"hard":{"pods":"10","requests.cpu":"1","limits.memory":"2Gi"},
              "used":{"pods":"2","requests.cpu":"500m"}}})");
  CHECK(cells(rq) == json::parse(R"(["q","<unknown>","pods: 2/10, requests.cpu: 500m/1",
    "limits.memory: 0/2Gi"])"));
}
