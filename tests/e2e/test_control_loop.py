"""End-to-end tests of the control loop with the real kubectl: `kactor up` with every role
(scheduler, controller-manager, kubelet with the process runtime), so a Deployment ends as real
processes on this machine. Each case starts its own cluster; processes are found through a
marker (a unique directory) on their command lines and must all be gone when the case ends.
Run by ctest, one case per test:
    python3 test_control_loop.py --kactor path/to/kactor --case deployment"""

import json
import os
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failure, main, processes_mentioning  # noqa: E402
from kube import Cluster, Steps, expect  # noqa: E402

WAIT = 90.0  # upper bound of any wait for the cluster to converge; never a speed check


def eventually(what, predicate, timeout=WAIT, interval=0.2):
    """Polls predicate until it returns a true value (returned); Failure after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise Failure(f"{what}: not within {timeout:.0f} s (last: {last!r})")


def web_deployment(name, marker, image="host", replicas=3, extra_container=""):
    """A Deployment of a small HTTP server process: python3's http.server on a free loopback
    port (pods share the node's network until CNI), serving the marker directory, which also
    makes its processes findable."""
    return f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
spec:
  replicas: {replicas}
  strategy:
    rollingUpdate: {{maxSurge: 1, maxUnavailable: 0}}
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      terminationGracePeriodSeconds: 5
      containers:
        - name: web
          image: {image}
          command: ["/usr/bin/python3", "-m", "http.server", "0", "--bind", "127.0.0.1",
                    "--directory", "{marker}"]{extra_container}
"""


def pods(c, selector):
    return c.get_json("pods", "-l", selector)["items"]


def running_ready(c, selector):
    """Names of the selected pods that are Running and Ready and not being deleted."""
    out = []
    for p in pods(c, selector):
        if p["metadata"].get("deletionTimestamp") or p.get("status", {}).get("phase") != "Running":
            continue
        conds = {x["type"]: x["status"] for x in p["status"].get("conditions", [])}
        if conds.get("Ready") == "True":
            out.append(p["metadata"]["name"])
    return sorted(out)


def control_plane(session, *extra):
    return Cluster(session, roles="state,gateway,scheduler,controller-manager,kubelet",
                   extra_args=extra)


def case_deployment(session):
    c = control_plane(session)
    marker = tempfile.mkdtemp(prefix="kactor-web-", dir=session.dir)
    steps = Steps()

    @steps.step
    def three_ready_processes():
        expect(c.kubectl("apply", "-f", c.path("web.yaml", web_deployment("web", marker))))
        expect(c.kubectl("rollout", "status", "deployment/web", "--timeout=90s"),
               out_has='deployment "web" successfully rolled out')
        eventually("3 ready pods", lambda: len(running_ready(c, "app=web")) == 3)
        eventually("3 server processes", lambda: len(processes_mentioning(marker)) == 3)
        table = expect(c.kubectl("get", "deployment", "web")).out
        if "3/3" not in table:
            raise Failure(f"get deployment shows {table!r}")

    @steps.step
    def kill_9_restarts_the_container():
        victim = processes_mentioning(marker)[0]
        os.kill(victim, signal.SIGKILL)

        def restarted():
            counts = [cs.get("restartCount", 0) for p in pods(c, "app=web")
                      for cs in p.get("status", {}).get("containerStatuses", [])]
            return sorted(counts) == [0, 0, 1] and len(processes_mentioning(marker)) == 3
        eventually("one container restarted (restartCount 1)", restarted)

    @steps.step
    def scale_to_5_and_to_1():
        expect(c.kubectl("scale", "deployment/web", "--replicas=5"))
        eventually("5 server processes", lambda: len(processes_mentioning(marker)) == 5
                   and len(running_ready(c, "app=web")) == 5)
        expect(c.kubectl("scale", "deployment/web", "--replicas=1"))
        eventually("1 server process", lambda: len(processes_mentioning(marker)) == 1
                   and len(pods(c, "app=web")) == 1)

    @steps.step
    def rolling_update_and_undo():
        expect(c.kubectl("scale", "deployment/web", "--replicas=3"))
        eventually("3 ready pods", lambda: len(running_ready(c, "app=web")) == 3)
        first_rs = c.get_json("replicasets", "-l", "app=web")["items"]
        expect(c.kubectl("set", "image", "deployment/web", "web=host:v2"))
        # maxUnavailable 0: never fewer than 3 ready pods while rolling; maxSurge 1: at most 4.
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            ready = running_ready(c, "app=web")
            # Terminating pods do not count toward maxSurge (Kubernetes 1.32 does the same).
            live = [p for p in pods(c, "app=web") if not p["metadata"].get("deletionTimestamp")]
            if len(ready) < 3 or len(live) > 4:
                raise Failure(f"rolling update left {len(ready)} ready of {len(live)} pods")
            images = {p["spec"]["containers"][0]["image"] for p in pods(c, "app=web")}
            if images == {"host:v2"} and len(ready) == 3:
                break
            time.sleep(0.1)
        expect(c.kubectl("rollout", "status", "deployment/web", "--timeout=90s"),
               out_has="successfully rolled out")
        rs = c.get_json("replicasets", "-l", "app=web")["items"]
        if len(rs) != 2 or len(first_rs) != 1:
            raise Failure(f"expected 2 ReplicaSets after the update, got {len(rs)}")
        history = expect(c.kubectl("rollout", "history", "deployment/web")).out
        if "1 " not in history or "2 " not in history:
            raise Failure(f"rollout history: {history!r}")
        expect(c.kubectl("rollout", "undo", "deployment/web"))
        expect(c.kubectl("rollout", "status", "deployment/web", "--timeout=90s"),
               out_has="successfully rolled out")
        image = c.jsonpath("deployment/web", path="{.spec.template.spec.containers[0].image}")
        if image != "host":
            raise Failure(f"undo left image {image!r}")
        eventually("pods of the first template", lambda: {
            p["spec"]["containers"][0]["image"] for p in pods(c, "app=web")
            if not p["metadata"].get("deletionTimestamp")} == {"host"})

    @steps.step
    def replication_controller_keeps_its_count():
        rc = f"""apiVersion: v1
kind: ReplicationController
metadata: {{name: legacy}}
spec:
  replicas: 2
  selector: {{app: legacy}}
  template:
    metadata: {{labels: {{app: legacy}}}}
    spec:
      containers:
        - name: main
          image: host
          command: ["sh", "-c", "while true; do sleep 1; done; : {marker}-rc"]
"""
        expect(c.kubectl("apply", "-f", c.path("rc.yaml", rc)))
        eventually("2 ready pods of the RC", lambda: len(running_ready(c, "app=legacy")) == 2)
        owner = pods(c, "app=legacy")[0]["metadata"]["ownerReferences"][0]
        if owner["kind"] != "ReplicationController" or owner["name"] != "legacy":
            raise Failure(f"owner of the RC's pod: {owner!r}")
        table = expect(c.kubectl("get", "rc", "legacy")).out
        if "2         2         2" not in table:
            raise Failure(f"get rc: {table!r}")
        expect(c.kubectl("delete", "rc", "legacy"))
        eventually("the RC's pods and processes gone", lambda: not pods(c, "app=legacy")
                   and not processes_mentioning(marker + "-rc"))

    @steps.step
    def delete_leaves_no_process():
        expect(c.kubectl("delete", "deployment", "web"))
        eventually("no ReplicaSet or Pod of web",
                   lambda: not pods(c, "app=web")
                   and not c.get_json("replicasets", "-l", "app=web")["items"])
        eventually("no server process", lambda: not processes_mentioning(marker))

    try:
        steps.finish()
    finally:
        c.stop()


def big_pod(name, cpu):
    return f"""apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: main
      image: host
      command: ["sleep", "600"]
      resources:
        requests: {{cpu: "{cpu}"}}
"""


def case_scheduling(session):
    c = control_plane(session)
    steps = Steps()

    @steps.step
    def unschedulable_pod_is_explained():
        expect(c.kubectl("apply", "-f", c.path("big.yaml", big_pod("big", "5000"))))

        def explained():
            events = c.get_json("events", "--field-selector", "involvedObject.name=big")["items"]
            return [e["message"] for e in events if e.get("reason") == "FailedScheduling"]
        messages = eventually("a FailedScheduling event", explained)
        if "0/1 nodes are available: 1 Insufficient cpu." not in messages[0]:
            raise Failure(f"FailedScheduling says {messages[0]!r}")
        cond = eventually("PodScheduled=False", lambda: [
            x for x in c.get_json("pod", "big").get("status", {}).get("conditions", [])
            if x["type"] == "PodScheduled" and x["status"] == "False"])
        if cond[0].get("reason") != "Unschedulable":
            raise Failure(f"condition {cond[0]!r}")
        expect(c.kubectl("describe", "pod", "big"), out_has="FailedScheduling")

    @steps.step
    def schedules_once_a_node_with_room_registers():
        node = c.path("node.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: roomy\n"
                      "  labels: {kubernetes.io/hostname: roomy}\n")
        expect(c.kubectl("apply", "-f", node))
        status = {"status": {"capacity": {"cpu": "10000", "memory": "1Ti", "pods": "110"},
                             "allocatable": {"cpu": "10000", "memory": "1Ti", "pods": "110"},
                             "conditions": [{"type": "Ready", "status": "True",
                                             "reason": "KubeletReady"}]}}
        expect(c.kubectl("patch", "node", "roomy", "--subresource=status", "--type=merge",
                         "-p", json.dumps(status)))
        eventually("big bound to roomy", lambda: c.jsonpath("pod", "big", path="{.spec.nodeName}")
                   == "roomy")
        expect(c.kubectl("delete", "pod", "big", "--grace-period=0", "--force"))

    try:
        steps.finish()
    finally:
        c.stop()


def probe_pod(name, marker):
    return f"""apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: main
      image: host
      command: ["sh", "-c", "touch {marker}/healthy; while true; do sleep 1; done"]
      livenessProbe:
        exec: {{command: ["test", "-f", "{marker}/healthy"]}}
        periodSeconds: 1
        failureThreshold: 2
"""


def crash_pod(name):
    return f"""apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: main
      image: host
      command: ["sh", "-c", "echo crashing; exit 2"]
"""


def case_probes(session):
    c = control_plane(session)
    marker = tempfile.mkdtemp(prefix="kactor-probe-", dir=session.dir)
    steps = Steps()

    def restarts(name):
        statuses = c.get_json("pod", name).get("status", {}).get("containerStatuses", [])
        return statuses[0].get("restartCount", 0) if statuses else 0

    @steps.step
    def failing_liveness_probe_restarts():
        expect(c.kubectl("apply", "-f", c.path("probe.yaml", probe_pod("probed", marker))))
        eventually("probed Running", lambda: c.jsonpath("pod", "probed", path="{.status.phase}")
                   == "Running")
        os.remove(os.path.join(marker, "healthy"))  # the probe fails from now on
        eventually("a restart after the liveness probe failed", lambda: restarts("probed") >= 1)
        events = c.get_json("events", "--field-selector", "involvedObject.name=probed")["items"]
        reasons = {e.get("reason") for e in events}
        if "Unhealthy" not in reasons:
            raise Failure(f"events of probed: {sorted(r for r in reasons if r)}")

    @steps.step
    def crashing_container_backs_off():
        expect(c.kubectl("apply", "-f", c.path("crash.yaml", crash_pod("crasher"))))

        def waiting_reason():
            statuses = c.get_json("pod", "crasher").get("status", {}).get("containerStatuses", [])
            waiting = statuses[0].get("state", {}).get("waiting", {}) if statuses else {}
            return waiting.get("reason")
        eventually("CrashLoopBackOff", lambda: waiting_reason() == "CrashLoopBackOff")
        table = expect(c.kubectl("get", "pod", "crasher")).out
        if "CrashLoopBackOff" not in table and "Error" not in table:
            raise Failure(f"get pod shows {table!r}")
        # Back-off grows: the second restart comes at least ~10 s after the first.
        first = eventually("restartCount 1", lambda: restarts("crasher") >= 1)
        started = time.monotonic()
        eventually("restartCount 2", lambda: restarts("crasher") >= 2)
        if time.monotonic() - started < 5:
            raise Failure("the second restart came without back-off")
        del first
        expect(c.kubectl("logs", "crasher", "--previous"), out_has="crashing")

    try:
        steps.finish()
    finally:
        for name in ("probed", "crasher"):
            c.kubectl("delete", "pod", name, "--grace-period=0", "--force")
        eventually("probe processes gone", lambda: not processes_mentioning(marker))
        c.stop()


def talker_pod(name):
    return f"""apiVersion: v1
kind: Pod
metadata:
  name: {name}
spec:
  containers:
    - name: main
      image: host
      command: ["sh", "-c", "echo hello; i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done"]
"""


def case_logs_exec(session):
    c = control_plane(session)
    steps = Steps()
    expect(c.kubectl("apply", "-f", c.path("talker.yaml", talker_pod("talker"))))
    eventually("talker Running", lambda: c.jsonpath("pod", "talker", path="{.status.phase}")
               == "Running")

    @steps.step
    def logs_tail_and_follow():
        eventually("tick 3 in the log", lambda: "tick 3" in c.kubectl("logs", "talker").out)
        out = expect(c.kubectl("logs", "talker")).out
        if not out.startswith("hello\ntick 1\n"):
            raise Failure(f"logs: {out[:80]!r}")
        tail = expect(c.kubectl("logs", "talker", "--tail=1")).out
        if len(tail.splitlines()) != 1 or not tail.startswith("tick "):
            raise Failure(f"--tail=1: {tail!r}")
        stamped = expect(c.kubectl("logs", "talker", "--tail=1", "--timestamps")).out
        if not stamped[:4].isdigit() or "Z tick " not in stamped:
            raise Failure(f"--timestamps: {stamped!r}")
        follower = c.start_background("logs", "-f", "talker", "--tail=1")
        first = int(tail.split()[1])
        follower.wait_line(lambda line: line == f"tick {first + 5}", f"tick {first + 5}")

    @steps.step
    def exec_runs_in_the_container():
        expect(c.kubectl("exec", "talker", "--", "sh", "-c", "echo from exec; echo err >&2"),
               out="from exec\n", err_has="err")
        r = c.kubectl("exec", "talker", "--", "sh", "-c", "exit 3")
        expect(r, code=3, err_has="command terminated with exit code 3")
        expect(c.kubectl("exec", "-i", "talker", "--", "cat", stdin="piped\n"), out="piped\n")

    try:
        steps.finish()
    finally:
        c.kubectl("delete", "pod", "talker", "--grace-period=0", "--force")
        c.stop()


ELECTION_FLAGS = ["--leader-elect-lease-duration", "2s", "--leader-elect-renew-deadline", "1500ms",
                  "--leader-elect-retry-period", "200ms"]


def fake_node(c, name):
    """A Node object with room and Ready=True, as a kubelet would post it (none runs here)."""
    expect(c.kubectl("apply", "-f", c.path(f"{name}.yaml", f"apiVersion: v1\nkind: Node\n"
                                          f"metadata:\n  name: {name}\n")))
    status = {"status": {"allocatable": {"cpu": "8", "memory": "16Gi", "pods": "110"},
                         "conditions": [{"type": "Ready", "status": "True"}]}}
    expect(c.kubectl("patch", "node", name, "--subresource=status", "--type=merge",
                     "-p", json.dumps(status)))


def holder(c, lease):
    r = c.kubectl("get", "lease", "-n", "kube-system", lease, "-o",
                  "jsonpath={.spec.holderIdentity}")
    return r.out if r.code == 0 else ""


def identity_of(process):
    """The leader-election identity a role process logged."""
    for line in process.stderr().splitlines():
        if "leader election on kube-system/" in line:
            return line.rsplit(" as ", 1)[1].strip()
    return None


def case_failover(session):
    c = Cluster(session, roles="state,gateway")
    steps = Steps()
    schedulers = [session.start(["scheduler", "--data-dir", c.data_dir] + ELECTION_FLAGS)
                  for _ in range(2)]
    for s in schedulers:
        s.wait_for_line("ready")
    fake_node(c, "n1")

    def bound(name):
        return c.jsonpath("pod", name, path="{.spec.nodeName}") == "n1"

    @steps.step
    def one_scheduler_leads_and_schedules():
        leader = eventually("a scheduler leader", lambda: holder(c, "kube-scheduler"))
        ids = [eventually("identity logged", lambda s=s: identity_of(s)) for s in schedulers]
        if leader not in ids:
            raise Failure(f"lease holder {leader!r} is none of {ids!r}")
        expect(c.kubectl("apply", "-f", c.path("p1.yaml", big_pod("p1", "100m"))))
        eventually("p1 bound", lambda: bound("p1"))

    @steps.step
    def the_other_takes_over_after_kill_9():
        leader = holder(c, "kube-scheduler")
        victim = next(s for s in schedulers if identity_of(s) == leader)
        victim.kill()
        killed = time.monotonic()
        new = eventually("another leader", lambda: holder(c, "kube-scheduler") not in ("", leader)
                         and holder(c, "kube-scheduler"))
        took = time.monotonic() - killed
        if took > 2 + 5:  # the lease duration, plus retry and slack
            raise Failure(f"takeover took {took:.1f} s")
        expect(c.kubectl("apply", "-f", c.path("p2.yaml", big_pod("p2", "100m"))))
        eventually("p2 bound by the new leader", lambda: bound("p2"))
        del new

    try:
        steps.finish()
    finally:
        for s in schedulers:
            s.kill()
        c.stop()


def case_controller_failover(session):
    c = Cluster(session, roles="state,gateway")
    steps = Steps()
    managers = [session.start(["controller-manager", "--data-dir", c.data_dir] + ELECTION_FLAGS)
                for _ in range(2)]
    for m in managers:
        m.wait_for_line("ready")
    rs = """apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: NAME}
spec:
  replicas: 2
  selector: {matchLabels: {app: NAME}}
  template:
    metadata: {labels: {app: NAME}}
    spec:
      containers: [{name: main, image: host, command: [sleep, "600"]}]
"""

    @steps.step
    def one_manager_leads():
        leader = eventually("a controller-manager leader",
                            lambda: holder(c, "kube-controller-manager"))
        ids = [eventually("identity logged", lambda m=m: identity_of(m)) for m in managers]
        if leader not in ids:
            raise Failure(f"lease holder {leader!r} is none of {ids!r}")
        expect(c.kubectl("apply", "-f", c.path("rs1.yaml", rs.replace("NAME", "one"))))
        eventually("2 pods of one", lambda: len(pods(c, "app=one")) == 2)

    @steps.step
    def the_other_takes_over_after_kill_9():
        leader = holder(c, "kube-controller-manager")
        victim = next(m for m in managers if identity_of(m) == leader)
        victim.kill()
        killed = time.monotonic()
        eventually("another leader", lambda: holder(c, "kube-controller-manager")
                   not in ("", leader))
        if time.monotonic() - killed > 2 + 5:
            raise Failure("takeover took longer than the lease duration plus slack")
        expect(c.kubectl("apply", "-f", c.path("rs2.yaml", rs.replace("NAME", "two"))))
        eventually("2 pods of two, made by the new leader", lambda: len(pods(c, "app=two")) == 2)

    try:
        steps.finish()
    finally:
        for m in managers:
            m.kill()
        c.stop()


def case_simulated(session):
    # Three simulated nodes beside the real one (docs/simulated.md), a short grace period.
    c = control_plane(session, "--simulated-nodes", "3", "--node-monitor-period", "500ms",
                      "--node-monitor-grace-period", "4s", "--node-status-update-frequency", "1s")
    marker = tempfile.mkdtemp(prefix="kactor-sim-", dir=session.dir)
    token = f"simimage{os.getpid()}x{time.monotonic_ns()}"
    steps = Steps()

    def ready(node):
        conds = c.get_json("node", node).get("status", {}).get("conditions", [])
        return next((x["status"] for x in conds if x["type"] == "Ready"), None)

    def pods(label):
        return c.get_json("pods", "-l", label)["items"]

    sim = f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: simweb}}
spec:
  replicas: 6
  selector: {{matchLabels: {{app: simweb}}}}
  template:
    metadata: {{labels: {{app: simweb}}}}
    spec:
      nodeSelector: {{kactor.io/simulated: "true"}}
      tolerations:
        - {{key: kactor.io/simulated, operator: Exists}}
        - {{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute,
            tolerationSeconds: 2}}
      containers: [{{name: web, image: "sim.example/{token}:1"}}]
"""

    @steps.step
    def simulated_nodes_register_with_label_taint_and_lease():
        eventually("3 simulated nodes Ready", lambda: all(
            ready(f"sim-{i}") == "True" for i in range(3)))
        table = expect(c.kubectl("get", "nodes", "-l", "kactor.io/simulated=true")).out
        for i in range(3):
            if f"sim-{i}" not in table:
                raise Failure(f"get nodes: {table!r}")
        node = c.get_json("node", "sim-0")
        if not any(t["key"] == "kactor.io/simulated" and t["effect"] == "NoSchedule"
                   for t in node["spec"].get("taints", [])):
            raise Failure(f"sim-0 taints: {node['spec']!r}")
        first = c.jsonpath("lease", "-n", "kube-node-lease", "sim-0", path="{.spec.renewTime}")
        eventually("sim-0 Lease renewed", lambda: c.jsonpath(
            "lease", "-n", "kube-node-lease", "sim-0", path="{.spec.renewTime}") != first)

    @steps.step
    def untolerating_pods_avoid_them_tolerating_ones_run_there():
        expect(c.kubectl("apply", "-f", c.path("real.yaml", web_deployment("real", marker,
                                                                           replicas=2))))
        expect(c.kubectl("apply", "-f", c.path("sim.yaml", sim)))
        eventually("simweb 6 ready", lambda: c.jsonpath(
            "deployment", "simweb", path="{.status.readyReplicas}") == "6")
        eventually("real 2 ready", lambda: c.jsonpath(
            "deployment", "real", path="{.status.readyReplicas}") == "2")
        for p in pods("app=real"):
            if p["spec"]["nodeName"].startswith("sim-"):
                raise Failure(f"{p['metadata']['name']} landed on {p['spec']['nodeName']}")
        for p in pods("app=simweb"):
            st = p["status"]
            if not p["spec"]["nodeName"].startswith("sim-") or not st["podIP"].startswith(
                    "10.128."):
                raise Failure(f"{p['metadata']['name']}: {p['spec']['nodeName']} {st!r}")
        if processes_mentioning(token):
            raise Failure("a simulated pod started a process")

    @steps.step
    def a_node_told_down_goes_not_ready_and_its_pods_move():
        victims = [p["metadata"]["name"] for p in pods("app=simweb")
                   if p["spec"]["nodeName"] == "sim-1"]
        if not victims:
            raise Failure("no simweb pod on sim-1")
        expect(c.kubectl("annotate", "node", "sim-1", "sim.kactor.io/down=true"))
        eventually("sim-1 Unknown", lambda: ready("sim-1") == "Unknown", timeout=30)
        eventually("sim-1 NotReady in get nodes",
                   lambda: "NotReady" in expect(c.kubectl("get", "node", "sim-1")).out)
        eventually("sim-1's pods evicted", lambda: all(
            c.get_json("pod", v)["metadata"].get("deletionTimestamp") for v in victims),
            timeout=30)
        eventually("6 ready again, none on sim-1", lambda: sum(
            1 for p in pods("app=simweb")
            if p["spec"].get("nodeName") != "sim-1" and p["status"].get("phase") == "Running"
            and not p["metadata"].get("deletionTimestamp")) == 6)
        expect(c.kubectl("annotate", "node", "sim-1", "sim.kactor.io/down-"))
        eventually("sim-1 Ready again", lambda: ready("sim-1") == "True", timeout=30)
        eventually("the evicted pods gone", lambda: not any(
            p["metadata"]["name"] in victims for p in pods("app=simweb")))

    try:
        steps.finish()
    finally:
        c.kubectl("delete", "deployment", "real", "simweb")


def case_node_lifecycle(session):
    # The control plane with a short grace period, and a second node run by its own kubelet,
    # which is then frozen (SIGSTOP): it stops renewing its Lease and posting status.
    c = control_plane(session, "--node-monitor-period", "500ms", "--node-monitor-grace-period",
                      "4s")
    marker = tempfile.mkdtemp(prefix="kactor-n2-", dir=session.dir)
    steps = Steps()
    kubelet = session.start(["kubelet", "--data-dir", c.data_dir, "--hostname-override", "n2",
                             "--node-status-update-frequency", "1s"])
    kubelet.wait_for_line("ready")
    pod = f"""apiVersion: v1
kind: Pod
metadata: {{name: on-n2}}
spec:
  nodeName: n2
  tolerations:
    - {{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute,
        tolerationSeconds: 2}}
  containers: [{{name: main, image: host, command: [sleep, "600", "{marker}"]}}]
"""

    def ready(node):
        conds = c.get_json("node", node).get("status", {}).get("conditions", [])
        return next((x["status"] for x in conds if x["type"] == "Ready"), None)

    @steps.step
    def second_node_registers_and_runs_a_pod():
        eventually("n2 Ready", lambda: ready("n2") == "True")
        expect(c.kubectl("apply", "-f", c.path("on-n2.yaml", pod)))
        eventually("on-n2 Running", lambda: c.jsonpath("pod", "on-n2", path="{.status.phase}")
                   == "Running")

    @steps.step
    def frozen_kubelet_makes_the_node_not_ready_and_evicts():
        kubelet.signal(signal.SIGSTOP)
        eventually("n2 Unknown", lambda: ready("n2") == "Unknown", timeout=30)
        eventually("the unreachable taints on n2", lambda: any(
            t["key"] == "node.kubernetes.io/unreachable"
            for t in c.get_json("node", "n2").get("spec", {}).get("taints", [])))
        eventually("on-n2 evicted", lambda: c.get_json("pod", "on-n2")["metadata"]
                   .get("deletionTimestamp"), timeout=30)
        table = expect(c.kubectl("get", "nodes")).out
        if "NotReady" not in table:
            raise Failure(f"get nodes: {table!r}")

    try:
        steps.finish()
    finally:
        kubelet.signal(signal.SIGCONT)
        c.kubectl("delete", "pod", "on-n2", "--grace-period=0", "--force")
        kubelet.signal(signal.SIGTERM)
        kubelet.wait()
        for pid in processes_mentioning(marker):
            os.kill(pid, signal.SIGKILL)
        c.stop()


if __name__ == "__main__":
    sys.exit(main({
        "deployment": case_deployment,
        "scheduling": case_scheduling,
        "probes": case_probes,
        "logs_exec": case_logs_exec,
        "failover": case_failover,
        "controller_failover": case_controller_failover,
        "node_lifecycle": case_node_lifecycle,
        "simulated": case_simulated,
    }))
