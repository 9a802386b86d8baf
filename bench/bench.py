"""Benchmark the explore page side by side with a bare one-chart page.

One run measures, against servers it starts itself on loopback ports:

* first render in headless chromium: navigation -> script finished and the
  plotly points drawn, in a fresh browser context (cold cache) each time,
  explorer and bare page interleaved; median of ``--browser-reps``;
* click to details: after a first render, a click on a site's marker with
  the mouse -> the explorer's details heading (the bare page's one-row
  table) painted and the script finished; fresh context each time, pages
  interleaved; median of ``--browser-reps``;
* server time per rerun after a change, and bytes sent per rerun, over
  Streamlit's websocket (``st_client``): rerun_script sent ->
  script_finished received, and the sizes of the frames in between;
* the same reruns on a synthetic dataset of ``--large-sites`` sites.

Each server's first session makes every change once ("first time in the
process": the app's caches are cold); the measured cycles after it are the
steady state. The pages take turns, so other work on the machine weighs on
both alike.

Targets (exit code 1 when one is missed, unless ``--no-fail``):

* explorer first render <= 1.2 x the bare page's (browser, median);
* explorer click to details <= 1.5 x the bare page's click to table (browser, median);
* explorer rerun after a view change <= 1.2 x the bare page's (median);
* every diagram update (explorer rerun) <= 150 KB (1 KB = 1000 bytes);
* with 10,000 sites, every kind of rerun has a median under 0.3 s, and no
  first-time rerun takes over 0.3 s;
* no page shows an exception.

Results: a table on stdout, ``bench/results/latest.json`` and ``latest.md``.

Run: ``.venv/bin/python bench/bench.py`` (``--help`` for options).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from harness import (
    BARE_SCRIPT,
    EXPLORER_SCRIPT,
    StreamlitServer,
    Target,
    busy_machine_note,
    chromium_version,
    exit_cleanly_on_sigterm,
    facts_lines,
    load_average,
    machine_facts,
    make_synthetic_data_dir,
    median,
    percentile,
    publish,
    run_main,
    streamlit_server,
    targets_table,
)
from st_client import StreamlitSession

from explorer.data import load_dataset
from explorer.pages.explore import LAYER_LABELS, VIEW_PICK_KEY

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# Injected before the page's own scripts: once per animation frame, note the
# first moment of each phase (ms since navigation start, performance.now()).
# "drawn" is the measured end point: the script has finished
# (data-test-script-state="notRunning" after it ran) and plotly's points exist.
PHASE_MARKS_SCRIPT = """
window.__benchMarks = {};
(function mark() {
  const marks = window.__benchMarks, now = performance.now();
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  const points = document.querySelectorAll('.js-plotly-plot .scatterlayer .point').length;
  if (app && marks.app_shell === undefined) marks.app_shell = now;
  if (state === 'running' && marks.script_started === undefined) marks.script_started = now;
  if (state === 'notRunning' && marks.script_started !== undefined && marks.script_finished === undefined)
    marks.script_finished = now;
  if (state === 'notRunning' && points > 0 && marks.drawn === undefined) marks.drawn = now;
  if (marks.drawn === undefined) requestAnimationFrame(mark);
})();
"""
PHASES = ("app_shell", "script_started", "script_finished", "drawn")
RENDERER_METRICS = {"main_thread_busy": "TaskDuration", "javascript": "ScriptDuration",
                    "layout": "LayoutDuration", "style": "RecalcStyleDuration"}

FIRST_RENDER_RATIO_LIMIT = 1.2
CLICK_RATIO_LIMIT = 1.5
# The site clicked: an acupoint of the anterior view with no other marker under
# it (a click there selects it at once, no chooser), drawn on both pages.
CLICK_SITE = "ST36"
RERUN_RATIO_LIMIT = 1.2
UPDATE_BYTES_LIMIT_KB = 150.0
LARGE_RERUN_LIMIT_S = 0.3
KB = 1000


@dataclass(frozen=True)
class Change:
    """One user action: set the widget with this key to this value."""

    kind: str  # what the change is, for grouping ("view", "filter: acupoints" ...)
    key: str
    value: object


# The explorer's changes, in an order a user might make them. Zooming in
# turns the labels layer on (the page's on_change), and a view change while
# zoomed with zones and labels on is the heaviest diagram; the cycle ends by
# zooming out and turning the layers off, so every cycle starts alike. A
# change whose widget is not on the page (the page is still growing) is
# skipped and listed in the results, never guessed at.
# The layers widget takes the whole set of layers shown, by their labels (the
# skeleton is on by default).
ZONES_ON = (LAYER_LABELS["skeleton"], LAYER_LABELS["zones"])
# The View radio (key VIEW_PICK_KEY) holds the three views and the
# front-and-back layout.
EXPLORER_CYCLE = (
    Change("view", VIEW_PICK_KEY, "posterior"),
    Change("view", VIEW_PICK_KEY, "lateral"),
    Change("view", VIEW_PICK_KEY, "anterior"),
    Change("layout: front and back", VIEW_PICK_KEY, "front and back"),
    Change("layout: one view", VIEW_PICK_KEY, "anterior"),
    Change("filter: kind", "kind", "acupoints"),
    Change("filter: kind", "kind", "both"),
    Change("search", "q", "GB"),
    Change("search", "q", ""),
    Change("layer: zones on", "layers", ZONES_ON),
    Change("zoom: torso (labels on)", "region", "torso"),
    Change("view while zoomed (zones, labels)", VIEW_PICK_KEY, "posterior"),
    Change("view while zoomed (zones, labels)", VIEW_PICK_KEY, "anterior"),
    Change("zoom: whole body (labels on)", "region", "whole body"),
    Change("layer: labels off", "layers", ZONES_ON),  # the torso zoom had turned the labels on
    Change("layer: zones off", "layers", (LAYER_LABELS["skeleton"],)),
)
BARE_CYCLE = (
    Change("view", "view", "posterior"),
    Change("view", "view", "lateral"),
    Change("view", "view", "anterior"),
)


# ------------------------------------------------------------------- browser
def browser_first_renders(servers: list[StreamlitServer], repetitions: int) -> dict[str, list[dict[str, float]]]:
    """Phase marks (seconds since navigation start) of each first render, per
    server, each in a fresh browser context (empty cache), pages interleaved."""
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[dict[str, float]]] = defaultdict(list)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for server in servers:  # warm-up: server caches, chromium's own start-up
                _first_render_marks(browser, server.url)
            for _ in range(repetitions):
                for server in servers:
                    samples[server.name].append(_first_render_marks(browser, server.url))
        finally:
            browser.close()
    return dict(samples)


def _first_render_marks(browser: Browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.add_init_script(PHASE_MARKS_SCRIPT)
        devtools = context.new_cdp_session(page)
        devtools.send("Performance.enable")
        page.goto(url, wait_until="commit", timeout=60_000)
        page.wait_for_function("() => window.__benchMarks && window.__benchMarks.drawn !== undefined",
                               timeout=60_000)
        marks = page.evaluate("window.__benchMarks")
        result = {phase: float(marks[phase]) / 1000 for phase in PHASES if phase in marks}
        # The page's main-thread busy time (s): the browser's own work, little affected by
        # other processes waiting for the CPU, unlike the wall-clock phases above.
        metrics = {m["name"]: float(m["value"]) for m in devtools.send("Performance.getMetrics")["metrics"]}
        for name, metric in RENDERER_METRICS.items():
            if metric in metrics:
                result[name] = metrics[metric]
        return result
    finally:
        context.close()


# A click on a site's marker and the moment its details are painted: the
# pointerdown's time stamp, then (once per animation frame) the first moment
# the script has run and finished again and the target element is there.
CLICK_MARKER_JS = """
(siteId) => {
  const gd = document.querySelector('.js-plotly-plot');
  const box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    if (!trace.customdata || trace.name === 'Selected site') continue;
    const xa = gd._fullLayout[(trace.xaxis || 'x').replace('x', 'xaxis')];
    const ya = gd._fullLayout[(trace.yaxis || 'y').replace('y', 'yaxis')];
    for (let i = 0; i < trace.customdata.length; i++) {
      if (trace.customdata[i][0] === siteId)
        return {x: box.left + xa._offset + xa.l2p(trace.x[i]), y: box.top + ya._offset + ya.l2p(trace.y[i])};
    }
  }
  return null;
}
"""
STABLE_PLOT_JS = """
() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd) return false;
  const box = JSON.stringify(gd.getBoundingClientRect());
  const same = window.__plotBox === box;
  window.__plotBox = box;
  return same;
}
"""
WATCH_CLICK_JS = """
([selector, text]) => {
  window.__click = {};
  const found = () => [...document.querySelectorAll(selector)].some(e => e.textContent.includes(text));
  // A rerun can start and finish within one animation frame, so the 'running' state is
  // caught by an attribute observer, not by polling.
  const root = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (window.__click.down !== undefined && root.getAttribute('data-test-script-state') === 'running')
      window.__click.ran = true;
  }).observe(root, {attributes: true, attributeFilter: ['data-test-script-state']});
  document.addEventListener('pointerdown', (e) => { window.__click.down = e.timeStamp; watch(); },
                            {once: true, capture: true});
  function watch() {
    const marks = window.__click, now = performance.now();
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    if (state === 'running') marks.ran = true;
    if (marks.ran && state === 'notRunning' && found()) { marks.painted = now; return; }
    requestAnimationFrame(watch);
  }
}
"""
# What "details painted" means on each page: the explorer's details heading
# of the clicked site; the bare page's table of the clicked point.
CLICK_TARGETS = {"explorer": ('[data-testid="stMain"] h3', f"{CLICK_SITE} · "),
                 "bare": ('[data-testid="stDataFrame"]', "")}


def browser_clicks(servers: list[StreamlitServer], repetitions: int) -> dict[str, list[float]]:
    """Seconds from a mouse click on CLICK_SITE's marker to its details painted,
    per server, each in a fresh browser context after its first render, pages
    interleaved."""
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = defaultdict(list)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for server in servers:  # warm-up
                _click_to_details(browser, server)
            for _ in range(repetitions):
                for server in servers:
                    samples[server.name].append(_click_to_details(browser, server))
        finally:
            browser.close()
    return dict(samples)


def _click_to_details(browser: Browser, server: StreamlitServer) -> float:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(server.url, timeout=60_000)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
        page.wait_for_selector(".js-plotly-plot .scatterlayer .point", timeout=60_000)
        # Let the first paint settle: the explorer's chart stretches to the window's height after
        # its first draw, so a marker's position read too early is stale and the click misses.
        page.wait_for_function(STABLE_PLOT_JS, timeout=30_000, polling=250)
        where = page.evaluate(CLICK_MARKER_JS, CLICK_SITE)
        if where is None:
            raise RuntimeError(f"{server.name}: no marker for {CLICK_SITE}")
        page.evaluate(WATCH_CLICK_JS, list(CLICK_TARGETS[server.name]))
        page.mouse.click(where["x"], where["y"])
        page.wait_for_function("() => window.__click && window.__click.painted !== undefined", timeout=60_000)
        marks = page.evaluate("window.__click")
        return (float(marks["painted"]) - float(marks["down"])) / 1000
    finally:
        context.close()


# ----------------------------------------------------------------- websocket
@dataclass
class RerunSample:
    kind: str
    seconds: float  # rerun_script sent -> script_finished received
    bytes_received: int
    server_cpu_s: float  # the server process's CPU time over the rerun (10 ms ticks)


@dataclass
class WebsocketFigures:
    first_runs_s: list[float] = field(default_factory=list)
    first_run_bytes: int = 0
    reruns: list[RerunSample] = field(default_factory=list)  # steady state: every change seen before
    cold_reruns: list[RerunSample] = field(default_factory=list)  # each change's first time in the process
    errors: list[str] = field(default_factory=list)
    skipped_changes: list[str] = field(default_factory=list)


@dataclass
class PageUnderTest:
    server: StreamlitServer
    cycle: tuple[Change, ...]
    figures: WebsocketFigures = field(default_factory=WebsocketFigures)


async def _measure_pages(pages: list[PageUnderTest], cycles: int, first_runs: int, timeout_s: float) -> None:
    """Fresh-session first runs and change cycles, the pages taking turns so
    that anything else busy on the machine weighs on each alike."""
    for page in pages:  # warm-up: the process's first run imports and loads the dataset, and
        # each change's first time fills the app's caches (label placements, positions): kept as "cold"
        async with StreamlitSession("127.0.0.1", page.server.port, timeout_s=timeout_s) as warm:
            await warm.load()
            await _run_cycle(page, warm, page.figures.cold_reruns)
    for _ in range(first_runs):
        for page in pages:
            async with StreamlitSession("127.0.0.1", page.server.port, timeout_s=timeout_s) as fresh:
                result = await fresh.load()
                page.figures.first_runs_s.append(result.seconds)
                page.figures.first_run_bytes = result.bytes_received
                page.figures.errors += result.exceptions
    sessions = [StreamlitSession("127.0.0.1", page.server.port, timeout_s=timeout_s) for page in pages]
    try:
        for page, session in zip(pages, sessions, strict=True):
            await session.connect()
            page.figures.errors += (await session.load()).exceptions
        for _ in range(cycles):
            for page, session in zip(pages, sessions, strict=True):
                await _run_cycle(page, session, page.figures.reruns)
    finally:
        for session in sessions:
            await session.close()


async def _run_cycle(page: PageUnderTest, session: StreamlitSession, samples: list[RerunSample]) -> None:
    skipped: set[str] = set(page.figures.skipped_changes)
    for change in page.cycle:
        if not session.has_widget(change.key):
            skipped.add(f"{change.kind}: no widget with key {change.key!r}")
            continue
        cpu_before = page.server.cpu_seconds()
        result = await session.change(change.key, change.value)
        cpu = page.server.cpu_seconds() - cpu_before
        samples.append(RerunSample(change.kind, result.seconds, result.bytes_received, cpu))
        page.figures.errors += result.exceptions
    page.figures.skipped_changes = sorted(skipped)


def measure_websocket(pages: list[PageUnderTest], cycles: int, first_runs: int, timeout_s: float = 120.0) -> None:
    asyncio.run(_measure_pages(pages, cycles, first_runs, timeout_s))


def summarise(figures: WebsocketFigures) -> dict[str, object]:
    summary = asdict(figures)
    summary.pop("reruns")  # summarised by kind below; keeps the file readable
    summary.pop("cold_reruns")
    summary["by_kind"] = by_kind(figures.reruns)
    summary["cold_by_kind"] = by_kind(figures.cold_reruns)
    return summary


def by_kind(reruns: list[RerunSample]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[RerunSample]] = defaultdict(list)
    for sample in reruns:
        groups[sample.kind].append(sample)
    return {kind: {"n": len(samples),
                   "median_s": median([s.seconds for s in samples]),
                   "p95_s": percentile([s.seconds for s in samples], 0.95),
                   "max_s": max(s.seconds for s in samples),
                   "mean_server_cpu_s": sum(s.server_cpu_s for s in samples) / len(samples),
                   "median_kb": median([s.bytes_received / KB for s in samples]),
                   "max_kb": max(s.bytes_received / KB for s in samples)}
            for kind, samples in groups.items()}


# -------------------------------------------------------------------- report
def _kind_rows(title: str, kinds: dict[str, dict[str, float]]) -> list[str]:
    lines = [f"### {title}", "",
             "| change | n | median s | p95 s | max s | server CPU s (mean) | median KB | max KB |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for kind, row in kinds.items():
        lines.append(f"| {kind} | {row['n']:.0f} | {row['median_s']:.3f} | {row['p95_s']:.3f} | "
                     f"{row['max_s']:.3f} | {row['mean_server_cpu_s']:.3f} | {row['median_kb']:.1f} | "
                     f"{row['max_kb']:.1f} |")
    return [*lines, ""]


def markdown_report(payload: dict[str, object], targets: list[Target]) -> str:
    first = payload["first_render_browser_s"]
    ws = payload["websocket"]
    assert isinstance(first, dict) and isinstance(ws, dict)
    lines = [f"# Benchmark: explorer vs bare page ({payload['finished_utc']})", "",
             *busy_machine_note(payload["machine"],  # type: ignore[arg-type]
                                remedy="Pages are measured in turns so that both bear it alike."),
             "## Targets", "", *targets_table(targets), "",
             "## First render in headless chromium (navigation -> script finished and points drawn, cold cache)",
             "", "| page | median s | min s | max s | samples |", "|---|---:|---:|---:|---|"]
    for name, runs in first.items():
        drawn = [run["drawn"] for run in runs]
        lines.append(f"| {name} | {median(drawn):.3f} | {min(drawn):.3f} | {max(drawn):.3f} | "
                     f"{', '.join(f'{s:.2f}' for s in drawn)} |")
    lines += ["", "Median moment of each phase, s after navigation start:", "",
              "| page | " + " | ".join(PHASES) + " |", "|---|" + "---:|" * len(PHASES)]
    for name, runs in first.items():
        lines.append(f"| {name} | " + " | ".join(f"{median([r[p] for r in runs if p in r]):.3f}" for p in PHASES)
                     + " |")
    lines += ["", "Median main-thread time of the page until drawn, s (Chrome DevTools Performance metrics; "
              "CPU time of the page's own work, so steadier than the wall clock on a busy machine):", "",
              "| page | " + " | ".join(RENDERER_METRICS) + " |", "|---|" + "---:|" * len(RENDERER_METRICS)]
    for name, runs in first.items():
        lines.append(f"| {name} | " + " | ".join(f"{median([r[m] for r in runs if m in r]):.3f}"
                                               for m in RENDERER_METRICS) + " |")
    clicks = payload["click_to_details_browser_s"]
    assert isinstance(clicks, dict)
    lines += ["", f"## Click to details in headless chromium (mouse click on {CLICK_SITE} -> the explorer's "
              "details heading, the bare page's one-row table, painted and the script finished)", "",
              "| page | median s | min s | max s | samples |", "|---|---:|---:|---:|---|"]
    for name, runs in clicks.items():
        lines.append(f"| {name} | {median(runs):.3f} | {min(runs):.3f} | {max(runs):.3f} | "
                     f"{', '.join(f'{s:.2f}' for s in runs)} |")
    lines += ["", "## Websocket runs (server time: rerun_script sent -> script_finished, loopback)", "",
              "| server | first run median s | first run KB | errors |", "|---|---:|---:|---:|"]
    for name, figures in ws.items():
        lines.append(f"| {name} | {median(figures['first_runs_s']):.3f} | {figures['first_run_bytes'] / KB:.1f} | "
                     f"{len(figures['errors'])} |")
    lines.append("")
    for name, figures in ws.items():
        lines += _kind_rows(f"Reruns: {name} (steady state: the change made before in this process)",
                            figures["by_kind"])
        lines += _kind_rows(f"Reruns: {name}, first time in the process (app caches cold)", figures["cold_by_kind"])
        if figures["skipped_changes"]:
            lines += ["Skipped: " + "; ".join(figures["skipped_changes"]), ""]
        if figures["errors"]:
            lines += ["Errors: " + "; ".join(sorted(set(figures["errors"]))[:5]), ""]
    lines += ["## Machine", "", *facts_lines(payload["machine"]), ""]  # type: ignore[arg-type]
    lines += ["## Settings", "", *facts_lines(payload["settings"]), ""]  # type: ignore[arg-type]
    return "\n".join(lines)


def evaluate_targets(first: dict[str, list[dict[str, float]]], ws: dict[str, dict],
                     clicks: dict[str, list[float]]) -> list[Target]:
    """The pass/fail lines; a figure that could not be measured is NaN and fails."""
    explorer_first = median([run["drawn"] for run in first["explorer"]])
    bare_first = median([run["drawn"] for run in first["bare"]])
    click_ratio = median(clicks["explorer"]) / median(clicks["bare"]) if clicks.get("bare") else math.nan
    explorer_view = ws["explorer"]["by_kind"].get("view", {}).get("median_s", math.nan)
    bare_view = ws["bare"]["by_kind"].get("view", {}).get("median_s", math.nan)
    largest_update_kb = max((row["max_kb"] for row in ws["explorer"]["by_kind"].values()), default=math.nan)
    large_worst = max((row["median_s"] for row in ws["explorer_large"]["by_kind"].values()), default=math.nan)
    large_cold_worst = max((row["max_s"] for row in ws["explorer_large"]["cold_by_kind"].values()),
                           default=math.nan)
    return [
        Target("first render (browser): explorer / bare", explorer_first / bare_first,
               FIRST_RENDER_RATIO_LIMIT, "x"),
        Target("click to details (browser): explorer / bare click to table", click_ratio, CLICK_RATIO_LIMIT, "x"),
        Target("rerun after a view change: explorer / bare", explorer_view / bare_view, RERUN_RATIO_LIMIT, "x"),
        Target("largest diagram update (explorer rerun)", largest_update_kb, UPDATE_BYTES_LIMIT_KB, "KB"),
        Target("large dataset: slowest kind of rerun (median, steady state)", large_worst, LARGE_RERUN_LIMIT_S, "s"),
        Target("large dataset: slowest first-time rerun (caches cold)", large_cold_worst, LARGE_RERUN_LIMIT_S, "s"),
        Target("errors (exceptions shown by a page)", float(sum(len(f["errors"]) for f in ws.values())), 0, ""),
    ]


# ---------------------------------------------------------------------- main
def _describe(cycle: tuple[Change, ...]) -> str:
    return "; ".join(f"{change.key} -> {change.value!r}" for change in cycle)



def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # 9, not 5: the ratio of two medians of wall times on a shared machine
    # moved by about 0.1 between runs of 5.
    parser.add_argument("--browser-reps", type=int, default=9,
                        help="first renders, and clicks to details, per page (default 9)")
    parser.add_argument("--cycles", type=int, default=5, help="change cycles per page on the real data (default 5)")
    parser.add_argument("--first-runs", type=int, default=5, help="fresh websocket sessions per page (default 5)")
    parser.add_argument("--large-sites", type=int, default=10_000, help="sites in the synthetic dataset")
    parser.add_argument("--large-cycles", type=int, default=2, help="change cycles on the synthetic dataset")
    parser.add_argument("--no-fail", action="store_true", help="report only; exit 0 even when a target is missed")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    exit_cleanly_on_sigterm()
    started = time.perf_counter()
    facts = machine_facts()
    facts["chromium"] = chromium_version(CHROMIUM)
    ws: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="needle-bench-") as scratch_name:
        scratch = Path(scratch_name)
        with streamlit_server("explorer", EXPLORER_SCRIPT, log_dir=scratch) as explorer, \
                streamlit_server("bare", BARE_SCRIPT, log_dir=scratch) as bare:
            print(f"servers: explorer {explorer.url}, bare {bare.url}", flush=True)
            pages = [PageUnderTest(explorer, EXPLORER_CYCLE), PageUnderTest(bare, BARE_CYCLE)]
            measure_websocket(pages, args.cycles, args.first_runs)
            for page in pages:
                ws[page.server.name] = summarise(page.figures)
            print("websocket runs measured: explorer and bare page", flush=True)
            first = browser_first_renders([explorer, bare], args.browser_reps)
            print("browser first renders measured", flush=True)
            clicks = browser_clicks([explorer, bare], args.browser_reps)
            print("browser clicks to details measured", flush=True)
        large_dir = scratch / "data-large"
        added = make_synthetic_data_dir(large_dir, args.large_sites)
        problems = load_dataset(large_dir).problems
        if problems:
            raise RuntimeError("the synthetic dataset breaks the data contract: "
                               + "; ".join(str(p) for p in problems[:5]))
        with streamlit_server("explorer_large", EXPLORER_SCRIPT, data_dir=large_dir, log_dir=scratch) as large:
            page = PageUnderTest(large, EXPLORER_CYCLE)
            measure_websocket([page], args.large_cycles, first_runs=2, timeout_s=300)
            ws["explorer_large"] = summarise(page.figures)
            print(f"websocket runs measured: explorer with {args.large_sites} sites", flush=True)
    facts["load_average_at_end"] = load_average()
    targets = evaluate_targets(first, ws, clicks)
    payload: dict[str, object] = {
        "finished_utc": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "duration_s": round(time.perf_counter() - started, 1),
        "targets": [t.as_dict() for t in targets],
        "all_targets_met": all(t.met for t in targets),
        "first_render_browser_s": first,
        "click_to_details_browser_s": clicks,
        "websocket": ws,
        "machine": facts,
        "settings": {**vars(args), "synthetic_sites_added": added,
                     "kb": f"{KB} bytes", "explorer_cycle": _describe(EXPLORER_CYCLE),
                     "bare_cycle": _describe(BARE_CYCLE)},
    }
    markdown = markdown_report(payload, targets)
    return publish("latest", payload, markdown, targets, args.no_fail)


if __name__ == "__main__":
    run_main(main)
