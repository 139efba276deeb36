"""End-to-end tests of the state role in the `kactor` binary: `kactor store` against `kactor up`,
restarts on the same data dir, snapshots restored into a new data dir and served by `kactor up`
or `kactor state`. Run by ctest, one case per test:
    python3 test_store.py --kactor path/to/kactor --case crud"""

import os
import re
import shutil
import signal
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import Failure, check, free_port, http_get, main, nats_greets, wait_until  # noqa: E402

KEY = "/registry/configmaps/default/a"

MANIFEST = """apiVersion: v1
kind: ConfigMap
metadata:
  name: a
  namespace: default
  labels:
    app: web
data:
  greeting: hello world
  count: "3"
"""


def start_up(session, data="data"):
    """Starts `kactor up` on a free port and waits for its ready line: (kactor, port, dir)."""
    port = free_port()
    data_dir = session.data_dir(data)
    # Only the store and the API: no controller, scheduler or kubelet writes meanwhile, so the
    # revisions the cases compare are theirs alone.
    k = session.start(["up", "--data-dir", data_dir, "--port", str(port), "--roles", "state,gateway"])
    k.wait_for_line("ready")
    return k, port, data_dir


def store(session, *args, expect=0):
    """Runs `kactor store ARGS`; checks the exit code; returns stdout."""
    code, out, err = session.run(["store", *args])
    check(code == expect, f"kactor store {' '.join(args)}: exit code {code} (expected {expect}); "
                          f"stdout {out!r}; stderr {err!r}")
    return out


def write_manifest(session, name="a.yaml", text=MANIFEST):
    path = os.path.join(session.dir, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def revision_of(status_out):
    m = re.search(r"^revision:\s+(\d+)$", status_out, re.M)
    check(m is not None, f"status prints the revision: {status_out!r}")
    return int(m.group(1))


def resource_version(yaml_out):
    m = re.search(r'^  resourceVersion: "(\d+)"$', yaml_out, re.M)
    check(m is not None, f"the object carries a resourceVersion: {yaml_out!r}")
    return int(m.group(1))


def stop(k):
    k.signal(signal.SIGTERM)
    code = k.wait()
    check(code == 0, f"exit code after SIGTERM: {code}; stderr:\n{k.stderr()}")


def case_crud(session):
    k, port, data_dir = start_up(session)
    status, body = http_get(port, "/readyz?verbose")
    check(status == 200 and "[+]state ok" in body, f"/readyz lists the state check: {status} {body!r}")
    check(os.path.exists(os.path.join(data_dir, "state", "data.mdb")), "the store is in DIR/state")
    d = ["--data-dir", data_dir]
    out = store(session, *d, "put", KEY, "-f", write_manifest(session))
    m = re.fullmatch(rf"created {KEY} at revision (\d+)\n", out)
    check(m is not None, f"put reports the creation: {out!r}")
    created = int(m.group(1))
    out = store(session, *d, "get", KEY, "-o", "yaml")
    check("kind: ConfigMap" in out and "greeting: hello world" in out and "app: web" in out,
          f"get -o yaml shows the object: {out!r}")
    check(resource_version(out) == created, f"resourceVersion is the creation's revision {created}: {out!r}")
    out = store(session, *d, "ls", "/registry/configmaps/")
    check(out == KEY + "\n", f"ls lists the key: {out!r}")
    out = store(session, *d, "status")
    check(revision_of(out) == created, f"status: revision {created}: {out!r}")
    check("version:" in out and "epoch:" in out, f"status shows version and epoch: {out!r}")
    out = store(session, *d, "endpoint", "health")
    check(" is healthy: " in out, f"endpoint health: {out!r}")
    changed = MANIFEST.replace("count: \"3\"", "count: \"4\"")
    out = store(session, *d, "put", KEY, "-f", write_manifest(session, "b.yaml", changed))
    check(out == f"updated {KEY} at revision {created + 1}\n", f"put again updates: {out!r}")
    out = store(session, *d, "del", KEY)
    check(out == f"deleted {KEY} at revision {created + 2}\n", f"del: {out!r}")
    out = store(session, *d, "history", KEY)
    lines = out.splitlines()
    check(lines == [f"revision {created}: version 1 (created at revision {created})",
                    f"revision {created + 1}: version 2 (created at revision {created})",
                    f"revision {created + 2}: deleted"], f"history: {out!r}")
    code, out, err = session.run(["store", *d, "get", KEY])
    check(code == 1 and "NOT_FOUND" in err and out == "", f"get after del: {code} {out!r} {err!r}")
    out = store(session, *d, "ls", "/registry/configmaps/")
    check(out == "", f"ls after del is empty: {out!r}")
    code, out, err = session.run(["store", *d, "get", "/registry/nope"])
    check(code == 2, f"a bad key is a usage error: {code} {err!r}")
    code, out, err = session.run(["store", "--help"])
    check(code == 0 and "snapshot" in out, f"store --help: {code} {out!r}")
    check(len(k.stdout) == 1, f"up printed only the ready line: {k.stdout!r}")
    stop(k)


def case_restart(session):
    k, port, data_dir = start_up(session)
    d = ["--data-dir", data_dir]
    store(session, *d, "put", KEY, "-f", write_manifest(session))
    before = store(session, *d, "get", KEY, "-o", "json")
    revision = revision_of(store(session, *d, "status"))
    stop(k)
    check(not os.path.exists(os.path.join(data_dir, "nats-url")), "nats-url removed at shutdown")
    code, out, err = session.run(["store", *d, "status"])
    check(code == 1 and "is the cluster running?" in err, f"status while down: {code} {err!r}")
    k, port, data_dir = start_up(session)
    after = store(session, *d, "get", KEY, "-o", "json")
    check(after == before, f"the object survived the restart:\n{before}\n{after}")
    check(revision_of(store(session, *d, "status")) == revision, "the revision survived the restart")
    out = store(session, *d, "put", KEY, "-f", write_manifest(session))
    check(out == f"updated {KEY} at revision {revision + 1}\n", f"revisions go on: {out!r}")
    stop(k)


def snapshot_of_running_up(session):
    """`kactor up` with two objects, snapshotted while running: (snapshot, revision, objects)."""
    k, port, data_dir = start_up(session)
    d = ["--data-dir", data_dir]
    store(session, *d, "put", KEY, "-f", write_manifest(session))
    other = MANIFEST.replace("name: a", "name: b").replace("hello world", "second")
    store(session, *d, "put", "/registry/configmaps/default/b", "-f", write_manifest(session, "b.yaml", other))
    objects = {key: store(session, *d, "get", key, "-o", "json")
               for key in (KEY, "/registry/configmaps/default/b")}
    # The gateway of `kactor up` created the system namespaces (default, kube-system ...).
    system = len(store(session, *d, "ls", "/registry/namespaces/").splitlines())
    check(system >= 4, f"the system namespaces exist: {system}")
    session.total_objects = 2 + system
    snap = os.path.join(session.dir, "backup.snap")
    out = store(session, "snapshot", "save", snap, *d)
    m = re.match(rf"snapshot saved to {re.escape(snap)}: revision (\d+), {2 + system} objects, ", out)
    check(m is not None, f"snapshot save while up runs: {out!r}")
    revision = int(m.group(1))
    check(revision == revision_of(store(session, *d, "status")), "the snapshot holds the current revision")
    return k, snap, revision, objects


def check_served(session, where, revision, objects):
    """The store reachable with `where` (--data-dir/--nats args) holds exactly `objects`."""
    check(revision_of(store(session, *where, "status")) == revision, f"served at revision {revision}")
    for key, text in objects.items():
        check(store(session, *where, "get", key, "-o", "json") == text, f"{key} restored unchanged")
    out = store(session, *where, "ls", "/registry/configmaps/")
    check(out.splitlines() == sorted(objects), f"ls of the restored store: {out!r}")


def case_snapshot(session):
    k, snap, revision, objects = snapshot_of_running_up(session)
    new = session.data_dir("restored")
    out = store(session, "snapshot", "restore", snap, "--data-dir", new)
    check(out == f"restored {snap} into {new}/state: revision {revision}, {session.total_objects} objects\n",
          f"restore: {out!r}")
    code, out, err = session.run(["store", "snapshot", "restore", snap, "--data-dir", new])
    check(code == 1, f"restore refuses a data dir that has a store: {code} {err!r}")
    stop(k)
    k2, port, new_dir = start_up(session, "restored")
    check_served(session, ["--data-dir", new_dir], revision, objects)
    stop(k2)


def nats_server_path():
    for candidate in (os.environ.get("NATS_SERVER"), shutil.which("nats-server"), "/usr/bin/nats-server",
                      "/usr/sbin/nats-server"):
        if candidate and os.path.exists(candidate):
            return candidate
    raise Failure("nats-server not found (set NATS_SERVER)")


def case_state_alone(session):
    k, snap, revision, objects = snapshot_of_running_up(session)
    stop(k)
    new = session.data_dir("alone")
    store(session, "snapshot", "restore", snap, "--data-dir", new)
    port = free_port()
    url = f"nats://127.0.0.1:{port}"
    # Its log path names the session dir, so the session's cleanup finds it after a failure.
    nats = subprocess.Popen([nats_server_path(), "-a", "127.0.0.1", "-p", str(port),
                             "-l", os.path.join(session.dir, "nats-server.log")],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: nats_greets(url), "nats-server to accept connections")
        code, out, err = session.run(["state", "--data-dir", new])
        check(code == 2 and "state.nats_url: not set" in err, f"no URL anywhere: {code} {err!r}")
        with open(os.path.join(new, "nats-url"), "w") as f:
            f.write(url + "\n")
        s = session.start(["state", "--data-dir", new])  # the URL from DIR/nats-url
        line = s.wait_for_line("ready")
        check(f"bus {url}" in line and f"revision {revision}" in line, f"ready line: {line!r}")
        check_served(session, ["--nats", url], revision, objects)
        second = session.start(["state", "--data-dir", new, "--nats", url])
        check(second.wait() == 1 and f"data dir {new} is in use by another kactor" in second.stderr(),
              f"a second kactor state on the same dir: {second.stderr()!r}")
        store(session, "--nats", url, "del", KEY)
        stop(s)
        code, out, err = session.run(["store", "--nats", url, "--timeout", "1s", "status"])
        check(code == 1, f"nobody serves after SIGTERM: {code} {out!r} {err!r}")
        s = session.start(["state", "--data-dir", new, "--nats", url, "--history-window", "10m"])
        s.wait_for_line("ready")
        del objects[KEY]
        check_served(session, ["--nats", url], revision + 1, objects)
        stop(s)
    finally:
        nats.kill()
        nats.wait()


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    sys.exit(main(CASES))
