#!/usr/bin/env python3
"""Scheduler throughput (scheduler_perf's shape) on simulated nodes. Standard library only.

For each shape, on a fresh cluster:
  1. kactor up --roles state,gateway; kactor kubelet --simulate N; wait for N Ready nodes;
  2. the simulator is killed (SIGKILL: its Nodes stay, Ready, as scheduler_perf's static
     nodes do; no controller-manager runs, so nothing marks them NotReady), unless
     --keep-simulator, which leaves it running the bound pods;
  3. P pods are created through the gateway with no scheduler running (all pending);
  4. `kactor scheduler` starts; a watch records when each pod is first seen with
     spec.nodeName.
Figures per shape: pods bound per second from the first bind to the last (throughput), the
median of per-second bind counts, scheduler start -> first bind (informer sync of N nodes and
P pods), CPU milliseconds per bound pod of each process (the scheduler, state + gateway,
nats-server, and this script's watch), the scheduler's RSS, and how pods spread over zones.
Shapes (every pod requests 100m CPU / 128Mi and tolerates the simulated nodes' taint):
  basic          no constraints (SchedulingBasic)
  node-affinity  required node affinity: zone In {zone-0, zone-1} (SchedulingNodeAffinity)
  anti-affinity  required pod anti-affinity on kubernetes.io/hostname within groups of
                 P/4 pods (each group's pods on distinct nodes; SchedulingPodAntiAffinity)
  spread         topologySpreadConstraints maxSkew 1 on the zone, DoNotSchedule
                 (TopologySpreading)
Goal from the issue: >= 2,000 pods/s at 5,000 nodes and 10,000 pending pods. Usage:
  python3 bench/scheduler_throughput.py --kactor build/cmd/kactor [--nodes 5000]
      [--pods 10000] [--shapes basic,node-affinity,anti-affinity,spread]
"""

import argparse
import http.client
import json
import os
import re
import shutil
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import (SIM_TOLERATION, cpu_s, create_namespace, list_revision, pct,  # noqa: E402
                          ready_nodes, request, rss_mb)
from harness import Session, free_port, http_get, read_pid, wait_until  # noqa: E402

NS = "sched"
PREFIX = "sim"
ZONES = 3
SHAPES = ("basic", "node-affinity", "anti-affinity", "spread")


def pod_body(shape, i, pods):
    group = str(i % 4)
    spec = {
        "tolerations": [SIM_TOLERATION],
        "containers": [{"name": "main", "image": "registry.k8s.io/pause:3.10",
                        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}],
    }
    if shape == "node-affinity":
        spec["affinity"] = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
            "nodeSelectorTerms": [{"matchExpressions": [{
                "key": "topology.kubernetes.io/zone", "operator": "In",
                "values": [f"{PREFIX}-zone-0", f"{PREFIX}-zone-1"]}]}]}}}
    elif shape == "anti-affinity":
        spec["affinity"] = {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [{
            "topologyKey": "kubernetes.io/hostname",
            "labelSelector": {"matchLabels": {"group": group}}}]}}
    elif shape == "spread":
        spec["topologySpreadConstraints"] = [{
            "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "DoNotSchedule",
            "labelSelector": {"matchLabels": {"app": "sched"}}}]
    return json.dumps({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": f"p-{i}", "namespace": NS,
                     "labels": {"app": "sched", "group": group}},
        "spec": spec,
    })


class BindWatch(threading.Thread):
    """Records when each pod is first seen with spec.nodeName, and on which node."""

    NAME = re.compile(rb'"name":"(p-\d+)"')
    NODE = re.compile(rb'"nodeName":"([^"]+)"')

    def __init__(self, port, rv):
        super().__init__(daemon=True)
        self.port, self.rv = port, rv
        self.bound = {}
        self.error = None

    def run(self):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=3600)
            conn.request("GET", f"/api/v1/namespaces/{NS}/pods?watch=true"
                                f"&resourceVersion={self.rv}")
            r = conn.getresponse()
            while True:
                line = r.readline()
                if not line:
                    return
                node = self.NODE.search(line)
                if not node:
                    continue
                name = self.NAME.search(line).group(1).decode()
                if name not in self.bound:
                    self.bound[name] = (time.monotonic(), node.group(1).decode())
        except Exception as e:  # reported by the main thread
            self.error = e


def create_all(port, shape, pods, clients):
    lock = threading.Lock()
    next_i, errors = [0], []

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = next_i[0]
                next_i[0] += 1
            if i >= pods:
                return
            status, data = request(conn, "POST", f"/api/v1/namespaces/{NS}/pods",
                                   pod_body(shape, i, pods))
            if status != 201:
                errors.append((status, data[:200]))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def run_shape(kactor, shape, a, say):
    with Session(kactor) as s:
        data = s.data_dir(shape)
        port = free_port()
        up = s.start(["up", "--data-dir", data, "--port", str(port), "--roles", "state,gateway"])
        up.wait_for_line("ready")
        wait_until(lambda: http_get(port, "/readyz", timeout=5)[0] == 200, "/readyz", timeout=60)
        sim = s.start(["kubelet", "--data-dir", data, "--simulate", str(a.nodes),
                       "--simulate-prefix", PREFIX, "--simulate-zones", str(ZONES)])
        wait_until(lambda: ready_nodes(port) >= a.nodes, f"{a.nodes} Ready nodes",
                   timeout=600, interval=2)
        if not a.keep_simulator:
            sim.kill()
        create_namespace(port, NS)
        t0 = time.monotonic()
        errors = create_all(port, shape, a.pods, a.clients)
        say(f"{shape}.create_s", round(time.monotonic() - t0, 1))
        say(f"{shape}.create_errors", len(errors))
        if errors:
            say(f"{shape}.first_error", errors[0])
        rv = list_revision(port, f"/api/v1/namespaces/{NS}/pods")
        watch = BindWatch(port, rv)
        watch.start()
        time.sleep(1)
        started = time.monotonic()
        sched = s.start(["scheduler", "--data-dir", data])
        procs = {"scheduler": sched.proc.pid, "up(state,gateway)": up.proc.pid,
                 "nats-server": read_pid(os.path.join(data, "nats.pid")),
                 "bench watch (this process)": os.getpid()}
        cpu0 = {k: cpu_s(v) for k, v in procs.items()}
        deadline = started + a.timeout
        while (len(watch.bound) < a.pods and time.monotonic() < deadline
               and not watch.error and sched.proc.poll() is None):
            time.sleep(0.2)
        cpu = {k: cpu_s(v) - cpu0[k] for k, v in procs.items()}
        rss = rss_mb(sched.proc.pid)
        if watch.error:
            say(f"{shape}.watch_error", repr(watch.error))
        times = sorted(t for t, _ in watch.bound.values())
        n = len(times)
        say(f"{shape}.bound", n)
        if n >= 2:
            span = times[-1] - times[0]
            say(f"{shape}.start_to_first_bind_s", round(times[0] - started, 2))
            say(f"{shape}.first_to_last_bind_s", round(span, 2))
            say(f"{shape}.pods_per_s", round((n - 1) / span, 1) if span > 0 else float("inf"))
            per_second = {}
            for t in times:
                per_second[int(t - times[0])] = per_second.get(int(t - times[0]), 0) + 1
            full = [per_second.get(k, 0) for k in range(int(span))]  # whole seconds only
            if full:
                say(f"{shape}.per_second_p50", pct(full, 0.5))
            say(f"{shape}.start_to_last_bind_s", round(times[-1] - started, 2))
        for k, v in cpu.items():
            say(f"{shape}.cpu_ms_per_pod[{k}]", round(v * 1000 / max(n, 1), 3))
        say(f"{shape}.scheduler_rss_mb", round(rss, 1))
        zones = {}
        per_node = {}
        per_group_node = {}
        for name, (_, node) in watch.bound.items():
            z = f"zone-{int(node.rsplit('-', 1)[1]) % ZONES}"
            zones[z] = zones.get(z, 0) + 1
            per_node[node] = per_node.get(node, 0) + 1
            key = (int(name.split("-")[1]) % 4, node)  # the group label of pod_body
            per_group_node[key] = per_group_node.get(key, 0) + 1
        say(f"{shape}.pods_per_zone", dict(sorted(zones.items())))
        say(f"{shape}.max_pods_per_node", max(per_node.values()) if per_node else 0)
        # Anti-affinity holds when no node has two pods of one group.
        say(f"{shape}.max_pods_of_a_group_per_node",
            max(per_group_node.values()) if per_group_node else 0)
        if a.logs:
            os.makedirs(a.logs, exist_ok=True)
            for k in s.started:
                name = os.path.basename(k.stderr_path)
                shutil.copy(k.stderr_path, os.path.join(a.logs, f"{shape}-{name[:-4]}-{k.args[1]}.txt"))
        return n == a.pods and not errors


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kactor", required=True)
    p.add_argument("--nodes", type=int, default=5000)
    p.add_argument("--pods", type=int, default=10000)
    p.add_argument("--clients", type=int, default=16, help="concurrent creators")
    p.add_argument("--shapes", default=",".join(SHAPES))
    p.add_argument("--keep-simulator", action="store_true",
                   help="leave the simulated nodes running (bound pods go Running)")
    p.add_argument("--logs", help="copy every process's stderr into this directory")
    p.add_argument("--timeout", type=float, default=600.0, help="per shape, from scheduler start")
    a = p.parse_args()
    kactor = os.path.abspath(a.kactor)
    figures = {}

    def say(key, value):
        figures[key] = value
        print(f"{key}: {value}", flush=True)

    ok = True
    for shape in a.shapes.split(","):
        if shape not in SHAPES:
            print(f"unknown shape {shape!r}; one of {', '.join(SHAPES)}", file=sys.stderr)
            return 2
        ok = run_shape(kactor, shape, a, say) and ok
    print("summary: " + json.dumps(figures), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
