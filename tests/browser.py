"""Shared helpers for the real-browser tests: a server and Debian's chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def require_chromium() -> None:
    """Browser tests never skip in CI: a missing browser there is a failure."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        pytest.fail(f"chromium not found at {CHROMIUM}; the test command installs it")
    pytest.skip("Debian chromium is not installed (run the README's test command)")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict[str, str] | None = None) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
           "--server.port", str(port), "--server.headless", "true", "--server.address", "127.0.0.1"]
    proc = subprocess.Popen(cmd, cwd=str(ROOT), env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start: " + proc.stderr.read(4000).decode(errors="replace"))
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


# Finds a site's marker in the plotly chart and returns its centre in page
# pixels, using plotly's own axis transforms (the drag layer covers the SVG,
# so a click must go to the coordinates, not to the marker element).
MARKER_JS = """
(siteId) => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullLayout) return null;
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  for (const trace of gd._fullData) {
    if (!trace.customdata || trace.name === 'Selected site') continue;
    for (let i = 0; i < trace.customdata.length; i++) {
      if (trace.customdata[i][0] === siteId) {
        return {x: box.left + xa._offset + xa.l2p(trace.x[i]), y: box.top + ya._offset + ya.l2p(trace.y[i])};
      }
    }
  }
  return null;
}
"""


# The first site among the preferred ids whose marker has no other marker
# within `radius` pixels, so that a click there cannot land on a neighbour.
ISOLATED_JS = """
([preferred, radius]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.getBoundingClientRect();
  const marks = [];
  for (const trace of gd._fullData) {
    if (!trace.customdata || trace.name === 'Selected site') continue;
    for (let i = 0; i < trace.customdata.length; i++) {
      marks.push({id: trace.customdata[i][0], x: box.left + xa._offset + xa.l2p(trace.x[i]),
                  y: box.top + ya._offset + ya.l2p(trace.y[i])});
    }
  }
  for (const id of preferred) {
    for (const m of marks.filter(k => k.id === id)) {
      if (marks.every(o => o === m || o.id === id || Math.hypot(o.x - m.x, o.y - m.y) > radius)) return m;
    }
  }
  return null;
}
"""


def isolated_marker(page, preferred: list[str], radius: float = 14) -> dict:
    found = page.evaluate(ISOLATED_JS, [preferred, radius])
    assert found, f"none of {preferred} has a marker clear of its neighbours"
    return found


def wait_ready(page, timeout: float = 30000) -> None:
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_selector(".js-plotly-plot .scatterlayer .trace", timeout=timeout)


def click_site(page, site_id: str) -> None:
    pos = page.evaluate(MARKER_JS, site_id)
    assert pos, f"no marker for {site_id} on the chart"
    page.mouse.click(pos["x"], pos["y"])
