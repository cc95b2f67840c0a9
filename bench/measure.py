#!/usr/bin/env python3
"""One wrk run against one server, cross-checked, and the report of a bench/run.sh run.

    measure.py run RESULTS.jsonl --row NAME --server cove|nginx|limit --counter URL --pid PID
                   [--offered REQ_PER_S] -- wrk ARGS...
    measure.py report RESULTS.jsonl

`run` reads the server's own request counter (Cove: the sum of cove_http_requests_total on
/metrics; nginx: stub_status; the limit server: its counter port) just before and just after wrk,
and divides the difference by the wall time between the two readings. wrk's req/s and the
server's must agree within 5 %: a client that works outside its measured window (a slow init(),
threads started one by one) shows up as wrk counting more than the server saw per second. The
row is flagged otherwise, and also when wrk saw errors or non-2xx answers, or (paced rows) when
the server answered less than 95 % of the offered rate.

It also reads the CPU time of the whole machine (/proc/stat), of the server (PID and its
children, e.g. nginx's workers) and of wrk over the same window: what is left is the CPU that
other processes used meanwhile ("other CPU", in cores of the machine's 2): the noise a figure was
taken in. The 1-minute load average before the run is printed too; it includes this benchmark's
own previous runs.
"""
import json
import os
import re
import resource
import subprocess
import sys
import time
import urllib.request

TICKS = os.sysconf("SC_CLK_TCK")
AGREEMENT = 0.05


def counter(kind, url):
    with urllib.request.urlopen(url, timeout=10) as res:
        text = res.read().decode()
    if kind == "cove":
        return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                   if line.startswith("cove_http_requests_total{"))
    if kind == "nginx":  # "server accepts handled requests\n 12 12 345"
        return float(text.splitlines()[2].split()[2])
    return float(text.split()[0])


def machine_busy_ticks():
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal: all but idle and iowait
    return sum(fields[:8]) - fields[3] - fields[4]


def process_ticks(pid):
    """utime + stime of pid and of its direct children (nginx's workers)."""
    total = 0
    pids = [pid] + [int(p) for p in os.listdir("/proc") if p.isdigit() and parent_of(int(p)) == pid]
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total


def parent_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
        return -1


def children_cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(results, row, server, counter_url, pid, offered, wrk_args):
    with open("/proc/loadavg") as f:
        load1 = float(f.read().split()[0])
    wrk_cpu0 = children_cpu_seconds()
    busy0, server0 = machine_busy_ticks(), process_ticks(pid)
    t0 = time.monotonic()
    count0 = counter(server, counter_url)
    out = subprocess.run(["wrk"] + wrk_args, capture_output=True, text=True)
    count1 = counter(server, counter_url)
    t1 = time.monotonic()
    busy1, server1 = machine_busy_ticks(), process_ticks(pid)
    wrk_cpu = children_cpu_seconds() - wrk_cpu0
    if out.returncode != 0:
        sys.exit(f"wrk failed ({out.returncode}): {out.stderr}{out.stdout}")
    m = re.search(r"^wrk-result (.*)$", out.stdout, re.M)
    if not m:
        sys.exit(f"wrk printed no result line:\n{out.stdout}{out.stderr}")
    w = {k: int(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    window = t1 - t0
    wrk_rps = w["requests"] / (w["duration_us"] / 1e6)
    server_rps = (count1 - count0) / window
    server_cpu = (server1 - server0) / TICKS
    other = ((busy1 - busy0) / TICKS - server_cpu - wrk_cpu) / window
    errors = sum(w[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    flags = []
    if wrk_rps <= 0 or abs(server_rps / wrk_rps - 1) > AGREEMENT:
        flags.append(f"counter disagrees ({server_rps / wrk_rps if wrk_rps > 0 else 0:.2f})")
    if w["status_errors"]:
        flags.append(f"{w['status_errors']} non-2xx")
    if errors:
        flags.append(f"{errors} socket errors")
    if offered and wrk_rps < 0.95 * offered:
        flags.append(f"answered {wrk_rps / offered:.0%} of the offered rate")
    result = {
        "row": row, "server": server, "wrk_rps": wrk_rps, "server_rps": server_rps,
        "p50_ms": w["p50_us"] / 1000, "p99_ms": w["p99_us"] / 1000, "p999_ms": w["p999_us"] / 1000,
        "bytes_per_answer": w["bytes"] / max(1, w["requests"]), "requests": w["requests"],
        "server_cpu_cores": server_cpu / window, "wrk_cpu_cores": wrk_cpu / window,
        "other_cpu_cores": max(0.0, other), "load1": load1, "offered": offered, "flags": flags,
    }
    with open(results, "a") as f:
        f.write(json.dumps(result) + "\n")
    print(f"  {server:5} {wrk_rps:10.0f} req/s (server counted {server_rps:.0f}), p50 {result['p50_ms']:.2f} ms, "
          f"p99 {result['p99_ms']:.2f} ms, {result['bytes_per_answer']:.0f} B/answer, other CPU "
          f"{result['other_cpu_cores']:.2f} cores, load {load1:.2f}{'  !! ' + '; '.join(flags) if flags else ''}",
          file=sys.stderr)
    if w["status_errors"] and server == "cove":
        print(out.stdout, file=sys.stderr)


def report(results):
    rows = {}
    order = []
    with open(results) as f:
        for line in f:
            r = json.loads(line)
            if r["row"] not in rows:
                order.append(r["row"])
                rows[r["row"]] = {}
            rows[r["row"]][r["server"]] = r
    print("| scenario | server | req/s (wrk) | req/s (server's counter) | p50 ms | p99 ms | bytes/answer "
          "| ÷ limit | server CPU | wrk CPU | other CPU | load | flags |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name in order:
        limit = rows[name].get("limit")
        for server in ("cove", "nginx", "limit"):
            r = rows[name].get(server)
            if not r:
                continue
            share = f"{r['wrk_rps'] / limit['wrk_rps']:.2f}" if limit else "—"
            print(f"| {name} | {server} | {r['wrk_rps']:,.0f} | {r['server_rps']:,.0f} | {r['p50_ms']:.2f} "
                  f"| {r['p99_ms']:.2f} | {r['bytes_per_answer']:,.0f} | {share} | {r['server_cpu_cores']:.2f} "
                  f"| {r['wrk_cpu_cores']:.2f} | {r['other_cpu_cores']:.2f} | {r['load1']:.2f} "
                  f"| {'; '.join(r['flags']) or 'ok'} |")
    print()
    print("| scenario | cove req/s | nginx req/s | limit req/s | cove/nginx | cove/limit | nginx/limit "
          "| cove p99 ms | nginx p99 ms | limit p99 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in order:
        s = rows[name]
        c, n, l = (s.get(k) for k in ("cove", "nginx", "limit"))

        def ratio(a, b):
            return f"**{a['wrk_rps'] / b['wrk_rps']:.2f}**" if a and b else "—"

        def rps(r):
            return f"{r['wrk_rps']:,.0f}{' ⚠' if r['flags'] else ''}" if r else "—"

        def p99(r):
            return f"{r['p99_ms']:.2f}" if r else "—"

        print(f"| {name} | {rps(c)} | {rps(n)} | {rps(l)} | {ratio(c, n)} | {ratio(c, l)} | {ratio(n, l)} "
              f"| {p99(c)} | {p99(n)} | {p99(l)} |")

    runs = [r for name in order for r in rows[name].values()]
    agree = [r for r in runs if r["wrk_rps"] > 0 and abs(r["server_rps"] / r["wrk_rps"] - 1) <= AGREEMENT]
    worst = max((abs(r["server_rps"] / r["wrk_rps"] - 1) for r in runs if r["wrk_rps"] > 0), default=0)
    print()
    print(f"Cross-check: {len(agree)} of {len(runs)} wrk runs agree with the server's own counter within "
          f"{AGREEMENT:.0%} (largest difference {worst:.1%}).")
    flagged = [r for r in runs if r["flags"]]
    if flagged:
        print(f"Flagged ({len(flagged)}): " + "; ".join(f"{r['row']} / {r['server']}: {', '.join(r['flags'])}"
                                                   for r in flagged) + ".")
    else:
        print("No run was flagged (no counter disagreement, no errors or non-2xx answers, paced rates held).")


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "report":
        report(args[1])
    elif len(args) >= 2 and args[0] == "run" and "--" in args:
        split = args.index("--")
        opts = dict(zip(args[2:split:2], args[3:split:2]))
        run(args[1], opts["--row"], opts["--server"], opts["--counter"], int(opts["--pid"]),
            float(opts.get("--offered", 0)), args[split + 1:])
    else:
        sys.exit(__doc__)
