"""URL fetching through httpx, with a transport seam for tests and a guard against private hosts."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from ..errors import IngestError
from ..records import RawDocument
from ..settings import Settings
from ._decode import looks_binary
from ._detect import media_type_for_content_type

__all__ = ["Fetcher", "check_address"]

Resolver = Callable[[str], Iterable[str]]


def _resolve(host: str) -> list[str]:
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def check_address(address: str) -> str | None:
    """Why an IP address is off limits (loopback, private, link-local, ...), or ``None`` if it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for attr in ("is_loopback", "is_link_local", "is_unspecified", "is_multicast", "is_private", "is_reserved"):
        if getattr(ip, attr):
            return attr[3:].replace("_", "-")
    if not ip.is_global:
        return "not-global"
    return None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Fetcher:
    """Fetch URLs as :class:`RawDocument`.

    ``transport`` is any ``httpx.BaseTransport`` (tests pass ``httpx.MockTransport``); ``resolver`` maps a
    host name to its addresses (default: the system resolver).  Every request, redirects included, is
    checked: a host that resolves to any loopback, private, link-local or otherwise non-public address is
    refused (I109) unless ``settings.allow_private_urls``.  The check resolves before httpx connects, so a
    DNS answer that changes between the two is not caught.
    """

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None, *,
                 resolver: Resolver | None = None):
        self.settings = settings
        self._resolver = resolver or _resolve
        self._client = httpx.Client(
            transport=transport,
            timeout=settings.http_timeout,
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": settings.user_agent},
            event_hooks={"request": [self._check_request]},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def check_url(self, url: str) -> None:
        """Raise I108 for a URL that cannot be fetched at all, I109 for a refused host."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise IngestError(f"{url}: not an http(s) URL", code="I108", item=url)
        if self.settings.allow_private_urls:
            return
        host = parts.hostname
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = list(self._resolver(host))
            except (OSError, UnicodeError) as exc:
                raise IngestError(f"{url}: host {host!r} could not be resolved ({exc})", code="I108",
                                  item=url) from exc
        if not addresses:
            raise IngestError(f"{url}: host {host!r} has no address", code="I108", item=url)
        for address in addresses:
            why = check_address(address)
            if why:
                raise IngestError(f"{url}: {host} resolves to {address} ({why})", code="I109", item=url)

    def _check_request(self, request: httpx.Request) -> None:
        self.check_url(str(request.url))

    def fetch(self, url: str) -> RawDocument:
        limit = self.settings.max_input_mb * 1024 * 1024
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise IngestError(f"{url}: HTTP {response.status_code} {response.reason_phrase}",
                                      code="I113", item=url)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limit:
                    raise IngestError(f"{url}: {int(declared)} bytes is over the "
                                      f"{self.settings.max_input_mb} MB limit", code="I105", item=url)
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise IngestError(f"{url}: body is over the {self.settings.max_input_mb} MB limit",
                                          code="I105", item=url)
                    chunks.append(chunk)
                content = b"".join(chunks)
                headers = response.headers
                final_url = str(response.url)
        except IngestError:
            raise
        except httpx.TooManyRedirects as exc:
            raise IngestError(f"{url}: too many redirects", code="I108", item=url) from exc
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
            raise IngestError(f"{url}: {type(exc).__name__}: {exc}", code="I108", item=url) from exc
        if not content.strip():
            raise IngestError(f"{url}: the response body is empty", code="I102", item=url)
        binary = looks_binary(content)
        media_type = media_type_for_content_type(headers.get("content-type"), final_url, content)
        if binary and media_type != "application/warc":
            raise IngestError(f"{url}: {binary}", code="I103", item=url)
        meta = {"url": final_url}
        ctype = headers.get("content-type") or ""
        if "charset=" in ctype.lower():
            meta["charset"] = ctype.lower().split("charset=", 1)[1].split(";", 1)[0].strip().strip('"')
        return RawDocument(
            id=RawDocument.make_id(content),
            source=url,
            content=content,
            media_type=media_type,
            fetched_at=_now(),
            source_date=_http_date(headers.get("last-modified")),
            meta=meta,
        )


def _http_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
