"""Several instances, for real: two app processes behind Debian's nginx, on one PostgreSQL server, two browsers.

What the README's "Several instances" section says to run is what this runs: the same nginx template
(deploy/nginx.conf.template, filled by deploy/nginx_conf.py), the same commands and flags (a test below
reads them out of the README). nginx runs in the foreground on a free loopback port, with its
configuration, pid, logs and temporary files in a temporary folder. Each browser is kept on its own
instance by nginx's affinity cookie; a learner's answer written through one is read through the other,
and killing an instance (SIGKILL) loses no answer it had saved.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from explorer.store import DATABASE_ENV, ProgressStore
from tests.browser import CHROMIUM, CHROMIUM_ARGS, READY, free_port, require_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NGINX_CONF = ROOT / "deploy" / "nginx_conf.py"
LEARNER = "two-instances"
AFFINITY_COOKIE = "needle_instance"
INSTANCE_HEADER = "X-Needle-Instance"
# The flags each instance runs with, as the README gives them (after `streamlit run streamlit_app.py`).
APP_FLAGS = ("--server.address", "127.0.0.1", "--server.port", "{port}", "--server.headless", "true")
START_TIMEOUT_S = 90
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def find_nginx() -> str:
    """Debian's nginx; browser-level tests never skip in CI, where scripts/test.sh installs it."""
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("nginx not found; scripts/test.sh installs Debian's nginx")
    pytest.skip("Debian's nginx is not installed (scripts/test.sh installs it)")


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(OSError), NO_PROXY.open(f"{url}/_stcore/health", timeout=5) as response:
            if response.read() == b"ok":
                return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up; its log:\n{log.read_text(errors='replace')[-3000:]}")


@dataclass
class Instance:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill would: no shutdown code runs."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


@contextlib.contextmanager
def app_instance(database_url: str, logs: Path) -> Iterator[Instance]:
    port = free_port()
    flags = [flag.format(port=port) for flag in APP_FLAGS]
    log = logs / f"app-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "streamlit_app.py", *flags],
                                   cwd=ROOT, env={**os.environ, DATABASE_ENV: database_url}, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    instance = Instance(port, process)
    try:
        wait_healthy(f"http://{instance.address}", process, log)
        yield instance
    finally:
        instance.kill()


@contextlib.contextmanager
def nginx_in_front(instances: list[Instance]) -> Iterator[str]:
    """nginx on a free loopback port, as the README runs it; yields its URL."""
    nginx = find_nginx()
    # In the system temp folder, readable by nginx's workers (they run as nobody); pytest's tmp_path is not.
    prefix = Path(tempfile.mkdtemp(prefix="needle-nginx-"))
    prefix.chmod(0o755)
    listen = f"127.0.0.1:{free_port()}"
    try:
        with (prefix / "nginx.conf").open("w", encoding="utf-8") as conf:
            subprocess.run([sys.executable, str(NGINX_CONF), "--prefix", str(prefix), "--listen", listen,
                            *(i.address for i in instances)], cwd=ROOT, stdout=conf, check=True)
        process = subprocess.Popen([nginx, "-p", str(prefix), "-e", str(prefix / "error.log"),
                                    "-c", str(prefix / "nginx.conf")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            wait_healthy(f"http://{listen}", process, prefix / "error.log")
            yield f"http://{listen}"
        finally:
            process.terminate()  # SIGTERM: nginx's fast shutdown
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


def served_by(url: str, cookie: str) -> str:
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"{AFFINITY_COOKIE}={cookie}"})
    with NO_PROXY.open(request, timeout=10) as response:
        return response.headers[INSTANCE_HEADER]


def cookie_for_each(url: str, instances: list[Instance]) -> dict[str, str]:
    """An affinity cookie that nginx sends to each instance (found by asking it)."""
    wanted = {instance.address for instance in instances}
    found: dict[str, str] = {}
    for number in range(200):
        cookie = f"browser-{number}"
        found.setdefault(served_by(url, cookie), cookie)
        if wanted <= found.keys():
            return {address: found[address] for address in wanted}
    raise AssertionError(f"nginx sent 200 cookies to only {sorted(found)}")


# --- driving the quiz ----------------------------------------------------------------------------


def settle(page) -> None:
    page.wait_for_selector(READY, timeout=60000)


def wait_for_metric(page, label: str, value: str) -> None:
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid=stMetric]')].some(
             m => m.innerText.includes(label)
               && m.querySelector('[data-testid=stMetricValue]').innerText.trim() === value)""",
        arg=[label, value], timeout=60000)


def open_quiz(page, url: str) -> str:
    """Open the learner's quiz; returns the instance nginx says served the page."""
    response = page.goto(f"{url}/quiz?learner={LEARNER}")
    settle(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("Name the point", exact=True).click()
    settle(page)
    return response.headers[INSTANCE_HEADER.lower()]


def answer_one(page) -> None:
    start = page.get_by_role("button", name=re.compile("^(Start|Next question)$"))
    start.first.click()
    page.locator(".st-key-quiz_choice_0 button").wait_for(timeout=60000)
    page.locator(".st-key-quiz_choice_0 button").click()
    page.locator('[data-testid="stAlert"]').filter(has_text=re.compile("Right.|Not quite")).first.wait_for(
        timeout=60000)


@pytest.fixture
def database_url(postgres_server) -> str:
    return postgres_server.empty_database_url()


def test_two_instances_behind_nginx_share_progress_and_survive_a_killed_one(database_url):
    require_chromium()
    from playwright.sync_api import sync_playwright

    logs = Path(tempfile.mkdtemp(prefix="needle-apps-"))
    with contextlib.ExitStack() as stack:
        first = stack.enter_context(app_instance(database_url, logs))
        second = stack.enter_context(app_instance(database_url, logs))
        url = stack.enter_context(nginx_in_front([first, second]))
        cookies = cookie_for_each(url, [first, second])
        playwright = stack.enter_context(sync_playwright())
        pages = {}
        for instance in (first, second):  # two browsers, each with its own cookie jar and process
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.callback(browser.close)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.add_cookies([{"name": AFFINITY_COOKIE, "value": cookies[instance.address], "url": url}])
            pages[instance.address] = context.new_page()
        on_first, on_second = pages[first.address], pages[second.address]

        # an answer written through the first instance ...
        assert open_quiz(on_first, url) == first.address
        wait_for_metric(on_first, "Answers", "0")
        answer_one(on_first)
        wait_for_metric(on_first, "Answers", "1")
        # ... is read through the second, which adds one of its own
        assert open_quiz(on_second, url) == second.address
        wait_for_metric(on_second, "Answers", "1")
        answer_one(on_second)
        wait_for_metric(on_second, "Answers", "2")

        # the first instance dies; its browser is carried to the second, and nothing saved is lost
        first.kill()
        served = open_quiz(on_first, url)
        assert served.split(", ")[-1] == second.address, served  # nginx tried the dead one, then the live one
        wait_for_metric(on_first, "Answers", "2")
        answer_one(on_first)
        wait_for_metric(on_first, "Answers", "3")

    shutil.rmtree(logs, ignore_errors=True)
    with ProgressStore(database_url) as store:
        assert len(store.answers(LEARNER)) == 3
        assert store.verify() == []


# --- the README says what this test runs ---------------------------------------------------------


def deployment_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### Several instances behind a load balancer")
    return text[start:text.index("\n## ", start)]


def test_the_readme_runs_the_instances_and_nginx_as_this_test_does():
    section = deployment_section()
    commands = " ".join(line.strip().rstrip("\\") for block in re.findall(r"```bash\n(.*?)```", section, re.S)
                        for line in block.splitlines())
    app_flags = " ".join(APP_FLAGS).replace("{port}", "$port")
    assert f"streamlit run streamlit_app.py {app_flags}" in commands
    render = r"python3 deploy/nginx_conf\.py --prefix (\S+) --listen \S+ +(127\.0\.0\.1:\d+ +)+> \1/nginx\.conf"
    assert re.search(render, commands), commands
    assert re.search(r"nginx -p (\S+) -e \1/error\.log -c \1/nginx\.conf", commands), commands
    assert "deploy/nginx.conf.template" in section
    assert "```nginx" not in section  # the configuration lives in the template only, not copied here
