"""Word and PDF documents, built in the tests: titles, paragraphs, damaged and locked files."""

from __future__ import annotations

import io
import zipfile

import docx
import pypdf
import pytest
from docx.shared import Pt

from ingest.documents import read_docx, read_pdf, reflow_pdf_text
from ingest.draft import ArticleDraft
from ingest.errors import IngestError
from ingest.options import ReadOptions

# --- building test files ------------------------------------------------------------------


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")  # the font below uses WinAnsiEncoding
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def make_pdf(pages: list[list[str] | None], info: dict[str, str] | None = None) -> bytes:
    """A minimal PDF: each page a list of lines in Helvetica, or None for a page that only
    paints a grey rectangle (no text layer, as in a scan)."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids: list[int] = []
    for lines in pages:
        if lines is None:
            stream = b"0.5 g 72 72 400 600 re f"
        else:
            operators = [b"BT /F1 11 Tf 14 TL 72 760 Td"]
            operators += [_pdf_string(line) + b" Tj T*" for line in lines]
            operators.append(b"ET")
            stream = b"\n".join(operators)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects)
        )
        kids.append(len(objects))
    references = b" ".join(b"%d 0 R" % kid for kid in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (references, len(kids))
    trailer_extra = b""
    if info:
        entries = b" ".join(b"/%s %s" % (k.encode(), _pdf_string(v)) for k, v in info.items())
        objects.append(b"<< " + entries + b" >>")
        trailer_extra = b" /Info %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        trailer_extra,
        xref,
    )
    return bytes(out)


def encrypt(pdf: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


HEADER = "Harbour Gazette - 3 March 2026"
ARTICLE_PAGES: list[list[str] | None] = [
    [
        HEADER,
        "Council backs harbour plan",
        "The town council voted on Tuesday to back a plan that will",
        "rebuild the harbour wall and widen the ferry terminal, ending",
        "a dispute with the café owners.",
        "Critics said the cost had been underestimated by the govern-",
        "ment and that the work would run late.",
        "The mayor, who has championed the project since her election,",
        "1",
    ],
    [
        HEADER,
        "said the first contracts would be signed in the spring and",
        "that work on the wall could start by the summer.",
        "Page 2 of 2",
    ],
]
ARTICLE_BODY = (
    "The town council voted on Tuesday to back a plan that will rebuild the harbour wall and "
    "widen the ferry terminal, ending a dispute with the café owners.\n\n"
    "Critics said the cost had been underestimated by the government and that the work would "
    "run late.\n\n"
    "The mayor, who has championed the project since her election, said the first contracts "
    "would be signed in the spring and that work on the wall could start by the summer."
)


def read_one_pdf(data: bytes, options: ReadOptions | None = None) -> ArticleDraft:
    (draft,) = list(read_pdf(data, "story.pdf", options or ReadOptions()))
    return draft


def read_one_docx(data: bytes) -> ArticleDraft:
    (draft,) = list(read_docx(data, "story.docx", ReadOptions()))
    return draft


# --- PDF ----------------------------------------------------------------------------------


class TestPdf:
    def test_article_is_reflowed_into_paragraphs(self) -> None:
        draft = read_one_pdf(make_pdf(ARTICLE_PAGES, {"Title": "Untitled", "Author": "J. Doe"}))
        assert draft == ArticleDraft(
            title="Council backs harbour plan",
            body=ARTICLE_BODY,
            trimmed=HEADER,
            source_kind="pdf",
            source_ref="story.pdf",
            author="J. Doe",
        )

    def test_metadata_title_is_not_repeated_in_the_body(self) -> None:
        draft = read_one_pdf(make_pdf(ARTICLE_PAGES, {"Title": "Council backs harbour plan"}))
        assert draft.title == "Council backs harbour plan"
        assert draft.body == ARTICLE_BODY
        assert draft.author is None

    def test_metadata_title_differing_from_the_first_line_keeps_the_body_whole(self) -> None:
        draft = read_one_pdf(make_pdf(ARTICLE_PAGES, {"Title": "Harbour: the vote"}))
        assert draft.title == "Harbour: the vote"
        assert draft.body.startswith("Council backs harbour plan\n\nThe town council voted")

    def test_no_text_layer(self) -> None:
        with pytest.raises(IngestError) as caught:
            read_one_pdf(make_pdf([None, None]))
        assert caught.value.reason == "the PDF has no text layer (scanned?)"

    @pytest.mark.parametrize(
        "data",
        [
            make_pdf(ARTICLE_PAGES)[:300],
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage",
            b"this is not a PDF at all",
        ],
        ids=["truncated", "garbage", "not-pdf"],
    )
    def test_damaged(self, data: bytes, caplog: pytest.LogCaptureFixture) -> None:
        with pytest.raises(IngestError) as caught:
            read_one_pdf(data)
        assert caught.value.reason.startswith(
            "not a readable PDF, the file is damaged or incomplete ("
        )
        # pypdf's own log warnings are silenced: our reason is the one message.
        assert not [record for record in caplog.records if record.name.startswith("pypdf")]

    def test_empty(self) -> None:
        with pytest.raises(IngestError, match="the file is empty"):
            read_one_pdf(b"")

    def test_password_protected(self) -> None:
        with pytest.raises(IngestError) as caught:
            read_one_pdf(encrypt(make_pdf(ARTICLE_PAGES), "secret"))
        assert caught.value.reason == "the PDF is password-protected"

    def test_encrypted_with_an_empty_password_is_read(self) -> None:
        draft = read_one_pdf(encrypt(make_pdf(ARTICLE_PAGES), ""))
        assert draft.body == ARTICLE_BODY

    def test_aes_without_the_cryptography_package(self, monkeypatch: pytest.MonkeyPatch) -> None:
        def refuse(*args: object, **kwargs: object) -> None:
            raise pypdf.errors.DependencyError("cryptography>=3.1 is required for AES algorithm")

        monkeypatch.setattr(pypdf, "PdfReader", refuse)
        with pytest.raises(IngestError, match="encrypted with AES"):
            read_one_pdf(make_pdf(ARTICLE_PAGES))

    def test_text_over_the_article_limit(self) -> None:
        with pytest.raises(IngestError, match="larger than the 100 bytes limit"):
            read_one_pdf(make_pdf(ARTICLE_PAGES), ReadOptions(max_article_bytes=100))

    def test_single_line(self) -> None:
        with pytest.raises(IngestError, match="no article body"):
            read_one_pdf(make_pdf([["Only a headline"]]))


class TestReflow:
    def test_hyphens(self) -> None:
        body, _ = reflow_pdf_text(
            [
                "A long line of text that is about as wide as the page is, with an Anglo-\n"
                "Saxon word, a soft hyphen in the middle of the word hyph\u00ad\n"
                "enation, and a dis\u00adcovery made in a well known place, before the para-\n"
                "graph ends here."
            ]
        )
        assert body == (
            "A long line of text that is about as wide as the page is, with an Anglo-Saxon "
            "word, a soft hyphen in the middle of the word hyphenation, and a discovery made "
            "in a well known place, before the paragraph ends here."
        )

    @pytest.mark.parametrize(
        ("broken", "elsewhere", "expected"),
        [
            ("well-\nknown", "", "well-known"),  # "wellknown" is no word; both halves are
            ("self-\ndefence", "", "self-defence"),
            ("govern-\nment", "", "government"),
            ("co-\noperate", "They cooperate.", "cooperate"),  # the document's own spelling
            ("co-\noperate", "They co-operate.", "co-operate"),
        ],
    )
    def test_a_compound_broken_at_its_hyphen_keeps_it(
        self, broken: str, elsewhere: str, expected: str
    ) -> None:
        body, _ = reflow_pdf_text(
            [
                "A long line of text that is about as wide as the page is, about a "
                + broken
                + " thing that the line then carries on about for a while. "
                + elsewhere
            ]
        )
        assert f"about a {expected} thing" in body

    def test_blank_lines_are_paragraph_breaks(self) -> None:
        body, _ = reflow_pdf_text(["One line\nsame paragraph\n\nOther paragraph"])
        assert body == "One line same paragraph\n\nOther paragraph"

    def test_unwrapped_lines_are_paragraphs(self) -> None:
        first, second = "a" * 160 + ".", "B" + "b" * 170 + "."
        body, _ = reflow_pdf_text([f"{first}\n{second}"])
        assert body == f"{first}\n\n{second}"

    def test_running_footer_with_page_numbers(self) -> None:
        texts = ["Alpha starts.", "Beta goes on.", "Gamma ends."]
        pages = [f"{text}\nhttps://news.example/story {n}/3" for n, text in enumerate(texts, 1)]
        body, trimmed = reflow_pdf_text(pages)
        assert body == "Alpha starts.\n\nBeta goes on.\n\nGamma ends."
        # Every removed line is kept, so nothing is lost silently.
        assert trimmed == "\n".join(f"https://news.example/story {n}/3" for n in (1, 2, 3))

    def test_nothing(self) -> None:
        assert reflow_pdf_text(["", "  \n"]) == ("", "")


# --- Word ---------------------------------------------------------------------------------


class TestDocx:
    def test_title_style_body_table_and_author(self) -> None:
        document = docx.Document()
        document.core_properties.author = "Rosa Díaz"
        document.core_properties.language = "es-ES"
        document.add_paragraph("Draft — not for print")  # before the title: kept in the body
        document.add_paragraph("Night train returns", style="Title")
        document.add_paragraph("The night train to the coast runs again from May.")
        document.add_paragraph("   ")
        document.add_heading("Background", level=2)
        paragraph = document.add_paragraph("Service stopped in 2019.")
        paragraph.add_run().add_break()
        paragraph.add_run("Fares are “unchanged”.").font.size = Pt(11)
        table = document.add_table(rows=2, cols=2)
        for row, cells in zip(table.rows, [("Route", "Days"), ("Coast", "Daily")], strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
        draft = read_one_docx(docx_bytes(document))
        assert draft == ArticleDraft(
            title="Night train returns",
            body=(
                "Draft — not for print\n\n"
                "The night train to the coast runs again from May.\n\n"
                "Background\n\n"
                "Service stopped in 2019.\nFares are “unchanged”.\n\n"
                "Route | Days\n\n"
                "Coast | Daily"
            ),
            source_kind="docx",
            source_ref="story.docx",
            author="Rosa Díaz",
            language="es",
        )

    def test_core_title_is_not_repeated_in_the_body(self) -> None:
        document = docx.Document()
        document.core_properties.title = "Mill to close"
        document.add_paragraph("Mill to close")
        document.add_paragraph("The mill will close in June.")
        draft = read_one_docx(docx_bytes(document))
        assert (draft.title, draft.body) == ("Mill to close", "The mill will close in June.")

    def test_early_heading_is_the_title(self) -> None:
        document = docx.Document()
        document.add_heading("Bridge reopens", level=1)
        document.add_paragraph("Traffic flows again.")
        draft = read_one_docx(docx_bytes(document))
        assert (draft.title, draft.body) == ("Bridge reopens", "Traffic flows again.")

    def test_first_paragraph_is_the_title_otherwise(self) -> None:
        document = docx.Document()
        document.core_properties.title = "Document1"  # a placeholder, ignored
        document.add_paragraph("Plain headline")
        document.add_paragraph("Plain body.")
        draft = read_one_docx(docx_bytes(document))
        assert (draft.title, draft.body) == ("Plain headline", "Plain body.")

    def test_empty_document(self) -> None:
        with pytest.raises(IngestError, match="the document has no text"):
            read_one_docx(docx_bytes(docx.Document()))

    def test_single_paragraph(self) -> None:
        document = docx.Document()
        document.add_paragraph("Lonely")
        with pytest.raises(IngestError, match="no article body"):
            read_one_docx(docx_bytes(document))

    @pytest.mark.parametrize(
        "data",
        [b"PK\x03\x04 not really a zip", b"plain text, not a document", b""],
        ids=["broken-zip", "text", "empty"],
    )
    def test_not_a_docx(self, data: bytes) -> None:
        with pytest.raises(IngestError) as caught:
            read_one_docx(data)
        assert caught.value.reason.startswith("not a readable Word document (.docx)")

    def test_zip_without_a_document(self) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hello.txt", "hi")
        with pytest.raises(IngestError) as caught:
            read_one_docx(buffer.getvalue())
        assert caught.value.reason.startswith("not a readable Word document (.docx): ")

    def test_old_binary_doc(self) -> None:
        with pytest.raises(IngestError, match=r"old Word document \(.doc\)"):
            read_one_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)

    def test_zip_bomb_is_refused_before_unpacking(self) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", b"\x00" * (4 * 1024 * 1024))
        with pytest.raises(IngestError) as caught:
            read_one_docx(buffer.getvalue())
        assert caught.value.reason.startswith("refused: word/document.xml is compressed")
        assert "possibly a zip bomb" in caught.value.reason
