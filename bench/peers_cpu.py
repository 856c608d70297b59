#!/usr/bin/env python3
"""Runs ../shared/bench/peers.py unchanged and adds each peer's CPU time (user + sys).

  peers_cpu.py PEERS_PY DIR

peers.py times each peer itself and prints one line per peer ("name  seconds s  checksum").
Run here, each of those lines is caught as it is printed and written instead as

  name<TAB>wall seconds<TAB>cpu seconds<TAB>checksum

where the CPU seconds are this process's user + sys time (every thread: polars and duckdb use
both cores) since the previous peer's line. The peers' own code is read from PEERS_PY and run
as it is; nothing of it is copied here.
"""
import re, resource, sys

peers_py, data = sys.argv[1], sys.argv[2]
LINE = re.compile(r"(.+?)\s+([0-9.]+) s\s+(.*)")


def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


last = cpu()


def caught(*args, **kwargs):
    """print, as peers.py calls it: its peer lines become tab-separated rows with CPU time."""
    global last
    now = cpu()
    text = " ".join(str(a) for a in args)
    m = LINE.fullmatch(text.strip())
    if m:
        text = "\t".join([m.group(1).strip(), m.group(2), "%.3f" % (now - last), m.group(3).strip()])
    print(text, flush=True)
    last = cpu()


sys.argv = [peers_py, data]
with open(peers_py) as f:
    code = compile(f.read(), peers_py, "exec")
exec(code, {"__name__": "__main__", "__file__": peers_py, "print": caught})
