"""Fill in deploy/nginx.conf.template: nginx in front of several app instances (README, "Several instances").

    python3 deploy/nginx_conf.py --prefix /srv/needle/nginx --listen 127.0.0.1:8080 \\
        127.0.0.1:8501 127.0.0.1:8502 > /srv/needle/nginx/nginx.conf

Prints the configuration. Every value is checked before it goes in, so that
nothing but an address or a path reaches the file. Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
_ADDRESS = re.compile(r"(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):\d{1,5}")
_PATH = re.compile(r"/[A-Za-z0-9._/-]*")


def address(text: str) -> str:
    if not _ADDRESS.fullmatch(text) or not 0 < int(text.rsplit(":", 1)[1]) < 65536:
        raise argparse.ArgumentTypeError(f"expected host:port, such as 127.0.0.1:8501, got {text!r}")
    return text


def prefix(text: str) -> str:
    if not _PATH.fullmatch(text) or "/../" in f"{text}/":
        raise argparse.ArgumentTypeError(f"expected an absolute path of letters, digits, . _ - and /, got {text!r}")
    return text.rstrip("/") or "/"


def render(prefix_dir: str, listen: str, servers: list[str]) -> str:
    """The configuration for nginx listening on ``listen`` in front of ``servers``."""
    text = TEMPLATE.read_text(encoding="utf-8")
    upstreams = "\n".join(f"        server {server};" for server in servers)
    return text.replace("@SERVERS@", upstreams).replace("@LISTEN@", listen).replace("@PREFIX@", prefix_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", type=prefix, required=True, help="nginx's own folder (pid, logs, temp files)")
    parser.add_argument("--listen", type=address, required=True, help="host:port nginx listens on")
    parser.add_argument("servers", type=address, nargs="+", help="host:port of each app instance")
    args = parser.parse_args(argv)
    sys.stdout.write(render(args.prefix, args.listen, args.servers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
