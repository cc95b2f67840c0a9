#!/usr/bin/env python3
"""Writes docs/openapi.json (OpenAPI 3.0.3) from the paths_*.py descriptions.

    python3 scripts/openapi/build.py          # rewrite docs/openapi.json
    python3 scripts/openapi/build.py --check  # exit 1 if docs/openapi.json is out of date

Each paths_<area>.py documents one area's routes and is found by its name (a new module adds its
file and nothing else); its ORDER places its tags in the document. tests/api/openapi_test.cpp fails when a registered route is missing here (or a
documented one does not exist), or when an operation's x-cove-permission differs from the route's.
"""
import importlib
import json
import pathlib
import sys

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__

# pylint: disable=wrong-import-position
from spec import Api, components

HERE = pathlib.Path(__file__).resolve().parent
AREAS = sorted((importlib.import_module(p.stem) for p in HERE.glob("paths_*.py")),
               key=lambda m: (m.ORDER, m.__name__))

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "docs" / "openapi.json"


def build():
    api = Api()
    for area in AREAS:
        area.add(api)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Cove API",
            "version": "0.1.0",
            "description": (
                "Cove is a self-hosted mini-program platform in one binary. This document covers the console and "
                "CI API under `/api/v1`, the operational endpoints and (as modules land) the runtime API under "
                "`/runtime/v1`.\n\n"
                "Conventions: JSON with camelCase fields; RFC 3339 UTC times; string ids with a type prefix "
                "(`org_…`, `usr_…`, `key_…`); lists take `limit` (1–200, default 50) and either an opaque `cursor` (walking a whole "
                "list) or an `offset` (0–1,000,000, numbered pages) and answer `{items, nextCursor, total}`, `total` "
                "counting every row the filters match; unknown request fields are a 400; every error has the shape "
                "`{code, message, details, requestId}`; another organisation's resources answer 404. "
                "Each operation's `x-cove-permission` is the permission it requires (`open`: anyone; `self`: "
                "any signed-in user acting on themselves — API keys cannot; otherwise a permission from the role "
                "table in the README)."),
            "license": {"name": "Proprietary"},
        },
        "servers": [{"url": "http://127.0.0.1:8080", "description": "`cove serve` defaults"}],
        "tags": api.tags,
        "paths": dict(sorted(api.paths.items())),
        "components": components(api),
    }


def validate(document):
    """Checks the document against the OpenAPI 3.0 schema when openapi-spec-validator is installed
    (pip install openapi-spec-validator); the C++ test checks it against the routes either way."""
    try:
        from openapi_spec_validator import validate as check
    except ImportError:
        print("note: openapi-spec-validator not installed; schema validation skipped", file=sys.stderr)
        return
    check(document)


def main():
    document = build()
    validate(document)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date: run python3 scripts/openapi/build.py", file=sys.stderr)
            sys.exit(1)
        return
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}: {sum(len(v) for v in document['paths'].values())} operations")


if __name__ == "__main__":
    main()
