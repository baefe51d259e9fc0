"""Worksheet questions built from a comparison, each with the answer the key prints.

Questions point students at evidence in the texts — a passage where the outlets chose
different words, a voice only one outlet gives space to, the words each outlet repeats — and
the answers are the comparison's own findings, so a teacher can check them against the texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.compare import OnlyHere
from export.columns import Row, shown_spans
from export.content import ContrastRow, contrast_rows, outlet_name, own_voice_words
from export.glossary import category_name
from export.records import ComparisonExport

#: Wording-contrast questions per worksheet.
CONTRAST_QUESTIONS = 3
#: Distinctive terms an answer lists per article.
ANSWER_TERMS = 5


@dataclass(frozen=True, slots=True)
class Question:
    """A question, the lines of its model answer, and the ruled lines left for students."""

    text: str
    answer: tuple[str, ...]
    lines: int = 4


def _name(export: ComparisonExport, article: int) -> str:
    return f"{export.letters[article]} · {outlet_name(export.articles[article])}"


def _quoted(text: str) -> str:
    """In typographic quotes, unless the words carry their own (a scare quote)."""
    if text[:1] in '“"' and text[-1:] in '”"':
        return text
    return f"“{text.strip('“”')}”"


def _short(label: str) -> str:
    """``labelling`` for ``labelling (name-calling)``: short enough for lists."""
    return category_name(label).split(" (")[0]


def _headline_question(export: ComparisonExport, rows: Sequence[Row]) -> Question | None:
    headline = next((row for row in rows if row.headline and row.passage), None)
    if headline is None:
        return None
    answer = []
    for article in range(len(headline.cells)):
        report = export.articles[article].report
        words = [
            f"{_quoted(s.text)} ({_short(s.label)})"
            for s in shown_spans(report)
            if s.start < report.body_start
        ]
        found = "; ".join(words) if words else "no loaded words: it reports the event plainly"
        answer.append(f"{_name(export, article)}: {found}.")
    return Question(
        f"Read the headlines (passage {headline.passage}). What does each headline put first? "
        "Which of its words give a judgement rather than a fact?",
        tuple(answer),
        lines=len(export.articles) + 1,
    )


def _pick_contrasts(rows: Sequence[ContrastRow]) -> list[ContrastRow]:
    """Contrasts of content words, highlighted ones first, one per passage."""
    chosen: list[ContrastRow] = []
    passages: set[int | None] = set()
    usable = (
        r
        for r in rows
        if all(
            s.content and not s.speech_verb and s.phrase.count("“") == s.phrase.count("”")
            for s in r.sides
            if s is not None
        )
    )
    ranked = sorted(
        usable,
        key=lambda r: (
            0 if any(s and s.label and s.voice == "outlet" for s in r.sides) else 1,
            0 if any(s and s.label for s in r.sides) else 1,
            max(len(s.phrase.split()) for s in r.sides if s),
        ),
    )
    for row in ranked:
        longest = max(len(s.phrase.split()) for s in row.sides if s)
        if longest > 3 or row.passage in passages:
            continue
        chosen.append(row)
        passages.add(row.passage)
        if len(chosen) == CONTRAST_QUESTIONS:
            break
    return sorted(chosen, key=lambda r: r.passage or 0)


def _contrast_question(export: ComparisonExport, row: ContrastRow) -> Question:
    involved = [i for i, side in enumerate(row.sides) if side is not None]
    first = involved[0]
    where = f"Passage {row.passage}. " if row.passage else ""
    others = " and ".join(_name(export, i) for i in involved[1:])
    text = (
        f"{where}{_name(export, first)} writes {_quoted(row.context)}. Which words fill that "
        f"place in {others}? What picture does each choice give the reader?"
    )
    answer = []
    for index in involved:
        side = row.sides[index]
        assert side is not None
        note = f" — {category_name(side.label)}" if side.label else " — neutral wording"
        answer.append(f"{_name(export, index)}: {_quoted(side.phrase)}{note}.")
    return Question(text, tuple(answer), lines=3)


def _attribution_question(export: ComparisonExport) -> Question | None:
    verbs: list[list[str]] = []
    for article in export.articles:
        found = [
            s.text
            for s in shown_spans(article.report)
            if s.label == "loaded_attribution" and s.voice == "outlet"
        ]
        verbs.append(list(dict.fromkeys(v.lower() for v in found)))
    if not any(verbs):
        return None
    answer = tuple(
        f"{_name(export, i)}: "
        + (", ".join(_quoted(v) for v in found) if found else "neutral verbs (“said”, “told”)")
        + "."
        for i, found in enumerate(verbs)
    )
    return Question(
        "How does each article introduce what people said? Find verbs used instead of "
        "“said”, and say what each suggests about the speaker.",
        answer,
        lines=len(export.articles),
    )


def _speaker_facts(item: OnlyHere) -> list[str]:
    return [f.removeprefix("speaker: ") for f in item.facts if f.startswith("speaker: ")]


def _voice_questions(export: ComparisonExport) -> list[Question]:
    """ "Only one article quotes X": up to two, from different articles."""
    questions: list[Question] = []
    used: set[int] = set()
    for item in export.comparison.unique:
        speakers = _speaker_facts(item)
        if not speakers or item.article in used:
            continue
        used.add(item.article)
        questions.append(
            Question(
                f"Only one article gives {speakers[0]} a voice. Which one? What does this "
                "voice add to the story, and whose voice is missing from the others?",
                (f"{_name(export, item.article)}: {item.text}",),
                lines=3,
            )
        )
        if len(questions) == 2:
            break
    return questions


def _only_here_question(export: ComparisonExport) -> Question | None:
    by_article: dict[int, list[OnlyHere]] = {}
    for item in export.comparison.unique:
        by_article.setdefault(item.article, []).append(item)
    if not by_article:
        return None
    answer = []
    for article in sorted(by_article):
        # Reported facts before quotations: a missing fact is the stronger example.
        items = sorted(
            by_article[article], key=lambda u: (u.text.lstrip().startswith("“"), -len(u.facts))
        )
        answer.extend(f"{_name(export, article)}: {u.text}" for u in items[:2])
    return Question(
        "Find one thing each article reports that the others leave out. Why might the others "
        "have left it out?",
        tuple(answer),
        lines=len(export.articles) + 1,
    )


def _keyness_question(export: ComparisonExport) -> Question | None:
    terms: dict[int, list[str]] = {}
    for key in export.comparison.keyness:
        terms.setdefault(key.article, []).append(key.term)
    if not terms:
        return None
    answer = tuple(
        f"{_name(export, article)}: {', '.join(terms[article][:ANSWER_TERMS])}."
        for article in sorted(terms)
    )
    return Question(
        "Which words does each article use often that the others rarely use? Write two for "
        "each article. What do they tell you about its angle on the story?",
        answer,
        lines=len(export.articles),
    )


def _speakers_question(export: ComparisonExport) -> Question | None:
    if not export.comparison.speakers:
        return None
    answer = []
    for article in range(len(export.articles)):
        rows = [s for s in export.comparison.speakers if s.article == article]
        listed = ", ".join(f"{s.speaker} ({s.quotes})" for s in rows) if rows else "nobody"
        answer.append(f"{_name(export, article)}: {listed}.")
    return Question(
        "Who gets a voice in each article (quoted or reported)? Whose side are most of them "
        "on? Who is not heard?",
        (*answer, "(In brackets: how many times each is quoted or reported.)"),
        lines=len(export.articles) + 1,
    )


def _own_words_question(export: ComparisonExport) -> Question:
    answer = []
    for index, article in enumerate(export.articles):
        words = own_voice_words(article.report)
        if words:
            shown = "; ".join(f"{_quoted(w)} ({_short(label)})" for w, label in words[:8])
        else:
            shown = "none found: the article keeps its own words neutral"
        answer.append(f"{_name(export, index)}: {shown}.")
    return Question(
        "Underline three words in each article that show the writer's own judgement (not a "
        "quoted person's). Suggest a neutral word for each.",
        tuple(answer),
        lines=len(export.articles) + 1,
    )


def questions(export: ComparisonExport, rows: Sequence[Row]) -> list[Question]:
    """The worksheet's questions, in the order students meet the evidence.

    Parameters
    ----------
    export
        The comparison being exported.
    rows
        Its side-by-side rows (passage numbers are the ones the worksheet prints).
    """
    found: list[Question | None] = [_headline_question(export, rows)]
    found += [
        _contrast_question(export, row) for row in _pick_contrasts(contrast_rows(export, rows))
    ]
    found.append(_own_words_question(export))
    found.append(_attribution_question(export))
    found += _voice_questions(export)
    found.append(_only_here_question(export))
    found.append(_speakers_question(export))
    found.append(_keyness_question(export))
    found.append(
        Question(
            "Which article would you rely on to tell you what happened, and why? Give two "
            "reasons drawn from your answers above.",
            (
                "Open question. Good answers use evidence from the texts — wording, who is "
                "quoted, what is left out — rather than the outlet's reputation.",
            ),
            lines=5,
        )
    )
    return [q for q in found if q is not None]
