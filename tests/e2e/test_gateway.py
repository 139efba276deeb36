"""End-to-end tests of `kactor gateway`: a second API server beside `kactor up`, on its bus.
Run by ctest, one case per test:
    python3 test_gateway.py --kactor path/to/kactor --case crossing"""

import http.client
import json
import os
import queue
import re
import signal
import socket
import sys
import threading
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TIMEOUT, Failure, check, free_port, http_get, main, wait_until  # noqa: E402

CONFIGMAPS = "/api/v1/namespaces/default/configmaps"
READY = re.compile(r"^kactor gateway: ready \(http 127\.0\.0\.1:(\d+), bus (nats://127\.0\.0\.1:\d+)\)\n$")


def start_up(session):
    """`kactor up` on a free port, ready: (kactor, port, data dir)."""
    port = free_port()
    data_dir = session.data_dir("up")
    k = session.start(["up", "--data-dir", data_dir, "--port", str(port)])
    k.wait_for_line("ready")
    return k, port, data_dir


def start_gateway(session, args):
    """`kactor gateway` with `args` on a free port, ready: (kactor, port, bus URL of its line)."""
    port = free_port()
    k = session.start(["gateway", "--port", str(port)] + args)
    line = k.wait_for_line("ready")
    m = READY.match(line)
    check(m is not None and int(m.group(1)) == port, f"ready line: {line!r}")
    return k, port, m.group(2)


def request(port, method, path, body=None):
    """(status, parsed JSON body) of one API request; the status of an HTTP error too."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json",
                                          "Accept": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as res:
            return res.status, json.loads(res.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def configmap(name, value):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name},
            "data": {"written-through": value}}


def create(port, name, value):
    status, body = request(port, "POST", CONFIGMAPS, configmap(name, value))
    check(status == 201, f"POST {name} on port {port}: {status} {body}")
    return body


def readable(port, name, value):
    """True once GET on `port` returns the ConfigMap with data written-through=value."""
    status, body = request(port, "GET", f"{CONFIGMAPS}/{name}")
    return status == 200 and body["data"] == {"written-through": value}


class Watch:
    """A watch stream (GET ...?watch=true) whose JSON event lines a thread puts in a queue;
    None marks the end of the stream."""

    def __init__(self, port, path):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.conn.request("GET", path, headers={"Accept": "application/json"})
        self.res = self.conn.getresponse()
        if self.res.status != 200:
            raise Failure(f"watch {path}: {self.res.status} {self.res.read()!r}")
        self.events = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        try:
            for line in self.res:
                if line.strip():
                    self.events.put(json.loads(line))
        except (OSError, http.client.HTTPException, ValueError) as e:
            self.events.put({"type": "CLIENT-ERROR", "object": str(e)})
        self.events.put(None)

    def next(self, what):
        try:
            return self.events.get(timeout=TIMEOUT)
        except queue.Empty:
            raise Failure(f"no watch event within {TIMEOUT:.0f} s while waiting for {what}")

    def wait_for(self, kind, name):
        """The next event of type `kind` about `name`, skipping others (bookmarks ...)."""
        while True:
            event = self.next(f"{kind} {name}")
            check(event is not None, f"the watch ended before {kind} {name}")
            if event["type"] == kind and event["object"]["metadata"]["name"] == name:
                return event

    def close(self):
        # Shut the socket down first: the pump thread's blocked read holds the response's lock,
        # which close() needs.
        if self.conn.sock is not None:
            try:
                self.conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.conn.close()


def case_crossing(session):
    up, a, data_dir = start_up(session)
    before = sorted(os.listdir(data_dir))
    gw, b, bus = start_gateway(session, ["--data-dir", data_dir])
    with open(os.path.join(data_dir, "nats-url")) as f:
        check(bus == f.read().strip(), f"the gateway uses up's bus ({bus})")
    check(http_get(b, "/readyz") == (200, "ok"), f"gateway /readyz: {http_get(b, '/readyz')}")
    status, body = http_get(b, "/readyz?verbose")
    for name in ("bus", "watch-cache", "system-namespaces"):
        check(f"[+]{name} ok" in body, f"/readyz?verbose lists {name}: {body!r}")
    create(a, "from-a", "up")
    wait_until(lambda: readable(b, "from-a", "up"), "the ConfigMap created through up on the gateway")
    create(b, "from-b", "gateway")
    check(readable(b, "from-b", "gateway"), "the gateway reads its own write at once")
    wait_until(lambda: readable(a, "from-b", "gateway"), "the ConfigMap created through the gateway on up")
    status, body = request(b, "POST", CONFIGMAPS, configmap("from-a", "again"))
    check(status == 409 and body["reason"] == "AlreadyExists",
          f"the gateway sees up's object in the store: {status} {body}")
    status, body = request(b, "GET", "/api/v1/namespaces")
    names = {ns["metadata"]["name"] for ns in body["items"]}
    check({"default", "kube-system"} <= names, f"namespaces on the gateway: {names}")
    check(sorted(os.listdir(data_dir)) == before, f"the gateway wrote nothing in {data_dir}")
    check(len(gw.stdout) == 1, f"the gateway's stdout holds only the ready line: {gw.stdout!r}")


def case_watch(session):
    up, a, data_dir = start_up(session)
    gw, b, bus = start_gateway(session, ["--data-dir", data_dir])
    status, listed = request(b, "GET", CONFIGMAPS)
    check(status == 200, f"list on the gateway: {status} {listed}")
    rv = listed["metadata"]["resourceVersion"]
    watch = Watch(b, f"{CONFIGMAPS}?watch=true&resourceVersion={rv}")
    try:
        created = create(a, "watched", "v1")
        event = watch.wait_for("ADDED", "watched")
        check(event["object"]["data"] == {"written-through": "v1"}, f"ADDED event: {event}")
        check(event["object"]["metadata"]["resourceVersion"] == created["metadata"]["resourceVersion"],
              f"the event carries the write's resourceVersion: {event} vs {created}")
        created["data"] = {"written-through": "v2"}
        status, body = request(a, "PUT", f"{CONFIGMAPS}/watched", created)
        check(status == 200, f"PUT through up: {status} {body}")
        event = watch.wait_for("MODIFIED", "watched")
        check(event["object"]["data"] == {"written-through": "v2"}, f"MODIFIED event: {event}")
        status, body = request(a, "DELETE", f"{CONFIGMAPS}/watched")
        check(status == 200, f"DELETE through up: {status} {body}")
        watch.wait_for("DELETED", "watched")
    finally:
        watch.close()


def case_bad_config(session):
    code, out, err = session.run(["gateway"])
    check(code == 2 and "config: gateway.nats_url: not set: pass --nats URL, or --data-dir DIR" in err,
          f"no bus: {code} {err!r}")
    empty = session.data_dir("empty")
    os.makedirs(empty)
    code, out, err = session.run(["gateway", "--data-dir", empty])
    check(code == 2 and f"(no URL in {os.path.join(empty, 'nats-url')})" in err,
          f"data dir without nats-url: {code} {err!r}")
    check(os.listdir(empty) == [], "nothing was written to the data dir")
    code, out, err = session.run(["gateway", "--nats", "http://127.0.0.1:1"])
    check(code == 2 and "config: gateway.nats_url: expected" in err, f"bad URL: {code} {err!r}")
    config = os.path.join(session.dir, "gateway.yaml")
    with open(config, "w") as f:
        f.write("gateway:\n  nats_url: nats://127.0.0.1:4222\n  service_cidr: 10.96.0.1/12\n")
    code, out, err = session.run(["gateway", "--config", config])
    check(code == 2 and "config: gateway.service_cidr: expected an IPv4 network" in err
          and "(line 3 of " in err, f"bad service range: {code} {err!r}")
    check(out == "", f"nothing on stdout: {out!r}")


def case_sigterm(session):
    up, a, data_dir = start_up(session)
    with open(os.path.join(data_dir, "nats-url")) as f:
        url = f.read().strip()
    code, out, err = session.run(["gateway", "--nats", url, "--port", str(a)])
    check(code == 1 and f"http: listen on 127.0.0.1:{a}: Address already in use" in err,
          f"port in use: {code} {err!r}")
    log_file = os.path.join(session.dir, "logs", "gateway.log")
    gw, b, bus = start_gateway(session, ["--nats", url, "--log-file", log_file])
    check(bus == url, f"the ready line names the bus: {bus}")
    watch = Watch(b, f"{CONFIGMAPS}?watch=true")
    try:
        gw.signal(signal.SIGTERM)
        code = gw.wait()
        check(code == 0, f"exit code after SIGTERM: {code}; stderr:\n{gw.stderr()}")
        while True:  # the open watch ends with its final chunk (drained), instead of hanging
            event = watch.next("the end of the watch")
            if event is None:
                break
            check(event["type"] != "CLIENT-ERROR", f"the watch ended cleanly: {event}")
    finally:
        watch.close()
    check(http_get(b, "/readyz", timeout=5)[0] is None, "the gateway's port is closed")
    check(http_get(a, "/readyz") == (200, "ok"), "up keeps serving")
    create(a, "after-gateway", "up")
    with open(log_file) as f:
        text = f.read()
    check("shutting down (SIGTERM)" in text and "stopped" in text, f"gateway.log: {text!r}")


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    sys.exit(main(CASES))
