"""Expanding inputs into items and reading them: folders, archives, limits, odd files.

Everything is made in the test (tmp_path); nothing is downloaded.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import pickle
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

from ingest import ArticleDraft, IngestError, sources
from ingest.options import MAX_ARTICLE_BYTES, ReadOptions
from ingest.sources import (
    SourceItem,
    close_archives,
    expand_inputs,
    kind_for_name,
    read_item,
    sniff_kind,
)

MB = 1024 * 1024
ARTICLE = (
    "Council approves the new harbour plan\n\n"
    "The city council approved the harbour plan on Tuesday after a long debate about its cost "
    "and about the fishermen who use the old quay every morning.\n\n"
    "Supporters said the plan would bring jobs; critics said the budget was far too optimistic."
)
OPTIONS = ReadOptions()


@pytest.fixture(autouse=True)
def _no_open_archives() -> Iterable[None]:
    yield
    close_archives()


def expand(*inputs: str | Path, options: ReadOptions = OPTIONS) -> list[SourceItem | IngestError]:
    return list(expand_inputs([str(i) for i in inputs], options))


def items_of(found: list[SourceItem | IngestError]) -> list[SourceItem]:
    return [f for f in found if isinstance(f, SourceItem)]


def errors_of(found: Iterable[object]) -> list[IngestError]:
    return [f for f in found if isinstance(f, IngestError)]


def read_all(found: list[SourceItem | IngestError], options: ReadOptions = OPTIONS) -> list:
    out: list[ArticleDraft | IngestError] = []
    for entry in found:
        out.extend(read_item(entry, options) if isinstance(entry, SourceItem) else [entry])
    return out


def read_path(path: Path, options: ReadOptions = OPTIONS) -> list:
    return read_all(expand(path, options=options), options)


def only_error(results: list) -> IngestError:
    assert len(results) == 1, results
    assert isinstance(results[0], IngestError), results
    return results[0]


def only_draft(results: list) -> ArticleDraft:
    assert len(results) == 1, results
    assert isinstance(results[0], ArticleDraft), results
    return results[0]


def write(path: Path, text: str = ARTICLE, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", "text"),
        ("A.TXT", "text"),
        ("notes.md", "markdown"),
        ("notes.markdown", "markdown"),
        ("page.html", "html"),
        ("page.htm", "html"),
        ("page.xhtml", "html"),
        ("feed.xml", "feed"),
        ("feed.rss", "feed"),
        ("feed.atom", "feed"),
        ("dump.csv", "csv"),
        ("dump.tsv", "tsv"),
        ("dump.json", "json"),
        ("dump.jsonl", "jsonl"),
        ("dump.ndjson", "jsonl"),
        ("letter.docx", "docx"),
        ("report.pdf", "pdf"),
        ("page.html.gz", "html"),
        ("dump.csv.GZ", "csv"),
        ("archive.zip", None),
        ("image.png", None),
        ("README", None),
    ],
)
def test_kind_for_name(name: str, kind: str | None) -> None:
    assert kind_for_name(name) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<!DOCTYPE html><html><head><title>x</title>", "html"),
        (b"  \n<html lang='en'><body><p>x</p>", "html"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        (
            b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">',
            "feed",
        ),
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml">',
            "html",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "pdf"),
        (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
        (b'{"articles": [{"title": "x"}]}', "json"),
        (b'[{"title": "x"}]', "json"),
        (b'{"title": "a", "body": "b"}\n{"title": "c", "body": "d"}\n', "jsonl"),
        (b"Just a headline\n\nAnd a body.", "text"),
        ("\ufeff<html><body>x</body></html>".encode("utf-16"), "html"),
    ],
)
def test_sniff_kind(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


def test_source_items_pickle() -> None:
    item = SourceItem(ref="a.zip!b/c.txt", kind="text", path="/x/a.zip", member="b/c.txt", size=3)
    assert pickle.loads(pickle.dumps(item)) == item


# --------------------------------------------------------------------------- paths and folders


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    error = only_error(expand(missing))
    assert error.source_ref == str(missing)
    assert error.reason == "no such file or directory"


def test_web_address_without_scheme_gets_a_hint() -> None:
    assert "https://" in only_error(expand("www.example.com/story")).reason


@pytest.mark.parametrize("address", ["ftp://example.com/a.txt", "file:///etc/passwd"])
def test_other_schemes_are_refused(address: str) -> None:
    assert "only http:// and https://" in only_error(expand(address)).reason


def test_web_address_becomes_a_url_item() -> None:
    (item,) = expand("https://news.example.com/story?id=1")
    assert item == SourceItem(
        ref="https://news.example.com/story?id=1",
        kind="url",
        url="https://news.example.com/story?id=1",
    )


def test_folder_is_walked_recursively_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    root = tmp_path / "clips"
    write(root / "b.txt")
    write(root / "a" / "z.md")
    write(root / "a" / "deeper" / "page.html", "<html><body><p>x</p></body></html>")
    write(root / ".hidden" / "secret.txt")
    write(root / ".secret.txt")
    write(root / "~$draft.docx", "lock")
    write(root / "photo.jpg", "not an article")
    write(root / "Thumbs.db", "x")
    found = expand(root)
    assert not errors_of(found)
    assert [(i.ref, i.kind) for i in items_of(found)] == [
        (str(root / "a" / "deeper" / "page.html"), "html"),
        (str(root / "a" / "z.md"), "markdown"),
        (str(root / "b.txt"), "text"),
    ]
    assert all(i.path and os.path.isabs(i.path) for i in items_of(found))


def test_folder_with_nothing_importable(tmp_path: Path) -> None:
    write(tmp_path / "photo.jpg", "x")
    assert "nothing to import" in only_error(expand(tmp_path)).reason


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "sub" / "a.txt")
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "again").symlink_to(root / "sub", target_is_directory=True)
    refs = [i.ref for i in items_of(expand(root))]
    # The same folder reached through a link is walked once.
    assert len(refs) == 1
    assert refs[0].endswith("a.txt")


def test_broken_link_in_a_folder_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "ok.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    found = expand(tmp_path)
    assert len(items_of(found)) == 1
    assert "broken link" in errors_of(found)[0].reason


def test_named_pipe_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    assert "not a regular file" in only_error(expand(pipe)).reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt")
    path.chmod(0)
    assert "permission denied" in only_error(read_path(path)).reason


def test_permission_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "locked.txt")
    found = expand(path)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", denied, raising=False)
    assert only_error(read_all(found)).reason == "permission denied: the file cannot be read"


# --------------------------------------------------------------------------- files named explicitly


def test_plain_text_file(tmp_path: Path) -> None:
    draft = only_draft(read_path(write(tmp_path / "harbour.txt")))
    assert draft.title == "Council approves the new harbour plan"
    assert draft.body.startswith("The city council approved")
    assert draft.source_kind == "text"
    assert draft.source_ref == str(tmp_path / "harbour.txt")
    assert draft.language == "en"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"<!DOCTYPE html><html><head><title>T</title></head><body><p>x</p></body></html>", "html"),
        (b"%PDF-1.4\n1 0 obj\n", "pdf"),
        (ARTICLE.encode(), "text"),
        (b'{"title": "a", "body": "b"}\n{"title": "c", "body": "d"}\n', "jsonl"),
    ],
)
def test_file_without_extension_is_sniffed(tmp_path: Path, content: bytes, kind: str) -> None:
    path = tmp_path / "download"
    path.write_bytes(content)
    (item,) = expand(path)
    assert isinstance(item, SourceItem)
    assert item.kind == kind


def test_zip_without_extension_is_a_docx_or_an_archive(tmp_path: Path) -> None:
    word = tmp_path / "letter"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    plain = tmp_path / "bundle"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("one.txt", ARTICLE)
    (docx,) = expand(word)
    assert isinstance(docx, SourceItem)
    assert docx.kind == "docx"
    (member,) = expand(plain)
    assert isinstance(member, SourceItem)
    assert (member.ref, member.kind) == (f"{plain}!one.txt", "text")


def test_unsupported_format_named_explicitly(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert "save it as .docx" in only_error(expand(path)).reason


def test_empty_file_is_refused(tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.html", "empty.pdf"):
        path = tmp_path / name
        path.write_bytes(b"")
        assert only_error(read_path(path)).reason == "the file is empty"


def test_binary_file_named_html_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(bytes(range(256)) * 64)
    error = only_error(read_path(path))
    assert error.reason == "this is a binary file, not an HTML page"
    assert error.source_ref == str(path)


def test_text_named_pdf_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "report.pdf")
    assert "not a PDF file" in only_error(read_path(path)).reason


def test_huge_text_file_is_refused_by_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(200 * MB)  # sparse: no disk used, no time spent
    (item,) = expand(path)
    assert isinstance(item, SourceItem)
    assert item.size == 200 * MB

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(sources, "open", no_reading, raising=False)
    error = only_error(list(read_item(item, OPTIONS)))
    limit = MAX_ARTICLE_BYTES // MB
    assert error.reason == f"the file is 200 MB, larger than the {limit} MB limit for one article"


def test_huge_dataset_file_is_refused_at_the_file_limit(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    with path.open("wb") as file:
        file.truncate(201 * MB)
    error = only_error(read_path(path))
    assert error.reason == "the file is 201 MB, larger than the 200 MB limit for one file"


def test_limits_come_from_the_options(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt")
    error = only_error(read_path(path, ReadOptions(max_article_bytes=100)))
    assert "limit for one article" in error.reason


CP1252_ARTICLE = (
    "Le café de la gare ferme ses portes\n\n"
    "Le propriétaire du café a déclaré lundi que la décision était « définitive » et que "
    "l’établissement fermerait avant l’été. “Nous n’avons pas été consultés”, a-t-il ajouté — "
    "une phrase répétée par les habitués…\n\n"
    "La mairie a répondu qu’elle étudierait une aide pour les employés du café."
)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / f"{encoding}.txt", CP1252_ARTICLE, encoding)
    draft = only_draft(read_path(path))
    assert draft.title == "Le café de la gare ferme ses portes"
    for piece in ("propriétaire", "« définitive »", "“Nous n’avons pas été consultés”", "—", "…"):
        assert piece in draft.body
    assert draft.language == "fr"


def test_cp1252_english_with_rarer_accents(tmp_path: Path) -> None:
    text = (
        "Café owners protest new rules\n\n"
        "The owners of the city’s oldest café said on Monday that the new rules were "
        "“unworkable” and would force them to close before the summer season.\n\n"
        "“We have served coffee here since 1921,” said Hélène Dubois, who runs the café with "
        "her son. “Nobody asked us — not once.”\n\n"
        "The mayor’s office replied that the rules were a naïve reading of last year’s résumé "
        "of complaints, and promised a meeting…"
    )
    draft = only_draft(read_path(write(tmp_path / "cafe.txt", text, "cp1252")))
    assert "Hélène" in draft.body
    assert "naïve" in draft.body


def test_gz_text_file(tmp_path: Path) -> None:
    path = tmp_path / "harbour.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE.encode()))
    (item,) = expand(path)
    assert isinstance(item, SourceItem)
    assert item.kind == "text"
    draft = only_draft(list(read_item(item, OPTIONS)))
    assert draft.title == "Council approves the new harbour plan"


def test_gz_page(tmp_path: Path) -> None:
    pytest.importorskip("ingest.html")
    page = (
        "<!DOCTYPE html><html><head><title>Harbour plan approved</title></head><body><article>"
        "<h1>Harbour plan approved</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
        + "</article></body></html>"
    )
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(page.encode()))
    draft = only_draft(read_path(path))
    assert draft.title == "Harbour plan approved"
    assert "fishermen" in draft.body
    assert draft.source_ref == str(path)


def test_gzip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (20 * MB), compresslevel=1))
    error = only_error(read_path(path))
    assert error.reason == "the file unpacks to more than the 5 MB limit for one article"


def test_damaged_gz(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    assert "damaged" in only_error(read_path(path)).reason


# --------------------------------------------------------------------------- archives


def make_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def test_zip_with_a_folder_inside(tmp_path: Path) -> None:
    second = ARTICLE.replace("Council approves", "Mayor defends")
    archive = make_zip(
        tmp_path / "clips.zip",
        {"clips/": "", "clips/one.txt": ARTICLE, "clips/two.txt": second, "clips/x.png": "x"},
    )
    found = expand(archive)
    assert [i.ref for i in items_of(found)] == [
        f"{archive}!clips/one.txt",
        f"{archive}!clips/two.txt",
    ]
    drafts = read_all(found)
    assert [d.title for d in drafts] == [
        "Council approves the new harbour plan",
        "Mayor defends the new harbour plan",
    ]
    assert drafts[0].source_ref == f"{archive}!clips/one.txt"


def test_zip_inside_a_folder_is_opened(tmp_path: Path) -> None:
    make_zip(tmp_path / "clips.zip", {"one.txt": ARTICLE})
    (item,) = expand(tmp_path)
    assert isinstance(item, SourceItem)
    assert item.ref == f"{tmp_path / 'clips.zip'}!one.txt"


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/evil.txt", "a/../../evil.txt", "..\\evil.txt", "C:/evil.txt"]
)
def test_zip_slip_member_is_refused(tmp_path: Path, name: str) -> None:
    archive = make_zip(tmp_path / "slip.zip", {name: ARTICLE, "fine.txt": ARTICLE})
    with zipfile.ZipFile(archive) as check:
        assert name in check.namelist()  # the hostile name really is in the archive
    found = expand(archive)
    (error,) = errors_of(found)
    assert error.source_ref == f"{archive}!{name}"
    assert "unsafe path" in error.reason
    assert [i.member for i in items_of(found)] == ["fine.txt"]


def test_zip_over_the_archive_limit_is_refused(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "big.zip", {"a.txt": b"x" * (2 * MB)})
    found = expand(archive, options=ReadOptions(max_archive_bytes=1 * MB))
    error = only_error(found)
    assert error.reason == "the archive unpacks to 2 MB, more than the 1 MB limit for archives"


def test_zip_bomb_at_default_limits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("zeros.txt", "w") as member,
    ):
        zeros = bytes(MB)
        for _ in range(50):
            member.write(zeros)
    assert path.stat().st_size < MB  # ~1000:1
    error = only_error(expand(path))
    assert error.source_ref == str(path)
    assert error.reason.startswith("zeros.txt unpacks to 50 MB from ")
    assert "more than the 100 to 1 limit (a zip bomb?)" in error.reason


def test_small_highly_compressible_member_is_fine(tmp_path: Path) -> None:
    # 500 KB of one letter compresses ~1000:1, but is too small to hurt.
    archive = make_zip(tmp_path / "pad.zip", {"pad.txt": ARTICLE + "\n\n" + "a" * 500_000})
    assert len(items_of(expand(archive))) == 1


def test_member_over_the_article_limit_is_refused_when_read(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "clips.zip", {"long.txt": ARTICLE * 100})
    error = only_error(read_path(archive, ReadOptions(max_article_bytes=10_000)))
    assert error.source_ref == f"{archive}!long.txt"
    assert "larger than the" in error.reason
    assert "limit for one article" in error.reason


def test_nested_zip_is_not_opened(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep.txt", ARTICLE)
    outer = make_zip(tmp_path / "outer.zip", {"inner.zip": inner.getvalue(), "a.txt": ARTICLE})
    found = expand(outer)
    (error,) = errors_of(found)
    assert error.source_ref == f"{outer}!inner.zip"
    assert "archives inside archives" in error.reason
    assert len(items_of(found)) == 1


def test_gz_member_of_a_zip(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "c.zip", {"one.txt.gz": gzip.compress(ARTICLE.encode())})
    draft = only_draft(read_path(archive))
    assert draft.title == "Council approves the new harbour plan"


def test_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "locked.zip", {"secret.txt": ARTICLE})
    # The stdlib cannot encrypt: set the "encrypted" flag bit in the local and central headers.
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + offset] |= 0x1
    path.write_bytes(bytes(data))
    assert "encrypted" in only_error(expand(path)).reason


def test_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")
    assert "not a valid zip archive" in only_error(expand(path)).reason


def test_archive_with_nothing_importable(tmp_path: Path) -> None:
    archive = make_zip(tmp_path / "pics.zip", {"a.png": "x", ".hidden.txt": ARTICLE})
    assert "nothing to import" in only_error(expand(archive)).reason


def test_archive_replaced_between_reads(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "c.zip", {"a.txt": ARTICLE})
    (item,) = expand(path)
    assert isinstance(item, SourceItem)
    assert only_draft(list(read_item(item, OPTIONS))).title.startswith("Council")
    make_zip(path, {"b.txt": ARTICLE, "c.txt": ARTICLE})
    assert "no longer in the archive" in only_error(list(read_item(item, OPTIONS))).reason


# --------------------------------------------------------------------------- addresses


def test_address_with_network_off() -> None:
    (item,) = expand("https://news.example.com/story")
    assert isinstance(item, SourceItem)
    error = only_error(list(read_item(item, ReadOptions(fetcher=None))))
    assert error.source_ref == "https://news.example.com/story"
    assert error.reason.startswith("network access is off")


def fake_fetcher(content_type: str, body: bytes, final_url: str = "https://example.com/final"):
    def fetch(url: str) -> tuple[str, str, bytes]:
        return final_url, content_type, body

    return fetch


def test_plain_text_at_an_address() -> None:
    item = SourceItem(ref="https://example.com/a", kind="url", url="https://example.com/a")
    options = ReadOptions(fetcher=fake_fetcher("text/plain; charset=utf-8", ARTICLE.encode()))
    draft = only_draft(list(read_item(item, options)))
    assert draft.title == "Council approves the new harbour plan"
    assert draft.source_kind == "url"
    assert draft.source_ref == "https://example.com/a"
    assert draft.url == "https://example.com/final"
    assert draft.language == "en"


def test_html_at_an_address_goes_to_the_html_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, object]] = []

    def read_html(data: bytes, source_ref: str, options: ReadOptions, **keywords: object):
        calls.append(keywords)
        yield ArticleDraft(title="T", body="B " * 30, source_kind="url", source_ref=source_ref)

    monkeypatch.setattr(sources, "_reader", lambda kind, ref: (read_html, {}))
    item = SourceItem(ref="https://example.com/a", kind="url", url="https://example.com/a")
    options = ReadOptions(fetcher=fake_fetcher("text/html; charset=utf-8", b"<html><p>x</p>"))
    only_draft(list(read_item(item, options)))
    assert calls == [{"kind": "url", "url": "https://example.com/final"}]


@pytest.mark.parametrize(
    ("content_type", "final_url"),
    [
        ("application/zip", "https://example.com/dump"),
        ("application/octet-stream", "https://example.com/dump.zip"),
        ("", "https://example.com/page.html.gz"),
    ],
)
def test_archive_at_an_address_is_refused(content_type: str, final_url: str) -> None:
    item = SourceItem(ref="https://example.com/a", kind="url", url="https://example.com/a")
    options = ReadOptions(fetcher=fake_fetcher(content_type, b"PK\x03\x04....", final_url))
    assert "archives are not opened" in only_error(list(read_item(item, options))).reason


def test_fetch_error_is_reported() -> None:
    def fetch(url: str) -> tuple[str, str, bytes]:
        raise IngestError(url, "the server answered 404 Not Found")

    item = SourceItem(ref="https://example.com/a", kind="url", url="https://example.com/a")
    error = only_error(list(read_item(item, ReadOptions(fetcher=fetch))))
    assert error.reason == "the server answered 404 Not Found"


# --------------------------------------------------------------------------- robustness


def test_reader_bug_becomes_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object):
        raise ValueError("unexpected token\nat line 3")
        yield  # pragma: no cover

    monkeypatch.setattr("ingest.plaintext.read_text", broken)
    path = write(tmp_path / "a.txt")
    with caplog.at_level(logging.DEBUG, logger="ingest.sources"):
        error = only_error(read_path(path))
    assert error.source_ref == str(path)
    assert error.reason == "could not be read (ValueError: unexpected token at line 3)"
    assert "Traceback" in caplog.text


def test_errors_after_some_drafts_keep_the_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    def partly(data: bytes, source_ref: str, options: ReadOptions, **keywords: object):
        yield ArticleDraft(title="One", body=ARTICLE, source_kind="csv", source_ref="d.csv#1")
        raise KeyError("body")

    monkeypatch.setattr(sources, "_reader", lambda kind, ref: (partly, {}))
    item = SourceItem(ref="d.csv", kind="csv", path=__file__)
    results = list(read_item(item, OPTIONS))
    assert isinstance(results[0], ArticleDraft)
    assert results[0].source_ref == "d.csv#1"
    assert isinstance(results[1], IngestError)
    assert results[1].source_ref == "d.csv"


def test_tsv_drafts_say_tsv(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[dict[str, object]] = []

    def read_csv(data: bytes, source_ref: str, options: ReadOptions, **keywords: object):
        seen.append(keywords)
        yield ArticleDraft(title="T", body=ARTICLE, source_kind="csv", source_ref="d.tsv#1")

    monkeypatch.setattr(sources, "_reader", lambda kind, ref: (read_csv, {"delimiter": "\t"}))
    item = SourceItem(ref="d.tsv", kind="tsv", path=__file__)
    draft = only_draft(list(read_item(item, OPTIONS)))
    assert draft.source_kind == "tsv"
    assert seen == [{"delimiter": "\t"}]


def test_language_from_the_reader_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    def reader(data: bytes, source_ref: str, options: ReadOptions, **keywords: object):
        yield ArticleDraft(
            title="T", body=ARTICLE, source_kind="json", source_ref="d#1", language="de"
        )

    monkeypatch.setattr(sources, "_reader", lambda kind, ref: (reader, {}))
    item = SourceItem(ref="d.json", kind="json", path=__file__)
    assert only_draft(list(read_item(item, OPTIONS))).language == "de"


def test_sample_article(sample_article: Path) -> None:
    draft = only_draft(read_path(sample_article))
    assert draft.title.startswith("Lavrov: Western alliance")
    assert draft.language == "en"
    assert "so-called" in draft.body or "malicious propaganda" in draft.body
    pytest.importorskip("ingest.trim")
    assert "Check Also" not in draft.body
    assert "Check Also" in draft.trimmed
    assert draft.author == "Hazem Sabbagh"
    assert draft.body.endswith("elsewhere in the Middle East.")


def test_pasted_text_keeps_blank_line_paragraphs_and_joins_wrapped_lines() -> None:
    draft = sources.read_pasted(
        "Bridge closes",
        "The bridge closes on Monday\nfor repairs, the council said.\n\n\n"
        "Traffic goes through the old town.",
    )
    assert draft.body == (
        "The bridge closes on Monday for repairs, the council said.\n\n"
        "Traffic goes through the old town."
    )
    assert (draft.source_kind, draft.source_ref, draft.url) == ("text", "pasted text", None)


def test_pasted_text_over_the_limit_is_refused() -> None:
    with pytest.raises(IngestError, match="limit"):
        sources.read_pasted("Big", "word " * 100, options=ReadOptions(max_article_bytes=100))
