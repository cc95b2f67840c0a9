#!/usr/bin/env python3
"""Writes docs/error-codes.json: every error code and field-error code the server source can emit.

    python3 scripts/error_codes.py          # rewrite docs/error-codes.json
    python3 scripts/error_codes.py --check  # exit 1 if it is out of date (run by ctest)

The console's translation test (web/tests) reads the file, so a code the server can answer with
cannot reach users without a zh-CN and an en-US text. Codes are collected from the calls that make
errors, read as C++ tokens (string literals, parentheses, commas), not guessed from every string:
  - error codes: the code argument of core::Error(status, "code", …), of Error::not_found("code", …),
    conflict(…) and bad_request(…), and of the helpers that wrap them (unauthorized("code", …),
    package_error("code", …));
  - field codes: the second argument of FieldErrors::add(field, "code", …),
    JsonInput::add_error(field, "code", …) and ConditionError{field, "code", …}, the first of
    domain_error("code", …) (src/modules/domains/domain_name.cpp), and the codes
    check_string() returns.
A code built at run time (from a variable) is not seen: give such codes a literal somewhere.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "error-codes.json"

# Calls whose first string argument is an error code.
ERROR_CALLS = {"Error", "not_found", "conflict", "bad_request", "unauthorized", "package_error"}
# Calls whose second argument is a field-error code, and structs brace-initialised with one there
# (gray's ConditionError{field, "code", message}).
# Calls and the position of their field-code argument (domains' domain_error("code", message)).
FIELD_CALLS = {"add": 1, "add_error": 1, "domain_error": 0}
FIELD_STRUCTS = {"ConditionError"}
CODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|\d+|//[^\n]*|/\*.*?\*/|\S', re.S)


def tokens(text):
    for m in TOKEN.finditer(text):
        t = m.group(0)
        if not t.startswith("//") and not t.startswith("/*"):
            yield t


def call_arguments(toks, start):
    """The top-level arguments (lists of tokens) of the call whose '(' is toks[start]."""
    args, current, depth = [], [], 0
    for t in toks[start + 1:]:
        if t in "([{":
            depth += 1
        elif t in ")]}":
            if depth == 0:
                args.append(current)
                return args
            depth -= 1
        elif t == "," and depth == 0:
            args.append(current)
            current = []
            continue
        current.append(t)
    return args


def literal(arg):
    if len(arg) == 1 and arg[0].startswith('"'):
        value = arg[0][1:-1]
        return value if CODE.match(value) else None
    return None


def collect():
    errors, fields = set(), set()
    for path in sorted((ROOT / "src").rglob("*.[ch]pp")):
        toks = list(tokens(path.read_text(encoding="utf-8")))
        for i, t in enumerate(toks[:-1]):
            if t in FIELD_STRUCTS and toks[i + 1] == "{":
                args = call_arguments(toks, i + 1)
                if len(args) >= 2 and (code := literal(args[1])) is not None:
                    fields.add(code)
                continue
            if toks[i + 1] != "(":
                continue
            if t in ERROR_CALLS:
                args = call_arguments(toks, i + 1)
                # Error(status, "code", …): the code follows the status; the factories take it first.
                candidates = args[1:2] if t == "Error" and args and args[0] and args[0][0].isdigit() else args[:1]
                for arg in candidates:
                    if (code := literal(arg)) is not None:
                        errors.add(code)
            elif t in FIELD_CALLS:
                args = call_arguments(toks, i + 1)
                at = FIELD_CALLS[t]
                if len(args) >= at + 2 and (code := literal(args[at])) is not None:
                    fields.add(code)
        if path.name == "json_input.cpp":
            # check_string() answers its field code by value.
            body = path.read_text(encoding="utf-8")
            match = re.search(r"std::string check_string\(.*?\n}\n", body, re.S)
            fields.update(re.findall(r'return "([a-z_]+)";', match.group(0) if match else ""))
    return {"errors": sorted(errors), "fields": sorted(fields)}


def main():
    text = json.dumps(collect(), indent=2, ensure_ascii=False) + "\n"
    if "--check" in sys.argv[1:]:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print("docs/error-codes.json is out of date: run python3 scripts/error_codes.py", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
