"""What the benchmark scripts share: Streamlit servers on free loopback ports,
machine facts, a synthetic large dataset, simple statistics and result files.

Servers are started in their own process group and stopped by that group's
id when the ``with`` block ends, whatever happens inside it (an exception,
Ctrl-C or SIGTERM, which :func:`exit_cleanly_on_sigterm` turns into a normal
exit so that ``finally`` blocks run).
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import util as import_util
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO / "bench"
RESULTS_DIR = BENCH_DIR / "results"
EXPLORER_SCRIPT = REPO / "streamlit_app.py"
# Both pages are served with the project's own settings (the servers run in REPO).
STREAMLIT_CONFIG = REPO / ".streamlit" / "config.toml"
BARE_SCRIPT = BENCH_DIR / "bare_app.py"
STREAMLIT_BIN = Path(sys.executable).parent / "streamlit"
DATA_DIR_ENV = "NEEDLE_SITE_DATA_DIR"
LOOPBACK = "127.0.0.1"
NGINX_CONF_SCRIPT = REPO / "deploy" / "nginx_conf.py"  # the README's deployment: the same template


# --------------------------------------------------------------------- servers
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM behave like Ctrl-C, so context managers stop the servers."""
    def _raise(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, _raise)


@dataclass
class StreamlitServer:
    """A running ``streamlit run`` process on a loopback port."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"

    def rss_bytes(self) -> int:
        """Resident memory of the server process (VmRSS from /proc)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("VmRSS not found")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used (from /proc/<pid>/stat)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def streamlit_server(name: str, script: Path, *, data_dir: Path | None = None, log_dir: Path,
                     startup_timeout_s: float = 60.0) -> Iterator[StreamlitServer]:
    """Start ``streamlit run script`` on a free loopback port; stop it on exit.

    Settings that matter for measuring: loopback address only, no usage
    statistics (nothing reaches the network), no file watcher (it would
    compete for the CPU), no websocket compression (Streamlit's default).
    """
    env = dict(os.environ)
    env.pop(DATA_DIR_ENV, None)
    if data_dir is not None:
        env[DATA_DIR_ENV] = str(data_dir.resolve())
    env["PYTHONUNBUFFERED"] = "1"
    log_path = log_dir / f"{name}.log"
    last_error = ""
    for _attempt in range(3):  # a free port can be taken between probing and binding
        port = free_port()
        command = [str(STREAMLIT_BIN), "run", str(script),
                   "--server.port", str(port), "--server.address", LOOPBACK,
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
        with log_path.open("wb") as log:
            process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        server = StreamlitServer(name=name, process=process, port=port, log_path=log_path)
        try:
            if _wait_healthy(server, startup_timeout_s):
                yield server
                return
            last_error = log_path.read_text(errors="replace")[-2000:]
        finally:
            stop_server(server)
    raise RuntimeError(f"{name}: streamlit did not start; last log:\n{last_error}")


def _wait_healthy(server: StreamlitServer | NginxProxy, timeout_s: float) -> bool:
    no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            with no_proxy.open(f"{server.url}_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    return False


@dataclass
class NginxProxy:
    """Debian's nginx in front of several servers, configured from deploy/nginx.conf.template."""

    process: subprocess.Popen[bytes]
    port: int
    prefix: Path

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"


def _nginx_renderer() -> Callable[[str, str, list[str]], str]:
    spec = import_util.spec_from_file_location("nginx_conf", NGINX_CONF_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = import_util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.render


@contextmanager
def nginx_proxy(ports: Sequence[int], startup_timeout_s: float = 30.0) -> Iterator[NginxProxy]:
    """nginx on a free loopback port in front of ``ports``, run as the README runs it; stopped on exit.

    Its configuration, pid file, logs and temporary files live in a temporary folder (readable by its
    workers, which run as nobody under root).
    """
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    prefix = Path(tempfile.mkdtemp(prefix="needle-bench-nginx-"))
    prefix.chmod(0o755)
    port = free_port()
    try:
        conf = _nginx_renderer()(str(prefix), f"{LOOPBACK}:{port}", [f"{LOOPBACK}:{p}" for p in ports])
        (prefix / "nginx.conf").write_text(conf, encoding="utf-8")
        process = subprocess.Popen([nginx, "-p", str(prefix), "-e", str(prefix / "error.log"),
                                    "-c", str(prefix / "nginx.conf")], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True)
        proxy = NginxProxy(process, port, prefix)
        try:
            if not _wait_healthy(proxy, startup_timeout_s):
                log = (prefix / "error.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"nginx did not start; its error log:\n{log}")
            yield proxy
        finally:
            _stop_group(process)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def stop_server(server: StreamlitServer) -> None:
    """Stop the server's own process group (SIGTERM, then SIGKILL)."""
    _stop_group(server.process)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    group = process.pid  # start_new_session: the group id is the process's pid
    for sig, grace_s in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(group, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace_s)
            return
        except subprocess.TimeoutExpired:
            continue


# -------------------------------------------------------------- synthetic data
def make_synthetic_data_dir(target: Path, total_sites: int, *, seed: int = 7) -> int:
    """Copy ``data/`` to ``target`` and append synthetic trigger points to
    sites.csv until it holds ``total_sites`` rows. Returns the rows added.

    Each synthetic row copies a real site (so kind, region, view, depth and
    the risk fields are valid together) and moves it by less than 1/200 of
    body height, which keeps it on the body; it becomes a trigger point with a
    slug id (acupoint ids must be WHO codes) and loses its anchor, since it
    no longer sits at the anchor's offset.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "data", target)
    sites_path = target / "sites.csv"
    with sites_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    rng = random.Random(seed)
    added = max(0, total_sites - len(rows))
    synthetic: list[dict[str, str]] = []
    for number in range(1, added + 1):
        row = dict(rng.choice(rows))
        x = float(row["x"]) + rng.uniform(-0.004, 0.004)
        if row["bilateral"].strip().lower() in ("true", "yes", "1", "y", "t") and row["view"] != "lateral":
            x = max(x, 0.002)  # bilateral sites are stored on the subject's left
        row.update({
            "site_id": f"synthetic-site-{number}",
            "kind": "trigger_point",
            "name": f"Synthetic site {number}",
            "pinyin": "", "hanzi": "", "meridian": "",
            "muscle": row["muscle"] or "synthetic muscle",
            "x": f"{x:.4f}",
            "y": f"{min(0.999, max(0.001, float(row['y']) + rng.uniform(-0.004, 0.004))):.4f}",
            "anchor": "", "anchor_dx_cun": "", "anchor_dy_cun": "",
        })
        if "alternate_location" in row:
            row["alternate_location"] = ""
        synthetic.append(row)
    with sites_path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=header).writerows(synthetic)
    return added


# --------------------------------------------------------------- machine facts
def machine_facts() -> dict[str, object]:
    cpu_model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    mem_total_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_total_kib = int(line.split()[1])
    usable_cores = len(os.sched_getaffinity(0))
    facts: dict[str, object] = {
        "cpu_model": cpu_model,
        "cores_usable": usable_cores,
        "cores_online": os.cpu_count(),
        "cgroup_cpu_max": _read_optional("/sys/fs/cgroup/cpu.max"),
        "memory_gib": round(mem_total_kib / 1024 / 1024, 1),
        "load_average_at_start": load_average(),
        **{f"code_{key}": value for key, value in code_fingerprint().items()},
        "os": platform.platform(),
        "python": platform.python_version(),
    }
    for package in ("streamlit", "plotly", "pandas", "playwright", "websockets", "uvicorn"):
        try:
            facts[package] = version(package)
        except PackageNotFoundError:
            facts[package] = None
    return facts


def code_fingerprint() -> dict[str, object]:
    """Which app code was measured: the commit, and a digest of the working
    tree's explorer sources, data and server settings (the tree may hold
    uncommitted edits; the settings decide, for one, whether Streamlit
    collects garbage after every run)."""
    digest = hashlib.sha256()
    files = sorted([*(REPO / "explorer").rglob("*.py"), *(REPO / "data").glob("*.csv"), EXPLORER_SCRIPT,
                    STREAMLIT_CONFIG])
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              timeout=30).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "explorer", "data", "streamlit_app.py",
                                ".streamlit"],
                               cwd=REPO, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        head, dirty = "unknown", ""
    return {"commit": head or "unknown", "uncommitted_app_changes": bool(dirty),
            "app_sources_sha256": digest.hexdigest()[:16]}


def load_average() -> str:
    """1, 5 and 15 minute load averages: other work on the machine skews timings."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def busy_machine_note(facts: dict[str, object], remedy: str = "") -> list[str]:
    """A warning for the report when the machine had other work at the start."""
    one_minute = float(str(facts.get("load_average_at_start", "0")).split(",")[0])
    if one_minute < 0.5:
        return []
    return [f"**Note:** the machine was busy with other work (1-minute load {one_minute:.2f} at the start); "
            f"timings are noisier and slower than on an idle machine. {remedy}".rstrip(), ""]


def chromium_version(executable: str) -> str:
    try:
        result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30)
        return result.stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def _read_optional(path: str) -> str | None:
    try:
        return Path(path).read_text().strip()
    except OSError:
        return None


# ------------------------------------------------------------------ statistics
def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else math.nan


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (p95: the value 95 % of samples do not exceed)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return float(ordered[rank - 1])


# ------------------------------------------------------------------- results
@dataclass
class Target:
    """One pass/fail line: a measured figure against its limit."""

    name: str
    measured: float
    limit: float
    unit: str

    @property
    def met(self) -> bool:
        return not math.isnan(self.measured) and self.measured <= self.limit

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "measured": _round(self.measured), "limit": self.limit,
                "unit": self.unit, "met": self.met}


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 4)


def targets_table(targets: Sequence[Target]) -> list[str]:
    lines = ["| target | measured | limit | met |", "|---|---:|---:|:---:|"]
    for target in targets:
        measured = "n/a" if math.isnan(target.measured) else f"{target.measured:.3f} {target.unit}"
        lines.append(f"| {target.name} | {measured} | {target.limit:g} {target.unit} | "
                     f"{'yes' if target.met else '**no**'} |")
    return lines


def facts_lines(facts: dict[str, object]) -> list[str]:
    return [f"- {key}: {value}" for key, value in facts.items()]


def write_results(stem: str, payload: dict[str, object], markdown: str) -> tuple[Path, Path]:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    json_path = RESULTS_DIR / f"{stem}.json"
    md_path = RESULTS_DIR / f"{stem}.md"
    json_path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    md_path.write_text(markdown.rstrip() + "\n")
    return json_path, md_path


def publish(stem: str, payload: dict[str, object], markdown: str, targets: Sequence[Target], no_fail: bool) -> int:
    """Print and write a run's report; the exit code is 1 when a target is missed (unless no_fail)."""
    json_path, md_path = write_results(stem, payload, markdown)
    print(markdown)
    print(f"written: {json_path} and {md_path}")
    missed = [t.name for t in targets if not t.met]
    if missed:
        print("targets missed: " + "; ".join(missed), file=sys.stderr)
    return 1 if missed and not no_fail else 0


def run_main(main: Callable[[], int]) -> None:
    """Run a script's main and exit with its code; Ctrl-C exits 130 (the servers stop on the way out)."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted; the servers were stopped", file=sys.stderr)
        sys.exit(130)
