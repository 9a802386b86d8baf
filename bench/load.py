"""A classroom under load: N concurrent sessions against one Streamlit server, or several behind nginx.

Each simulated student talks to Streamlit's websocket directly (no browser,
``st_client``): opens the explore page, then makes three changes with a
pause to look between them (view -> posterior, zones layer on, zoom ->
torso), and stays connected until every student is done. Students arrive
spread over ``--ramp`` seconds (default 30), as a class opening a shared link
does, and work at their own pace: a pause of ``--think-min`` to
``--think-max`` seconds (default 5 to 15) before each change. ``--ramp 0
--think-min 0 --think-max 2`` is the instructor-paced burst ("everyone switch
to the posterior view now").

Measured:

* first render: websocket connect -> first script_finished, per session;
* rerun: rerun_script sent -> script_finished, per change;
* errors: refused or dropped connections, time-outs, runs that do not
  finish successfully, exceptions shown by the page;
* memory per session: server RSS with all N sessions connected and idle,
  minus RSS before they connected (after one warm-up session has run the
  same changes and left), divided by N; VmRSS from /proc/<pid>/status.

Targets (2 cores): zero errors, p95 rerun < 2 s, < 2 MB per session.
Results: a table on stdout, ``bench/results/load.json`` and ``load.md``;
exit code 1 when a target is missed, unless ``--no-fail``.

Beyond a class: ``--sessions 100,200,400 --processes 1,2`` runs every
combination in turn and reports, per number of processes, the most sessions
that still met the targets and the first count that did not. With more than
one process the servers sit behind Debian's nginx, configured from the
README's template (``deploy/nginx.conf.template``: cookie affinity, each
simulated student sending its own cookie with the websocket handshake);
memory and CPU are the servers' summed. Results: ``load-scale.json`` and
``load-scale.md``.

Run: ``.venv/bin/python bench/load.py --sessions 100`` (``--help`` for options).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from harness import (
    BARE_SCRIPT,
    EXPLORER_SCRIPT,
    StreamlitServer,
    Target,
    busy_machine_note,
    exit_cleanly_on_sigterm,
    facts_lines,
    load_average,
    machine_facts,
    median,
    nginx_proxy,
    percentile,
    publish,
    run_main,
    streamlit_server,
    targets_table,
)
from st_client import StreamlitSession

from explorer.pages.explore import LAYER_LABELS, VIEW_PICK_KEY

MB = 1_000_000
P95_RERUN_LIMIT_S = 2.0
MEMORY_PER_SESSION_LIMIT_MB = 2.0
# The three changes each student makes, per page (found by widget key).
CHANGES: dict[str, tuple[tuple[str, object], ...]] = {
    "explorer": ((VIEW_PICK_KEY, "posterior"), ("layers", (LAYER_LABELS["skeleton"], LAYER_LABELS["zones"])),
                 ("region", "torso")),
    "bare": (("view", "posterior"), ("view", "lateral"), ("view", "anterior")),
}
SCRIPTS = {"explorer": EXPLORER_SCRIPT, "bare": BARE_SCRIPT}


@dataclass
class StudentRecord:
    first_render_s: float | None = None
    reruns_s: list[float] = field(default_factory=list)
    reruns_by_change: dict[str, float] = field(default_factory=dict)
    bytes_received: int = 0
    error: str | None = None


@dataclass
class Classroom:
    """What every student shares: the plan and the moment all are done."""

    port: int
    changes: tuple[tuple[str, object], ...]
    ramp_s: float
    think_s: tuple[float, float]
    timeout_s: float
    deadline: float  # time.monotonic() by which every student must be done
    rng: random.Random
    done: asyncio.Event
    release: asyncio.Event
    remaining: int


@dataclass
class Servers:
    """What the students connect to: one server, or several behind nginx (``port`` is then nginx's)."""

    port: int
    processes: list[StreamlitServer]

    def rss_bytes(self) -> int:
        return sum(server.rss_bytes() for server in self.processes)

    def cpu_seconds(self) -> float:
        return sum(server.cpu_seconds() for server in self.processes)


@contextmanager
def serving(page: str, processes: int, log_dir: Path) -> Iterator[Servers]:
    with ExitStack() as stack:
        servers = [stack.enter_context(streamlit_server(f"{page}-{number}", SCRIPTS[page], log_dir=log_dir))
                   for number in range(processes)]
        if processes == 1:
            yield Servers(servers[0].port, servers)
            return
        proxy = stack.enter_context(nginx_proxy([server.port for server in servers]))
        yield Servers(proxy.port, servers)


async def student(number: int, sessions: int, room: Classroom) -> StudentRecord:
    record = StudentRecord()
    await asyncio.sleep(room.ramp_s * number / max(1, sessions))
    # Each student's own affinity cookie, as nginx would have given its browser; one server ignores it.
    session = StreamlitSession("127.0.0.1", room.port, timeout_s=room.timeout_s,
                               cookie=f"needle_instance=student-{number}")
    try:
        started = time.perf_counter()
        _limit_to_deadline(session, room)
        await session.connect()
        first = await session.load()
        record.first_render_s = time.perf_counter() - started
        record.bytes_received += first.bytes_received
        problems = list(first.exceptions)
        for key, value in room.changes:
            await asyncio.sleep(room.rng.uniform(*room.think_s))
            _limit_to_deadline(session, room)
            result = await session.change(key, value)
            record.reruns_s.append(result.seconds)
            record.reruns_by_change[f"{key} -> {value}"] = result.seconds
            record.bytes_received += result.bytes_received
            problems += result.exceptions
        if problems:
            record.error = "page showed an exception: " + problems[0]
    except Exception as exc:  # any failure is an error to count, not a crash
        record.error = f"{type(exc).__name__}: {exc}"[:300]
    finally:
        room.remaining -= 1
        if room.remaining == 0:
            room.done.set()
        try:
            await room.release.wait()  # stay connected (idle) until memory is read
        finally:
            await session.close()
    return record


def _limit_to_deadline(session: StreamlitSession, room: Classroom) -> None:
    """A run may take --timeout seconds, but none may outlast the whole run's time limit."""
    left = room.deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the load run's time limit (--max-duration) passed before this step")
    session.timeout_s = min(room.timeout_s, left)


async def warm_up(port: int, changes: tuple[tuple[str, object], ...], timeout_s: float) -> None:
    """One session first: imports, the dataset and geometry caches load here."""
    async with StreamlitSession("127.0.0.1", port, timeout_s=timeout_s) as session:
        await session.load()
        for key, value in changes:
            await session.change(key, value)


async def sample_rss(server: Servers, peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], server.rss_bytes())
        await asyncio.sleep(0.5)


async def run_classroom(server: Servers, args: argparse.Namespace, sessions: int) -> dict[str, object]:
    changes = CHANGES[args.page]
    for process in server.processes:  # each process loads its own caches
        await warm_up(process.port, changes, args.timeout)
    await asyncio.sleep(2.0)
    rss_before = server.rss_bytes()
    cpu_before = server.cpu_seconds()
    cpu_before_each = [process.cpu_seconds() for process in server.processes]
    room = Classroom(port=server.port, changes=changes, ramp_s=args.ramp, think_s=(args.think_min, args.think_max),
                     timeout_s=args.timeout, deadline=time.monotonic() + args.max_duration,
                     rng=random.Random(args.seed), done=asyncio.Event(), release=asyncio.Event(),
                     remaining=sessions)
    peak = [rss_before]
    stop_sampling = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(server, peak, stop_sampling))
    started = time.perf_counter()
    tasks = [asyncio.create_task(student(i, sessions, room)) for i in range(sessions)]
    await room.done.wait()
    active_s = time.perf_counter() - started
    cpu_active = server.cpu_seconds() - cpu_before
    cpu_each = [process.cpu_seconds() - before for process, before in zip(server.processes, cpu_before_each,
                                                                           strict=True)]
    await asyncio.sleep(args.settle)  # all connected, nothing running
    rss_idle = server.rss_bytes()
    room.release.set()
    records = await asyncio.gather(*tasks)
    stop_sampling.set()
    await sampler
    first = [r.first_render_s for r in records if r.first_render_s is not None]
    reruns = [s for r in records for s in r.reruns_s]
    errors = [r.error for r in records if r.error]
    by_change: dict[str, dict[str, float]] = {}
    for key, value in changes:
        name = f"{key} -> {value}"
        samples = [r.reruns_by_change[name] for r in records if name in r.reruns_by_change]
        by_change[name] = {"p50": median(samples), "p95": percentile(samples, 0.95), "n": len(samples)}
    return {
        "sessions": sessions,
        "processes": len(server.processes),
        "first_render_s": {"p50": median(first), "p95": percentile(first, 0.95), "max": max(first, default=0.0),
                           "n": len(first)},
        "rerun_s": {"p50": median(reruns), "p95": percentile(reruns, 0.95), "max": max(reruns, default=0.0),
                    "n": len(reruns)},
        "rerun_by_change_s": by_change,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "rss_before_mb": rss_before / MB,
        "rss_idle_all_connected_mb": rss_idle / MB,
        "rss_peak_mb": peak[0] / MB,
        "memory_per_session_mb": (rss_idle - rss_before) / MB / max(1, sessions),
        "active_phase_s": active_s,
        "server_cpu_s": cpu_active,
        "server_cpu_utilisation": cpu_active / active_s if active_s else 0.0,
        "server_cpu_per_session_s": cpu_active / max(1, sessions),
        "server_cpu_by_process_s": [round(cpu, 1) for cpu in cpu_each],  # how evenly nginx spread the students
        "mb_received_per_session": sum(r.bytes_received for r in records) / MB / max(1, len(records)),
        "client_cpu_s": resource.getrusage(resource.RUSAGE_SELF).ru_utime
        + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
    }


def evaluate_targets(result: dict) -> list[Target]:
    return [
        Target("errors", float(result["errors"]), 0, ""),
        Target("p95 rerun", result["rerun_s"]["p95"], P95_RERUN_LIMIT_S, "s"),
        Target("memory per session", result["memory_per_session_mb"], MEMORY_PER_SESSION_LIMIT_MB, "MB"),
    ]


def markdown_report(payload: dict, targets: list[Target]) -> str:
    result = payload["result"]
    servers = "one server" if result["processes"] == 1 else f"{result['processes']} servers behind nginx"
    lines = [f"# Load: {result['sessions']} sessions on {servers}, {payload['settings']['page']} page "
             f"({payload['finished_utc']})", "", *busy_machine_note(payload["machine"]),
             "## Targets", "", *targets_table(targets), "",
             "## Figures", "", "| measure | p50 | p95 | max | n |", "|---|---:|---:|---:|---:|"]
    for name in ("first_render_s", "rerun_s"):
        row = result[name]
        lines.append(f"| {name.replace('_s', '')} (s) | {row['p50']:.3f} | {row['p95']:.3f} | {row['max']:.3f} | "
                     f"{row['n']} |")
    for name, row in result["rerun_by_change_s"].items():
        lines.append(f"| rerun: {name} (s) | {row['p50']:.3f} | {row['p95']:.3f} | | {row['n']} |")
    lines += ["", f"- errors: {result['errors']} {result['error_examples'] or ''}",
              f"- server RSS: {result['rss_before_mb']:.1f} MB before, {result['rss_idle_all_connected_mb']:.1f} MB "
              f"with all sessions connected and idle (peak {result['rss_peak_mb']:.1f} MB); "
              f"{result['memory_per_session_mb']:.2f} MB per session (1 MB = 10^6 bytes)",
              f"- active phase {result['active_phase_s']:.1f} s; server CPU {result['server_cpu_s']:.1f} s "
              f"({result['server_cpu_utilisation']:.0%} of one core, summed over the servers), "
              f"{result['server_cpu_per_session_s']:.2f} s per session (first render and three changes); "
              f"the load client used {result['client_cpu_s']:.1f} s CPU",
              f"- received per session: {result['mb_received_per_session']:.2f} MB", "",
              "## Machine", "", *facts_lines(payload["machine"]), "",
              "## Settings", "", *facts_lines(payload["settings"]), ""]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=counts, default=[100],
                        help="concurrent sessions, or a list such as 100,200,400 to find the limit (default 100)")
    parser.add_argument("--processes", type=counts, default=[1],
                        help="Streamlit processes, or a list such as 1,2; more than one run behind nginx (default 1)")
    parser.add_argument("--ramp", type=float, default=30.0, help="seconds over which sessions arrive (default 30)")
    parser.add_argument("--think-min", type=float, default=5.0, help="shortest pause before a change, s (default 5)")
    parser.add_argument("--think-max", type=float, default=15.0, help="longest pause before a change, s (default 15)")
    parser.add_argument("--settle", type=float, default=3.0, help="idle seconds before reading memory (default 3)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take before it is an error")
    parser.add_argument("--max-duration", type=float, default=240.0,
                        help="seconds the sessions have in all; steps still unfinished then are errors (default 240)")
    parser.add_argument("--page", choices=sorted(CHANGES), default="explorer",
                        help="explorer (default), or the bare baseline page for comparison")
    parser.add_argument("--seed", type=int, default=11, help="seed for the pauses")
    parser.add_argument("--output", default=None,
                        help="results file stem in bench/results (default load, or load-scale for several runs)")
    parser.add_argument("--no-fail", action="store_true", help="report only; exit 0 even when a target is missed")
    return parser.parse_args(argv)


def counts(text: str) -> list[int]:
    """'200' or '100,200,400': whole numbers above zero."""
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number or a list such as 100,200,400, got {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError(f"every count must be at least 1, got {text!r}")
    return values


def one_run(args: argparse.Namespace, processes: int, sessions: int) -> dict[str, object]:
    load_before = load_average()
    with tempfile.TemporaryDirectory(prefix="needle-load-") as scratch, \
            serving(args.page, processes, Path(scratch)) as servers:
        where = "one server" if processes == 1 else f"{processes} servers behind nginx"
        print(f"{where} on port {servers.port}: {sessions} sessions arriving over {args.ramp:g} s", flush=True)
        result = asyncio.run(run_classroom(servers, args, sessions))
    result["load_average_before"] = load_before
    result["load_average_after"] = load_average()
    return result


def limits(runs: list[dict]) -> dict[int, dict[str, int | None]]:
    """Per number of processes: the most sessions that met every target, and the fewest that did not."""
    found: dict[int, dict[str, int | None]] = {}
    for processes in sorted({run["processes"] for run in runs}):
        mine = [run for run in runs if run["processes"] == processes]
        met = [run["sessions"] for run in mine if all(t.met for t in evaluate_targets(run))]
        missed = [run["sessions"] for run in mine if not all(t.met for t in evaluate_targets(run))]
        found[processes] = {"most_met": max(met, default=None), "first_missed": min(missed, default=None)}
    return found


def scale_report(payload: dict) -> str:
    lines = [f"# Load beyond a class: {payload['settings']['page']} page ({payload['finished_utc']})", "",
             *busy_machine_note(payload["machine"], "Several helpers shared the 2 cores during these runs."),
             "Each run: sessions arriving over the ramp, three changes each with a pause before each "
             f"({payload['settings']['think_min']:g}-{payload['settings']['think_max']:g} s). Targets: 0 errors, "
             f"p95 rerun < {P95_RERUN_LIMIT_S:g} s, memory < {MEMORY_PER_SESSION_LIMIT_MB:g} MB per session.", "",
             "| processes | sessions | errors | p50 rerun (s) | p95 rerun (s) | p95 first render (s) | "
             "server CPU (% of one core) | MB per session | load average before / after | targets |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---|:---:|"]
    for run in payload["runs"]:
        met = all(t.met for t in evaluate_targets(run))
        lines.append(
            f"| {run['processes']} | {run['sessions']} | {run['errors']} | {run['rerun_s']['p50']:.3f} | "
            f"{run['rerun_s']['p95']:.3f} | {run['first_render_s']['p95']:.3f} | "
            f"{run['server_cpu_utilisation']:.0%} | {run['memory_per_session_mb']:.2f} | "
            f"{run['load_average_before'].split(',')[0]} / {run['load_average_after'].split(',')[0]} | "
            f"{'met' if met else '**missed**'} |")
    lines += ["", "## Where the targets stop being met", ""]
    for processes, limit in payload["limits"].items():
        most, first = limit["most_met"], limit["first_missed"]
        name = f"{processes} process{'es' if int(processes) > 1 else ''}"
        if first is None:
            lines.append(f"- {name}: met at every count tried, up to {most} sessions.")
        elif most is None:
            lines.append(f"- {name}: missed already at {first} sessions, the fewest tried.")
        else:
            lines.append(f"- {name}: met at {most} sessions, missed at {first}.")
    lines += ["", "## Machine", "", *facts_lines(payload["machine"]), "",
              "## Settings", "", *facts_lines(payload["settings"]), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    exit_cleanly_on_sigterm()
    # 400 websockets plus the servers' own files: lift the soft open-file limit.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))
    started = time.perf_counter()
    facts = machine_facts()
    runs = [one_run(args, processes, sessions) for processes in args.processes for sessions in args.sessions]
    settings = {**vars(args), "changes": [f"{key} -> {value}" for key, value in CHANGES[args.page]]}
    machine = {**facts, "load_average_at_end": load_average()}
    finished = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if len(runs) == 1:
        result = runs[0]
        targets = evaluate_targets(result)
        payload = {"finished_utc": finished, "duration_s": round(time.perf_counter() - started, 1),
                   "targets": [t.as_dict() for t in targets], "all_targets_met": all(t.met for t in targets),
                   "result": result, "machine": machine, "settings": settings}
        return publish(args.output or "load", payload, markdown_report(payload, targets), targets, args.no_fail)
    payload = {"finished_utc": finished, "duration_s": round(time.perf_counter() - started, 1),
               "runs": runs, "limits": limits(runs), "machine": machine, "settings": settings}
    # The scale report's own pass line: one process must hold the smallest count tried.
    smallest = min(runs, key=lambda run: (run["processes"], run["sessions"]))
    targets = evaluate_targets(smallest)
    return publish(args.output or "load-scale", payload, scale_report(payload), targets, args.no_fail)


if __name__ == "__main__":
    run_main(main)
