"""Trimming web-page leftovers from article bodies: what goes, what stays, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.plaintext import split_title_body
from ingest.trim import Trimmed, trim_boilerplate

# An article of our own, several real paragraphs.
ARTICLE = [
    "The town council of Port Ellery voted on Tuesday evening to approve a long-debated plan "
    "to rebuild the harbour wall, ending nearly three years of public hearings.",
    "The plan, which passed by seven votes to four, sets aside money for a wider breakwater "
    "and a new slipway for the lifeboat crew.",
    "Supporters said the old wall had been patched so many times that engineers could no "
    "longer say how long it would hold against winter storms.",
    "Opponents argued that the cost had been understated and that residents who feared a "
    "closed beach for two summers had not been heard.",
    "Work is expected to begin in the spring, once the contract has been signed and the "
    "fishermen have agreed where their boats will be moored.",
]


def body_of(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def paragraphs_of(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def test_sample_article_loses_its_byline_and_check_also_block(sample_article: Path) -> None:
    title, body = split_title_body(sample_article.read_text(encoding="utf-8"))
    result = trim_boilerplate(body, title=title)
    assert result.author == "Hazem Sabbagh"
    assert paragraphs_of(result.body)[-1].startswith("Lavrov warned against the falsification")
    assert "Check Also" in result.trimmed
    assert "UN General Assembly reiterates demand" in result.trimmed
    assert "Hazem Sabbagh" in result.trimmed
    assert "Check Also" not in result.body
    assert "UN General Assembly" not in result.body
    # Every paragraph of the article itself is still there, in order.
    assert paragraphs_of(result.body) == paragraphs_of(body)[: len(paragraphs_of(result.body))]
    assert len(paragraphs_of(result.body)) == 12


def test_check_also_block_after_a_byline() -> None:
    body = body_of(
        *ARTICLE,
        "Maria Lopez",
        "Check Also",
        "Ferry timetable to change after harbour vote",
        "The ferry company said on Wednesday that its winter timetable would …",
    )
    result = trim_boilerplate(body)
    assert paragraphs_of(result.body) == ARTICLE
    assert result.author == "Maria Lopez"
    assert paragraphs_of(result.trimmed) == [
        "Maria Lopez",
        "Check Also",
        "Ferry timetable to change after harbour vote",
        "The ferry company said on Wednesday that its winter timetable would …",
    ]


@pytest.mark.parametrize(
    "heading",
    ["Read more", "Related", "Related stories", "More from Business", "You may also like...",
     "Recommended", "RECOMMENDED FOR YOU", "Check also:", "Tags"],
)  # fmt: skip
def test_trailing_teaser_blocks(heading: str) -> None:
    teasers = ["Storm damages pier at Kelby", "Lifeboat crew honoured for rescue"]
    result = trim_boilerplate(body_of(*ARTICLE, heading, *teasers))
    assert paragraphs_of(result.body) == ARTICLE
    assert paragraphs_of(result.trimmed) == [heading, *teasers]
    assert result.author is None


def test_heading_followed_by_more_article_is_not_a_teaser_block() -> None:
    # "Related" as a section title, with real paragraphs after it: nothing is cut.
    body = body_of(ARTICLE[0], ARTICLE[1], "Related", ARTICLE[2], ARTICLE[3])
    result = trim_boilerplate(body)
    assert result.body == body
    assert result.trimmed == ""


def test_teaser_box_in_the_middle_goes_but_the_article_after_it_stays() -> None:
    body = body_of(
        ARTICLE[0],
        ARTICLE[1],
        "DON'T MISS",
        "Storm damages pier at Kelby [VIDEO]",
        "Lifeboat crew honoured for rescue [PICTURES]",
        ARTICLE[2],
        ARTICLE[3],
        ARTICLE[4],
    )
    result = trim_boilerplate(body)
    assert paragraphs_of(result.body) == ARTICLE
    assert "DON'T MISS" in result.trimmed
    assert "Lifeboat crew honoured" in result.trimmed


def test_sentences_starting_with_block_words_are_kept() -> None:
    body = body_of(
        ARTICLE[0],
        "Related talks between the harbour board and the fishermen's association are planned "
        "for next month, the council said.",
        "Read more carefully, the report shows that costs rose by a third.",
        ARTICLE[1],
    )
    assert trim_boilerplate(body).body == body


@pytest.mark.parametrize(
    "leftover",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter WhatsApp Email",
        "Follow us on Twitter and Instagram for the latest news",
        "Click here to subscribe to our daily briefing",
        "READ MORE: Storm damages pier at Kelby",
        "Related: Lifeboat crew honoured for rescue",
    ],
)
def test_standalone_leftovers_in_the_middle(leftover: str) -> None:
    body = body_of(ARTICLE[0], ARTICLE[1], leftover, ARTICLE[2], ARTICLE[3])
    result = trim_boilerplate(body)
    assert paragraphs_of(result.body) == ARTICLE[:4]
    assert result.trimmed == leftover


def test_cookie_notice_and_copyright_footer_at_the_edges() -> None:
    cookie = (
        "We use cookies to give you the best experience on our website. By continuing to "
        "browse you agree to our cookie policy."
    )
    footer = "© 2024 The Coastal Times. All rights reserved."
    result = trim_boilerplate(body_of(cookie, *ARTICLE, footer))
    assert paragraphs_of(result.body) == ARTICLE
    assert paragraphs_of(result.trimmed) == [cookie, footer]


def test_repeated_headline_and_date_stamp_at_the_start() -> None:
    title = "Harbour plan approved after three years"
    body = body_of(title, "Updated 5 March 2024, 10:15 GMT", *ARTICLE)
    result = trim_boilerplate(body, title=title)
    assert paragraphs_of(result.body) == ARTICLE
    assert paragraphs_of(result.trimmed) == [title, "Updated 5 March 2024, 10:15 GMT"]
    # Without the title, the headline line is not known to be one and stays.
    assert trim_boilerplate(body).body.startswith(title)


def test_by_line_at_the_start_becomes_the_author() -> None:
    result = trim_boilerplate(body_of("By Jane Doe", *ARTICLE))
    assert result.author == "Jane Doe"
    assert paragraphs_of(result.body) == ARTICLE
    assert result.trimmed == "By Jane Doe"


def test_contact_note_and_sales_pitch_at_the_end() -> None:
    contact = "Maria Lopez may be reached at mlopez@coastal.example. Follow her on Twitter @mlopez."
    pitch = "Get The Coastal Times delivered to your door every month. Click here to subscribe."
    result = trim_boilerplate(body_of(*ARTICLE, contact, pitch))
    assert paragraphs_of(result.body) == ARTICLE
    assert paragraphs_of(result.trimmed) == [contact, pitch]


def test_closing_sentences_that_sound_like_prompts_are_kept() -> None:
    endings = [
        "Get ready for higher energy bills: prices will rise by £20 a month from April, the "
        "regulator said.",
        "Follow the money, the auditor told the committee, and the harbour plan falls apart.",
    ]
    for ending in endings:
        result = trim_boilerplate(body_of(*ARTICLE, ending))
        assert paragraphs_of(result.body)[-1] == ending


@pytest.mark.parametrize(
    "last",
    [
        "The Bottom Line",  # a title-case heading, not a name
        "He said.",
        "ASSOCIATED PRESS",
        "Getty Images",
        "Watch the video below",
        "Ursula von der Leyen and Charles Michel met on Monday to discuss the harbour fund.",
    ],
)
def test_last_lines_that_are_not_bylines(last: str) -> None:
    result = trim_boilerplate(body_of(*ARTICLE, last))
    assert result.author is None
    assert paragraphs_of(result.body)[-1] == last


@pytest.mark.parametrize("name", ["Hazem Sabbagh", "Ursula von der Leyen", "J. R. Smith"])
def test_bylines_that_are_names(name: str) -> None:
    result = trim_boilerplate(body_of(*ARTICLE, name))
    assert result.author == name
    assert paragraphs_of(result.body) == ARTICLE


def test_a_clean_article_is_left_alone() -> None:
    body = body_of(*ARTICLE)
    assert trim_boilerplate(body) == Trimmed(body=body, trimmed="", author=None)


def test_section_break_marks_are_kept() -> None:
    body = body_of(ARTICLE[0], "* * *", ARTICLE[1])
    assert trim_boilerplate(body).body == body


def test_trimming_twice_changes_nothing_more() -> None:
    body = body_of("Advertisement", *ARTICLE, "Jane Doe", "Related", "Storm damages pier")
    once = trim_boilerplate(body)
    twice = trim_boilerplate(once.body)
    assert twice.body == once.body
    assert twice.trimmed == ""


LEFTOVERS = ["Advertisement", "Share this article", "Check Also", "Read more", "Jane Doe",
             "READ MORE: Storm damages pier", "Tags", "© 2024 The Coastal Times"]  # fmt: skip


@given(st.lists(st.sampled_from(ARTICLE + LEFTOVERS), min_size=1, max_size=14))
def test_nothing_is_lost(paragraphs: list[str]) -> None:
    result = trim_boilerplate("\n\n".join(paragraphs))
    kept, taken = paragraphs_of(result.body), paragraphs_of(result.trimmed)
    assert sorted(kept + taken) == sorted(paragraphs)
    # Both parts keep the original order (each is a subsequence of the input).
    for part in (kept, taken):
        positions = iter(paragraphs)
        assert all(any(p == q for q in positions) for p in part)


@given(st.lists(st.sampled_from(ARTICLE), min_size=1, max_size=10))
def test_real_paragraphs_are_never_removed(paragraphs: list[str]) -> None:
    result = trim_boilerplate("\n\n".join(paragraphs))
    assert paragraphs_of(result.body) == paragraphs
    assert result.trimmed == ""


@pytest.mark.parametrize(
    "footer", ["Copyright 2024 The Coastal Times", "(c) 2024 Coastal Media Ltd", "Photo: Jane Doe"]
)
def test_short_copyright_and_credit_lines(footer: str) -> None:
    result = trim_boilerplate(body_of(ARTICLE[0], footer, ARTICLE[1]))
    assert result.trimmed == footer


@pytest.mark.parametrize(
    "sentence",
    [
        "Copyright law has not kept up with the harbour's new webcams, the clerk said.",
        "(c) the fishing moorings, which the plan keeps;",
        "Join us on Saturday at the town hall, the harbour master told residents.",
    ],
)
def test_sentences_that_start_like_footers_are_kept(sentence: str) -> None:
    body = body_of(ARTICLE[0], sentence, ARTICLE[1])
    assert trim_boilerplate(body).body == body
