"""End-to-end tests of `kactor up` and the command line. Run by ctest, one case per test:
    python3 test_up.py --kactor path/to/kactor --case ready"""

import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Failure, alive, check, children, free_port, http_get, main, nats_greets,  # noqa: E402
                     read_pid, wait_until)

ROLES = ["up", "state", "gateway", "scheduler", "controller-manager", "kubelet", "proxy", "dns",
         "store", "bus", "version"]


def start_up(session, extra=(), data="data"):
    """Starts `kactor up` on a free port and waits for its ready line: (kactor, port, dir)."""
    port = free_port()
    data_dir = session.data_dir(data)
    k = session.start(["up", "--data-dir", data_dir, "--port", str(port)] + list(extra))
    k.wait_for_line("ready")
    return k, port, data_dir


def case_ready(session):
    k, port, data_dir = start_up(session)
    for path in ("/readyz", "/healthz", "/livez"):
        status, body = http_get(port, path)
        check(status == 200 and body == "ok", f"{path}: {status} {body!r}")
    status, body = http_get(port, "/readyz?verbose")
    check("[+]bus ok" in body, f"/readyz?verbose lists the bus check: {body!r}")
    with open(os.path.join(data_dir, "nats-url")) as f:
        url = f.read()
    check(url.startswith("nats://127.0.0.1:") and url.endswith("\n") and url.count("\n") == 1,
          f"nats-url is one line with a URL: {url!r}")
    check(nats_greets(url), f"{url.strip()} accepts a TCP connection and speaks NATS")
    nats = read_pid(os.path.join(data_dir, "nats.pid"))
    check(nats in children(k.proc.pid), f"nats-server {nats} is a child of kactor {k.proc.pid}")
    check(os.path.getsize(os.path.join(data_dir, "logs", "nats-server.log")) > 0, "nats-server log written")
    with open(os.path.join(data_dir, "logs", "kactor.log")) as f:
        check("bus connected" in f.read(), "kactor.log records the bus connection")
    check(len(k.stdout) == 1, f"stdout holds only the ready line: {k.stdout!r}")


def case_nats_restart(session):
    config = os.path.join(session.dir, "kactor.yaml")
    with open(config, "w") as f:  # a 1 s first back-off keeps /readyz at 503 long enough to see
        f.write("up:\n  nats_server:\n    restart:\n      backoff_min: 1s\n")
    k, port, data_dir = start_up(session, ["--config", config])
    pid_file = os.path.join(data_dir, "nats.pid")
    old = read_pid(pid_file)
    with open(os.path.join(data_dir, "nats-url")) as f:
        url = f.read()
    os.kill(old, signal.SIGKILL)
    wait_until(lambda: http_get(port, "/readyz")[0] == 503, "/readyz 503 after kill -9 of nats-server",
               interval=0.005)
    status, body = http_get(port, "/readyz")
    check("[-]bus failed" in body, f"the failing check is named: {body!r}")
    new = wait_until(lambda: (lambda p: p if p and p != old and alive(p) else None)(read_pid(pid_file)),
                     "a new nats-server pid")
    check(new in children(k.proc.pid), f"new nats-server {new} is a child of kactor")
    wait_until(lambda: http_get(port, "/readyz")[0] == 200, "/readyz 200 again")
    with open(os.path.join(data_dir, "nats-url")) as f:
        check(f.read() == url, "the bus URL did not change")
    check(nats_greets(url), "the restarted nats-server listens on the same port")


def case_sigterm(session):
    k, port, data_dir = start_up(session)
    nats = read_pid(os.path.join(data_dir, "nats.pid"))
    k.signal(signal.SIGTERM)
    code = k.wait()
    check(code == 0, f"exit code after SIGTERM: {code}; stderr:\n{k.stderr()}")
    check(not alive(k.proc.pid), "kactor is gone")
    check(not alive(nats), f"nats-server {nats} is gone")
    check(not children(k.proc.pid), "no child process left")
    check(not os.path.exists(os.path.join(data_dir, "nats-url")), "nats-url removed")
    check(http_get(port, "/readyz", timeout=5)[0] is None, "the HTTP port is closed")


def case_sigint(session):
    k, port, data_dir = start_up(session)
    nats = read_pid(os.path.join(data_dir, "nats.pid"))
    k.signal(signal.SIGINT)
    check(k.wait() == 0, "exit code 0 after SIGINT")
    check(not alive(nats), "nats-server is gone")


def case_kill9_no_orphan(session):
    k, port, data_dir = start_up(session)
    nats = read_pid(os.path.join(data_dir, "nats.pid"))
    k.signal(signal.SIGKILL)
    k.wait()
    wait_until(lambda: not alive(nats), f"nats-server {nats} to die with kactor (PDEATHSIG)")


def case_bad_config(session):
    data_dir = session.data_dir()
    config = os.path.join(session.dir, "bad.yaml")
    with open(config, "w") as f:
        f.write("up:\n  log:\n    level: info\n  port: abc\n")
    code, out, err = session.run(["up", "--data-dir", data_dir, "--config", config])
    check(code == 2, f"bad config value: exit code {code}")
    check('config: up.port: expected an integer 0-65535, got "abc" (line 4 of ' in err, f"stderr: {err!r}")
    with open(config, "w") as f:
        f.write("up:\n  prot: 6443\n")
    code, out, err = session.run(["up", "--data-dir", data_dir, "--config", config])
    check(code == 2 and "up.prot: unknown key" in err, f"unknown key: {code} {err!r}")
    code, out, err = session.run(["up", "--data-dir", data_dir, "--log-format", "xml"])
    check(code == 2 and 'config: up.log.format: expected one of text, json, got "xml" (flag --log-format)' in err,
          f"bad flag value: {code} {err!r}")
    code, out, err = session.run(["up", "--data-dir", data_dir, "--no-such-flag"])
    check(code == 2 and "--no-such-flag" in err, f"unknown flag: {code} {err!r}")
    code, out, err = session.run(["up"])
    check(code == 2 and "up.data_dir" in err, f"missing data dir: {code} {err!r}")
    check(not os.path.exists(data_dir), "nothing was created for a bad configuration")


def case_help(session):
    code, out, err = session.run(["--help"])
    check(code == 0, f"--help exit code {code}")
    for role in ROLES:
        check(f"\n  {role} " in out, f"--help lists {role}: {out}")
    code, out, err = session.run(["version"])
    check(code == 0 and out.startswith("kactor "), f"version: {code} {out!r}")
    code, out, err = session.run(["proxy", "--anything", "n1"])
    check(code == 2 and "kactor proxy: not available yet" in err, f"proxy: {code} {err!r}")
    code, out, err = session.run(["kubelet", "--node-name", "n1"])
    check(code == 2 and "--node-name" in err, f"kubelet with an unknown flag: {code} {err!r}")
    code, out, err = session.run([])
    check(code == 2, f"no sub-command: exit code {code}")


def case_second_up(session):
    k, port, data_dir = start_up(session)
    second = session.start(["up", "--data-dir", data_dir, "--port", str(free_port())])
    code = second.wait()
    err = second.stderr()
    check(code == 1, f"second up exit code {code}")
    check(f"data dir {data_dir} is in use by another kactor (pid {k.proc.pid}" in err, f"stderr: {err!r}")
    check(http_get(port, "/readyz")[0] == 200, "the first kactor keeps serving")
    k.signal(signal.SIGTERM)
    check(k.wait() == 0, "the first kactor stops cleanly")


def case_port_in_use(session):
    k, port, data_dir = start_up(session)
    code, out, err = session.run(["up", "--data-dir", session.data_dir("other"), "--port", str(port)])
    check(code == 1 and f"http: listen on 127.0.0.1:{port}: Address already in use" in err,
          f"port in use: {code} {err!r}")
    check(not os.path.exists(os.path.join(session.data_dir("other"), "nats.pid")),
          "no nats-server was left behind by the failed start")


CASES = {name[len("case_"):]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    sys.exit(main(CASES))
