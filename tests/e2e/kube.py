"""Helpers shared by the kubectl and Python-client end-to-end suites: start `kactor up`, run the
real /usr/bin/kubectl against it with a fresh cache directory, compare its output, and run a
case as independent steps so one failure does not hide the next. Standard library only."""

import json
import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
import time

from harness import Failure, free_port

KUBECTL = "/usr/bin/kubectl"
KUBECTL_TIMEOUT = 60.0  # one kubectl invocation; generous, never a speed check


def fixtures_dir():
    """The shared fixture manifests: $KACTOR_FIXTURES, else shared/ beside the repository."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.environ.get("KACTOR_FIXTURES", ""),
                  os.path.join(here, "..", "..", "..", "shared", "fixtures", "manifests"),
                  "/work/shared/fixtures/manifests"]
    for path in candidates:
        if path and os.path.isdir(path):
            return os.path.abspath(path)
    raise Failure(f"fixture manifests not found (tried {candidates})")


def fixture(name):
    return os.path.join(fixtures_dir(), name)


def read_fixture(name):
    with open(fixture(name)) as f:
        return f.read()


class Result:
    """One finished kubectl invocation."""

    def __init__(self, cmd, code, out, err):
        self.cmd, self.code, self.out, self.err = cmd, code, out, err

    def describe(self):
        return (f"command: {self.cmd}\n    exit code: {self.code}\n    stdout: {self.out!r}\n"
                f"    stderr: {self.err!r}")

    def json(self):
        try:
            return json.loads(self.out)
        except ValueError as e:
            raise Failure(f"stdout is not JSON ({e})\n    {self.describe()}")


def expect(r, code=0, out=None, out_has=(), err=None, err_has=(), out_lines=None):
    """Checks a Result: exit code, exact stdout/stderr, substrings, or the set of stdout lines.
    Returns r. Raises Failure naming the command, what was expected and what came back."""
    problems = []
    if code is not None and r.code != code:
        problems.append(f"exit code {code}")
    if out is not None and r.out != out:
        problems.append(f"stdout exactly {out!r}")
    for text in ([out_has] if isinstance(out_has, str) else out_has):
        if text not in r.out:
            problems.append(f"stdout containing {text!r}")
    if err is not None and r.err != err:
        problems.append(f"stderr exactly {err!r}")
    for text in ([err_has] if isinstance(err_has, str) else err_has):
        if text not in r.err:
            problems.append(f"stderr containing {text!r}")
    if out_lines is not None and sorted(r.out.splitlines()) != sorted(out_lines):
        problems.append(f"stdout lines (any order) {sorted(out_lines)!r}")
    if problems:
        raise Failure("expected " + "; ".join(problems) + "\n    got " + r.describe())
    return r


def expect_equal(got, want, what):
    if got != want:
        raise Failure(f"{what}: expected {want!r}, got {got!r}")


def columns(line):
    """Splits a kubectl table line into its cells (kubectl pads columns with 2+ spaces)."""
    return re.split(r"\s{2,}", line.strip())


def table(out):
    """kubectl table output as (header cells, list of row cells). Cells are cut at the header's
    column starts (kubectl aligns every row to them), so an empty cell reads as ""."""
    lines = [line for line in out.splitlines() if line.strip()]
    if not lines:
        raise Failure(f"expected a table, got empty output {out!r}")
    header = lines[0]
    starts = [0] + [m.end() for m in re.finditer(r"\s{2,}", header.rstrip())]
    bounds = list(zip(starts, starts[1:] + [None]))
    cells = [[line[a:b].strip() for a, b in bounds] for line in lines]
    return cells[0], cells[1:]


class Cluster:
    """A running `kactor up` and a kubectl bound to it (its kubeconfig, one fresh cache dir)."""

    def __init__(self, session, roles="state,gateway", extra_args=()):
        """The gateway suites run the control plane's API alone (roles state,gateway), so no
        controller, scheduler or kubelet acts on the objects they create; the control-loop
        suite passes every role."""
        self.session = session
        self.port = free_port()
        self.data_dir = session.data_dir()
        self.kactor = session.start(["up", "--data-dir", self.data_dir, "--port", str(self.port),
                                     "--roles", roles] + list(extra_args))
        self.kactor.wait_for_line("ready")
        self.kubeconfig = os.path.join(self.data_dir, "kubeconfig")
        if not os.path.isfile(self.kubeconfig):
            raise Failure(f"kactor up did not write {self.kubeconfig}")
        self.cache_dir = tempfile.mkdtemp(prefix="kubectl-cache-", dir=session.dir)
        self.home = tempfile.mkdtemp(prefix="home-", dir=session.dir)
        self.background = []

    def path(self, name, text):
        """Writes text to a file in the case's temp dir; returns its path."""
        p = os.path.join(self.session.dir, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w") as f:
            f.write(text)
        return p

    def env(self, extra=None):
        env = {k: v for k, v in os.environ.items()
               if k not in ("KUBECONFIG", "KUBECTL_EXTERNAL_DIFF", "KUBE_EDITOR", "EDITOR")}
        env["HOME"] = self.home
        env.update(extra or {})
        return env

    def argv(self, args):
        return [KUBECTL, "--kubeconfig", self.kubeconfig, "--cache-dir", self.cache_dir] + list(args)

    def kubectl(self, *args, stdin=None, env=None, timeout=KUBECTL_TIMEOUT):
        """Runs kubectl to completion; a hang past timeout is a Failure."""
        cmd = "kubectl " + " ".join(_quote(a) for a in args)
        try:
            p = subprocess.run(self.argv(args), input=stdin, capture_output=True, text=True,
                               timeout=timeout, env=self.env(env),
                               stdin=None if stdin is not None else subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            raise Failure(f"command: {cmd}\n    did not finish within {timeout:.0f} s; "
                          f"stdout so far {_text(e.stdout)!r}; stderr so far {_text(e.stderr)!r}")
        return Result(cmd, p.returncode, p.stdout, p.stderr)

    def jsonpath(self, *args, path):
        """`kubectl get ARGS -o jsonpath=PATH`, checked for exit 0; returns stdout."""
        return expect(self.kubectl("get", *args, "-o", f"jsonpath={path}")).out

    def get_json(self, *args):
        return expect(self.kubectl("get", *args, "-o", "json")).json()

    def start_background(self, *args):
        """Starts a long-running kubectl (e.g. `get -w`); killed at the end of the case."""
        w = Background(self.argv(args), self.env(), "kubectl " + " ".join(args))
        self.background.append(w)
        return w

    def stop(self):
        for w in self.background:
            w.kill()


class Background:
    """A process whose stdout is read line by line into a queue."""

    def __init__(self, argv, env, cmd):
        self.cmd = cmd
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, text=True, env=env,
                                     start_new_session=True)
        self.lines = queue.Queue()
        self.seen = []
        self.err = []
        threading.Thread(target=self._pump, daemon=True).start()
        threading.Thread(target=lambda: self.err.extend(self.proc.stderr), daemon=True).start()

    def _pump(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_line(self, predicate, what, timeout=30.0):
        """Returns the first new stdout line for which predicate holds, within timeout."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise Failure(f"command: {self.cmd}\n    expected a line with {what} within "
                              f"{timeout:.0f} s\n    got lines {self.seen!r}; stderr "
                              f"{''.join(self.err)!r}")
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise Failure(f"command: {self.cmd}\n    exited ({self.proc.wait()}) before a line "
                              f"with {what}\n    got lines {self.seen!r}; stderr {''.join(self.err)!r}")
            self.seen.append(line)
            if predicate(line):
                return line

    def kill(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()


class Steps:
    """Runs a case's independent checks one after another; collects every failure.

        steps = Steps()
        @steps.step
        def table(): ...
        steps.finish()   # raises Failure listing each failed step
    """

    def __init__(self):
        self.failures = []
        self.passed = []

    def step(self, fn):
        started = time.monotonic()
        try:
            fn()
            self.passed.append(fn.__name__)
            print(f"  pass {fn.__name__} ({time.monotonic() - started:.1f} s)", flush=True)
        except Failure as e:
            self.failures.append((fn.__name__, str(e)))
            print(f"  FAIL {fn.__name__}: {e}", flush=True)
        return fn

    def finish(self):
        if self.failures:
            names = ", ".join(name for name, _ in self.failures)
            raise Failure(f"{len(self.failures)} of {len(self.failures) + len(self.passed)} steps "
                          f"failed: {names}")


def _quote(arg):
    return arg if re.fullmatch(r"[\w@%+=:,./{}\[\]*-]+", arg) else "'" + arg.replace("'", "'\\''") + "'"


def _text(data):
    if data is None:
        return ""
    return data.decode(errors="replace") if isinstance(data, bytes) else data
