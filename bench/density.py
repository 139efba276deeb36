#!/usr/bin/env python3
"""Density benchmark (ClusterLoader2's shape) on simulated nodes. Standard library only.

Starts the control plane as separate processes so each role's memory can be read:
  kactor up --roles state,gateway        (state, gateway, and the nats-server child)
  kactor scheduler, kactor controller-manager
  kactor kubelet --simulate N            (N simulated nodes, docs/simulated.md)
then creates pods-per-node x N bare pods through the gateway at a fixed rate (each tolerates
the simulated nodes' taint) and measures:
  registration   process start -> all N Nodes Ready (LIST every 2 s)
  pod startup    create sent -> the pod seen Running on a watch; p50/p90/p99 over all pods,
                 split at the first event with spec.nodeName (create -> bound -> Running)
                 (ClusterLoader2 measures from creationTimestamp, which has 1 s resolution)
  API latency    client-side: every create (mutating), and during the run a GET of one pod
                 and a LIST of 500 pods (limit=500) every 100 ms (read); p50/p99
  cpu            CPU seconds each process used from the first create to the last Running
  footprint      RSS of each process idle (nodes registered, no pods) and at the end;
                 memory per stored pod = RSS growth of the first process / pods; the store
                 file. --all-in-one: one `kactor up --simulated-nodes N` hosting every role
  cold start     kactor up --roles state,gateway restarted on the full store -> /readyz 200
Goals from the issue at 5,000 nodes / 150,000 pods: pod startup p99 <= 1 s, mutating p99
<= 100 ms. Usage:
  python3 bench/density.py --kactor build/cmd/kactor --nodes 1000 [--pods-per-node 30]
      [--rate 300] [--clients 8]
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import (SIM_TOLERATION, cpu_s, create_namespace, list_revision, pct,  # noqa: E402
                          ready_nodes, request, rss_mb)
from harness import Session, free_port, http_get, read_pid, wait_until  # noqa: E402

NS = "density"


def pod_body(i):
    return json.dumps({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": f"density-{i}", "namespace": NS, "labels": {"app": "density",
                                                                        "group": str(i % 100)}},
        "spec": {
            "tolerations": [SIM_TOLERATION],
            "containers": [{"name": "main", "image": "registry.k8s.io/pause:3.10",
                            "resources": {"requests": {"cpu": "10m", "memory": "10Mi"}}}],
        },
    })


class Watch(threading.Thread):
    """Records when each pod is first seen Running on a watch of the namespace."""

    def __init__(self, port, rv):
        super().__init__(daemon=True)
        self.port, self.rv = port, rv
        self.running = {}
        self.bound = {}
        self.events = 0
        self.error = None

    def run(self):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=3600)
            conn.request("GET", f"/api/v1/namespaces/{NS}/pods?watch=true&resourceVersion={self.rv}"
                                "&allowWatchBookmarks=false")
            r = conn.getresponse()
            while True:
                line = r.readline()
                if not line:
                    return
                self.events += 1
                running = b'"phase":"Running"' in line
                if not running and b'"nodeName"' not in line:
                    continue
                now = time.monotonic()
                name = json.loads(line)["object"]["metadata"]["name"]
                self.bound.setdefault(name, now)
                if running:
                    self.running.setdefault(name, now)
        except Exception as e:  # reported by the main thread
            self.error = e


def create_pods(port, total, rate, clients, sent, create_lat, errors):
    start = time.monotonic() + 0.2
    lock = threading.Lock()
    next_i = [0]

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                i = next_i[0]
                next_i[0] += 1
            if i >= total:
                return
            due = start + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            t0 = time.monotonic()
            status, data = request(conn, "POST", f"/api/v1/namespaces/{NS}/pods", pod_body(i))
            t1 = time.monotonic()
            sent[f"density-{i}"] = t0
            create_lat.append(t1 - t0)
            if status != 201:
                errors.append((status, data[:200]))

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    return threads


def reader(port, stop, get_lat, list_lat):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while not stop.is_set():
        t0 = time.monotonic()
        status, _ = request(conn, "GET", f"/api/v1/namespaces/{NS}/pods/density-0")
        if status == 200:
            get_lat.append(time.monotonic() - t0)
        t0 = time.monotonic()
        status, _ = request(conn, "GET", f"/api/v1/namespaces/{NS}/pods?limit=500")
        if status == 200:
            list_lat.append(time.monotonic() - t0)
        stop.wait(0.1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kactor", required=True)
    p.add_argument("--nodes", type=int, default=1000)
    p.add_argument("--pods-per-node", type=int, default=30)
    p.add_argument("--rate", type=float, default=300.0, help="pod creates per second")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--all-in-one", action="store_true",
                   help="one `kactor up --simulated-nodes N` with every control-plane role")
    p.add_argument("--logs", help="copy every process's stderr into this directory")
    p.add_argument("--timeout", type=float, default=1200.0, help="whole run, seconds")
    a = p.parse_args()
    kactor = os.path.abspath(a.kactor)
    deadline = time.monotonic() + a.timeout
    total = a.nodes * a.pods_per_node
    figures = {}

    def say(key, value):
        figures[key] = value
        print(f"{key}: {value}", flush=True)

    with Session(kactor) as s:
        data = s.data_dir("density")
        port = free_port()
        t0 = time.monotonic()
        if a.all_in_one:
            up = s.start(["up", "--data-dir", data, "--port", str(port), "--roles",
                          "state,gateway,scheduler,controller-manager", "--simulated-nodes",
                          str(a.nodes)])
        else:
            up = s.start(["up", "--data-dir", data, "--port", str(port), "--roles",
                          "state,gateway"])
        up.wait_for_line("ready")
        wait_until(lambda: http_get(port, "/readyz", timeout=5)[0] == 200, "/readyz", timeout=60)
        others = []
        if not a.all_in_one:
            sched = s.start(["scheduler", "--data-dir", data])
            cm = s.start(["controller-manager", "--data-dir", data])
            sim = s.start(["kubelet", "--data-dir", data, "--simulate", str(a.nodes)])
            others = [sim, cm, sched]
        wait_until(lambda: ready_nodes(port) >= a.nodes, f"{a.nodes} Ready nodes",
                   timeout=max(60, deadline - time.monotonic()), interval=2)
        say("nodes_ready_s", round(time.monotonic() - t0, 1))
        time.sleep(10)
        nats = read_pid(os.path.join(data, "nats.pid"))
        if a.all_in_one:
            procs = {"up(all roles, simulated nodes)": up.proc.pid, "nats-server": nats}
        else:
            procs = {"up(state,gateway)": up.proc.pid, "nats-server": nats,
                     "scheduler": sched.proc.pid, "controller-manager": cm.proc.pid,
                     "kubelet --simulate": sim.proc.pid}
        idle = {k: rss_mb(v) for k, v in procs.items()}
        for k, v in idle.items():
            say(f"rss_idle_mb[{k}]", round(v, 1))

        create_namespace(port, NS)
        rv = list_revision(port, f"/api/v1/namespaces/{NS}/pods")
        watch = Watch(port, rv)
        watch.start()
        sent, create_lat, errors, get_lat, list_lat = {}, [], [], [], []
        stop = threading.Event()
        rd = threading.Thread(target=reader, args=(port, stop, get_lat, list_lat), daemon=True)
        rd.start()
        c0 = time.monotonic()
        cpu0 = {k: cpu_s(v) for k, v in procs.items()}
        workers = create_pods(port, total, a.rate, a.clients, sent, create_lat, errors)
        for t in workers:
            t.join(max(1, deadline - time.monotonic()))
        created_s = time.monotonic() - c0
        say("pods_created", len(create_lat))
        say("create_rate_achieved_per_s", round(len(create_lat) / created_s, 1))
        while len(watch.running) < total and time.monotonic() < deadline and not watch.error:
            time.sleep(0.5)
        all_running_s = time.monotonic() - c0
        for k, v in procs.items():
            say(f"cpu_s[{k}]", round(cpu_s(v) - cpu0[k], 1))
        stop.set()
        rd.join(5)
        if watch.error:
            say("watch_error", repr(watch.error))
        say("create_errors", len(errors))
        if errors:
            say("first_error", errors[0])
        lat = [watch.running[n] - sent[n] for n in sent if n in watch.running]
        say("pods_running", len(lat))
        say("all_running_s", round(all_running_s, 1))
        to_bind = [watch.bound[n] - sent[n] for n in sent if n in watch.bound]
        bind_to_run = [watch.running[n] - watch.bound[n] for n in watch.running if n in watch.bound]
        for q in (0.5, 0.9, 0.99):
            say(f"startup_p{int(q * 100)}_ms", round(pct(lat, q) * 1000, 1))
        for q in (0.5, 0.99):
            say(f"create_to_bound_p{int(q * 100)}_ms", round(pct(to_bind, q) * 1000, 1))
            say(f"bound_to_running_p{int(q * 100)}_ms", round(pct(bind_to_run, q) * 1000, 1))
        for name, values in (("create", create_lat), ("get", get_lat), ("list500", list_lat)):
            say(f"api_{name}_p50_ms", round(pct(values, 0.5) * 1000, 2))
            say(f"api_{name}_p99_ms", round(pct(values, 0.99) * 1000, 2))
        say("watch_events", watch.events)
        loaded = {k: rss_mb(v) for k, v in procs.items()}
        for k, v in loaded.items():
            say(f"rss_loaded_mb[{k}]", round(v, 1))
        first = next(iter(procs))
        growth = loaded[first] - idle[first]
        say(f"kb_per_pod[{first}]", round(growth * 1024 / max(total, 1), 2))
        store = sum(os.path.getsize(os.path.join(r, f))
                    for r, _, fs in os.walk(os.path.join(data, "state")) for f in fs)
        say("store_mb", round(store / 1e6, 1))

        for k in others + [up]:
            k.signal(15)
            k.wait(60)
        t0 = time.monotonic()
        up2 = s.start(["up", "--data-dir", data, "--port", str(port), "--roles", "state,gateway"])
        wait_until(lambda: http_get(port, "/readyz", timeout=5)[0] == 200, "/readyz after restart",
                   interval=0.005, timeout=120)
        say("cold_start_full_store_ms", round((time.monotonic() - t0) * 1000))
        time.sleep(2)
        say("rss_restarted_mb[up(state,gateway)]", round(rss_mb(up2.proc.pid), 1))
        up2.signal(15)
        up2.wait(60)
        if a.logs:
            os.makedirs(a.logs, exist_ok=True)
            for k in s.started:
                name = os.path.basename(k.stderr_path)
                shutil.copy(k.stderr_path, os.path.join(a.logs, f"{name[:-4]}-{k.args[1]}.txt"))
    ok = (figures.get("pods_running") == total and figures.get("create_errors") == 0)
    print("summary: " + json.dumps(figures), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
