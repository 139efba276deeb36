#!/usr/bin/env python3
"""Control-loop benchmark of `kactor up` with every role (standard library + the real kubectl).

Measures:
  cold start     process start -> first GET /readyz answered 200 (fresh data dir), p50/max
  idle RSS       resident memory of kactor up plus its nats-server child, 10 s after ready
                 (no workload), in MB
  100 replicas   `kubectl apply` of a 100-replica Deployment of `sleep` processes -> all 100
                 pods Running (observed by polling the API every 100 ms), on one node with the
                 process runtime; and -> all 100 processes gone after `kubectl delete`
Goals from the issue: idle RSS <= 100 MB, cold start <= 1 s. Usage:
  python3 bench/control_loop.py --kactor build/cmd/kactor [--runs 5] [--replicas 100]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from harness import Session, free_port, http_get, processes_mentioning, read_pid, wait_until  # noqa: E402

KUBECTL = "/usr/bin/kubectl"


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_up(session, name):
    port = free_port()
    data_dir = session.data_dir(name)
    start = time.monotonic()
    k = session.start(["up", "--data-dir", data_dir, "--port", str(port)])
    wait_until(lambda: http_get(port, "/readyz", timeout=5)[0] == 200, "/readyz 200",
               interval=0.002, timeout=60)
    return k, data_dir, time.monotonic() - start


def kubectl(data_dir, cache, *args, stdin=None):
    argv = [KUBECTL, "--kubeconfig", os.path.join(data_dir, "kubeconfig"), "--cache-dir", cache]
    return subprocess.run(argv + list(args), input=stdin, capture_output=True, text=True,
                          timeout=120, check=True).stdout


def deployment(replicas, marker):
    return f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: bench}}
spec:
  replicas: {replicas}
  selector: {{matchLabels: {{app: bench}}}}
  template:
    metadata: {{labels: {{app: bench}}}}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: main
          image: host
          command: ["sh", "-c", "sleep 3600; : {marker}"]
"""


def running(data_dir, cache):
    items = json.loads(kubectl(data_dir, cache, "get", "pods", "-l", "app=bench", "-o", "json"))
    return sum(1 for p in items["items"] if p.get("status", {}).get("phase") == "Running")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kactor", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--replicas", type=int, default=100)
    args = parser.parse_args()
    with Session(os.path.abspath(args.kactor)) as session:
        starts = []
        for i in range(args.runs):
            k, _, took = start_up(session, f"cold{i}")
            starts.append(took * 1000)
            k.signal(15)
            k.wait()
        k, data_dir, _ = start_up(session, "load")
        time.sleep(10)
        nats = read_pid(os.path.join(data_dir, "nats.pid"))
        idle = (rss_kb(k.proc.pid) + (rss_kb(nats) if nats else 0)) / 1024
        cache = tempfile.mkdtemp(prefix="kubectl-cache-", dir=session.dir)
        marker = tempfile.mkdtemp(prefix="bench-", dir=session.dir)
        began = time.monotonic()
        kubectl(data_dir, cache, "apply", "-f", "-", stdin=deployment(args.replicas, marker))
        wait_until(lambda: running(data_dir, cache) == args.replicas, "all pods Running",
                   interval=0.1, timeout=600)
        wait_until(lambda: len(processes_mentioning(marker)) == args.replicas,
                   "one process per pod", interval=0.1, timeout=60)
        to_running = time.monotonic() - began
        processes = len(processes_mentioning(marker))
        busy = (rss_kb(k.proc.pid) + (rss_kb(nats) if nats else 0)) / 1024
        began = time.monotonic()
        kubectl(data_dir, cache, "delete", "deployment", "bench", "--wait=false")
        wait_until(lambda: not processes_mentioning(marker), "all processes gone", interval=0.1,
                   timeout=600)
        to_gone = time.monotonic() - began
        k.signal(15)
        k.wait()
    print(f"cold start to /readyz ms: p50 {statistics.median(starts):.0f} max {max(starts):.0f} "
          f"({args.runs} runs)")
    print(f"idle RSS kactor up + nats-server: {idle:.1f} MB")
    print(f"{args.replicas} replicas: apply -> all Running {to_running:.2f} s "
          f"({processes} processes); RSS then {busy:.1f} MB; delete -> no process {to_gone:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
