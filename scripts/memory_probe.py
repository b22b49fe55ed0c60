#!/usr/bin/env python3
"""Measures a running doorstep server's resident memory before and after
anonymous floods: N login attempts with random usernames, then N requests to
random unknown paths (half under /api/v1). Loopback only.

    python3 scripts/memory_probe.py PID PORT [N]

Prints one line per stage: requests sent, statuses seen, VmRSS in MiB.
"""

import collections
import http.client
import json
import random
import string
import sys
import threading

THREADS = 16


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def word(n):
    return "".join(random.choices(string.ascii_lowercase + string.digits, k=n))


def flood(port, n, make_request):
    statuses = collections.Counter()
    lock = threading.Lock()

    def worker(count):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        seen = collections.Counter()
        for _ in range(count):
            method, path, body = make_request()
            headers = {"content-type": "application/json"} if body else {}
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                seen[response.status] += 1
            except (http.client.HTTPException, OSError):
                seen["error"] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        with lock:
            statuses.update(seen)

    threads = [threading.Thread(target=worker, args=(n // THREADS,)) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return dict(statuses)


def login():
    body = json.dumps({"username": word(random.randint(8, 64)), "password": word(12)})
    return "POST", "/api/v1/auth/login", body


def unknown_path():
    prefix = random.choice(["/", "/api/v1/"])
    return "GET", prefix + word(random.randint(8, 200)), None


def main():
    pid, port = int(sys.argv[1]), int(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    print(f"start: rss {rss_mib(pid):.1f} MiB")
    seen = flood(port, n, login)
    print(f"{n} logins with random usernames: {seen}; rss {rss_mib(pid):.1f} MiB")
    seen = flood(port, n, unknown_path)
    print(f"{n} requests to random unknown paths: {seen}; rss {rss_mib(pid):.1f} MiB")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/metrics")
    scrape = conn.getresponse().read()
    print(f"one /metrics scrape: {len(scrape)} bytes; rss {rss_mib(pid):.1f} MiB")


if __name__ == "__main__":
    main()
