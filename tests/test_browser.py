"""The web map in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

The app runs under uvicorn in a background thread on a free 127.0.0.1 port over a SQLite store
seeded with ``seed_demo`` (tests/test_api.py).  Screenshots go to artifacts/screenshots/.
Install the browser with scripts/browser.sh; never `playwright install` (it downloads).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        # WebGL on the CPU: headless machines have no GPU, and MapLibre draws with WebGL
        "--enable-unsafe-swiftshader"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, app):
        import uvicorn

        self.port = _free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: run scripts/browser.sh to install Debian's Chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def _open_store(tmp_path, settings, seed=True):
    from strife.store import Store

    store = Store.open(str(tmp_path / "web.db"), settings)
    if seed:
        from test_api import seed_demo

        seed_demo(store)
    return store


@pytest.fixture()
def site(tmp_path, settings):
    from strife.web import create_app

    store = _open_store(tmp_path, settings)
    with Server(create_app(settings, store)) as server:
        yield server, store
    store.close()


class PageWatch:
    """Records what must never happen on the page: dialogs, CSP violations, script errors."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def csp_violations(self) -> list[str]:
        return [m for m in self.console if "Content Security Policy" in m or "Refused to" in m]


def wait_for(page, expression: str, timeout: float = 20_000) -> None:
    """Poll ``expression`` with page.evaluate until true.  Playwright's wait_for_function evaluates
    strings with eval(), which the page's CSP (no 'unsafe-eval') rightly refuses."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        if page.evaluate(f"() => !!({expression})"):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.05)


def _load(page, url: str) -> None:
    page.goto(url)
    wait_for(page, "window.strife && window.strife.ready && document.body.dataset.loaded === '1'",
                           timeout=30_000)


def _jump(page, center, zoom) -> float:
    """Move the map and wait until it has drawn the new view (its 'idle' event); returns the ms it took."""
    return page.evaluate("""([c, z]) => new Promise(r => { const m = window.strife.map; const t0 = performance.now();
                       m.once('idle', () => r(performance.now() - t0)); m.jumpTo({center: c, zoom: z}); })""",
                         [center, zoom])


def _count(page) -> int:
    return int(page.get_attribute("#count", "data-count"))


def _wait_count_change(page, before: int) -> int:
    wait_for(page, 
        f"document.body.dataset.loaded === '1' && document.getElementById('count').dataset.count !== '{before}'",
        timeout=20_000)
    wait_for(page, "document.body.dataset.loaded === '1'", timeout=20_000)
    return _count(page)


# Events drawn on the map: unclustered points plus the sizes of the clusters on screen.
RENDERED = """() => {
  const m = window.strife.map;
  const pts = m.queryRenderedFeatures({layers: ['events-points']});
  const cl = m.queryRenderedFeatures({layers: ['clusters']});
  const seen = new Set(); let inClusters = 0;
  for (const c of cl) { if (!seen.has(c.properties.cluster_id)) { seen.add(c.properties.cluster_id);
                                                                 inClusters += c.properties.point_count; } }
  return {points: new Set(pts.map(f => f.properties.id)).size, clusters: seen.size, inClusters,
          types: [...new Set(pts.map(f => f.properties.event_type))]};
}"""


def test_map_timeline_filters_and_evidence(site, browser):
    server, store = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watch = PageWatch(page)
    _load(page, server.url)
    total = _count(page)
    from strife.store import query as Q

    assert total == Q.count_events(store) == 32
    wait_for(page, "window.strife.map.queryRenderedFeatures({layers:['events-points','clusters']}).length > 0")
    drawn = page.evaluate(RENDERED)
    assert drawn["points"] + drawn["inClusters"] == total, drawn  # every event is on screen
    assert page.locator("#timeline rect.bar").count() == 20  # 1-20 March, one bar per day
    page.screenshot(path=str(SHOTS / "map-overview.png"))

    # brush the timeline: drag across the first quarter of the bars
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 40 + (box["width"] - 40) * 0.25, y, steps=8)
    page.mouse.up()
    brushed = _wait_count_change(page, total)
    assert 0 < brushed < total
    label = page.text_content("#brush-label")
    since, until = label.split(" to ")
    assert brushed == Q.count_events(store, Q.EventFilter(since=since, until=until))
    assert page.locator("#timeline rect.bar.out").count() > 0
    # the download links carry the selection: the CSV holds exactly the brushed events
    href = page.get_attribute("#dl-csv", "href")
    assert since in href
    csv_text = page.request.get(server.url + href).text()
    assert len(csv_text.strip().splitlines()) - 1 == brushed
    page.screenshot(path=str(SHOTS / "map-brushed.png"))

    # filter by type (clears the brush): only protests are drawn
    page.select_option("#f-type", "Protests")
    protests = _wait_count_change(page, brushed)
    assert protests == Q.count_events(store, Q.EventFilter(event_type="Protests"))
    wait_for(page, "window.strife.map.queryRenderedFeatures({layers:['events-points','clusters']}).length > 0")
    _jump(page, [44.2067, 15.3547], 10)
    assert set(page.evaluate(RENDERED)["types"]) == {"Protests"}

    # text filter down to the shelling report, zoom to it and click the point
    page.select_option("#f-type", "")
    page.fill("#f-q", "tolls")
    page.click("#apply")
    wait_for(page, "document.getElementById('count').dataset.count === '1'", timeout=20_000)
    _jump(page, [36.8006, 35.8623], 11)
    xy = page.evaluate("""() => { const m = window.strife.map; const p = m.project([36.8006, 35.8623]);
                                  const r = m.getCanvas().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }""")
    page.mouse.click(*xy)
    page.wait_for_selector("#panel-body[data-event-id='evSaraqib'] .article-text mark", timeout=15_000)
    wait_for(page, "document.querySelectorAll('#panel .article-text').length === 2")
    marks = page.locator("#panel mark").all_text_contents()
    assert {"shelled", "Government troops", "four civilians", "nine", "five dead"} <= set(marks)
    claims = page.locator("#panel tr.claim").all_inner_texts()
    assert any("opposition fighters" in c and "9" in c for c in claims)
    assert any("medics" in c and "5" in c for c in claims)
    assert page.locator(".fatal b").all_text_contents()[:3] == ["4", "5", "9"]
    page.locator("#panel .article-text").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "event-evidence.png"))
    assert not watch.errors and not watch.dialogs and not watch.csp_violations(), watch.console


def test_hostile_text_stays_text(site, browser):
    server, _ = site
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watch = PageWatch(page)
    _load(page, server.url)
    page.evaluate("window.strife.openEvent('evHostile')")
    page.wait_for_selector("#panel-body[data-event-id='evHostile'] .article-text", timeout=15_000)
    page.wait_for_timeout(300)  # give any injected handler (onerror on a broken image) time to fire
    panel = page.locator("#panel")
    text = panel.inner_text()
    assert "<script>window.__pwned = 1; alert('xss')</script>" in text  # shown, as text
    assert '<img src=x onerror="window.__pwned=1">Hostile <b>title</b>' in text
    assert page.locator("#panel script, #panel img, #panel iframe").count() == 0
    # the hostile <b>title</b> did not become an element either
    assert page.evaluate("[...document.querySelectorAll('#panel *')].filter(e => e.textContent === 'title').length") == 0
    hrefs = page.eval_on_selector_all("#panel a", "els => els.map(a => a.getAttribute('href'))")
    assert not any(h and h.lower().startswith("javascript") for h in hrefs)
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(SHOTS / "hostile-text.png"))
    # the same article through the API's other views
    page.goto(f"{server.url}/api/articles/artH")
    assert page.evaluate("window.__pwned") is None
    page.goto(f"{server.url}/docs")
    page.wait_for_selector(".op")
    assert page.locator(".op").count() >= 7
    assert page.evaluate("window.__pwned") is None
    assert not watch.dialogs and not watch.errors and not watch.csp_violations(), watch.console


def test_ten_thousand_events_stay_responsive(tmp_path, settings, browser):
    from strife.web import create_app
    from strife.web._synthetic import bulk_insert_events, synthetic_events

    store = _open_store(tmp_path, settings, seed=False)
    bulk_insert_events(store, synthetic_events(10_000))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watch = PageWatch(page)
    with Server(create_app(settings, store)) as server:
        t0 = time.perf_counter()
        _load(page, server.url)
        load_s = time.perf_counter() - t0
        assert _count(page) == 10_000
        assert int(page.get_attribute("#count", "data-mapped")) == 10_000
        # clustering keeps the DOM small: one label per visible cluster, never one node per event
        assert page.locator(".maplibregl-marker").count() < 500
        t0 = time.perf_counter()
        in_page_ms = _jump(page, [40, 34], 5)
        pan_s = time.perf_counter() - t0
        print(f"\nin-page jump {in_page_ms:.0f} ms")
        page.screenshot(path=str(SHOTS / "map-10k.png"))
    store.close()
    print(f"\n10k events: page load to drawn {load_s:.2f} s, zoom+redraw {pan_s:.2f} s")
    # loose bounds for a shared 2-core machine with software WebGL; typical figures are in the report
    assert load_s < 30 and pan_s < 10
    assert not watch.errors and not watch.csp_violations(), watch.console
