from __future__ import annotations

import csv
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from explorer.data import Dataset, load_dataset
from explorer.store import ProgressStore
from tests.postgres import MISSING_SERVER, PostgresServer, find_binaries, start_server

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"


def minimal_copy_with(target: Path, site_id: str, **fields: str) -> Path:
    """A copy of the minimal dataset in ``target`` with some fields of one site replaced."""
    shutil.copytree(MINIMAL, target)
    with (MINIMAL / "sites.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        if row["site_id"] == site_id:
            row.update(fields)
    with (target / "sites.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


@pytest.fixture(scope="session")
def real_ds() -> Dataset:
    """The bundled dataset, as the app loads it."""
    return load_dataset()


@pytest.fixture(scope="session")
def minimal_ds() -> Dataset:
    return load_dataset(MINIMAL)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal dataset, for tests that break it."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster on loopback for the whole run (tests/postgres.py).

    Without the server binaries the PostgreSQL tests are skipped, except in
    CI, where a missing server is a broken set-up and fails.
    """
    binaries = find_binaries()
    if binaries is None:
        if os.environ.get("CI"):
            pytest.fail(MISSING_SERVER)
        pytest.skip(MISSING_SERVER)
    server = start_server(binaries)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """Makes empty databases of one backend: SQLite files, or fresh schemas on the test server.

    The server is asked for only by the PostgreSQL tests, so the SQLite ones
    run (and start no server) when it is missing.
    """
    if request.param == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.empty_database_url
    numbers = itertools.count()
    return lambda: f"sqlite:///{tmp_path / f'progress-{next(numbers)}.sqlite3'}"


@pytest.fixture
def store(new_database_url: Callable[[], str]) -> Iterator[ProgressStore]:
    """A progress store on an empty database, once per backend."""
    with ProgressStore(new_database_url()) as progress:
        yield progress


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by playwright, one per test module (tests/browser.py)."""
    from tests.browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test, 1400 x 1000."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    yield pg
    context.close()
