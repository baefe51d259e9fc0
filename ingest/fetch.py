"""Fetch one web address, within the contract's limits (DESIGN.md "Contract").

Standard library only. The library builds a fetcher with :func:`make_fetcher` and hands it to
the readers through :class:`~ingest.options.ReadOptions`, so nothing in ``ingest`` opens the
network unless the user imported an address or asked for linked pages.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import string
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from http import HTTPStatus
from typing import IO
from urllib.parse import quote, urljoin, urlsplit

from ingest.errors import IngestError
from ingest.options import Fetcher

_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024
_MB = 1024 * 1024
# The timeout bounds each connect and each read; a server trickling one byte per read
# would never hit it, so the whole download also gets a deadline of a few timeouts.
_DEADLINE_TIMEOUTS = 3
_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"


class _RefusedError(Exception):
    """Raised inside the opener (redirects) and turned into an IngestError for the address."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow at most ``max_redirects`` redirects, and only to http(s) addresses.

    Written out instead of tuning the stdlib handler because that one also follows ``ftp:``,
    and reads a redirect's whole body into memory before moving on.
    """

    def __init__(self, max_redirects: int) -> None:
        self.max_redirects = max_redirects

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
    ) -> http.client.HTTPResponse | None:
        location = headers.get("location") or headers.get("uri")
        if location is None:
            return None  # no target: the default error handler reports the 30x status
        # Location headers are decoded as ISO-8859-1 by http.client; re-encode as the stdlib does.
        target = urljoin(
            req.full_url, quote(location, encoding="iso-8859-1", safe=string.punctuation)
        )
        scheme = urlsplit(target).scheme.lower()
        count = getattr(req, "parallax_redirects", 0) + 1
        fp.close()
        if scheme not in _SCHEMES:
            raise _RefusedError(
                f"the server redirected to a {scheme}: address, which is not fetched"
            )
        if count > self.max_redirects:
            raise _RefusedError(f"too many redirects (more than {self.max_redirects})")
        new = self.redirect_request(req, fp, code, msg, headers, target)
        if new is None:
            return None
        new.parallax_redirects = count  # type: ignore[attr-defined]
        return self.parent.open(new, timeout=req.timeout)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


@functools.cache
def _tls_context() -> ssl.SSLContext:
    # Loading the root certificates takes about 0.2 s: once per process, not once per fetch.
    context = ssl.create_default_context()
    try:
        # Frozen apps on macOS/Windows may find no system roots; certifi (installed with
        # trafilatura) fills the gap. Added to the system roots, never replacing them.
        import certifi
    except ImportError:
        return context
    context.load_verify_locations(certifi.where())
    return context


def _mb(n_bytes: int) -> str:
    return f"{n_bytes / _MB:.3g} MB"


def _connect_reason(reason: object, timeout: float) -> str:
    """A one-line reason for a failure to reach the server."""
    if isinstance(reason, socket.gaierror):
        return "could not connect: the server's name was not found (offline?)"
    if isinstance(reason, TimeoutError):
        return f"could not connect: no answer within {timeout:g} s (offline?)"
    if isinstance(reason, ConnectionRefusedError):
        return "could not connect: the connection was refused (offline?)"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"could not connect securely: {reason.verify_message or 'certificate not trusted'}"
    if isinstance(reason, ssl.SSLError):
        return f"could not connect securely: {reason.reason or reason}"
    if isinstance(reason, OSError) and reason.strerror:
        return f"could not connect: {reason.strerror.lower()} (offline?)"
    return f"could not connect: {reason} (offline?)"


@dataclass(frozen=True)
class _HttpFetcher:
    """The fetcher :func:`make_fetcher` returns.

    A plain picklable object rather than a closure, because the library may ship
    :class:`~ingest.options.ReadOptions` (and so the fetcher) to worker processes.
    """

    user_agent: str
    timeout: float
    max_redirects: int
    max_bytes: int

    def __call__(self, url: str) -> tuple[str, str, bytes]:
        parts = urlsplit(url)
        if parts.scheme.lower() not in _SCHEMES:
            raise IngestError(url, "only http:// and https:// addresses can be fetched")
        if not parts.hostname:
            raise IngestError(url, "not a valid web address (no server name)")
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": self.user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip",
            },
        )
        deadline = time.monotonic() + self.timeout * _DEADLINE_TIMEOUTS
        try:
            response = self._opener().open(request, timeout=self.timeout)
        except _RefusedError as refused:
            raise IngestError(url, refused.reason) from None
        except urllib.error.HTTPError as error:
            error.close()
            phrase = error.reason or _status_phrase(error.code)
            raise IngestError(url, f"the server answered {error.code} {phrase}") from None
        except urllib.error.URLError as error:
            raise IngestError(url, _connect_reason(error.reason, self.timeout)) from None
        except (http.client.InvalidURL, UnicodeError, ValueError) as error:
            raise IngestError(url, f"not a valid web address ({error})") from None
        except TimeoutError:
            # Connected, but the answer's headers never came.
            raise IngestError(url, f"the server did not answer within {self.timeout:g} s") from None
        except (http.client.HTTPException, ConnectionError):
            raise IngestError(url, "the server closed the connection without answering") from None
        except OSError as error:
            raise IngestError(url, _connect_reason(error, self.timeout)) from None
        with response:
            final_url = response.geturl()
            content_type = response.headers.get("Content-Type", "")
            body = self._read_body(url, response, deadline)
        return final_url, content_type, body

    def _opener(self) -> urllib.request.OpenerDirector:
        # Built by hand, not with build_opener, so there is no file:, ftp: or data: handler
        # at all: an address the checks missed still cannot reach the disk.
        opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            urllib.request.HTTPHandler(),
            urllib.request.HTTPSHandler(context=_tls_context()),
            urllib.request.HTTPDefaultErrorHandler(),
            _RedirectHandler(self.max_redirects),
            urllib.request.HTTPErrorProcessor(),
            urllib.request.UnknownHandler(),
        ):
            opener.add_handler(handler)
        return opener

    def _too_big(self, url: str) -> IngestError:
        return IngestError(url, f"the download is larger than the {_mb(self.max_bytes)} limit")

    def _read_body(self, url: str, response: IO[bytes], deadline: float) -> bytes:
        headers = response.headers  # type: ignore[attr-defined]
        length = headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > self.max_bytes:
            raise self._too_big(url)  # refused before a byte of the body is read
        encoding = headers.get("Content-Encoding", "").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding in ("", "identity"):
            decoder = None
        else:
            raise IngestError(url, f"the server sent an unsupported encoding ({encoding})")
        body = bytearray()
        received = 0
        try:
            while chunk := response.read(_CHUNK):
                received += len(chunk)
                if received > self.max_bytes:
                    raise self._too_big(url)
                if decoder is None:
                    body += chunk
                else:
                    # max_length caps what one chunk may expand to: a gzip bomb stops here.
                    body += decoder.decompress(chunk, self.max_bytes + 1 - len(body))
                    if decoder.unconsumed_tail:
                        raise self._too_big(url)
                if len(body) > self.max_bytes:
                    raise self._too_big(url)
                if time.monotonic() > deadline:
                    limit = self.timeout * _DEADLINE_TIMEOUTS
                    raise IngestError(url, f"the download took longer than {limit:g} s")
        except TimeoutError:
            raise IngestError(
                url, f"the server stopped answering (no data for {self.timeout:g} s)"
            ) from None
        except zlib.error:
            raise IngestError(url, "the server sent damaged compressed data") from None
        except (http.client.HTTPException, ConnectionError):
            raise IngestError(url, "the connection closed before the download finished") from None
        return bytes(body)


def _status_phrase(code: int) -> str:
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return "error"


def make_fetcher(
    user_agent: str,
    *,
    timeout: float = 20,
    max_redirects: int = 5,
    max_bytes: int = 10 * 1024 * 1024,
) -> Fetcher:
    """Build the function that fetches one address for the readers.

    Parameters
    ----------
    user_agent
        The ``User-Agent`` header, ``Parallax/VERSION`` by the contract.
    timeout
        Seconds to wait to connect and for each read; the whole download must also finish
        within three timeouts.
    max_redirects
        Redirects followed at most; more is refused, as is a redirect to a non-http(s) address.
    max_bytes
        Largest body accepted, after gzip decoding; a larger one is refused without being
        read whole (by ``Content-Length`` when the server sends it).

    Returns
    -------
    Fetcher
        A picklable callable ``fetch(url) -> (final_url, content_type, body)``;
        ``content_type`` is the raw header value (``""`` when missing). It raises
        :class:`~ingest.errors.IngestError` with a one-line reason for refused addresses
        (anything but http and https), HTTP errors ("the server answered 404 Not Found"),
        unreachable servers ("could not connect: ... (offline?)"), timeouts and oversize
        bodies.
    """
    return _HttpFetcher(
        user_agent=user_agent, timeout=timeout, max_redirects=max_redirects, max_bytes=max_bytes
    )
