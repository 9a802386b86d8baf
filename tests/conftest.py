from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.data import Dataset, load_dataset

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL = FIXTURES / "minimal"


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
