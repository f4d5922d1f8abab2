"""API latency on a large store: 100,000 synthetic events in SQLite, ~300 /api/events requests.

    .venv/bin/python benchmarks/bench_api.py                 # 100k events, 300 requests, TestClient
    .venv/bin/python benchmarks/bench_api.py --server        # through a real uvicorn + httpx
    .venv/bin/python benchmarks/bench_api.py --events 20000 --requests 100 --db /tmp/bench.db

Prints build time, then p50/p95/max latency per request kind and overall (target: p95 < 150 ms).
Synthetic rows come from ``strife.web._synthetic`` (fixed seed), so runs are comparable.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

TARGET_P95_MS = 150.0


def build(db: Path, n: int):
    from strife.settings import get_settings
    from strife.store import Store
    from strife.web._synthetic import bulk_insert_events, synthetic_events

    settings = get_settings(db=str(db))
    store = Store.open(str(db), settings)
    from strife.store.query import count_events

    have = count_events(store)
    if have != n:
        if have:
            raise SystemExit(f"{db} holds {have} events, not {n}: give a new --db")
        t = time.perf_counter()
        bulk_insert_events(store, synthetic_events(n))
        print(f"built {n:,} events in {time.perf_counter() - t:.1f} s -> {db}")
    else:
        print(f"reusing {db} ({n:,} events)")
    with store.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return settings, store


def requests(k: int, seed: int = 11) -> list[tuple[str, dict]]:
    """``k`` (kind, params) pairs mixing what the map page and API clients send."""
    from strife.web._synthetic import COUNTRIES, TYPES

    rng = random.Random(seed)
    countries = sorted({c[0] for c in COUNTRIES})
    types = sorted({t[0] for t in TYPES})

    def month() -> tuple[str, str]:
        y, m = rng.choice((2019, 2020)), rng.randint(1, 12)
        return f"{y}-{m:02d}-01", f"{y}-{m:02d}-28"

    makers = {
        "page": lambda: {"page": rng.randint(1, 50)},
        "country": lambda: {"country": rng.choice(countries)},
        "type": lambda: {"event_type": "|".join(rng.sample(types, 2))},
        "country+type+dates": lambda: dict(zip(("since", "until"), month()), country=rng.choice(countries),
                                           event_type=rng.choice(types)),
        "dates": lambda: dict(zip(("since", "until"), month())),
        "bbox": lambda: {"bbox": "35,32,45,38"},
        "actor": lambda: {"actor": rng.choice(("police", "islamic state", "militia", "protesters"))},
        "text": lambda: {"q": rng.choice(("checkpoint", "convoy market", "ambush", "curfew"))},
        "map-page": lambda: {"fields": "id,event_date,event_type,latitude,longitude,fatalities", "limit": 5000,
                             "country": rng.choice(countries)},
        "stats": lambda: {"country": rng.choice(countries)},
    }
    kinds = list(makers)
    return [(kind, makers[kind]()) for kind in (kinds[i % len(kinds)] for i in range(k))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(settings, store, k: int, server: bool, cache: bool = True) -> dict[str, list[float]]:
    from strife.web import create_app

    app = create_app(settings, store)
    if not cache:
        app.state.counts.size = 0  # every count and stats call scans
    plan = requests(k)
    times: dict[str, list[float]] = defaultdict(list)
    if server:
        import httpx
        import uvicorn

        port = _free_port()
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        while not srv.started:
            time.sleep(0.05)
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}")
    else:
        from fastapi.testclient import TestClient

        client = TestClient(app)
    try:
        client.get("/api/events", params={"limit": 1})  # warm-up: first connection, imports
        for kind, params in plan:
            path = "/api/stats" if kind == "stats" else "/api/events"
            t = time.perf_counter()
            r = client.get(path, params=params)
            elapsed = (time.perf_counter() - t) * 1000
            if r.status_code != 200:
                raise SystemExit(f"{path} {params} -> {r.status_code}: {r.text[:200]}")
            times[kind].append(elapsed)
    finally:
        client.close()
        if server:
            srv.should_exit = True
            thread.join(timeout=10)
    return times


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--db", type=Path, default=None, help="SQLite file to build or reuse (default: a temp file)")
    ap.add_argument("--server", action="store_true", help="time through uvicorn + httpx instead of TestClient")
    ap.add_argument("--no-cache", action="store_true", help="turn off the API's count/stats cache (cold figures)")
    args = ap.parse_args(argv)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="strife-bench-")
        args.db = Path(tmp.name) / "bench.db"
    settings, store = build(args.db, args.events)
    times = run(settings, store, args.requests, args.server, cache=not args.no_cache)
    store.close()
    print(f"\n{'kind':<22}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    every: list[float] = []
    for kind, values in times.items():
        every += values
        print(f"{kind:<22}{len(values):>5}{pct(values, 50):>10.1f}{pct(values, 95):>10.1f}{max(values):>10.1f}")
    p95 = pct(every, 95)
    print(f"{'all':<22}{len(every):>5}{pct(every, 50):>10.1f}{p95:>10.1f}{max(every):>10.1f}")
    via = ("uvicorn+httpx" if args.server else "TestClient (in-process ASGI)") + \
        (", count/stats cache off" if args.no_cache else ", count/stats cache on")
    print(f"\n{args.events:,} events, {len(every)} requests via {via}: p95 {p95:.1f} ms "
          f"({'meets' if p95 < TARGET_P95_MS else 'misses'} the {TARGET_P95_MS:.0f} ms target)")
    if tmp is not None:
        tmp.cleanup()
    return 0 if p95 < TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
