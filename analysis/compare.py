"""Compare two to four analysed articles about one story.

What differs is shown as evidence, not verdicts: sentences aligned across articles (the same
content told by each), content only one article carries (candidate omissions in the others),
word-choice contrasts inside aligned sentences ("protesters" / "rioters"), each article's
distinctive terms (keyness, log-likelihood), who speaks in each, and a score table with the
differences that stand out.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from analysis.report import ArticleReport
from analysis.stopwords import stopwords

#: Minimum similarity for two sentences to be aligned.
ALIGN_THRESHOLD = 0.3
#: Two aligned sentences are compared word by word when at least this share of their words
#: match in order (difflib's ratio); a contrast needs sentences that tell the same thing.
COUNTERPART_RATIO = 0.2
#: Two phrases this alike letter for letter are one word spelled two ways ("Paris"/"Parris").
SPELLING_RATIO = 0.8
#: A second match in the same article is kept when this close to the best one.
SECOND_MATCH = 0.8
#: Sentences shorter than this (in content words) are neither aligned nor "only here".
MIN_CONTENT_WORDS = 3
#: Distinctive terms reported per article.
KEYNESS_TERMS = 12
#: Differences in the score table that stand out: score -> smallest notable difference.
NOTABLE = {
    "loaded_per_100_words": 2.0,
    "loaded_per_100_words_quoted": 2.0,
    "tone": 0.25,
    "subjectivity": 0.25,
    "hedges_per_100_words": 1.0,
    "boosters_per_100_words": 1.0,
    "quote_share": 0.15,
    "reported_share": 0.15,
    "sources_named": 3,
    "sources_anonymous": 2,
    "flesch_kincaid_grade": 3.0,
}

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_NUMBER = re.compile(r"\d[\d,.]*")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
    "hundred": "100", "thousand": "1000", "million": "1000000", "dozen": "12",
}  # fmt: skip
_SUFFIXES = ("ing", "ed", "es", "s")


@dataclass(frozen=True, slots=True)
class SentenceRef:
    """One sentence of one article (``article`` indexes the compared articles)."""

    article: int
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Sentences of several articles that report the same content."""

    similarity: float
    members: tuple[SentenceRef, ...]


@dataclass(frozen=True, slots=True)
class OnlyHere:
    """A sentence only one article carries, with the facts in it no other article has."""

    article: int
    sentence: int
    start: int
    end: int
    text: str
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ContrastSide:
    """One article's wording in a contrast; ``loaded_score`` 0 when not highlighted."""

    article: int
    phrase: str
    start: int
    end: int
    loaded_score: float
    label: str | None


@dataclass(frozen=True, slots=True)
class Contrast:
    """Different words for the same content inside aligned group ``group``."""

    group: int
    sides: tuple[ContrastSide, ...]


@dataclass(frozen=True, slots=True)
class SpeakerRow:
    """A speaker quoted in an article."""

    article: int
    speaker: str
    quotes: int


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """A term one article uses distinctly more than the others (log-likelihood G²)."""

    article: int
    term: str
    score: float


@dataclass(frozen=True, slots=True)
class Notable:
    """A score where the articles differ by more than :data:`NOTABLE` says is small."""

    score: str
    high: int
    low: int
    difference: float


@dataclass(frozen=True)
class Comparison:
    """The comparison of 2–4 articles (``article`` fields index :attr:`articles`)."""

    articles: tuple[ArticleReport, ...]
    aligned: tuple[AlignedGroup, ...]
    unique: tuple[OnlyHere, ...]
    contrasts: tuple[Contrast, ...]
    speakers: tuple[SpeakerRow, ...]
    keyness: tuple[KeyTerm, ...]
    notable: tuple[Notable, ...]

    def to_json(self, articles_json: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The ``compare --json`` shape (DESIGN.md); ``articles_json`` as ``analyze`` gives."""
        return {
            "articles": list(articles_json)
            if articles_json is not None
            else [a.to_json() for a in self.articles],
            "aligned": [
                {"similarity": g.similarity, "members": [asdict(m) for m in g.members]}
                for g in self.aligned
            ],
            "unique": [asdict(u) for u in self.unique],
            "contrasts": [
                {"group": c.group, "sides": [asdict(s) for s in c.sides]} for c in self.contrasts
            ],
            "speakers": [asdict(s) for s in self.speakers],
            "keyness": [asdict(k) for k in self.keyness],
            "notable": [asdict(n) for n in self.notable],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], reports: Sequence[ArticleReport]) -> Comparison:
        """Inverse of :meth:`to_json`, with the reports of the compared articles."""
        return cls(
            articles=tuple(reports),
            aligned=tuple(
                AlignedGroup(g["similarity"], tuple(SentenceRef(**m) for m in g["members"]))
                for g in data["aligned"]
            ),
            unique=tuple(OnlyHere(**{**u, "facts": tuple(u["facts"])}) for u in data["unique"]),
            contrasts=tuple(
                Contrast(c["group"], tuple(ContrastSide(**s) for s in c["sides"]))
                for c in data["contrasts"]
            ),
            speakers=tuple(SpeakerRow(**s) for s in data["speakers"]),
            keyness=tuple(KeyTerm(**k) for k in data["keyness"]),
            notable=tuple(Notable(**n) for n in data.get("notable", [])),
        )


# -- sentence features ---------------------------------------------------------------------


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _numbers(text: str) -> set[str]:
    found = {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}
    for word in _WORD.findall(text.lower()):
        if word in _NUMBER_WORDS:
            found.add(_NUMBER_WORDS[word])
    return found


def _names(text: str) -> set[str]:
    """Capitalised words not at the start of the sentence (people, places, organisations)."""
    words = _WORD.findall(text)
    return {w for w in words[1:] if w[:1].isupper() and w.lower() not in stopwords()}


def _content(text: str) -> list[str]:
    ignored = stopwords()
    return [
        _stem(w)
        for w in (x.lower().replace("’", "'") for x in _WORD.findall(text))
        if w not in ignored and len(w) > 1
    ]


@dataclass
class _Sentence:
    ref: SentenceRef
    terms: Counter[str]
    numbers: set[str]
    names: set[str]
    position: float


def _sentences(index: int, report: ArticleReport, *, titles: bool) -> list[_Sentence]:
    """The headline's sentences (``titles``) or the body's, with their features."""
    found = []
    total = max(len(report.sentences), 1)
    for number, info in enumerate(report.sentences):
        if (info.start < report.body_start) != titles:
            continue
        text = report.text[info.start : info.end]
        terms = Counter(_content(text))
        if sum(terms.values()) < MIN_CONTENT_WORDS and not titles:
            continue
        ref = SentenceRef(index, number, info.start, info.end, text)
        found.append(_Sentence(ref, terms, _numbers(text), _names(text), number / total))
    return found


def _idf(groups: Sequence[Sequence[_Sentence]]) -> dict[str, float]:
    documents = [s.terms for sentences in groups for s in sentences]
    frequency: Counter[str] = Counter()
    for terms in documents:
        frequency.update(terms.keys())
    count = len(documents) or 1
    return {term: math.log((1 + count) / (1 + df)) + 1 for term, df in frequency.items()}


def _similarity(a: _Sentence, b: _Sentence, idf: dict[str, float]) -> float:
    """TF-IDF cosine of content words, raised by shared numbers and names, a little by order."""
    dot = sum(count * b.terms.get(term, 0) * idf[term] ** 2 for term, count in a.terms.items())
    if dot == 0 and not (a.numbers & b.numbers):
        return 0.0
    norm_a = math.sqrt(sum((c * idf[t]) ** 2 for t, c in a.terms.items()))
    norm_b = math.sqrt(sum((c * idf[t]) ** 2 for t, c in b.terms.items()))
    score = dot / (norm_a * norm_b) if norm_a and norm_b else 0.0
    shared_numbers = len(a.numbers & b.numbers)
    shared_names = len(a.names & b.names)
    score += 0.12 * min(shared_numbers, 2) + 0.05 * min(shared_names, 2)
    # Order is a weak cue: reports of one event tend to tell it in the same order.
    score += 0.05 * (1 - abs(a.position - b.position))
    return min(score, 1.0)


# -- alignment -------------------------------------------------------------------------------


def _align(per_article: list[list[_Sentence]]) -> list[AlignedGroup]:
    idf = _idf(per_article)
    nodes = [s for sentences in per_article for s in sentences]
    key = {(s.ref.article, s.ref.sentence): i for i, s in enumerate(nodes)}
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    edges: dict[tuple[int, int], float] = {}
    for a_index, a_sentences in enumerate(per_article):
        for b_index, b_sentences in enumerate(per_article):
            if a_index == b_index:
                continue
            for a in a_sentences:
                scored = sorted(
                    ((_similarity(a, b, idf), b) for b in b_sentences),
                    key=lambda pair: -pair[0],
                )
                if not scored or scored[0][0] < ALIGN_THRESHOLD:
                    continue
                best = scored[0][0]
                for score, b in scored[:2]:
                    if score >= ALIGN_THRESHOLD and score >= best * SECOND_MATCH:
                        i, j = (
                            key[(a.ref.article, a.ref.sentence)],
                            key[(b.ref.article, b.ref.sentence)],
                        )
                        edge = (min(i, j), max(i, j))
                        edges[edge] = max(edges.get(edge, 0.0), score)
    # Mutual agreement: keep an edge when it is among the best matches seen from either side
    # (recorded above from both directions); join components with union-find.
    for i, j in sorted(edges, key=lambda e: -edges[e]):
        root_i, root_j = find(i), find(j)
        if root_i == root_j:
            continue
        members = [n for n in range(len(nodes)) if find(n) in (root_i, root_j)]
        per = Counter(nodes[n].ref.article for n in members)
        if max(per.values()) > 2:
            continue  # a sentence may align with two, not with a whole paragraph
        parent[root_j] = root_i
    components: dict[int, list[int]] = {}
    for n in range(len(nodes)):
        components.setdefault(find(n), []).append(n)
    groups = []
    for members in components.values():
        if len({nodes[n].ref.article for n in members}) < 2:
            continue
        inside = [score for (i, j), score in edges.items() if i in members and j in members]
        refs = tuple(sorted((nodes[n].ref for n in members), key=lambda r: (r.article, r.sentence)))
        groups.append(AlignedGroup(round(sum(inside) / len(inside), 3), refs))
    # In the order of the first article that has them, then of the others.
    groups.sort(key=lambda g: (g.members[0].article, g.members[0].sentence))
    return groups


def _headline_group(
    headlines: list[list[_Sentence]], bodies: list[list[_Sentence]]
) -> AlignedGroup:
    idf = _idf([*headlines, *bodies])
    refs = tuple(s.ref for sentences in headlines for s in sentences)
    scores = [
        _similarity(a, b, idf)
        for i, a_list in enumerate(headlines)
        for j, b_list in enumerate(headlines)
        if i < j
        for a in a_list
        for b in b_list
    ]
    return AlignedGroup(round(sum(scores) / len(scores), 3) if scores else 0.0, refs)


# -- only here -------------------------------------------------------------------------------


def _only_here(
    per_article: list[list[_Sentence]],
    groups: Sequence[AlignedGroup],
    reports: Sequence[ArticleReport],
) -> list[OnlyHere]:
    aligned = {(m.article, m.sentence) for g in groups for m in g.members}
    texts = [r.text for r in reports]
    lowered = [t.lower() for t in texts]
    found = []
    for sentences in per_article:
        for sentence in sentences:
            ref = sentence.ref
            if (ref.article, ref.sentence) in aligned:
                continue
            others = [lowered[i] for i in range(len(texts)) if i != ref.article]
            other_numbers = set().union(
                *(_numbers(texts[i]) for i in range(len(texts)) if i != ref.article)
            )
            facts = sorted(n for n in sentence.numbers if n not in other_numbers)
            facts += sorted(
                name for name in sentence.names if not any(name.lower() in o for o in others)
            )
            speaker_facts = [
                s.speaker
                for s in reports[ref.article].speakers
                if s.speaker.split()[-1].lower() in ref.text.lower()
                and not any(s.speaker.split()[-1].lower() in o for o in others)
            ]
            facts += [f"speaker: {name}" for name in speaker_facts if name not in facts]
            found.append(
                OnlyHere(ref.article, ref.sentence, ref.start, ref.end, ref.text, tuple(facts))
            )
    return found


# -- contrasts -------------------------------------------------------------------------------


#: A word of a sentence: lower-cased text, start and end in the article.
_Token = tuple[str, int, int]


def _tokens(text: str, offset: int) -> list[_Token]:
    return [
        (m.group().lower().replace("’", "'"), offset + m.start(), offset + m.end())
        for m in _WORD.finditer(text)
    ]


def _loaded_at(report: ArticleReport, start: int, end: int) -> tuple[float, str | None]:
    """The strongest shown highlight (or speech verb) overlapping ``[start, end)``."""
    best, label = 0.0, None
    for span in (*report.highlighted(), *report.spans_in("attribution")):
        if span.layer in ("loaded", "attribution") and span.start < end and start < span.end:
            score = span.score if span.layer == "loaded" else 0.0
            if span.layer == "loaded" and score >= best:
                best, label = score, span.label
            elif label is None and span.layer == "attribution":
                label = f"{span.label} speech verb"
    return best, label


def _counterparts(
    members: Sequence[SentenceRef],
) -> list[tuple[SentenceRef, SentenceRef, list[_Token], list[_Token], list]]:
    """The sentence pairs of a group that tell the same thing in two articles, with their
    tokens and word-level edit script.

    A group may hold several sentences of one article; each is paired with at most one
    sentence of each other article: the pairs sharing the largest part of their words first
    (difflib's ratio), none below :data:`COUNTERPART_RATIO`. Differences between sentences
    that are not counterparts ("Quay Street was closed" against "strikers swarmed through the
    city") are not word choices.
    """
    tokens = [_tokens(m.text, m.start) for m in members]
    words = [[t[0] for t in sentence] for sentence in tokens]
    candidates = []
    for a_i in range(len(members)):
        for b_i in range(a_i + 1, len(members)):
            a, b = members[a_i], members[b_i]
            if a.article == b.article:
                continue
            matcher = difflib.SequenceMatcher(a=words[a_i], b=words[b_i], autojunk=False)
            ratio = matcher.ratio()
            if ratio >= COUNTERPART_RATIO:
                candidates.append((-ratio, a_i, b_i, matcher))
    candidates.sort(key=lambda item: item[:3])
    paired: set[tuple[int, int]] = set()  # (sentence, other article) already given a partner
    chosen = []
    for _ratio, a_i, b_i, matcher in candidates:
        a, b = members[a_i], members[b_i]
        if (a_i, b.article) in paired or (b_i, a.article) in paired:
            continue
        paired.update({(a_i, b.article), (b_i, a.article)})
        chosen.append((a_i, b_i, matcher))
    chosen.sort(key=lambda item: item[:2])  # in the group's order
    return [
        (members[a_i], members[b_i], tokens[a_i], tokens[b_i], m.get_opcodes())
        for a_i, b_i, m in chosen
    ]


def _not_a_word_choice(
    sides: Sequence[ContrastSide], opening: Sequence[bool], *, headline: bool
) -> bool:
    """Whether two differing phrases differ in something other than wording: spelling
    ("double-dip" / "double dip", "Paris" / "Parris"), a number ("Norwalk" / "2008"), or, in
    the body, names ("GOP" / "Republican Party", "Jim Manley" / "reads") — facts and names,
    not the outlet's choice of words. ``opening[i]``: side ``i``'s difference starts its
    sentence (its first capital starts the sentence, not a name)."""
    phrases = [side.phrase for side in sides]
    letters = ["".join(ch for ch in phrase.lower() if ch.isalnum()) for phrase in phrases]
    if letters[0] == letters[1]:
        return True
    if difflib.SequenceMatcher(a=letters[0], b=letters[1]).ratio() >= SPELLING_RATIO:
        return True
    words = [_WORD.findall(phrase) for phrase in phrases]
    if any(all(w[:1].isdigit() for w in side) for side in words):
        return True
    ignored = stopwords()
    # Headlines capitalise every word; in the body a capital starts a name or a sentence.
    names = [
        [w for w in side[1 if first else 0 :] if w.lower() not in ignored]
        for side, first in zip(words, opening, strict=True)
    ]
    return not headline and any(side and all(w[:1].isupper() for w in side) for side in names)


def _contrasts(groups: Sequence[AlignedGroup], reports: Sequence[ArticleReport]) -> list[Contrast]:
    ignored = stopwords()
    found: list[Contrast] = []
    seen: set[tuple[tuple[int, str], ...]] = set()
    for number, group in enumerate(groups):
        for a, b, a_tokens, b_tokens, codes in _counterparts(group.members):
            for position, (op, i1, i2, j1, j2) in enumerate(codes):
                if op != "replace" or i2 - i1 > 4 or j2 - j1 > 4:
                    continue
                a_words = [t[0] for t in a_tokens[i1:i2]]
                b_words = [t[0] for t in b_tokens[j1:j2]]
                a_content = [w for w in a_words if w not in ignored]
                b_content = [w for w in b_words if w not in ignored]
                if (
                    a_content
                    and b_content
                    and {_stem(w.removesuffix("'s")) for w in a_content}
                    == {_stem(w.removesuffix("'s")) for w in b_content}
                ):
                    continue  # "union's" / "union": the same word
                sides = []
                for member, tokens, lo, hi in ((a, a_tokens, i1, i2), (b, b_tokens, j1, j2)):
                    # Show the words that differ, not the function words around them
                    # (unless that is all there is: "said" / "admitted").
                    if any(t[0] not in ignored for t in tokens[lo:hi]):
                        while tokens[lo][0] in ignored:
                            lo += 1
                        while tokens[hi - 1][0] in ignored:
                            hi -= 1
                    start, end = tokens[lo][1], tokens[hi - 1][2]
                    score, label = _loaded_at(reports[member.article], start, end)
                    phrase = reports[member.article].text[start:end]
                    sides.append(ContrastSide(member.article, phrase, start, end, score, label))
                if any(
                    not content and not (side.label and "speech verb" in side.label)
                    for side, content in zip(sides, (a_content, b_content), strict=True)
                ):
                    continue  # function words ("to", "while") are no word choice; "said" is
                # The same slot in the same context: equal words on both sides of the
                # difference ("seven [people] were arrested" / "seven [troublemakers] ...").
                before = position > 0 and codes[position - 1][0] == "equal"
                after = position + 1 < len(codes) and codes[position + 1][0] == "equal"
                same_slot = before and after
                highlighted = any(side.loaded_score > 0 for side in sides)
                verbs = all(side.label and "speech verb" in side.label for side in sides) or (
                    highlighted
                    and any(side.label and "speech verb" in side.label for side in sides)
                )
                word_choice = (
                    same_slot
                    and len(a_content) <= 2
                    and len(b_content) <= 2
                    and group.similarity >= 0.4
                )
                if not ((highlighted and (before or after)) or verbs or word_choice):
                    continue
                opening = [sides[0].start == a.start, sides[1].start == b.start]
                if not highlighted and _not_a_word_choice(sides, opening, headline=number == 0):
                    continue
                key = tuple(sorted((side.article, side.phrase.lower()) for side in sides))
                if key not in seen:
                    seen.add(key)
                    found.append(Contrast(number, tuple(sides)))
    return found


# -- keyness and scores ------------------------------------------------------------------------


def _keyness(reports: Sequence[ArticleReport]) -> list[KeyTerm]:
    ignored = stopwords()
    counts = [
        Counter(
            w
            for w in (x.lower().replace("’", "'") for x in _WORD.findall(r.text))
            if w not in ignored and len(w) > 2 and not w.isdigit()
        )
        for r in reports
    ]
    totals = [sum(c.values()) for c in counts]
    found = []
    for index, here in enumerate(counts):
        rest = Counter()
        for other, other_counts in enumerate(counts):
            if other != index:
                rest.update(other_counts)
        n1, n2 = totals[index], sum(rest.values())
        if not n1 or not n2:
            continue
        scored = []
        for term, a in here.items():
            if a < 2:
                continue
            b = rest.get(term, 0)
            e1 = n1 * (a + b) / (n1 + n2)
            e2 = n2 * (a + b) / (n1 + n2)
            g2 = 2 * (a * math.log(a / e1) + (b * math.log(b / e2) if b else 0.0))
            if a / n1 > b / n2:  # only terms this article uses more
                scored.append((round(g2, 3), term))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        found.extend(KeyTerm(index, term, score) for score, term in scored[:KEYNESS_TERMS])
    return found


def _notable(reports: Sequence[ArticleReport]) -> list[Notable]:
    found = []
    for score, smallest in NOTABLE.items():
        values = [
            (float(r.scores[score]), i)
            for i, r in enumerate(reports)
            if isinstance(r.scores.get(score), int | float)
        ]
        if len(values) < 2:
            continue
        high, low = max(values), min(values)
        if high[0] - low[0] >= smallest:
            found.append(Notable(score, high[1], low[1], round(high[0] - low[0], 3)))
    return found


def compare(reports: Sequence[ArticleReport]) -> Comparison:
    """Compare 2–4 analysed articles.

    Raises
    ------
    ValueError
        With fewer than two or more than four articles.
    """
    if not 2 <= len(reports) <= 4:
        raise ValueError(f"compare takes 2 to 4 articles, not {len(reports)}")
    # Headlines are set against headlines (always, as the first group), the body against
    # the body: a headline restates the lead and would swallow it otherwise.
    headlines = [_sentences(i, r, titles=True) for i, r in enumerate(reports)]
    per_article = [_sentences(i, r, titles=False) for i, r in enumerate(reports)]
    groups = [_headline_group(headlines, per_article), *_align(per_article)]
    return Comparison(
        articles=tuple(reports),
        aligned=tuple(groups),
        unique=tuple(_only_here(per_article, groups, reports)),
        contrasts=tuple(_contrasts(groups, reports)),
        speakers=tuple(
            SpeakerRow(i, s.speaker, s.quotes + s.reported)
            for i, r in enumerate(reports)
            for s in r.speakers
        ),
        keyness=tuple(_keyness(reports)),
        notable=tuple(_notable(reports)),
    )
