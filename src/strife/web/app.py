"""The REST API and the web map, one FastAPI app over one store.

    create_app(settings=None, store=None) -> FastAPI

Routes (all errors share one JSON shape: ``{"error": {"code", "message", "hint"}}``):

    GET  /                      the map page (static/index.html; every asset local, no CDN)
    GET  /docs                  a local API reference drawn from /openapi.json (no CDN, CSP-clean)
    GET  /openapi.json          the OpenAPI schema
    GET  /api/config            what the page needs: tile URL, limits
    GET  /api/events            filtered, paged events: json (default), csv (ACLED columns), geojson
    GET  /api/events/{id}       one event with its mentions, claims, evidence and history
    GET  /api/articles/{id}     one article's text with every coded span
    GET  /api/stats             counts by day, event type and country for a filter
    GET  /api/export            the whole selection: acled-csv, geojson, jsonl or parquet
    POST /api/ingest            text, html, url (JSON) or a file (multipart); needs a bearer token

Reads are open unless ``settings.read_requires_token``; writes always need
``Authorization: Bearer TOKEN`` (``strife token create NAME``).  Every response carries a
Content-Security-Policy that allows only this origin's scripts, so text from an article can never
run as code even if a view mishandled it.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import APIError, StrifeError
from ..settings import Settings, get_settings
from ..store import query as Q

__all__ = ["create_app", "MAX_LIMIT", "DEFAULT_LIMIT", "content_security_policy", "tile_url"]

log = logging.getLogger("strife.web")

STATIC = Path(__file__).with_name("static")
# The page fetches events in pages of MAX_LIMIT; 5000 rows of ~35 columns are ~3 MB of JSON,
# about 60 ms to serialise on the 2-core dev machine, a bound that keeps one request short.
MAX_LIMIT = 5000
DEFAULT_LIMIT = 100
# Export file names carry the format's usual extension.
EXPORT_TYPES = {
    "acled-csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}
# Exports up to this size stay in memory before spilling to a temporary file.
EXPORT_SPOOL_BYTES = 16 * 1024 * 1024
# Counts and stats are cached per filter while the data is unchanged (see ``_Counts``).  Paging
# through one filter and the map page's repeated stats calls then pay for the scan once.  Since the
# text index (migration 0002) a count on 100k events costs 1-20 ms, the version check ~1-6 ms; the
# cache still saves the stats aggregates and bbox/type counts (30-80 ms cold).
CACHE_ENTRIES = 512
# Bound on staleness for a change the version fingerprint cannot see (two writes in the same second
# that leave the row count unchanged).
CACHE_TTL_S = 30.0
_STATUS_CODES = {400: "W102", 401: "W103", 403: "W104", 404: "W101", 405: "W102", 413: "W106", 422: "W102"}


def tile_url(settings: Settings) -> str | None:
    """An optional raster tile URL template (``https://.../{z}/{x}/{y}.png``) drawn under the events.

    ``settings.tile_url`` when the Settings object has it, else ``STRIFE_TILE_URL``; without one the
    page draws the offline country outlines only.
    """
    value = getattr(settings, "tile_url", None) or os.environ.get("STRIFE_TILE_URL") or None
    if value and urlsplit(value).scheme not in ("http", "https"):
        raise StrifeError(f"STRIFE_TILE_URL={value!r} is not an http(s) URL template", code="K101")
    return value


def content_security_policy(tiles: str | None = None) -> str:
    """The page's CSP: own scripts only; MapLibre needs blob: workers and data:/blob: images."""
    extra = ""
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        extra = f" {parts.scheme}://{parts.netloc}"
    return ("default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src blob:; "
            f"img-src 'self' data: blob:{extra}; connect-src 'self'{extra}; style-src 'self'; "
            "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _error(status: int, code: str, message: str, hint: str | None = None, headers: dict | None = None) -> JSONResponse:
    if hint is None:
        from ..errors import CODES

        hint = CODES.get(code, ("", ""))[1]
    return JSONResponse({"error": {"code": code, "message": message, "hint": hint}}, status_code=status,
                        headers=headers)


def create_app(settings: Settings | None = None, store=None) -> FastAPI:
    """The app over ``store`` (opened from ``settings`` on first use when not given)."""
    settings = settings or get_settings()
    tiles = tile_url(settings)
    csp = content_security_policy(tiles)
    app = FastAPI(title="strife", version=_version(), docs_url=None, redoc_url=None,
                  description="Political-violence events coded from news, in ACLED's schema, "
                              "with the evidence behind every field.")
    app.state.settings = settings
    app.state.store = store
    app.state.ingest_lock = threading.Lock()
    app.state.pipeline = None
    store_lock = threading.Lock()
    cache = app.state.counts = _Counts()

    def get_store():
        if app.state.store is None:
            with store_lock:
                if app.state.store is None:
                    from ..store import Store

                    app.state.store = Store.open(settings.db, settings)
        return app.state.store

    # -- headers and errors -----------------------------------------------------------------
    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        try:
            response = await call_next(request)
        except Exception:  # noqa: BLE001 - last resort; handlers below cover known errors
            log.exception("unhandled error on %s", request.url.path)
            response = _error(500, "W105", "internal server error")
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(StrifeError)
    async def strife_error(request: Request, exc: StrifeError):
        status = getattr(exc, "status", 500) or 500
        if status >= 500:
            log.error("%s on %s", exc, request.url.path)
        headers = {"WWW-Authenticate": "Bearer"} if exc.code == "W103" else None
        return _error(status, exc.code, exc.message, exc.hint, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        code = _STATUS_CODES.get(exc.status_code, "W102" if exc.status_code < 500 else "W105")
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such path: {request.url.path}"
        return _error(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
            parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
        return _error(400, "W102", "; ".join(parts) or "invalid request")

    # -- auth ----------------------------------------------------------------------------------
    def require_token(request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise APIError("this request needs a bearer token", code="W103", status=401)
        if not get_store().check_token(token.strip()):
            raise APIError("the bearer token is unknown or revoked", code="W104", status=403)

    def read_access(request: Request) -> None:
        if settings.read_requires_token:
            require_token(request)

    # -- pages -----------------------------------------------------------------------------------
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def docs():
        return FileResponse(STATIC / "docs.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/config", summary="Settings the web page needs")
    def config(request: Request):
        read_access(request)
        return {"tile_url": tiles, "max_limit": MAX_LIMIT, "version": _version()}

    # -- reads -------------------------------------------------------------------------------------
    @app.get("/api/events", summary="Events matching filters, one page at a time")
    def list_events(
        request: Request,
        country: str | None = Query(None, description="Country name(s), several joined with |"),
        event_type: str | None = Query(None, description="ACLED event type(s), joined with |"),
        sub_event_type: str | None = Query(None, description="ACLED sub-event type(s), joined with |"),
        actor: str | None = Query(None, description="Words of an actor's name, in order, the last one "
                                                    "possibly cut short (actor1, actor2, associated)"),
        since: str | None = Query(None, description="First event date, YYYY-MM-DD (inclusive)"),
        until: str | None = Query(None, description="Last event date, YYYY-MM-DD (inclusive)"),
        bbox: str | None = Query(None, description="min_lon,min_lat,max_lon,max_lat"),
        q: str | None = Query(None, description="Words that must all appear in notes, places or actors "
                                                  "(each as the start of a word there)"),
        changed_since: int | None = Query(None, description="Only events changed at or after this unix time"),
        fields: str | None = Query(None, description="Comma-separated columns to return (id always); "
                                                     "'claims', 'evidence', 'sources' add details"),
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Events per page, at most {MAX_LIMIT}"),
        page: int = Query(1, ge=1, description="Page number, from 1"),
        order: str = Query("event_date desc", description="One of: " + ", ".join(Q.ORDERS)),
        format: str = Query("json", pattern="^(json|csv|geojson)$", description="json, csv (ACLED columns) or geojson"),
    ):
        read_access(request)
        flt = _filter(country, event_type, sub_event_type, actor, since, until, bbox, q, changed_since)
        field_list = [f for f in fields.split(",") if f.strip()] if fields else None
        store = get_store()
        offset = (page - 1) * limit
        if format == "json":
            rows = Q.query_events(store, flt, fields=field_list, limit=limit, offset=offset, order=order)
            total = cache.get(store, "count", flt, Q.count_events)
            return JSONResponse({"count": total, "page": page, "limit": limit, "events": rows})
        rows = Q.query_events(store, flt, fields=field_list, limit=limit, offset=offset, order=order,
                              with_details=format == "geojson" and field_list is None)
        fmt = "acled-csv" if format == "csv" else "geojson"
        buf = io.BytesIO()
        _export(rows, fmt, buf)
        media, ext = EXPORT_TYPES[fmt]
        return Response(buf.getvalue(), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="strife-events-p{page}.{ext}"',
                                 "X-Total-Count": str(cache.get(store, "count", flt, Q.count_events))})

    @app.get("/api/events/{event_id}", summary="One event with its mentions, claims and evidence")
    def one_event(event_id: str, request: Request):
        read_access(request)
        event = Q.get_event(get_store(), event_id)
        if event is None:
            raise APIError(f"no event with id {event_id!r}", code="W101", status=404)
        return JSONResponse(event)

    @app.get("/api/articles/{article_id}", summary="One article's text and its coded spans")
    def one_article(article_id: str, request: Request):
        read_access(request)
        article = Q.get_article(get_store(), article_id)
        if article is None:
            raise APIError(f"no article with id {article_id!r}", code="W101", status=404)
        return JSONResponse(article)

    @app.get("/api/stats", summary="Counts by day, event type and country")
    def get_stats(
        request: Request,
        country: str | None = None, event_type: str | None = None, sub_event_type: str | None = None,
        actor: str | None = None, since: str | None = None, until: str | None = None, bbox: str | None = None,
        q: str | None = None, changed_since: int | None = None,
    ):
        read_access(request)
        flt = _filter(country, event_type, sub_event_type, actor, since, until, bbox, q, changed_since)
        return JSONResponse(cache.get(get_store(), "stats", flt, Q.stats))

    @app.get("/api/export", summary="Download every matching event")
    def export(
        request: Request,
        format: str = Query("acled-csv", pattern="^(acled-csv|geojson|jsonl|parquet)$",
                            description="acled-csv, geojson, jsonl or parquet"),
        country: str | None = None, event_type: str | None = None, sub_event_type: str | None = None,
        actor: str | None = None, since: str | None = None, until: str | None = None, bbox: str | None = None,
        q: str | None = None, changed_since: int | None = None,
    ):
        read_access(request)
        flt = _filter(country, event_type, sub_event_type, actor, since, until, bbox, q, changed_since)
        rows = Q.iter_events(get_store(), flt, with_details=format in ("geojson", "jsonl", "parquet"))
        spool = tempfile.SpooledTemporaryFile(max_size=EXPORT_SPOOL_BYTES)
        try:
            n = _export(rows, format, spool)
        except BaseException:
            spool.close()
            raise
        size = spool.tell()
        spool.seek(0)
        media, ext = EXPORT_TYPES[format]
        stamp = date.today().isoformat()
        return StreamingResponse(_drain(spool), media_type=media, headers={
            "Content-Disposition": f'attachment; filename="strife-events-{stamp}.{ext}"',
            "Content-Length": str(size), "X-Total-Count": str(int(n))})

    # -- writes ------------------------------------------------------------------------------------
    @app.post("/api/ingest", summary="Code and store one text, HTML page, URL or uploaded file",
              openapi_extra={"requestBody": {"content": {
                  "application/json": {"schema": {"type": "object", "properties": {
                      "text": {"type": "string"}, "html": {"type": "string"},
                      "url": {"type": "string", "format": "uri"},
                      "published": {"type": "string", "format": "date"}, "title": {"type": "string"}}}},
                  "multipart/form-data": {"schema": {"type": "object", "properties": {
                      "file": {"type": "string", "format": "binary"},
                      "published": {"type": "string", "format": "date"}}}}}}})
    async def ingest(request: Request):
        require_token(request)
        limit = settings.max_input_mb * 1024 * 1024
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit + 65536:
            raise APIError(f"the request is over the {settings.max_input_mb} MB limit", code="W106", status=413)
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("multipart/form-data"):
            form = await request.form()
            upload = form.get("file")
            if upload is None or not hasattr(upload, "read"):
                raise APIError("the multipart body has no 'file' part", hint="send the file as a part named 'file'")
            content = await upload.read()
            item = {"content": content, "filename": Path(upload.filename or "upload.txt").name,
                    "published": _opt_str(form.get("published")), "title": _opt_str(form.get("title"))}
        elif ctype.startswith("application/json"):
            try:
                body = json.loads(await request.body())
            except ValueError as exc:
                raise APIError(f"the body is not JSON: {exc}") from exc
            if not isinstance(body, dict):
                raise APIError("the body must be a JSON object with text, html or url")
            item = _json_item(body)
        else:
            raise APIError(f"unsupported content type {ctype or 'none'!r}",
                           hint="send application/json {text|html|url, published?, title?} or a multipart file")
        if "content" in item and len(item["content"]) > limit:
            raise APIError(f"the input is over the {settings.max_input_mb} MB limit", code="W106", status=413)
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(_run_ingest, app, get_store(), item)

    return app


# -- helpers ---------------------------------------------------------------------------------------

class _Counts:
    """An LRU of counts/stats per (kind, filter), dropped when ``query.data_version`` changes."""

    def __init__(self, size: int = CACHE_ENTRIES, ttl: float = CACHE_TTL_S):
        from collections import OrderedDict

        self.size, self.ttl = size, ttl
        self.entries: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, store, kind: str, flt, compute):
        import time

        version = Q.data_version(store)
        key = (kind, flt)
        now = time.monotonic()
        with self.lock:
            hit = self.entries.get(key)
            if hit is not None and hit[0] == version and now - hit[1] < self.ttl:
                self.entries.move_to_end(key)
                return hit[2]
        value = compute(store, flt)
        with self.lock:
            self.entries[key] = (version, now, value)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("strife")
    except Exception:  # noqa: BLE001 - not installed: running from a checkout
        return "0+unknown"


def _filter(country, event_type, sub_event_type, actor, since, until, bbox, q, changed_since) -> Q.EventFilter:
    return Q.EventFilter(country=country, event_type=event_type, sub_event_type=sub_event_type, actor=actor,
                         since=since, until=until, bbox=bbox, q=q, changed_since=changed_since)


def _export(rows, fmt: str, out) -> int:
    from ..export import export_events

    return export_events(rows, fmt, out)


def _drain(fh, chunk: int = 256 * 1024) -> Iterator[bytes]:
    try:
        while True:
            data = fh.read(chunk)
            if not data:
                break
            yield data
    finally:
        fh.close()


def _opt_str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _json_item(body: dict[str, Any]) -> dict[str, Any]:
    given = [k for k in ("text", "html", "url") if body.get(k)]
    if len(given) != 1:
        raise APIError("give exactly one of text, html or url", hint='e.g. {"text": "...", "published": "2020-05-01"}')
    key = given[0]
    value = body[key]
    if not isinstance(value, str):
        raise APIError(f"{key} must be a string")
    published = body.get("published")
    if published is not None and (not isinstance(published, str) or not _DAY.match(published)):
        raise APIError(f"published={published!r} is not a date", hint="use YYYY-MM-DD")
    title = body.get("title")
    if title is not None and not isinstance(title, str):
        raise APIError("title must be a string")
    if key == "url":
        if urlsplit(value).scheme not in ("http", "https"):
            raise APIError(f"url={value!r} is not an http(s) URL", code="I108", hint="give an http:// or https:// URL")
        return {"url": value, "published": published, "title": title}
    ext = "html" if key == "html" else "txt"
    return {"content": value.encode("utf-8"), "filename": f"upload.{ext}", "published": published, "title": title,
            "media_type": "text/html" if key == "html" else "text/plain"}


def _pipeline(app: FastAPI):
    if app.state.pipeline is None:
        from ..pipeline import Pipeline

        app.state.pipeline = Pipeline(app.state.settings)
    return app.state.pipeline


def _run_ingest(app: FastAPI, store, item: dict[str, Any]) -> JSONResponse:
    """Run the pipeline on one item, one ingest at a time (one writer; the model is not shared)."""
    with app.state.ingest_lock:
        pipeline = _pipeline(app)
        if "url" in item:
            report = pipeline.run([item["url"]], store, command="POST /api/ingest url")
            doc_ids = None
        else:
            report, doc_ids = _run_content(pipeline, store, item)
    result = report.as_dict()
    if report.status == "failed" and not report.documents and not report.skipped_documents:
        first = report.failure_list[0] if report.failure_list else None
        code = first.code if first else "W102"
        status = 400 if code.startswith(("I", "W")) else 422
        raise APIError(first.message if first else "nothing could be ingested", code=code, status=status)
    result["event_ids"] = _event_ids(store, doc_ids)
    return JSONResponse(result, status_code=201 if report.documents else 200)


def _run_content(pipeline, store, item: dict[str, Any]):
    """Bytes from the request through the runner as one raw document."""
    from datetime import datetime, timezone

    from ..ingest import media_type_for_name, sniff_media_type
    from ..records import RawDocument

    content: bytes = item["content"]
    published = item.get("published")
    meta: dict[str, Any] = {"filename": item["filename"]}
    if published:
        meta["published"] = published
    if item.get("title"):
        meta["title"] = item["title"]
    media = item.get("media_type") or media_type_for_name(item["filename"]) or sniff_media_type(content)
    doc = RawDocument(id=RawDocument.make_id(content), source=f"<api:{item['filename']}>", content=content,
                      media_type=media, fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      source_date=published, meta=meta)
    return pipeline.run_documents([doc], store, command="POST /api/ingest"), [doc.id]


def _event_ids(store, doc_ids: list[str] | None) -> list[str]:
    if not doc_ids:
        return []
    from sqlalchemy import select

    from ..store import schema

    m, a = schema.mentions, schema.articles
    stmt = (select(m.c.event_id).distinct().join(a, a.c.id == m.c.article_id)
            .where(a.c.document_id.in_(doc_ids), m.c.event_id.is_not(None)).order_by(m.c.event_id))
    with store.connect() as conn:
        return [r[0] for r in conn.execute(stmt)]
