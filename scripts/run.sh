#!/usr/bin/env bash
# Install the app into .venv and start it on http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e .
exec .venv/bin/streamlit run streamlit_app.py --server.port "${PORT:-8501}"
