"""End-to-end tests of the gateway with the real kubectl (/usr/bin/kubectl, v1.32): every case
starts its own `kactor up`, runs kubectl with that kactor's kubeconfig and a fresh cache dir,
and checks exit codes and output text exactly where kubectl's output is deterministic. A case
runs its checks as independent steps and reports each failure (command, expected, got).
Run by ctest, one case per test:
    python3 test_kubectl.py --kactor path/to/kactor --case discovery"""

import base64
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failure, main  # noqa: E402
from kube import Cluster, Steps, columns, expect, expect_equal, fixture, read_fixture, table  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def deployment(name, image="nginx:1.26", replicas=1, namespace=None, extra_spec=""):
    ns = f"\n  namespace: {namespace}" if namespace else ""
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}{ns}
  labels:
    app: {name}
spec:
  replicas: {replicas}{extra_spec}
  selector:
    matchLabels:
      app: {name}
  template:
    metadata:
      labels:
        app: {name}
    spec:
      containers:
        - name: nginx
          image: {image}
          ports:
            - containerPort: 80
"""


def configmap(name, data, namespace=None, labels=None):
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {name}"]
    if namespace:
        lines.append(f"  namespace: {namespace}")
    if labels:
        lines.append("  labels:")
        lines += [f"    {k}: {v}" for k, v in labels.items()]
    lines.append("data:")
    lines += [f"  {k}: {json.dumps(v)}" for k, v in data.items()]
    return "\n".join(lines) + "\n"


def names(out):
    """First cell of every data row of a kubectl table."""
    return [row[0] for row in table(out)[1]]


# ------------------------------------------------------------------------------------------------
def case_discovery(session):
    c = Cluster(session)
    steps = Steps()

    @steps.step
    def version():
        r = expect(c.kubectl("version", "-o", "json"))
        server = r.json().get("serverVersion", {})
        expect_equal((server.get("major"), server.get("minor")), ("1", "32"), "serverVersion major/minor")
        if not str(server.get("gitVersion", "")).startswith("v1.32."):
            raise Failure(f"serverVersion.gitVersion: expected v1.32.x, got {server!r}")
        expect(c.kubectl("version"), out_has=["Client Version: v1.32.", "Server Version: v1.32."])

    @steps.step
    def api_resources():
        r = expect(c.kubectl("api-resources"))
        header, rows = table(r.out)
        expect_equal(header, ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"], "api-resources header")
        by_name = {row[0]: row for row in rows}
        for want in (["pods", "po", "v1", "true", "Pod"],
                     ["deployments", "deploy", "apps/v1", "true", "Deployment"],
                     ["namespaces", "ns", "v1", "false", "Namespace"],
                     ["nodes", "no", "v1", "false", "Node"],
                     ["configmaps", "cm", "v1", "true", "ConfigMap"],
                     ["services", "svc", "v1", "true", "Service"],
                     ["jobs", "", "batch/v1", "true", "Job"]):
            got = by_name.get(want[0])
            expect_equal(got, want, f"api-resources row for {want[0]}")

    @steps.step
    def api_resources_filters():
        r = expect(c.kubectl("api-resources", "--namespaced=false", "-o", "name"))
        lines = r.out.split()
        for want in ("namespaces", "nodes"):
            if want not in lines:
                raise Failure(f"api-resources --namespaced=false lacks {want}: {r.out!r}")
        if "pods" in lines:
            raise Failure(f"api-resources --namespaced=false lists pods: {r.out!r}")
        r = expect(c.kubectl("api-resources", "--api-group=apps", "-o", "name"))
        for want in ("deployments.apps", "replicasets.apps", "statefulsets.apps", "daemonsets.apps"):
            if want not in r.out.split():
                raise Failure(f"api-resources --api-group=apps lacks {want}: {r.out!r}")

    @steps.step
    def api_versions():
        r = expect(c.kubectl("api-versions"))
        lines = r.out.splitlines()
        for want in ("v1", "apps/v1", "batch/v1", "autoscaling/v2", "policy/v1",
                     "networking.k8s.io/v1", "rbac.authorization.k8s.io/v1", "coordination.k8s.io/v1"):
            if want not in lines:
                raise Failure(f"api-versions lacks {want}: {r.out!r}")
        expect_equal(lines, sorted(lines), "api-versions is sorted")

    @steps.step
    def cluster_info():
        r = expect(c.kubectl("cluster-info"))
        text = ANSI.sub("", r.out)
        want = f"Kubernetes control plane is running at http://127.0.0.1:{c.port}"
        if want not in text:
            raise Failure(f"cluster-info: expected {want!r}, got {r.out!r}")

    @steps.step
    def legacy_discovery():
        doc = expect(c.kubectl("get", "--raw", "/api/v1")).json()
        expect_equal(doc.get("kind"), "APIResourceList", "GET /api/v1 kind")
        pods = [res for res in doc.get("resources", []) if res.get("name") == "pods"]
        if not pods or pods[0].get("shortNames") != ["po"] or pods[0].get("namespaced") is not True:
            raise Failure(f"GET /api/v1 pods entry: {pods!r}")
        doc = expect(c.kubectl("get", "--raw", "/apis")).json()
        groups = {g.get("name") for g in doc.get("groups", [])}
        if not {"apps", "batch"} <= groups:
            raise Failure(f"GET /apis groups: {sorted(groups)!r}")

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_create(session):
    c = Cluster(session)
    steps = Steps()
    web = fixture("deployment-web.yaml")

    @steps.step
    def apply_multi_document():
        expect(c.kubectl("apply", "-f", fixture("config.yaml")),
               out="namespace/shop created\nconfigmap/web-config created\nsecret/web-secret created\n"
                   "serviceaccount/web created\n")
        data = c.get_json("secret", "web-secret", "-n", "shop").get("data", {})
        expect_equal(data.get("password"), base64.b64encode(b"p@ss word").decode(),
                     "stringData merged into the secret's data")

    @steps.step
    def apply_created():
        expect(c.kubectl("apply", "-f", web), out="deployment.apps/web created\n")
        d = c.get_json("deployment", "web", "-n", "shop")
        spec = d.get("spec", {})
        expect_equal(spec.get("strategy", {}).get("rollingUpdate", {}).get("maxUnavailable"), "25%",
                     "int-or-string maxUnavailable")
        pod = spec.get("template", {}).get("spec", {})
        expect_equal(pod.get("volumes", [{}, {}])[1].get("configMap", {}).get("defaultMode"), 420,
                     "defaultMode 0644")
        last = d.get("metadata", {}).get("annotations", {}).get(
            "kubectl.kubernetes.io/last-applied-configuration", "")
        if '"name":"web"' not in last:
            raise Failure(f"last-applied-configuration annotation missing: {last!r}")

    @steps.step
    def apply_unchanged():
        expect(c.kubectl("apply", "-f", web), out="deployment.apps/web unchanged\n")

    @steps.step
    def apply_configured():
        changed = c.path("web-4.yaml", read_fixture("deployment-web.yaml").replace("replicas: 3", "replicas: 4"))
        expect(c.kubectl("apply", "-f", changed), out="deployment.apps/web configured\n")
        expect_equal(c.jsonpath("deployment", "web", "-n", "shop", path="{.spec.replicas}"), "4",
                     "spec.replicas after apply")

    @steps.step
    def apply_directory():
        c.path("dir/a-services.yaml", read_fixture("service-web.yaml"))
        c.path("dir/b-config.yaml", configmap("dir-cm", {"k": "v"}, namespace="shop"))
        expect(c.kubectl("apply", "-f", os.path.join(session.dir, "dir")),
               out="service/web created\nservice/web-headless created\nservice/upstream-db created\n"
                   "configmap/dir-cm created\n")
        svc = c.get_json("service", "web", "-n", "shop").get("spec", {})
        expect_equal(svc.get("ports", [{}])[0].get("nodePort"), 30080, "service web nodePort")
        expect_equal(c.jsonpath("service", "web-headless", "-n", "shop", path="{.spec.clusterIP}"), "None",
                     "headless clusterIP")

    @steps.step
    def apply_every_fixture():
        want = {"batch.yaml": ["job.batch/report", "cronjob.batch/cleanup"],
                "daemonset.yaml": ["daemonset.apps/node-agent"],
                "pod-misc.yaml": ["pod/debug", "persistentvolumeclaim/debug-data"],
                "policy.yaml": ["horizontalpodautoscaler.autoscaling/web", "poddisruptionbudget.policy/web",
                                "ingress.networking.k8s.io/web", "role.rbac.authorization.k8s.io/web-reader",
                                "rolebinding.rbac.authorization.k8s.io/web-reader",
                                "lease.coordination.k8s.io/kactor-controller-manager"]}
        for name, objects in want.items():
            expect(c.kubectl("apply", "-f", fixture(name)), out="".join(f"{o} created\n" for o in objects))
        # A second apply computes its patch from the live objects: "unchanged" means every field
        # of the manifests came back as written.
        for name in ("config.yaml", "deployment-web.yaml", "service-web.yaml") + tuple(want):
            r = expect(c.kubectl("apply", "-f", fixture(name)))
            changed = [line for line in r.out.splitlines() if not line.endswith(" unchanged")]
            # Expected "configured", as with any Kubernetes API server: apply_configured changed
            # replicas on purpose; a Secret's stringData never reads back (folded into data); the
            # pod's projected.sources is an atomic list whose fieldRef gets apiVersion defaulted,
            # so kubectl re-sends the whole list; a PDB's selector has patch strategy "replace",
            # which kubectl's three-way diff always emits.
            changed = [line for line in changed
                       if line not in ("deployment.apps/web configured", "secret/web-secret configured",
                                       "pod/debug configured", "poddisruptionbudget.policy/web configured")]
            if changed:
                raise Failure(f"re-applying {name} changed objects (lossy round trip?)\n    got {r.describe()}")

    @steps.step
    def create_existing():
        expect(c.kubectl("create", "-f", web), code=1,
               err=f'Error from server (AlreadyExists): error when creating "{web}": '
                   f'deployments.apps "web" already exists\n')

    @steps.step
    def create_deployment():
        expect(c.kubectl("create", "deployment", "d1", "--image=nginx:1.27", "--replicas=2"),
               out="deployment.apps/d1 created\n")
        d = c.get_json("deployment", "d1")
        expect_equal(d["spec"].get("replicas"), 2, "replicas")
        expect_equal(d["spec"].get("selector"), {"matchLabels": {"app": "d1"}}, "selector")
        expect_equal(d["spec"]["template"]["spec"]["containers"][0].get("image"), "nginx:1.27", "image")
        expect_equal(d["metadata"].get("labels"), {"app": "d1"}, "labels")

    @steps.step
    def create_namespace():
        expect(c.kubectl("create", "namespace", "n1"), out="namespace/n1 created\n")
        expect_equal(c.jsonpath("namespace", "n1", path="{.status.phase}"), "Active", "namespace phase")

    @steps.step
    def create_configmap():
        expect(c.kubectl("create", "configmap", "c1", "-n", "n1", "--from-literal=k=v",
                         "--from-literal=x=hello world"), out="configmap/c1 created\n")
        expect_equal(c.get_json("configmap", "c1", "-n", "n1").get("data"), {"k": "v", "x": "hello world"},
                     "configmap data")

    @steps.step
    def create_secret():
        expect(c.kubectl("create", "secret", "generic", "s1", "--from-literal=p=q"),
               out="secret/s1 created\n")
        s = c.get_json("secret", "s1")
        expect_equal((s.get("type"), s.get("data")), ("Opaque", {"p": "cQ=="}), "secret type and data")

    @steps.step
    def create_service():
        expect(c.kubectl("create", "service", "clusterip", "svc1", "--tcp=80:8080"),
               out="service/svc1 created\n")
        spec = c.get_json("service", "svc1").get("spec", {})
        port = (spec.get("ports") or [{}])[0]
        expect_equal((port.get("port"), port.get("targetPort"), port.get("protocol")), (80, 8080, "TCP"),
                     "service port")
        expect_equal(spec.get("type"), "ClusterIP", "service type")
        if not re.fullmatch(r"\d+\.\d+\.\d+\.\d+", str(spec.get("clusterIP"))):
            raise Failure(f"service clusterIP not allocated: {spec!r}")

    @steps.step
    def create_more_generators():
        expect(c.kubectl("create", "job", "j1", "--image=busybox", "--", "echo", "hi"), out="job.batch/j1 created\n")
        expect_equal(c.get_json("job", "j1")["spec"]["template"]["spec"]["containers"][0].get("command"),
                     ["echo", "hi"], "job command")
        expect(c.kubectl("create", "cronjob", "cj1", "--image=busybox", "--schedule=*/5 * * * *"),
               out="cronjob.batch/cj1 created\n")
        expect_equal(c.jsonpath("cronjob", "cj1", path="{.spec.schedule}"), "*/5 * * * *", "cronjob schedule")
        expect(c.kubectl("create", "serviceaccount", "sa1"), out="serviceaccount/sa1 created\n")

    @steps.step
    def expose():
        expect(c.kubectl("expose", "deployment", "d1", "--port=80", "--target-port=8080"),
               out="service/d1 exposed\n")
        spec = c.get_json("service", "d1")["spec"]
        expect_equal((spec.get("selector"), spec["ports"][0].get("targetPort")), ({"app": "d1"}, 8080),
                     "exposed service selector and targetPort")

    @steps.step
    def run_pod():
        expect(c.kubectl("run", "p1", "--image=nginx"), out="pod/p1 created\n")
        p = c.get_json("pod", "p1")
        expect_equal(p["metadata"].get("labels"), {"run": "p1"}, "pod labels")
        expect_equal(p.get("status", {}).get("phase"), "Pending", "pod phase")
        expect_equal(p["spec"]["containers"][0].get("imagePullPolicy"), "Always", "defaulted imagePullPolicy")

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_get(session):
    c = Cluster(session)
    for name, image, labels in (("c1", "nginx", "app=x"), ("a1", "nginx", "app=x,tier=web"),
                                ("b1", "busybox", "app=y")):
        expect(c.kubectl("run", name, f"--image={image}", f"--labels={labels}"), out=f"pod/{name} created\n")
    expect(c.kubectl("create", "namespace", "n2"))
    expect(c.kubectl("run", "z1", "--image=nginx", "-n", "n2"))
    expect(c.kubectl("create", "deployment", "web", "--image=nginx"))
    steps = Steps()

    @steps.step
    def pods_table():
        header, rows = table(expect(c.kubectl("get", "pods")).out)
        expect_equal(header, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], "get pods header")
        expect_equal([r[:4] for r in rows], [["a1", "0/1", "Pending", "0"], ["b1", "0/1", "Pending", "0"],
                                             ["c1", "0/1", "Pending", "0"]], "get pods rows")
        if not all(re.fullmatch(r"\d+s|\d+m\d*s?", r[4]) for r in rows):
            raise Failure(f"AGE cells: {rows!r}")

    @steps.step
    def pods_wide():
        header, rows = table(expect(c.kubectl("get", "pods", "-o", "wide")).out)
        expect_equal(header, ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED NODE",
                              "READINESS GATES"], "get pods -o wide header")
        expect_equal(rows[0][5:], ["<none>"] * 4, "wide cells of a pending pod")

    @steps.step
    def single_pod():
        header, rows = table(expect(c.kubectl("get", "pod", "a1")).out)
        expect_equal([r[0] for r in rows], ["a1"], "get pod a1")

    @steps.step
    def deployments_table():
        header, rows = table(expect(c.kubectl("get", "deploy")).out)
        expect_equal(header, ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], "get deploy header")
        expect_equal([r[:4] for r in rows], [["web", "0/1", "0", "0"]], "get deploy rows")

    @steps.step
    def output_yaml():
        out = expect(c.kubectl("get", "pod", "a1", "-o", "yaml")).out
        for line in ("apiVersion: v1", "kind: Pod", "  name: a1", "  namespace: default", "  - image: nginx",
                     "  phase: Pending"):
            if line not in out.splitlines():
                raise Failure(f"get pod a1 -o yaml lacks the line {line!r}: {out!r}")

    @steps.step
    def output_json():
        p = c.get_json("pod", "a1")
        meta = p.get("metadata", {})
        expect_equal((p.get("apiVersion"), p.get("kind"), meta.get("name"), meta.get("namespace")),
                     ("v1", "Pod", "a1", "default"), "pod identity")
        if not (meta.get("uid") and str(meta.get("resourceVersion", "")).isdigit()
                and RFC3339.match(meta.get("creationTimestamp", ""))):
            raise Failure(f"pod metadata uid/resourceVersion/creationTimestamp: {meta!r}")
        lst = c.get_json("pods")
        expect_equal((lst.get("kind"), [i["metadata"]["name"] for i in lst.get("items", [])]),
                     ("List", ["a1", "b1", "c1"]), "get pods -o json")

    @steps.step
    def output_jsonpath():
        expect_equal(c.jsonpath("pods", path="{.items[*].metadata.name}"), "a1 b1 c1", "jsonpath names")
        expect_equal(c.jsonpath("pod", "b1", path="{.spec.containers[0].image}"), "busybox", "jsonpath image")

    @steps.step
    def custom_columns():
        r = expect(c.kubectl("get", "pods", "-o", "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image"))
        expect_equal(table(r.out), (["NAME", "IMAGE"], [["a1", "nginx"], ["b1", "busybox"], ["c1", "nginx"]]),
                     "custom-columns")

    @steps.step
    def show_labels():
        header, rows = table(expect(c.kubectl("get", "pods", "--show-labels")).out)
        expect_equal(header[-1], "LABELS", "last column")
        expect_equal({r[0]: r[-1] for r in rows}, {"a1": "app=x,tier=web", "b1": "app=y", "c1": "app=x"},
                     "LABELS cells")

    @steps.step
    def label_columns():
        header, rows = table(expect(c.kubectl("get", "pods", "-L", "app", "-L", "tier")).out)
        expect_equal(header[-2:], ["APP", "TIER"], "label columns")
        expect_equal({r[0]: r[-2:] for r in rows}, {"a1": ["x", "web"], "b1": ["y", ""], "c1": ["x", ""]},
                     "APP/TIER cells (an absent label prints an empty cell)")

    @steps.step
    def sort_by():
        expect_equal(names(expect(c.kubectl("get", "pods", "--sort-by=.metadata.name")).out),
                     ["a1", "b1", "c1"], "--sort-by=.metadata.name")
        expect_equal(names(expect(c.kubectl("get", "pods", "--sort-by=.spec.containers[0].image")).out)[0],
                     "b1", "--sort-by image puts busybox first")

    @steps.step
    def all_namespaces():
        header, rows = table(expect(c.kubectl("get", "pods", "-A")).out)
        expect_equal(header[:2], ["NAMESPACE", "NAME"], "-A header")
        expect_equal(sorted((r[0], r[1]) for r in rows),
                     [("default", "a1"), ("default", "b1"), ("default", "c1"), ("n2", "z1")], "-A rows")

    @steps.step
    def label_selector():
        expect_equal(names(expect(c.kubectl("get", "pods", "-l", "app=x")).out), ["a1", "c1"], "-l app=x")
        expect_equal(names(expect(c.kubectl("get", "pods", "-l", "app in (y),!tier")).out), ["b1"],
                     "-l 'app in (y),!tier'")
        expect(c.kubectl("get", "pods", "-l", "app=nope"), out="",
                   err="No resources found in default namespace.\n")

    @steps.step
    def field_selector():
        expect_equal(names(expect(c.kubectl("get", "pods", "--field-selector", "metadata.name=b1")).out),
                     ["b1"], "--field-selector metadata.name=b1")
        selector = "status.phase=Pending,metadata.name!=b1"
        expect_equal(names(expect(c.kubectl("get", "pods", "--field-selector", selector)).out),
                     ["a1", "c1"], f"--field-selector {selector}")

    @steps.step
    def get_all():
        out = expect(c.kubectl("get", "all")).out
        firsts = [columns(line)[0] for line in out.splitlines() if line.strip()]
        for want in ("pod/a1", "pod/b1", "pod/c1", "deployment.apps/web"):
            if want not in firsts:
                raise Failure(f"get all lacks {want}: {out!r}")

    @steps.step
    def namespaces():
        header, rows = table(expect(c.kubectl("get", "ns")).out)
        expect_equal(header, ["NAME", "STATUS", "AGE"], "get ns header")
        got = {r[0]: r[1] for r in rows}
        for ns in ("default", "kube-system", "kube-public", "n2"):
            if got.get(ns) != "Active":
                raise Failure(f"get ns: {ns} not Active: {rows!r}")

    @steps.step
    def not_found():
        expect(c.kubectl("get", "pod", "nope"), code=1, out="",
               err='Error from server (NotFound): pods "nope" not found\n')
        expect(c.kubectl("get", "deployment", "nope"), code=1,
               err='Error from server (NotFound): deployments.apps "nope" not found\n')

    @steps.step
    def missing_namespace():
        expect(c.kubectl("get", "pods", "-n", "nope"), out="", err="No resources found in nope namespace.\n")
        # The gateway answers `pods "a1" not found`; kubectl 1.32 then reads the namespace and
        # reports that it is missing.
        expect(c.kubectl("get", "pod", "a1", "-n", "nope"), code=1,
               err='Error from server (NotFound): namespaces "nope" not found\n')

    @steps.step
    def unknown_type():
        expect(c.kubectl("get", "foos"), code=1, err='error: the server doesn\'t have a resource type "foos"\n')

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_watch(session):
    c = Cluster(session)
    expect(c.kubectl("create", "configmap", "w0", "--from-literal=a=1"))
    plain = c.start_background("get", "cm", "-w")
    events = c.start_background("get", "cm", "-w", "--output-watch-events")
    labelled = c.start_background("get", "cm", "-w", "-l", "team=a")
    pods = c.start_background("get", "pods", "-w")
    single = c.start_background("get", "cm", "w0", "-w", "--output-watch-events")
    steps = Steps()
    try:
        @steps.step
        def initial_list():
            header = plain.wait_line(lambda line: line.split()[:1] == ["NAME"], "the header NAME DATA AGE")
            expect_equal(columns(header), ["NAME", "DATA", "AGE"], "watch header")
            row = plain.wait_line(lambda line: columns(line)[0] == "w0", "the existing configmap w0")
            expect_equal(columns(row)[:2], ["w0", "1"], "w0 row")
            events.wait_line(lambda line: columns(line)[:2] == ["ADDED", "w0"], "ADDED w0")

        @steps.step
        def sees_create():
            expect(c.kubectl("create", "configmap", "w1", "--from-literal=a=1"), out="configmap/w1 created\n")
            row = plain.wait_line(lambda line: columns(line)[0] == "w1", "the new configmap w1")
            expect_equal(columns(row)[:2], ["w1", "1"], "w1 row")
            events.wait_line(lambda line: columns(line)[:2] == ["ADDED", "w1"], "ADDED w1")

        @steps.step
        def sees_modify():
            expect(c.kubectl("patch", "cm", "w1", "--type=merge", "-p", '{"data":{"b":"2"}}'),
                   out="configmap/w1 patched\n")
            plain.wait_line(lambda line: columns(line)[:2] == ["w1", "2"], "w1 with DATA 2")
            events.wait_line(lambda line: columns(line)[:3] == ["MODIFIED", "w1", "2"], "MODIFIED w1 2")

        @steps.step
        def sees_delete():
            expect(c.kubectl("delete", "cm", "w1"), out='configmap "w1" deleted\n')
            events.wait_line(lambda line: columns(line)[:2] == ["DELETED", "w1"], "DELETED w1")

        @steps.step
        def selector_filters():
            expect(c.kubectl("create", "configmap", "w2", "--from-literal=a=1"))
            c.path("w3.yaml", configmap("w3", {"a": "1"}, labels={"team": "a"}))
            expect(c.kubectl("apply", "-f", os.path.join(session.dir, "w3.yaml")), out="configmap/w3 created\n")
            labelled.wait_line(lambda line: columns(line)[0] == "w3", "the labelled configmap w3")
            bad = [line for line in labelled.seen if columns(line)[0] in ("w0", "w1", "w2")]
            if bad:
                raise Failure(f"kubectl get cm -w -l team=a printed unlabelled configmaps: {labelled.seen!r}")
            if plain.proc.poll() is not None:
                raise Failure(f"kubectl get cm -w exited ({plain.proc.returncode}) while watching")

        @steps.step
        def pods_table_rows():
            expect(c.kubectl("run", "p1", "--image=nginx"), out="pod/p1 created\n")
            row = pods.wait_line(lambda line: columns(line)[0] == "p1", "the new pod p1")
            expect_equal(columns(row)[:4], ["p1", "0/1", "Pending", "0"], "get pods -w row")
            expect(c.kubectl("label", "pod", "p1", "x=y"), out="pod/p1 labeled\n")
            pods.wait_line(lambda line: columns(line)[0] == "p1", "p1 again after a label change")

        @steps.step
        def single_object():
            expect(c.kubectl("label", "cm", "w0", "x=y"), out="configmap/w0 labeled\n")
            single.wait_line(lambda line: columns(line)[:2] == ["MODIFIED", "w0"], "MODIFIED w0")
            bad = [line for line in single.seen if len(columns(line)) > 1 and columns(line)[1] not in ("NAME", "w0")]
            if bad:
                raise Failure(f"kubectl get cm w0 -w printed other objects: {single.seen!r}")
    finally:
        c.stop()
    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_describe(session):
    c = Cluster(session)
    expect(c.kubectl("run", "p1", "--image=nginx", "--labels=app=d"))
    expect(c.kubectl("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"))
    steps = Steps()

    def has_lines(r, patterns):
        for pattern in patterns:
            if not re.search(pattern, r.out, re.M):
                raise Failure(f"expected a line matching {pattern!r}\n    got {r.describe()}")

    @steps.step
    def pod():
        r = expect(c.kubectl("describe", "pod", "p1"))
        has_lines(r, [r"^Name:\s+p1$", r"^Namespace:\s+default$", r"^Labels:\s+app=d$", r"^Status:\s+Pending$",
                      r"^Containers:$", r"^\s+Image:\s+nginx$", r"^Events:\s+<none>$"])

    @steps.step
    def deployment_():
        r = expect(c.kubectl("describe", "deployment", "web"))
        has_lines(r, [r"^Name:\s+web$", r"^Namespace:\s+default$", r"^Selector:\s+app=web$",
                      r"^Replicas:\s+2 desired", r"^StrategyType:\s+RollingUpdate$", r"^Pod Template:$",
                      r"^\s+Image:\s+nginx:1\.27$"])

    @steps.step
    def namespace():
        r = expect(c.kubectl("describe", "namespace", "default"))
        has_lines(r, [r"^Name:\s+default$", r"^Status:\s+Active$"])

    @steps.step
    def missing():
        expect(c.kubectl("describe", "pod", "nope"), code=1, err_has='pods "nope" not found')

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_modify(session):
    c = Cluster(session)
    manifest = c.path("web.yaml", deployment("web"))
    expect(c.kubectl("apply", "-f", manifest), out="deployment.apps/web created\n")
    steps = Steps()

    def field(path):
        return c.jsonpath("deployment", "web", path=path)

    @steps.step
    def label():
        expect(c.kubectl("label", "deployment", "web", "tier=front"), out="deployment.apps/web labeled\n")
        expect_equal(field("{.metadata.labels.tier}"), "front", "label tier")
        expect(c.kubectl("label", "deployment", "web", "app=other"), code=1,
               err="error: 'app' already has a value (web), and --overwrite is false\n")
        expect(c.kubectl("label", "deployment", "web", "tier-"), out="deployment.apps/web unlabeled\n")
        expect_equal(c.get_json("deployment", "web")["metadata"].get("labels"), {"app": "web"},
                     "labels after removal")

    @steps.step
    def annotate():
        expect(c.kubectl("annotate", "deployment", "web", "note=hello"), out="deployment.apps/web annotated\n")
        expect_equal(field("{.metadata.annotations.note}"), "hello", "annotation")
        expect(c.kubectl("annotate", "deployment", "web", "note-"), out="deployment.apps/web annotated\n")
        annotations = c.get_json("deployment", "web")["metadata"].get("annotations", {})
        if "note" in annotations:
            raise Failure(f"annotation note not removed: {annotations!r}")

    @steps.step
    def patch_merge():
        expect(c.kubectl("patch", "deployment", "web", "--type=merge", "-p", '{"spec":{"minReadySeconds":5}}'),
               out="deployment.apps/web patched\n")
        expect_equal(field("{.spec.minReadySeconds}"), "5", "minReadySeconds")
        expect(c.kubectl("patch", "deployment", "web", "--type=merge", "-p", '{"spec":{"minReadySeconds":5}}'),
               out="deployment.apps/web patched (no change)\n")

    @steps.step
    def patch_json():
        expect(c.kubectl("patch", "deployment", "web", "--type=json",
                         "-p", '[{"op":"replace","path":"/spec/revisionHistoryLimit","value":3}]'),
               out="deployment.apps/web patched\n")
        expect_equal(field("{.spec.revisionHistoryLimit}"), "3", "revisionHistoryLimit")
        r = expect(c.kubectl("patch", "deployment", "web", "--type=json",
                             "-p", '[{"op":"test","path":"/spec/revisionHistoryLimit","value":4}]'), code=1)
        if "Error from server" not in r.err:
            raise Failure(f"a failed JSON patch test op is a server error\n    got {r.describe()}")

    @steps.step
    def patch_strategic():
        expect(c.kubectl("patch", "deployment", "web",
                         "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'),
               out="deployment.apps/web patched\n")
        containers = c.get_json("deployment", "web")["spec"]["template"]["spec"]["containers"]
        expect_equal([(x.get("name"), x.get("image"), x.get("ports")) for x in containers],
                     [("nginx", "nginx:1.27", [{"containerPort": 80, "protocol": "TCP"}])],
                     "containers merged by name (ports kept)")

    @steps.step
    def set_image():
        expect(c.kubectl("set", "image", "deployment/web", "nginx=nginx:1.29"),
               out="deployment.apps/web image updated\n")
        expect_equal(field("{.spec.template.spec.containers[0].image}"), "nginx:1.29", "image after set image")
        expect(c.kubectl("set", "image", "deployment/web", "nginx=nginx:1.27"),
               out="deployment.apps/web image updated\n")

    @steps.step
    def edit():
        r = c.kubectl("edit", "deployment", "web", env={"KUBE_EDITOR": "sed -i s/nginx:1.27/nginx:1.28/"})
        expect(r, out="deployment.apps/web edited\n")
        expect_equal(field("{.spec.template.spec.containers[0].image}"), "nginx:1.28", "image after edit")
        r = expect(c.kubectl("edit", "deployment", "web", env={"KUBE_EDITOR": "true"}))
        if "Edit cancelled, no changes made." not in r.out + r.err:
            raise Failure(f"an unchanged edit is cancelled\n    got {r.describe()}")

    @steps.step
    def replace():
        live = c.get_json("deployment", "web")
        live["spec"]["replicas"] = 2
        path = c.path("replace.json", json.dumps(live))
        expect(c.kubectl("replace", "-f", path), out="deployment.apps/web replaced\n")
        expect_equal(field("{.spec.replicas}"), "2", "replicas after replace")
        live["spec"]["replicas"] = 4  # same, now stale, resourceVersion
        stale = c.path("stale.json", json.dumps(live))
        expect(c.kubectl("replace", "-f", stale), code=1,
               err=f'Error from server (Conflict): error when replacing "{stale}": Operation cannot be '
                   f'fulfilled on deployments.apps "web": the object has been modified; please apply your '
                   f'changes to the latest version and try again\n')
        expect_equal(field("{.spec.replicas}"), "2", "replicas after the conflict")

    @steps.step
    def scale():
        expect(c.kubectl("scale", "deployment", "web", "--replicas=3"), out="deployment.apps/web scaled\n")
        expect_equal(field("{.spec.replicas}"), "3", "replicas after scale")
        scale_doc = expect(c.kubectl("get", "--raw", "/apis/apps/v1/namespaces/default/deployments/web/scale")).json()
        expect_equal((scale_doc.get("kind"), scale_doc.get("apiVersion"), scale_doc.get("spec")),
                     ("Scale", "autoscaling/v1", {"replicas": 3}), "the scale subresource")
        expect(c.kubectl("scale", "deployment", "web", "--current-replicas=7", "--replicas=1"), code=1,
               err_has="Expected replicas to be 7, was 3")
        expect_equal(field("{.spec.replicas}"), "3", "replicas after a failed precondition")

    @steps.step
    def diff():
        cm = c.path("diff.yaml", configmap("diffed", {"a": "1"}))
        r = expect(c.kubectl("diff", "-f", cm), code=1)
        if "+  name: diffed" not in r.out:
            raise Failure(f"diff of an absent object shows it added\n    got {r.describe()}")
        expect(c.kubectl("apply", "-f", cm), out="configmap/diffed created\n")
        expect(c.kubectl("diff", "-f", cm), code=0, out="")
        changed = c.path("diff2.yaml", configmap("diffed", {"a": "2"}))
        expect(c.kubectl("diff", "-f", changed), code=1, out_has=['-  a: "1"', '+  a: "2"'])
        expect_equal(c.jsonpath("cm", "diffed", path="{.data.a}"), "1", "diff did not write")

    @steps.step
    def dry_run_server():
        cm = c.path("dry.yaml", configmap("dry", {"a": "1"}))
        expect(c.kubectl("apply", "-f", cm, "--dry-run=server"), out="configmap/dry created (server dry run)\n")
        expect(c.kubectl("get", "cm", "dry"), code=1, err='Error from server (NotFound): configmaps "dry" not found\n')

    @steps.step
    def explain():
        r = expect(c.kubectl("explain", "pods.spec.containers"))
        has = [r"^KIND:\s+Pod$", r"^VERSION:\s+v1$", r"^FIELD:\s+containers <\[\]Container>$", r"^DESCRIPTION:$",
               r"^FIELDS:$", r"^\s+image\s+<string>$", r"^\s+name\s+<string> -required-$"]
        for pattern in has:
            if not re.search(pattern, r.out, re.M):
                raise Failure(f"explain: expected a line matching {pattern!r}\n    got {r.describe()}")
        expect(c.kubectl("explain", "deployment.spec.replicas"), out_has=["KIND:", "Deployment", "replicas",
                                                                         "<integer>"])

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_server_side_apply(session):
    c = Cluster(session)
    manifest = c.path("ssa.yaml", deployment("ssa", replicas=2))
    steps = Steps()

    def field(path):
        return c.jsonpath("deployment", "ssa", path=path)

    @steps.step
    def create():
        expect(c.kubectl("apply", "--server-side", "-f", manifest), out="deployment.apps/ssa serverside-applied\n")
        managers = c.get_json("deployment", "ssa", "--show-managed-fields")["metadata"].get("managedFields", [])
        if not any(m.get("manager") == "kubectl" and m.get("operation") == "Apply" for m in managers):
            raise Failure(f"managedFields lack the kubectl Apply entry: {managers!r}")

    @steps.step
    def reapply_and_change():
        expect(c.kubectl("apply", "--server-side", "-f", manifest), out="deployment.apps/ssa serverside-applied\n")
        changed = c.path("ssa2.yaml", deployment("ssa", replicas=2, image="nginx:1.27"))
        expect(c.kubectl("apply", "--server-side", "-f", changed), out="deployment.apps/ssa serverside-applied\n")
        expect_equal(field("{.spec.template.spec.containers[0].image}"), "nginx:1.27", "image after SSA")

    @steps.step
    def conflict_after_scale():
        expect(c.kubectl("scale", "deployment", "ssa", "--replicas=5"), out="deployment.apps/ssa scaled\n")
        changed = os.path.join(session.dir, "ssa2.yaml")
        r = expect(c.kubectl("apply", "--server-side", "-f", changed), code=1)
        if "conflict" not in r.err.lower() or ".spec.replicas" not in r.err:
            raise Failure(f"expected a conflict on .spec.replicas\n    got {r.describe()}")
        expect_equal(field("{.spec.replicas}"), "5", "replicas after the refused apply")
        expect(c.kubectl("apply", "--server-side", "--force-conflicts", "-f", changed),
               out="deployment.apps/ssa serverside-applied\n")
        expect_equal(field("{.spec.replicas}"), "2", "replicas after --force-conflicts")

    @steps.step
    def other_manager_conflict():
        cm = c.path("cm.yaml", configmap("owned", {"a": "1"}))
        expect(c.kubectl("apply", "--server-side", "-f", cm), out="configmap/owned serverside-applied\n")
        other = c.path("cm2.yaml", configmap("owned", {"a": "2"}))
        r = expect(c.kubectl("apply", "--server-side", "--field-manager=other", "-f", other), code=1)
        if "conflict" not in r.err.lower() or '"kubectl"' not in r.err:
            raise Failure(f"expected a conflict with manager \"kubectl\"\n    got {r.describe()}")

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_delete(session):
    c = Cluster(session)
    for name, labels in (("cm-a", None), ("cm-b", {"app": "x"}), ("cm-c", {"app": "x"}), ("cm-d", None)):
        c.path(f"cms/{name}.yaml", configmap(name, {"k": "v"}, labels=labels))
    expect(c.kubectl("apply", "-f", os.path.join(session.dir, "cms")), code=0)
    web = c.path("web.yaml", deployment("web"))
    expect(c.kubectl("apply", "-f", web))
    expect(c.kubectl("create", "deployment", "orphaned", "--image=nginx"))
    expect(c.kubectl("run", "p1", "--image=nginx"))
    expect(c.kubectl("create", "namespace", "tmp"))
    for name in ("t1", "t2", "t3"):
        expect(c.kubectl("create", "configmap", name, "-n", "tmp", "--from-literal=k=v"))
    steps = Steps()

    def gone(*args):
        r = c.kubectl("get", *args)
        if r.code != 1 or "(NotFound)" not in r.err:
            raise Failure(f"expected NotFound after delete\n    got {r.describe()}")

    @steps.step
    def by_name():
        expect(c.kubectl("delete", "cm", "cm-a"), out='configmap "cm-a" deleted\n')
        gone("cm", "cm-a")

    @steps.step
    def by_label():
        expect(c.kubectl("delete", "cm", "-l", "app=x"), out_lines=['configmap "cm-b" deleted',
                                                                    'configmap "cm-c" deleted'])
        expect_equal(c.jsonpath("cm", path="{.items[*].metadata.name}"), "cm-d", "configmaps left")

    @steps.step
    def by_file():
        expect(c.kubectl("delete", "-f", web), out='deployment.apps "web" deleted\n')
        gone("deployment", "web")

    @steps.step
    def pending_pod():
        expect(c.kubectl("delete", "pod", "p1", "--timeout=30s"), out='pod "p1" deleted\n')
        gone("pod", "p1")

    @steps.step
    def all_in_namespace():
        expect(c.kubectl("delete", "cm", "--all", "-n", "tmp"),
               out_lines=['configmap "t1" deleted', 'configmap "t2" deleted', 'configmap "t3" deleted'])
        expect(c.kubectl("get", "cm", "-n", "tmp"), out="", err="No resources found in tmp namespace.\n")

    @steps.step
    def cascade_orphan():
        expect(c.kubectl("delete", "deployment", "orphaned", "--cascade=orphan", "--wait=false"),
               out='deployment.apps "orphaned" deleted\n')

    @steps.step
    def namespace():
        expect(c.kubectl("delete", "namespace", "tmp", "--wait=false"), out='namespace "tmp" deleted\n')
        r = c.kubectl("get", "namespace", "tmp", "-o", "jsonpath={.status.phase}")
        if not ((r.code == 0 and r.out == "Terminating") or (r.code == 1 and "(NotFound)" in r.err)):
            raise Failure(f"expected a Terminating or deleted namespace\n    got {r.describe()}")
        r = c.kubectl("create", "configmap", "late", "-n", "tmp", "--from-literal=k=v")
        if r.code != 1 or ("being terminated" not in r.err and "not found" not in r.err):
            raise Failure(f"expected no create in a terminating namespace\n    got {r.describe()}")

    @steps.step
    def nonexistent():
        expect(c.kubectl("delete", "cm", "nope"), code=1,
               err='Error from server (NotFound): configmaps "nope" not found\n')
        expect(c.kubectl("delete", "cm", "nope", "--ignore-not-found"), out="", err="")

    steps.finish()


# ------------------------------------------------------------------------------------------------
def case_errors(session):
    c = Cluster(session)
    steps = Steps()

    @steps.step
    def unknown_field_strict():
        path = c.path("replicaz.yaml", deployment("typo").replace("  replicas: 1", "  replicaz: 1"))
        r = expect(c.kubectl("apply", "-f", path), code=1, err_has='unknown field "spec.replicaz"')
        if not r.err.startswith("Error from server (BadRequest): "):
            raise Failure(f"expected a BadRequest from the server\n    got {r.describe()}")
        expect(c.kubectl("get", "deployment", "typo"), code=1)
        expect(c.kubectl("apply", "-f", path, "--validate=warn"), out="deployment.apps/typo created\n",
               err_has='unknown field "spec.replicaz"')

    @steps.step
    def malformed_yaml():
        path = c.path("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata: {a: 1\n")
        r = expect(c.kubectl("apply", "-f", path), code=1, out="")
        if not r.err.startswith("error: ") or "yaml" not in r.err.lower():
            raise Failure(f"expected a YAML error\n    got {r.describe()}")

    @steps.step
    def missing_image():
        path = c.path("noimage.yaml", deployment("noimage").replace("          image: nginx:1.26\n", ""))
        expect(c.kubectl("apply", "-f", path), code=1,
               err_has=['The Deployment "noimage" is invalid',
                        "spec.template.spec.containers[0].image: Required value"])
        expect(c.kubectl("get", "deployment", "noimage"), code=1)

    @steps.step
    def invalid_name():
        expect(c.kubectl("create", "configmap", "Bad_Name", "--from-literal=a=b"), code=1,
                   err_has=['error: failed to create configmap: ConfigMap "Bad_Name" is invalid: '
                            'metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain'])
        path = c.path("badname.yaml", configmap("Bad_Name", {"a": "b"}))
        expect(c.kubectl("apply", "-f", path), code=1,
                   err_has=['The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"'])

    @steps.step
    def selector_mismatch():
        bad = deployment("mismatch").replace("      labels:\n        app: mismatch\n",
                                             "      labels:\n        app: other\n")
        expect(c.kubectl("apply", "-f", c.path("mismatch.yaml", bad)), code=1,
                   err_has="spec.template.metadata.labels: Invalid value")

    @steps.step
    def missing_namespace():
        path = c.path("cm-nope.yaml", configmap("c", {"a": "b"}, namespace="nope"))
        expect(c.kubectl("apply", "-f", path), code=1,
               err=f'Error from server (NotFound): error when creating "{path}": namespaces "nope" not found\n')
        expect(c.kubectl("create", "configmap", "c", "-n", "nope", "--from-literal=a=b"), code=1,
               err_has='namespaces "nope" not found')

    @steps.step
    def unknown_kind():
        path = c.path("foo.yaml", "apiVersion: v1\nkind: Foo\nmetadata:\n  name: f\n")
        expect(c.kubectl("apply", "--validate=false", "-f", path), code=1,
               err_has='no matches for kind "Foo" in version "v1"')
        # With validation on, kubectl finds no Foo in /openapi/v3/api/v1 and falls back to
        # /openapi/v2 (protobuf), which kactor does not serve: the command still fails (exit 1),
        # but with "failed to download openapi" instead of "no matches for kind". Known gap
        # (docs/rest.md); the exit code is what scripts rely on.
        expect(c.kubectl("apply", "-f", path), code=1, err_has='error validating')

    steps.finish()


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    sys.exit(main(CASES))
