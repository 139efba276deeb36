"""Helpers shared by the Python benchmarks (density.py, scheduler_throughput.py). Standard
library only; the process handling comes from tests/e2e/harness.py."""

import http.client
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))

SIM_TOLERATION = {"key": "kactor.io/simulated", "operator": "Exists", "effect": "NoSchedule"}


def rss_mb(pid):
    """Resident memory of a process, MiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_s(pid):
    """User + system CPU seconds the process has used."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def pct(values, q):
    """The q-quantile (0..1) of values, nan when empty."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


# Every real client sends one (client-go: "<binary>/<version> (<os>/<arch>) ..."); the
# gateway names the managedFields manager after it, so requests without one would skip the
# managedFields tracking that real writes pay for.
USER_AGENT = "clusterloader/v0.0.0 (linux/amd64) kactor-bench"


def request(conn, method, path, body=None):
    """(status, body bytes) of one request on a kept-alive connection, with a User-Agent."""
    headers = {"User-Agent": USER_AGENT}
    if body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=headers)
    r = conn.getresponse()
    return r.status, r.read()


def ready_nodes(port):
    """How many simulated nodes report Ready=True."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, data = request(conn, "GET", "/api/v1/nodes?labelSelector=kactor.io%2Fsimulated%3Dtrue")
    conn.close()
    if status != 200:
        return 0
    n = 0
    for node in json.loads(data)["items"]:
        for c in node.get("status", {}).get("conditions", []):
            if c["type"] == "Ready" and c["status"] == "True":
                n += 1
    return n


def create_namespace(port, name):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, data = request(conn, "POST", "/api/v1/namespaces",
                           json.dumps({"apiVersion": "v1", "kind": "Namespace",
                                       "metadata": {"name": name}}))
    conn.close()
    if status not in (201, 409):
        raise RuntimeError(f"create namespace {name}: {status} {data[:200]!r}")


def list_revision(port, path):
    """The resourceVersion of a LIST of path (limit=1): where a watch starts."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    _, body = request(conn, "GET", f"{path}?limit=1")
    conn.close()
    return json.loads(body)["metadata"]["resourceVersion"]
