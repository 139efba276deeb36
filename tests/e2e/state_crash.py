"""Crash test of the state role (docs/state.md): a bounded write load over the bus, kill -9 of the
state process mid-load, restart, then check that every acknowledged write is present, that the
revisions are contiguous, and that no transaction is partly applied. Then a snapshot taken while a
second load runs is restored into a new data directory and checked the same way.

    state_crash.py --kactor PATH            serves with `kactor state`, snapshots with `kactor store`

Standard library only: a minimal NATS client (the text protocol) and protobuf encoding by hand
for the few messages of messages/proto/kactor/bus.proto it needs. Every process it starts is
killed and every temporary directory removed, also when the test fails. Exit code 0 = pass."""

import argparse
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 30.0  # generous: behaviour is checked, never speed


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# --- protobuf, by hand ----------------------------------------------------------------------

def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_bytes(number, data):
    if isinstance(data, str):
        data = data.encode()
    return varint(number << 3 | 2) + varint(len(data)) + data


def field_int(number, value):
    return varint(number << 3) + varint(value) if value else b""


def parse(data):
    """field number -> list of values (int for varints, bytes for length-delimited)."""
    fields, i = {}, 0
    while i < len(data):
        key, i = read_varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = read_varint(data, i)
        elif wire == 2:
            size, i = read_varint(data, i)
            value, i = data[i:i + size], i + size
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise Failure(f"unexpected wire type {wire}")
        fields.setdefault(number, []).append(value)
    return fields


def read_varint(data, i):
    shift = value = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, i


def first(fields, number, default=0):
    return fields.get(number, [default])[0]


def error_code(reply):
    """The reply's Error.code (field 1 of every reply); 0 = success."""
    err = first(reply, 1, b"")
    return first(parse(err), 1) if err else 0


def object_ref(name, resource="configmaps", group="", namespace="crash"):
    return (field_bytes(1, group) if group else b"") + field_bytes(2, resource) + \
        field_bytes(3, namespace) + field_bytes(4, name)


def config_map(name, namespace="crash"):
    meta = field_bytes(1, name) + field_bytes(3, namespace)
    return field_bytes(1, meta)


def create_request(name):
    return field_bytes(1, object_ref(name)) + field_bytes(2, config_map(name))


def txn_request(names):
    return b"".join(field_bytes(1, field_bytes(1, create_request(n))) for n in names)


def get_request(name):
    return field_bytes(1, object_ref(name))


def watch_from_request(after, limit=1000):
    return field_int(4, after) + field_int(5, limit)  # resource "": every resource


# --- NATS, by hand ----------------------------------------------------------------------------

class Nats:
    """One connection; request() may be called from several threads."""

    def __init__(self, url):
        host, port = url.removeprefix("nats://").rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=TIMEOUT)
        self.file = self.sock.makefile("rb")
        check(self.file.readline().startswith(b"INFO "), "no INFO from nats-server")
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.replies = {}
        self.next_id = 0
        self.closed = False
        self._send(b'CONNECT {"verbose":false,"pedantic":false,"headers":true,'
                   b'"no_responders":true,"protocol":1,"name":"state-crash"}\r\n'
                   b"SUB _INBOX.crash.* 1\r\n")
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, data):
        self.sock.sendall(data)

    def _read(self):
        try:
            while True:
                line = self.file.readline()
                if not line:
                    break
                parts = line.split()
                if not parts:
                    continue
                if parts[0] == b"PING":
                    with self.lock:
                        self._send(b"PONG\r\n")
                elif parts[0] == b"MSG":
                    size = int(parts[-1])
                    payload = self.file.read(size + 2)[:size]
                    self._deliver(parts[1], payload, None)
                elif parts[0] == b"HMSG":
                    header_size, total = int(parts[-2]), int(parts[-1])
                    body = self.file.read(total + 2)[:total]
                    status = body[:header_size].split(b"\r\n")[0]
                    self._deliver(parts[1], body[header_size:], status)
        except OSError:
            pass
        with self.lock:
            self.closed = True
            self.cond.notify_all()

    def _deliver(self, subject, payload, status):
        with self.lock:
            self.replies[subject.decode()] = (payload, status)
            self.cond.notify_all()

    def send_request(self, subject, payload):
        """Sends a request; returns its inbox for wait_reply."""
        with self.lock:
            self.next_id += 1
            inbox = f"_INBOX.crash.{self.next_id}"
            self._send(f"PUB {subject} {inbox} {len(payload)}\r\n".encode() + payload + b"\r\n")
        return inbox

    def wait_reply(self, inbox, timeout=TIMEOUT):
        """("ok", fields), ("no_responders", None), or ("timeout", None)."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while inbox not in self.replies:
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    return "timeout", None
                self.cond.wait(left)
            payload, status = self.replies.pop(inbox)
        if status is not None and b"503" in status:
            return "no_responders", None
        return "ok", parse(payload)

    def request(self, verb, payload, timeout=TIMEOUT):
        """The reply's fields; None when nobody answered."""
        return self.wait_reply(self.send_request(f"kactor.v1.state.{verb}", payload), timeout)[1]

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


# --- processes ----------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nats_server_path():
    for candidate in (os.environ.get("NATS_SERVER"), "/usr/bin/nats-server", "/usr/sbin/nats-server",
                      shutil.which("nats-server")):
        if candidate and os.path.exists(candidate):
            return candidate
    raise Failure("nats-server not found (set NATS_SERVER)")


class Cluster:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.procs = []
        conf = os.path.join(workdir, "nats.conf")
        with open(conf, "w") as f:
            f.write("max_payload: 8MB\n")
        port = free_port()
        self.url = f"nats://127.0.0.1:{port}"
        self.nats = self.spawn([nats_server_path(), "-a", "127.0.0.1", "-p", str(port), "-c", conf],
                               "nats-server.log")
        wait_until(lambda: greets(port), "nats-server to accept connections")

    def spawn(self, argv, log):
        out = open(os.path.join(self.workdir, log), "ab")
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.procs.append(proc)
        return proc

    def state_argv(self, data_dir):
        return [self.args.kactor, "state", "--data-dir", data_dir, "--nats", self.url]

    def store(self, *store_args):
        """Runs `store ARGS` to completion; returns (exit code, stdout, stderr)."""
        done = subprocess.run([self.args.kactor, "store", *store_args], capture_output=True, text=True,
                              timeout=TIMEOUT)
        return done.returncode, done.stdout, done.stderr

    def start_state(self, data_dir, client):
        proc = self.spawn(self.state_argv(data_dir), "state.log")
        wait_until(lambda: proc.poll() is not None or client.request("status", b"", timeout=1) is not None,
                   "the state role to answer status")
        check(proc.poll() is None, f"the state process exited with {proc.returncode}")
        return proc

    def close(self):
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


def greets(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            return s.recv(5) == b"INFO "
    except OSError:
        return False


def wait_until(predicate, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise Failure(f"timed out waiting for {what}")
        time.sleep(0.02)


# --- load and checks -----------------------------------------------------------------------------

class Load:
    """A bounded closed-loop write load: `window` requests in flight, alternating single creates
    and two-object transactions, until stop() or `limit` writes. Records what was acknowledged."""

    def __init__(self, client, prefix, limit=3000, window=32):
        self.client, self.prefix, self.limit, self.window = client, prefix, limit, window
        self.acked = []  # (revision, [names]) of successful writes
        self.lock = threading.Lock()
        self.stopping = False
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stop_deadline = time.monotonic() + 2  # then in-flight requests are given up
        self.stopping = True
        self.thread.join(TIMEOUT * 2)

    def count(self):
        with self.lock:
            return len(self.acked)

    def _run(self):
        in_flight = []  # (inbox, verb, names)
        issued = 0
        while not self.stopping and issued < self.limit or in_flight:
            while not self.stopping and issued < self.limit and len(in_flight) < self.window:
                if issued % 2:
                    names = [f"{self.prefix}-{issued}-a", f"{self.prefix}-{issued}-b"]
                    inbox = self.client.send_request("kactor.v1.state.txn", txn_request(names))
                    in_flight.append((inbox, "txn", names))
                else:
                    names = [f"{self.prefix}-{issued}"]
                    inbox = self.client.send_request("kactor.v1.state.create", create_request(names[0]))
                    in_flight.append((inbox, "create", names))
                issued += 1
            inbox, verb, names = in_flight.pop(0)
            outcome, reply = "timeout", None
            deadline = time.monotonic() + TIMEOUT
            while outcome == "timeout" and time.monotonic() < deadline:
                if self.stopping and time.monotonic() > self.stop_deadline:
                    break
                outcome, reply = self.client.wait_reply(inbox, timeout=0.1)
            if reply is None or error_code(reply) != 0:
                continue  # not acknowledged: may or may not have been applied
            revision = first(reply, 3 if verb == "txn" else 2)
            with self.lock:
                self.acked.append((revision, names))


def all_events(client):
    """Every retained change, by watch-from pages from revision 1: [(revision, name, type)]."""
    events, after = [], 1
    while True:
        reply = client.request("watch-from", watch_from_request(after))
        check(reply is not None, "watch-from got no reply")
        check(error_code(reply) == 0, f"watch-from failed: {reply}")
        page = [parse(e) for e in reply.get(2, [])]
        for e in page:
            if first(e, 1) == 4:  # BOOKMARK: progress only
                continue
            events.append((first(e, 2), first(e, 8, b"").decode(), first(e, 1)))
        if not first(reply, 4):
            return events, first(reply, 3)
        after = first(page[-1], 2)


def verify(client, acked, label):
    """Every acknowledged write present at its revision; revisions 2..current contiguous; every
    transaction entirely there or entirely absent. Returns the current revision."""
    for revision, names in acked:
        for name in names:
            reply = client.request("get", get_request(name))
            check(reply is not None, f"{label}: get {name}: no reply")
            check(error_code(reply) == 0, f"{label}: acknowledged {name} (revision {revision}) is missing")
            check(first(reply, 3) == revision,
                  f"{label}: {name} has revision {first(reply, 3)}, acknowledged {revision}")
    events, current = all_events(client)
    by_revision = {}
    for revision, name, kind in events:
        by_revision.setdefault(revision, []).append(name)
    check(sorted(by_revision) == list(range(2, current + 1)),
          f"{label}: revisions are not contiguous 2..{current}: "
          f"missing {sorted(set(range(2, current + 1)) - set(by_revision))[:10]}")
    for revision, names in by_revision.items():
        pairs = {n.rsplit("-", 1)[0] for n in names if n.endswith(("-a", "-b"))}
        for pair in pairs:
            check(sorted(n for n in names if n.rsplit("-", 1)[0] == pair) == [pair + "-a", pair + "-b"],
                  f"{label}: transaction {pair} is partial at revision {revision}: {names}")
    return current


def run(args):
    workdir = tempfile.mkdtemp(prefix="kactor-state-crash-")
    cluster = client = None
    try:
        cluster = Cluster(args, workdir)
        client = Nats(cluster.url)
        data = os.path.join(workdir, "data")
        state = cluster.start_state(data, client)

        # 1. kill -9 in the middle of the load
        load = Load(client, "a").start()
        kill_after = random.randint(150, 600)
        wait_until(lambda: load.count() >= kill_after or not load.thread.is_alive(), "acknowledged writes")
        state.send_signal(signal.SIGKILL)
        state.wait()
        load.stop()
        check(load.count() >= kill_after, f"only {load.count()} writes acknowledged before the kill")
        state = cluster.start_state(data, client)
        current = verify(client, load.acked, "after kill -9")
        print(f"kill -9 after {load.count()} acknowledged writes: all present, revisions 2..{current} "
              f"contiguous, no partial transaction")

        # 2. a snapshot taken while writes go on holds one consistent revision
        load2 = Load(client, "b", limit=1500).start()
        wait_until(lambda: load2.count() >= 100, "writes before the snapshot")
        snap = os.path.join(workdir, "backup.snap")
        code, save_out, err = cluster.store("snapshot", "save", snap, "--data-dir", data)
        check(code == 0, f"snapshot save failed ({code}): {err}")
        load2.stop()
        words = next(l for l in save_out.splitlines() if l.startswith("snapshot saved")).split()
        snap_revision = int(words[words.index("revision") + 1].rstrip(","))
        state.send_signal(signal.SIGTERM)
        check(state.wait(TIMEOUT) == 0, f"the state process exited with {state.returncode} on SIGTERM")
        restored = os.path.join(workdir, "restored")
        code, out, err = cluster.store("snapshot", "restore", snap, "--data-dir", restored)
        check(code == 0, f"snapshot restore failed ({code}): {err}")
        state = cluster.start_state(restored, client)
        acked_before = [(r, n) for r, n in load.acked + load2.acked if r <= snap_revision]
        current = verify(client, acked_before, "restored snapshot")
        check(current == snap_revision,
              f"the restored store is at {current}, the snapshot said {snap_revision}: {save_out.strip()}")
        print(f"snapshot during writes: revision {snap_revision}, consistent after restore")
        code, out, err = cluster.store("--nats", cluster.url, "endpoint", "health")
        check(code == 0 and "is healthy" in out, f"endpoint health: {code} {out} {err}")
        print("PASS")
        return 0
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        for log in ("state.log", "nats-server.log"):
            path = os.path.join(workdir, log)
            if os.path.exists(path):
                with open(path, errors="replace") as f:
                    print(f"--- {log} (tail)\n" + "".join(f.readlines()[-30:]), file=sys.stderr)
        return 1
    finally:
        if client:
            client.close()
        if cluster:
            cluster.close()
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kactor", required=True, help="the kactor binary (serves with `kactor state`)")
    args = parser.parse_args()
    sys.exit(run(args))


if __name__ == "__main__":
    main()
