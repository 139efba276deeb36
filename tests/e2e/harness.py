"""Helpers for kactor's end-to-end tests: run the real binary, talk HTTP and TCP to it, and
inspect processes through /proc. Standard library only. Every process a test starts is
killed, and every temporary directory removed, also when the test fails."""

import http.client
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

TIMEOUT = 30.0  # generous: these tests check behaviour, never speed


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, what, timeout=TIMEOUT, interval=0.01):
    """Polls predicate() until it returns a truthy value (returned) or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def http_get(port, path, timeout=TIMEOUT):
    """(status, body) of GET http://127.0.0.1:port/path; (None, error) when unreachable."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        res = conn.getresponse()
        return res.status, res.read().decode()
    except OSError as e:
        return None, str(e)
    finally:
        conn.close()


def nats_greets(url):
    """True when url (nats://127.0.0.1:port) accepts TCP and sends a NATS INFO line."""
    host, port = url.strip().removeprefix("nats://").rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=5) as s:
            s.settimeout(5)
            return s.recv(5) == b"INFO "
    except OSError:
        return False


def proc_state(pid):
    """State letter from /proc/<pid>/stat ('Z' zombie), or None when the pid is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2]


def alive(pid):
    state = proc_state(pid)
    return state is not None and state != "Z"


def children(pid):
    """Pids of the live processes whose parent is pid."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry))
    return out


def processes_mentioning(text):
    """Pids of live processes whose command line contains text."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and alive(int(entry)):
            out.append(int(entry))
    return out


def read_pid(path):
    try:
        with open(path) as f:
            text = f.read().strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


class Kactor:
    """One `kactor` process in its own process group, stdout read line by line."""

    def __init__(self, binary, args, workdir):
        self.args = [binary] + args
        self.stderr_path = os.path.join(workdir, f"stderr-{len(os.listdir(workdir))}.txt")
        self.stderr_file = open(self.stderr_path, "w")
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=self.stderr_file,
                                     stdin=subprocess.DEVNULL, start_new_session=True, text=True)
        self.lines = queue.Queue()
        self.stdout = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.stdout.append(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_for_line(self, word, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Failure(f"no stdout line containing {word!r} within {timeout:.0f} s; "
                              f"stderr:\n{self.stderr()}")
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise Failure(f"kactor exited ({self.proc.wait()}) before printing {word!r}; "
                              f"stderr:\n{self.stderr()}")
            if word in line:
                return line

    def wait(self, timeout=TIMEOUT):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise Failure(f"kactor did not exit within {timeout:.0f} s")

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stderr(self):
        self.stderr_file.flush()
        with open(self.stderr_path) as f:
            return f.read()

    def kill(self):
        """Kills the process group; used in cleanup."""
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
        self.stderr_file.close()


class Session:
    """A test's resources: a temp dir and every kactor started. Cleans up on exit."""

    def __init__(self, binary):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="kactor-e2e-")
        self.started = []

    def __enter__(self):
        return self

    def data_dir(self, name="data"):
        return os.path.join(self.dir, name)

    def start(self, args):
        k = Kactor(self.binary, args, self.dir)
        self.started.append(k)
        return k

    def run(self, args, timeout=TIMEOUT):
        """Runs kactor to completion: (exit code, stdout, stderr)."""
        p = subprocess.run([self.binary] + args, capture_output=True, text=True, timeout=timeout,
                           stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout, p.stderr

    def __exit__(self, *exc):
        for k in self.started:
            k.kill()
        # nats-server runs in its own process group: kill any left over (a failed test).
        for pid in processes_mentioning(self.dir):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for data in os.listdir(self.dir):
            nats = read_pid(os.path.join(self.dir, data, "nats.pid"))
            if nats and alive(nats):
                with open(f"/proc/{nats}/cmdline", "rb") as f:
                    if b"nats-server" in f.read():
                        os.kill(nats, signal.SIGKILL)
        shutil.rmtree(self.dir, ignore_errors=True)
        return False


def main(cases):
    """Runs the case named by --case with --kactor BINARY; exit 0 on success."""
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("--kactor", required=True)
    parser.add_argument("--case", required=True, choices=sorted(cases))
    args = parser.parse_args()
    try:
        with Session(os.path.abspath(args.kactor)) as session:
            cases[args.case](session)
    except Failure as e:
        print(f"FAIL {args.case}: {e}", file=sys.stderr)
        return 1
    print(f"ok {args.case}")
    return 0
