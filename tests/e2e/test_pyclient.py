"""End-to-end tests of the gateway with the Debian Python Kubernetes client (python3-kubernetes,
run by /usr/bin/python3): typed CRUD, selectors, the scale subresource and watches. Each case
starts its own `kactor up` and loads the kubeconfig it writes. Run by ctest, one case per test:
    /usr/bin/python3 test_pyclient.py --kactor path/to/kactor --case crud"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failure, main  # noqa: E402
from kube import Cluster, Steps, expect_equal  # noqa: E402

try:
    from kubernetes import client, config, watch
    from kubernetes.client.rest import ApiException
except ImportError as e:  # a missing package is a failure, not a skip
    print(f"FAIL: the Debian python3-kubernetes package is needed ({e})", file=sys.stderr)
    sys.exit(1)

REQUEST_TIMEOUT = 30  # seconds; bounds every call, watches included


def connect(cluster):
    """(CoreV1Api, AppsV1Api) bound to the cluster's kubeconfig."""
    api_client = config.new_client_from_config(config_file=cluster.kubeconfig)
    return client.CoreV1Api(api_client), client.AppsV1Api(api_client)


def expect_api_error(status, reason, fn, *args, **kwargs):
    """Calls fn, which must fail with an ApiException of this HTTP status and Status reason."""
    try:
        fn(*args, _request_timeout=REQUEST_TIMEOUT, **kwargs)
    except ApiException as e:
        try:
            got_reason = json.loads(e.body).get("reason")
        except (TypeError, ValueError):
            got_reason = None
        if e.status != status or got_reason != reason:
            raise Failure(f"{fn.__name__}: expected HTTP {status} {reason}, got {e.status} {got_reason} "
                          f"body {e.body!r}")
        return
    raise Failure(f"{fn.__name__}{args}: expected HTTP {status} {reason}, the call succeeded")


def call(fn, *args, **kwargs):
    """fn(*args) with a bounded request time; an ApiException becomes a Failure naming the call."""
    try:
        return fn(*args, _request_timeout=REQUEST_TIMEOUT, **kwargs)
    except ApiException as e:
        raise Failure(f"{fn.__name__}{args}: HTTP {e.status} {e.reason}: {e.body!r}")


def deployment_body(name, image="nginx:1.26", replicas=1):
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": name, "labels": {"app": name}},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}},
                                  "spec": {"containers": [{"name": "main", "image": image,
                                                           "ports": [{"containerPort": 80}]}]}}}}


# ------------------------------------------------------------------------------------------------
def case_crud(session):
    c = Cluster(session)
    core, apps = connect(c)
    steps = Steps()

    @steps.step
    def configmap():
        cm = call(core.create_namespaced_config_map, "default",
                  {"metadata": {"name": "py-cm", "labels": {"app": "py"}}, "data": {"a": "1"}})
        expect_equal((cm.metadata.name, cm.data), ("py-cm", {"a": "1"}), "created configmap")
        if not (cm.metadata.uid and cm.metadata.resource_version and cm.metadata.creation_timestamp):
            raise Failure(f"created configmap lacks uid/resourceVersion/creationTimestamp: {cm.metadata}")
        expect_equal(call(core.read_namespaced_config_map, "py-cm", "default").data, {"a": "1"}, "read")
        patched = call(core.patch_namespaced_config_map, "py-cm", "default", {"data": {"b": "2"}})
        expect_equal(patched.data, {"a": "1", "b": "2"}, "patched data")
        current = call(core.read_namespaced_config_map, "py-cm", "default")
        current.data = {"c": "3"}
        replaced = call(core.replace_namespaced_config_map, "py-cm", "default", current)
        expect_equal(replaced.data, {"c": "3"}, "replaced data")
        if replaced.metadata.resource_version == current.metadata.resource_version:
            raise Failure("replace did not change resourceVersion")
        current.data = {"d": "4"}  # current still carries the old resourceVersion
        expect_api_error(409, "Conflict", core.replace_namespaced_config_map, "py-cm", "default", current)
        expect_api_error(409, "AlreadyExists", core.create_namespaced_config_map, "default",
                         {"metadata": {"name": "py-cm"}})

    @steps.step
    def label_selector():
        call(core.create_namespaced_config_map, "default", {"metadata": {"name": "py-other"}, "data": {}})
        got = call(core.list_namespaced_config_map, "default", label_selector="app=py")
        expect_equal([i.metadata.name for i in got.items], ["py-cm"], "list with app=py")
        if not got.metadata.resource_version:
            raise Failure("list lacks metadata.resourceVersion")
        got = call(core.list_namespaced_config_map, "default", label_selector="app!=py")
        if "py-other" not in [i.metadata.name for i in got.items] or "py-cm" in [i.metadata.name for i in got.items]:
            raise Failure(f"list with app!=py: {[i.metadata.name for i in got.items]}")

    @steps.step
    def paging():
        first = call(core.list_namespaced_config_map, "default", limit=1)
        token = first.metadata._continue
        if len(first.items) != 1 or not token:
            raise Failure(f"list limit=1: {len(first.items)} items, continue {token!r}")
        rest = call(core.list_namespaced_config_map, "default", limit=1, _continue=token)
        expect_equal([i.metadata.name for i in first.items + rest.items], ["py-cm", "py-other"],
                     "two pages of one configmap")
        expect_equal(rest.metadata._continue, None, "no continue token on the last page")

    @steps.step
    def configmap_delete():
        call(core.delete_namespaced_config_map, "py-cm", "default")
        expect_api_error(404, "NotFound", core.read_namespaced_config_map, "py-cm", "default")
        expect_api_error(404, "NotFound", core.delete_namespaced_config_map, "py-cm", "default")

    @steps.step
    def deployment():
        d = call(apps.create_namespaced_deployment, "default", deployment_body("pyd"))
        expect_equal((d.metadata.name, d.spec.replicas, d.metadata.generation), ("pyd", 1, 1), "created deployment")
        d = call(apps.read_namespaced_deployment, "pyd", "default")
        expect_equal(d.spec.template.spec.containers[0].image, "nginx:1.26", "read image")
        d = call(apps.patch_namespaced_deployment, "pyd", "default",
                 {"spec": {"template": {"spec": {"containers": [{"name": "main", "image": "nginx:1.27"}]}}}})
        container = d.spec.template.spec.containers[0]
        expect_equal((len(d.spec.template.spec.containers), container.image, container.ports[0].container_port),
                     (1, "nginx:1.27", 80), "strategic merge patch merges the container by name")
        expect_equal(d.metadata.generation, 2, "generation after a spec change")
        d.spec.replicas = 2
        d = call(apps.replace_namespaced_deployment, "pyd", "default", d)
        expect_equal(d.spec.replicas, 2, "replicas after replace")

    @steps.step
    def deployment_scale():
        s = call(apps.patch_namespaced_deployment_scale, "pyd", "default", {"spec": {"replicas": 4}})
        expect_equal((s.kind, s.api_version, s.spec.replicas), ("Scale", "autoscaling/v1", 4), "scale answer")
        expect_equal(call(apps.read_namespaced_deployment_scale, "pyd", "default").spec.replicas, 4, "read scale")
        expect_equal(call(apps.read_namespaced_deployment, "pyd", "default").spec.replicas, 4,
                     "deployment replicas after scale")

    @steps.step
    def deployment_delete():
        call(apps.delete_namespaced_deployment, "pyd", "default")
        expect_api_error(404, "NotFound", apps.read_namespaced_deployment, "pyd", "default")

    @steps.step
    def pods_all_namespaces():
        call(core.create_namespace, {"metadata": {"name": "py-ns"}})
        pod = {"metadata": {"name": "pyp", "labels": {"app": "py"}},
               "spec": {"containers": [{"name": "c", "image": "nginx"}]}}  # no kind/apiVersion, as the client sends
        for ns in ("default", "py-ns"):
            created = call(core.create_namespaced_pod, ns, pod)
            expect_equal((created.kind, created.metadata.namespace, created.status.phase), ("Pod", ns, "Pending"),
                         "created pod")
        call(core.create_namespaced_pod, "default", {"metadata": {"name": "unlabelled"},
                                                     "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
        got = call(core.list_pod_for_all_namespaces, label_selector="app=py")
        expect_equal(sorted((p.metadata.namespace, p.metadata.name) for p in got.items),
                     [("default", "pyp"), ("py-ns", "pyp")], "list_pod_for_all_namespaces app=py")
        every = call(core.list_pod_for_all_namespaces)
        expect_equal(len(every.items), 3, "list_pod_for_all_namespaces")
        call(core.delete_namespaced_pod, "pyp", "py-ns")
        expect_api_error(404, "NotFound", core.read_namespaced_pod, "pyp", "py-ns")

    @steps.step
    def pod_binding():
        # A pod for another scheduler, bound by this client as a custom scheduler would.
        call(core.create_namespaced_pod, "default",
             {"metadata": {"name": "py-bind"},
              "spec": {"schedulerName": "py-scheduler", "containers": [{"name": "c", "image": "nginx"}]}})
        body = {"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "py-bind"},
                "target": {"apiVersion": "v1", "kind": "Node", "name": "py-node"}}
        # The answer is a Status, which the client cannot read as the V1Binding it expects.
        r = call(core.create_namespaced_pod_binding, "py-bind", "default", body, _preload_content=False)
        answer = json.loads(r.data)
        expect_equal((r.status, answer["kind"], answer["status"]), (201, "Status", "Success"), "binding answer")
        pod = call(core.read_namespaced_pod, "py-bind", "default")
        scheduled = [c for c in pod.status.conditions or [] if c.type == "PodScheduled"]
        expect_equal((pod.spec.node_name, [c.status for c in scheduled]), ("py-node", ["True"]),
                     "bound pod")
        # As in Kubernetes, the binding leaves no field manager entry: only the creator's.
        entries = [(m.operation, m.subresource) for m in pod.metadata.managed_fields or []]
        expect_equal(entries, [("Update", None)], "managedFields after the binding")
        expect_api_error(409, "Conflict", core.create_namespaced_pod_binding, "py-bind", "default",
                         body, _preload_content=False)

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_watch(session):
    c = Cluster(session)
    core, _ = connect(c)
    steps = Steps()
    state = {}

    def cm(name):
        return call(core.create_namespaced_config_map, "default", {"metadata": {"name": name}, "data": {"a": "1"}})

    def events(resource_version, count, after_first=None):
        """The first `count` (type, name, resourceVersion) of a watch from resource_version."""
        seen = []
        w = watch.Watch()
        for event in w.stream(core.list_namespaced_config_map, "default", resource_version=resource_version,
                              timeout_seconds=15, _request_timeout=REQUEST_TIMEOUT):
            obj = event["object"]
            seen.append((event["type"], obj.metadata.name, obj.metadata.resource_version))
            if len(seen) == 1 and after_first:
                after_first()
            if len(seen) >= count:
                w.stop()
                break
        return seen

    @steps.step
    def sees_create_after_list():
        cm("before")
        listed = call(core.list_namespaced_config_map, "default")
        rv = listed.metadata.resource_version
        if not rv:
            raise Failure("list lacks metadata.resourceVersion")
        cm("after-list")  # made after the list: the watch from its resourceVersion must deliver it
        seen = events(rv, 2, after_first=lambda: cm("during-watch"))
        expect_equal([(t, n) for t, n, _ in seen], [("ADDED", "after-list"), ("ADDED", "during-watch")],
                     f"watch from the list's resourceVersion {rv}")
        state["resume_from"] = seen[0][2]

    @steps.step
    def resumes_from_resource_version():
        if "resume_from" not in state:
            raise Failure("no resourceVersion to resume from (the previous step failed)")
        call(core.patch_namespaced_config_map, "during-watch", "default", {"data": {"b": "2"}})
        call(core.delete_namespaced_config_map, "after-list", "default")
        seen = events(state["resume_from"], 3)
        expect_equal([(t, n) for t, n, _ in seen],
                     [("ADDED", "during-watch"), ("MODIFIED", "during-watch"), ("DELETED", "after-list")],
                     f"watch resumed from resourceVersion {state['resume_from']}")
        versions = [int(v) for _, _, v in seen]
        expect_equal(versions, sorted(versions), "event resourceVersions increase")

    @steps.step
    def without_resource_version():
        seen = events(None, 2)
        expect_equal(sorted((t, n) for t, n, _ in seen), [("ADDED", "before"), ("ADDED", "during-watch")],
                     "a watch without resourceVersion starts with ADDED for existing objects")

    steps.finish()


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    sys.exit(main(CASES))
