"""Fetching addresses from a local server the test starts (127.0.0.1, a free port)."""

from __future__ import annotations

import gzip
import pickle
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest import ArticleDraft, IngestError
from ingest.fetch import make_fetcher
from ingest.options import ReadOptions
from ingest.sources import expand_inputs, read_item

AGENT = "Parallax/test"
PARAGRAPHS = [
    "The city council approved the harbour plan on Tuesday after a long debate about its cost "
    "and about the fishermen who use the old quay every morning before sunrise.",
    "Supporters said the plan would bring hundreds of jobs to the waterfront; critics said the "
    "budget was far too optimistic and that the council had ignored the engineers' warnings.",
    "The first works are due to start in the spring, the mayor said, and should be finished "
    "within three years if the regional government pays its share on time.",
]
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Harbour plan approved | Example News</title></head><body>"
    "<article><h1>Harbour plan approved</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article></body></html>"
).encode()
PLAIN = ("Harbour plan approved\n\n" + "\n\n".join(PARAGRAPHS)).encode()
BIG = 5000
SMALL_CAP = 1000


@dataclass
class Seen:
    """What the server saw: the User-Agent of each request."""

    agents: list[str | None] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean

    def _send(self, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.server.seen.agents.append(self.headers.get("User-Agent"))
        path = self.path
        if path == "/page":
            self._send(PAGE, "text/html; charset=utf-8")
        elif path == "/plain":
            self._send(PLAIN, "text/plain; charset=utf-8")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            if left == 0:
                self._send(PAGE, "text/html; charset=utf-8")
            else:
                self._redirect(f"/hop/{left - 1}")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/missing":
            self.send_error(404)
        elif path == "/broken":
            self.send_error(500)
        elif path == "/big":
            self._send(b"x" * BIG, "text/html")
        elif path == "/big-stream":
            # No Content-Length: the size is only known by reading.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"x" * BIG)
        elif path == "/huge-declared":
            # Claims 11 MB, sends a few bytes: the claim alone must be enough to refuse.
            self._send(b"<html>", "text/html", Content_Length=str(11 * 1024 * 1024))
        elif path == "/gzip":
            self._send(gzip.compress(PAGE), "text/html; charset=utf-8", Content_Encoding="gzip")
        elif path == "/gzip-bomb":
            bomb = gzip.compress(b"\0" * (1024 * 1024), compresslevel=9)
            self._send(bomb, "text/html", Content_Encoding="gzip")
        elif path == "/slow":
            time.sleep(1.5)
            self._send(PAGE, "text/html")
        else:
            self.send_error(404)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen = Seen()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout test) is expected


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def address(server: _Server, path: str) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}{path}"


def fetch_error(fetch: object, url: str) -> IngestError:
    with pytest.raises(IngestError) as caught:
        fetch(url)  # type: ignore[operator]
    assert caught.value.source_ref == url
    return caught.value


def test_page_is_fetched_with_our_user_agent(server: _Server) -> None:
    fetch = make_fetcher(AGENT)
    url = address(server, "/page")
    final_url, content_type, body = fetch(url)
    assert final_url == url
    assert content_type == "text/html; charset=utf-8"
    assert body == PAGE
    assert server.seen.agents[-1] == AGENT


def test_page_at_an_address_is_read(server: _Server) -> None:
    pytest.importorskip("ingest.html")
    options = ReadOptions(fetcher=make_fetcher(AGENT))
    url = address(server, "/page")
    (item,) = expand_inputs([url], options)
    (draft,) = read_item(item, options)  # type: ignore[arg-type]
    assert isinstance(draft, ArticleDraft), draft
    assert draft.title == "Harbour plan approved"
    assert "fishermen" in draft.body
    assert draft.source_kind == "url"
    assert draft.source_ref == url
    assert draft.url == url
    assert draft.language == "en"


def test_plain_text_at_an_address_is_read(server: _Server) -> None:
    options = ReadOptions(fetcher=make_fetcher(AGENT))
    url = address(server, "/plain")
    (item,) = expand_inputs([url], options)
    (draft,) = read_item(item, options)  # type: ignore[arg-type]
    assert isinstance(draft, ArticleDraft), draft
    assert draft.title == "Harbour plan approved"
    assert draft.source_kind == "url"


def test_five_redirects_are_followed(server: _Server) -> None:
    final_url, _, body = make_fetcher(AGENT)(address(server, "/hop/5"))
    assert final_url == address(server, "/hop/0")
    assert body == PAGE


def test_six_redirects_are_refused(server: _Server) -> None:
    error = fetch_error(make_fetcher(AGENT), address(server, "/hop/6"))
    assert error.reason == "too many redirects (more than 5)"


def test_redirect_to_a_file_is_refused(server: _Server) -> None:
    error = fetch_error(make_fetcher(AGENT), address(server, "/to-file"))
    assert error.reason == "the server redirected to a file: address, which is not fetched"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/broken", "the server answered 500 Internal Server Error"),
    ],
)
def test_http_errors(server: _Server, path: str, reason: str) -> None:
    assert fetch_error(make_fetcher(AGENT), address(server, path)).reason == reason


def test_http_error_through_read_item(server: _Server) -> None:
    options = ReadOptions(fetcher=make_fetcher(AGENT))
    url = address(server, "/missing")
    (item,) = expand_inputs([url], options)
    (error,) = read_item(item, options)  # type: ignore[arg-type]
    assert isinstance(error, IngestError)
    assert (error.source_ref, error.reason) == (url, "the server answered 404 Not Found")


@pytest.mark.parametrize("path", ["/big", "/big-stream"])
def test_body_over_the_cap_is_refused(server: _Server, path: str) -> None:
    fetch = make_fetcher(AGENT, max_bytes=SMALL_CAP)
    error = fetch_error(fetch, address(server, path))
    assert error.reason == f"the download is larger than the {SMALL_CAP / 1024 / 1024:.3g} MB limit"


def test_declared_size_over_the_default_cap_is_refused_before_reading(server: _Server) -> None:
    error = fetch_error(make_fetcher(AGENT), address(server, "/huge-declared"))
    assert error.reason == "the download is larger than the 10 MB limit"


def test_gzip_encoding_is_decoded(server: _Server) -> None:
    _, _, body = make_fetcher(AGENT)(address(server, "/gzip"))
    assert body == PAGE


def test_gzip_bomb_is_refused(server: _Server) -> None:
    fetch = make_fetcher(AGENT, max_bytes=64 * 1024)
    error = fetch_error(fetch, address(server, "/gzip-bomb"))
    assert error.reason.startswith("the download is larger than the")


def test_slow_server_times_out(server: _Server) -> None:
    fetch = make_fetcher(AGENT, timeout=0.3)
    error = fetch_error(fetch, address(server, "/slow"))
    assert error.reason == "the server did not answer within 0.3 s"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/a.txt", "data:text/plain,hello", "/etc/hosts"]
)
def test_other_schemes_are_refused(url: str) -> None:
    assert "only http:// and https://" in fetch_error(make_fetcher(AGENT), url).reason


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Closed again: nothing listens on the port now.
    error = fetch_error(make_fetcher(AGENT, timeout=5), f"http://127.0.0.1:{port}/")
    assert error.reason.startswith("could not connect: ")
    assert error.reason.endswith("(offline?)")


def test_name_not_found(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    error = fetch_error(make_fetcher(AGENT), "https://news.example.invalid/story")
    assert error.reason == "could not connect: the server's name was not found (offline?)"


def test_fetcher_pickles_for_worker_processes() -> None:
    fetch = make_fetcher(AGENT, timeout=7)
    assert pickle.loads(pickle.dumps(fetch)) == fetch
