"""Voice: whose words each token is — the outlet's, a quoted speaker's or a reported speaker's.

News text mixes three voices (DESIGN.md "Analysis: what is scored"): the outlet's own words,
**direct quotations** in quotation marks, and **reported speech** ("X said that ...",
"according to X, ..."). Loaded words in a speaker's voice belong to that speaker, so the
scorers need to know, for every token, who is speaking. This module finds

- quotation marks (straight, curly, guillemets; single quotes nested in double ones, or used
  alone as in British style), pairs them, follows a quotation across paragraphs (a paragraph
  that ends inside a quotation continues into the next one when that opens with a quote mark)
  and limits an unclosed quotation to its paragraph;
- attributions: a speech verb from ``resources/lexicons/attribution_verbs.tsv`` with a speaker
  before it ("he said"), after it ("said Superintendent Alan Mirrow") or introduced by
  "according to";
- speakers: names, role nouns and pronouns, resolved where the text allows ("he" to the most
  recent compatible speaker, "the union leader" to the person introduced with that role,
  "Lavrov" to "Sergey Lavrov");
- scare quotes: a term of at most four words in quotation marks with no speaker of its own
  (the so-called "moderate opposition", the union's "peaceful" march), a doubt cue in the
  outlet's voice, not a quotation. A fragment of speech ("behind closed doors", would "secure
  the port's future") or a short quotation attached to a verb ('"Never," he said') is direct.

Decisions the scorers rely on:

- The quotation marks themselves keep the voice around them (the outlet placed them); only the
  words between them are :attr:`Voice.QUOTED`.
- Attribution phrases ("Mr Vale said", "according to the authority") are the outlet's words:
  the choice of "claimed" over "said" is the outlet's.
- A reported clause starts after the verb and an optional "that" and runs to the end of its
  sentence; a semicolon ends it, and so does a new attribution after "but", "and", "while", a
  comma or a dash ("She claimed that ... — but the authority insists ..."). An attribution
  nested in a reported clause after "that", "which" and the like ("Lavrov said that the U.S.
  claims ...") stays the outer speaker's: the outlet reports Lavrov, not the U.S.
- "X said ..." reports a clause for verbs that take one ("said", "claimed", "warned"); other
  speech verbs take an object ("rejected the plan") and report a clause only with "that".
- Scare-quoted words keep the voice of their context (outlet, or reported inside a reported
  clause); the :class:`Quotation` of kind ``"scare"`` is what marks the outlet's doubt.
- A quotation with no verb of its own takes the speaker of the quotation before it in its
  paragraph, or of the previous paragraph's last sentence when it opens a paragraph (its
  ``verb`` stays ``None``).
- A headline "Lavrov: Western alliance has failed" is reported speech of a person the text
  names in full; it has a :class:`Quotation` of kind ``"reported"`` with no verb and no
  :class:`Attribution`.
- Unresolved speakers keep their words, lower-cased at a sentence start ("a police
  spokesman", "officials", "he").

Everything is rule-based: about 2 ms per 800 words, linear in the length of the text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from itertools import compress
from operator import and_, not_

from analysis.lexicon import attribution_verbs
from analysis.text import TextModel, abbreviations

__all__ = ["Attribution", "Quotation", "Voice", "VoiceMap", "analyse_voice"]


class Voice(StrEnum):
    """Whose words a token is."""

    OUTLET = "outlet"
    QUOTED = "quoted"
    REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation, a scare quote or a reported clause at ``text[start:end]``.

    ``kind`` is ``"direct"`` (words in quotation marks given to a speaker, or a full clause in
    marks), ``"scare"`` (a short term in marks with no speaker: the outlet's doubt) or
    ``"reported"`` (the extent of a reported clause). For direct quotations and scare quotes
    ``start``/``end`` include the marks and ``inner_start``/``inner_end`` do not; for reported
    clauses both pairs are the clause. ``speaker`` is the resolved name (or the words as written
    when unresolved), ``speaker_start``/``speaker_end`` where the speaker is named for this
    quotation (a pronoun or role noun keeps its own offsets). ``verb`` is the attribution verb
    as written and ``verb_class`` its lexicon class (``"neutral"`` or ``"loaded"``); both are
    ``None`` for a quotation that takes its speaker from the quotation before it.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    verb: str | None
    verb_class: str | None
    kind: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speech verb and its speaker: "he said", "according to the authority".

    ``sentence`` is the index of the sentence holding the verb; ``position`` where the verb
    stands relative to the quotation or clause it attributes: ``"before"``, ``"after"`` or
    ``"inside"`` ("We will win," he said, "and soon.").
    """

    speaker: str
    speaker_start: int
    speaker_end: int
    verb: str
    verb_start: int
    verb_end: int
    verb_class: str
    sentence: int
    position: str


@dataclass(frozen=True, slots=True)
class VoiceMap:
    """The voice and speaker of every token of a :class:`~analysis.text.TextModel`.

    ``voices[i]`` and ``speakers[i]`` belong to ``model.tokens[i]``; ``token_starts`` and
    ``token_ends`` are those tokens' offsets, kept for :meth:`voice_at` and :meth:`speaker_at`.
    """

    voices: tuple[Voice, ...]
    speakers: tuple[str | None, ...]
    quotations: tuple[Quotation, ...]
    attributions: tuple[Attribution, ...]
    token_starts: tuple[int, ...] = field(default=(), repr=False)
    token_ends: tuple[int, ...] = field(default=(), repr=False)

    def _token_at(self, offset: int) -> int | None:
        """The token holding ``offset``; between two tokens of one voice and speaker, either."""
        index = bisect.bisect_right(self.token_starts, offset) - 1
        if index < 0:
            return None
        if offset < self.token_ends[index]:
            return index
        following = index + 1
        if (
            following < len(self.voices)
            and self.voices[index] == self.voices[following]
            and self.speakers[index] == self.speakers[following]
        ):
            return index  # a space inside a quotation is still the quotation
        return None

    def voice_at(self, offset: int) -> Voice:
        """The voice at character ``offset`` (the outlet's outside any token).

        Parameters
        ----------
        offset
            A ``str`` index into the analysed text.

        Returns
        -------
        Voice
            The voice of the token holding ``offset``; a space between two tokens of the same
            voice and speaker takes theirs.
        """
        index = self._token_at(offset)
        return Voice.OUTLET if index is None else self.voices[index]

    def speaker_at(self, offset: int) -> str | None:
        """The speaker at character ``offset``, ``None`` in the outlet's voice.

        Parameters
        ----------
        offset
            A ``str`` index into the analysed text.

        Returns
        -------
        str or None
            The speaker of the token holding ``offset``.
        """
        index = self._token_at(offset)
        return None if index is None else self.speakers[index]


# -- word lists -----------------------------------------------------------------------------
# Closed-class words that the grammar below needs; open-class lists (speech verbs) are data
# files in resources/lexicons.

_DOUBLE_OPEN = "\u201c\u201e\u201f\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"
_SINGLE_OPEN = "\u2018\u201a\u201b"
_QUOTE_CHARS = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019\u201a\u201b"
# A mark with one of these (or a space, or nothing) before it can open a quotation ...
_LEFT_OPEN = "([{\u2014\u2013-/" + _QUOTE_CHARS
# ... and with one of these (or a space, or nothing) after it can close one.
_RIGHT_OPEN = ".,;:!?)]}\u2014\u2013\u2026-/" + _QUOTE_CHARS

_OPEN, _CLOSE, _EITHER = 1, 2, 3

_DETERMINERS = frozenset(
    "the a an his her their its our my your this that these those one two three four "
    "several some many other another both each every no any all".split()
)
_PREPOSITIONS = frozenset(
    "about above across after against along among around at before behind below beneath "
    "beside between beyond by despite down during except for from in inside into like near of "
    "off on onto out outside over past since through throughout till to toward towards under "
    "until up upon with within without".split()
)
# Words that end a noun phrase when reading backwards from a verb: the speaker starts after
# them. Coordinators start a new attribution; subordinators nest one inside another.
_COORDINATORS = frozenset("and but or nor yet so while whereas".split())
_SUBORDINATORS = frozenset(
    "that which who whom whose if whether because as when after before although though since "
    "until unless where once than".split()
)
_BOUNDARY_WORDS = _COORDINATORS | _SUBORDINATORS
_AUXILIARIES = frozenset(
    "is are was were be been being am will would shall should can could may might must do does "
    "did has have had not".split()
)
_COPULAS = frozenset("is are was were be been being am".split())
# Words allowed between a speaker and the verb: "he also said", "Lavrov has repeatedly said".
_SUBJECT_SKIP = frozenset(
    "also later then again further previously earlier repeatedly once has have had did does do "
    "not never publicly privately openly firmly flatly angrily strongly simply only even just "
    "subsequently already still recently first himself herself themselves itself would will "
    "could might may can should must".split()
)
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight morning "
    "afternoon evening night week weekend".split()
)
# Words allowed after a verb before "that" or the end of the sentence: "said afterwards",
# "said on Monday that", "police said in a statement."
_AFTER_VERB_ADVERBS = frozenset(
    "afterwards later earlier again too also separately recently publicly privately today "
    "yesterday tonight".split()
)
_SETTINGS = frozenset(
    "statement interview briefing conference speech letter tweet post release meeting "
    "message".split()
)
# Verbs whose hearer comes before the reported clause: "told reporters that".
_TELL_VERBS = frozenset(
    "tell tells told telling inform informs informed informing assure assures assured assuring "
    "remind reminds reminded reminding".split()
)
_OBJECT_WORDS = frozenset(
    "him her them us me you reporters journalists lawmakers parliament mps delegates crowd "
    "audience".split()
)
# Words before a short quotation that make it a fragment of speech, not a term: "would
# 'secure the port's future'", "to 'stop the clock'".
_VERB_PHRASE_CUES = frozenset(
    "to will would shall should can could may might must do does did n't not".split()
)
# Inside a reported clause, a short quotation after these is the speaker's word for something
# ("the march was 'peaceful', she said"), not the outlet's doubt.
_PREDICATE_CUES = _COPULAS | frozenset(
    "as called calls call described describes branded brands labelled labeled dubbed termed "
    "remain remains remained become became seem seems seemed".split()
)
_CLAUSE_WORDS = frozenset("i we you he she they me us him them".split()) | _AUXILIARIES
_PRONOUNS = frozenset("he she they it we i".split())
_TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady rev reverend president minister "
    "secretary chancellor premier governor mayor senator congressman congresswoman "
    "representative ambassador envoy spokesman spokeswoman spokesperson superintendent "
    "inspector sergeant constable detective chief commissioner captain colonel general major "
    "lieutenant admiral commander officer director executive chairman chairwoman chair "
    "councillor councilor judge justice king queen prince princess sheikh emir pope cardinal "
    "bishop boss leader head coach deputy foreign prime".split()
)
_MALE_TITLES = frozenset("mr sir lord king prince".split())
_FEMALE_TITLES = frozenset("mrs ms miss dame lady queen princess".split())
_NAME_PARTICLES = frozenset("de van von der da del la le du bin ibn al el ben".split())
_LEADER_WORDS = frozenset(
    "leader head chief boss secretary president chairman chairwoman chair director".split()
)
_ORG_WORDS = frozenset(
    "union police ministry authority council army party company government agency department "
    "office service committee commission bank group association federation organisation "
    "organization university court parliament congress senate board corporation inc ltd corp "
    "assembly nations ministries "
    "news agency embassy administration military navy force forces coalition alliance "
    "campaign charity hospital school trust club league church institute centre center "
    "network".split()
)
_GROUP_WORDS = frozenset("police staff people crowd media press public".split())
# Plural nouns that often open a sentence as a speaker ("Officials said"), so a capital first
# letter there does not make them a name.
_COMMON_SPEAKERS = frozenset(
    "officials sources police critics analysts experts witnesses residents organisers "
    "organizers protesters authorities doctors prosecutors investigators observers campaigners "
    "lawyers scientists researchers officers paramedics workers economists diplomats activists "
    "locals neighbours neighbors reports unions parents teachers students spokesmen "
    "spokeswomen ministers aides insiders".split()
)
_SENTENCE_END = frozenset(".!?\u2026")
_PRONOUN_REACH = 30  # earlier attributions a pronoun may refer back to
_MAX_NESTING = 8  # open single quotation marks before more are taken as apostrophes
_QUOTE_NORMS = frozenset("\"'")


# Speech verbs that take a reported clause without "that": "he said the plan would fail"
# ("was" starts the lexicon's "was quoted as saying"). Other speech verbs take an object
# ("rejected the plan", "estimated the crowd"), so they report a clause only with "that"
# ("denied that ...") or when attached to a quotation.
_CLAUSE_VERBS = frozenset(
    """say says said saying tell tells told telling state states stated stating report reports
    reported reporting add adds added adding claim claims claimed claiming admit admits admitted
    admitting insist insists insisted insisting allege alleges alleged alleging assert asserts
    asserted asserting contend contends contended contending argue argues argued arguing warn
    warns warned warning note notes noted noting explain explains explained explaining announce
    announces announced announcing confirm confirms confirmed confirming declare declares
    declared declaring stress stresses stressed stressing emphasise emphasises emphasised
    emphasising emphasize emphasizes emphasized emphasizing reiterate reiterates reiterated
    reiterating acknowledge acknowledges acknowledged acknowledging concede concedes conceded
    conceding boast boasts boasted boasting brag brags bragged bragging point points pointed
    pointing predict predicts predicted predicting suggest suggests suggested suggesting write
    writes wrote writing reply replies replied replying testify testifies testified testifying
    indicate indicates indicated indicating observe observes observed observing remark remarks
    remarked remarking reveal reveals revealed revealing disclose discloses disclosed disclosing
    conclude concludes concluded concluding promise promises promised promising vow vows vowed
    vowing pledge pledges pledged pledging complain complains complained complaining maintain
    maintains maintained maintaining confess confesses confessed confessing tweet tweets tweeted
    tweeting insinuate insinuates insinuated insinuating averred professed retort retorts
    retorted retorting quip quips quipped joked mused opine opines opined proclaim proclaims
    proclaimed proclaiming recall recalls recalled recalling was""".split()
)
# Lexicon phrases that report no words ("declined to comment", "did not respond").
_SILENCE_WORDS = frozenset(
    "comment respond reached declined declines refused refuses refusing drawn".split()
)


@cache
def _verb_index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Speech verbs by first word, longest first: ``first -> ((words, class), ...)``.

    Lexicon phrases that are not verbs are left out: adverbs ("reportedly" hedges, it names no
    speaker), settings ("in a statement", "a spokesman said", "speaking on condition of
    anonymity": the grammar reads those) and silences ("declined to comment").
    """
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, (verb_class, _note) in attribution_verbs().items():
        if len(words) == 1 and words[0].endswith("ly"):
            continue
        if words[0] in _DETERMINERS or words[0] in _PREPOSITIONS:
            continue
        if any(word in _SILENCE_WORDS for word in words):
            continue
        if len(words) > 1 and words[0] == "speaking":
            continue  # "speaking on condition of anonymity" sets the scene, reports nothing
        index.setdefault(words[0], []).append((words, verb_class))
    return {
        first: tuple(sorted(entries, key=lambda entry: -len(entry[0])))
        for first, entries in index.items()
    }


# -- internal records -----------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """A pair of quotation marks found by the scanner (token indexes)."""

    family: str  # "d" double, "s" single
    open_index: int
    close_index: int | None = None  # None: never closed, cut at its paragraph's end
    end: int = 0  # character offset after the closing mark (or the paragraph)
    part_start: int = 0  # first inner token of the current paragraph's part
    parts: list[tuple[int, int]] = field(default_factory=list)  # inner token ranges
    children: list[_Raw] = field(default_factory=list)  # closed quotations nested inside


@dataclass(slots=True)
class _Who:
    """A speaker phrase at ``tokens[first:last]`` and what it says about the speaker."""

    first: int
    last: int
    kind: str  # "pronoun", "name" or "role"
    surface: str  # a pronoun as written (lower case); other phrases: see _Analyser.surface
    name: str | None = None
    words: tuple[str, ...] = ()  # role words, lower-case, possessive "'s" dropped
    category: str = "other"  # "person", "human", "group", "org" or "other"
    gender: str | None = None
    definite: bool = False


@dataclass(slots=True)
class _Said:
    """An attribution being built: a speaker phrase and its verb (token indexes)."""

    who: _Who
    verb_first: int
    verb_last: int
    verb_class: str
    position: str
    speaker: str = ""  # resolved
    verbless: bool = False  # a headline's "Lavrov: ...", where a colon stands for the verb


@dataclass(slots=True)
class _Clause:
    """A reported clause: token ranges and the attribution it belongs to."""

    ranges: list[tuple[int, int]]
    said: _Said


@dataclass(slots=True)
class _Person:
    """A person the text names in full, for resolving later mentions ("Abara", "the minister")."""

    name: str
    first_mention: int
    mentions: list[int]  # token indexes, in text order
    roles: set[str]  # every role word: "union", "general", "secretary"
    heads: set[str]  # the nouns of those roles: "secretary"


# -- the analyser ---------------------------------------------------------------------------


class _Analyser:
    """One pass over one text model; the state of :func:`analyse_voice`."""

    def __init__(self, model: TextModel) -> None:
        self.model = model
        self.text = model.text
        self.n = len(model.starts)
        self.starts = model.starts
        self.ends = model.ends
        self.norms = norms = model.norms
        text = self.text
        self.is_word = model.word_flags
        self.cap = list(map(str.isupper, map(text.__getitem__, self.starts)))
        self.tok_sent: list[int] = []
        self.sent_first: list[int] = []
        self.sent_last: list[int] = []
        for sentence in model.sentences:
            self.tok_sent.extend([sentence.index] * (sentence.last_token - sentence.first_token))
            self.sent_first.append(sentence.first_token)
            self.sent_last.append(sentence.last_token)
        self.para_range: list[tuple[int, int]] = [(0, 0)] * len(model.paragraphs)
        for sentence in model.sentences:
            first, last = self.para_range[sentence.paragraph]
            if first == last:
                first = sentence.first_token
            self.para_range[sentence.paragraph] = (first, sentence.last_token)
        self.tok_para = [0] * self.n
        for index, (first, last) in enumerate(self.para_range):
            self.tok_para[first:last] = [index] * (last - first)
        self._lower_words: set[str] | None = None
        self.verbs = verbs = _verb_index()
        # Positions worth a closer look, found once: capitalised words, quote-like marks,
        # possible speech verbs and semicolons (the loops below visit only these).
        self.capitals = list(compress(range(self.n), map(and_, self.is_word, self.cap)))
        positions = range(self.n)
        self.mark_positions = [
            i for i in compress(positions, map(_QUOTE_NORMS.__contains__, norms)) if self.is_mark(i)
        ]
        present = verbs.keys() & set(norms)
        present.add(";")
        self.verb_events: dict[int, list[int]] = {}
        self.verb_found: dict[int, tuple[int, str] | None] = {}  # verb_at's answers
        tok_sent = self.tok_sent
        for i in compress(positions, map(present.__contains__, norms)):
            self.verb_events.setdefault(tok_sent[i], []).append(i)
            self.verb_found[i] = self.find_verb(i)
        self.in_quote = [False] * self.n
        self.consumed: set[int] = set()
        self.closing_marks: set[int] = set()
        self.people: dict[str, _Person] = {}
        self.genders: dict[str, str] = {}  # "m"/"f" by speaker name, from titles and pronouns
        self.last_category = "other"  # the category a pronoun was last resolved to
        self.by_surname: dict[str, list[_Person]] = {}
        self.by_head: dict[str, list[_Person]] | None = None  # built when a role needs it

    # -- small helpers ----------------------------------------------------------------------

    def written_lower(self, norm: str) -> bool:
        """Whether a word is written in lower case somewhere ("police" in "police said")."""
        if self._lower_words is None:
            self._lower_words = set(compress(self.norms, map(not_, self.cap)))
        return norm in self._lower_words

    def span_text(self, first: int, last: int) -> str:
        """The text of ``tokens[first:last]`` with its whitespace folded to single spaces."""
        return " ".join(self.text[self.starts[first] : self.ends[last - 1]].split())

    def verb_at(self, index: int) -> tuple[int, str] | None:
        """``(last, class)`` of the speech verb starting at token ``index``, if any."""
        return self.verb_found.get(index)

    def find_verb(self, index: int) -> tuple[int, str] | None:
        """Match the lexicon's speech verbs at token ``index`` (longest first)."""
        entries = self.verbs.get(self.norms[index])
        if not entries:
            return None
        norms = self.norms
        for words, verb_class in entries:
            size = len(words)
            if index + size <= self.n and all(norms[index + k] == words[k] for k in range(1, size)):
                if size > 1 and words[-1] == "that":
                    size -= 1  # "said that": the verb is "said", "that" opens the clause
                return index + size, verb_class
        return None

    def glued(self, index: int) -> bool:
        """Whether punctuation token ``index`` belongs to a word ("U.S.", "Workers' Union")."""
        norm = self.norms[index]
        if norm == "'":
            # An apostrophe after a plural ("Workers' Union"): no space before, a word after.
            return (
                index > 0 and self.ends[index - 1] == self.starts[index] and self.is_word[index - 1]
            )
        if norm == "&":
            return index > 0 and self.ends[index - 1] == self.starts[index]
        if norm == ".":
            # "U.S.", "John F. Kennedy", "Mr.": a full stop after an initial or abbreviation,
            # not the one that ends a sentence after "Police.".
            if index == 0 or self.ends[index - 1] != self.starts[index]:
                return False
            previous = self.text[self.starts[index - 1] : self.ends[index - 1]]
            return len(previous) == 1 or previous in abbreviations()
        return False

    def is_mark(self, index: int) -> bool:
        """Whether token ``index`` is a quotation mark character (whatever its role)."""
        return self.norms[index] in _QUOTE_NORMS and self.text[self.starts[index]] in _QUOTE_CHARS

    # -- quotation marks --------------------------------------------------------------------

    def mark_role(self, index: int) -> tuple[str, int]:
        """The family (``"d"``/``"s"``) and role of a quote-like token; role 0 means none."""
        text = self.text
        start, end = self.starts[index], self.ends[index]
        char = text[start]
        para_first, para_last = self.para_range[self.tok_para[index]]
        para_start = self.starts[para_first]
        para_end = self.ends[para_last - 1]
        before = text[start - 1] if start > para_start else ""
        after = text[end] if end < para_end else ""
        left = not before or before.isspace() or before in _LEFT_OPEN
        right = not after or after.isspace() or after in _RIGHT_OPEN
        if char == '"':
            if left and not right:
                return "d", _OPEN
            if right and not left:
                return "d", _CLOSE
            return "d", _EITHER
        if char in _DOUBLE_OPEN:
            # A misused opening mark glued to the word before it closes ("word“ and").
            return "d", _CLOSE if right and not left else _OPEN
        if char in _DOUBLE_CLOSE:
            return "d", _OPEN if left and not right else _CLOSE
        # Single marks double as apostrophes: open only before a letter ("'90s" and "’em"
        # are elisions), close only after a non-space and before a space or punctuation.
        if char in _SINGLE_OPEN or char == "'":
            if left and after.isalpha():
                return "s", _OPEN
            if char == "'" and not left and right:
                return "s", _CLOSE
            return "s", 0
        if char == "\u2019":
            return "s", _CLOSE if not left and right else 0
        return "s", 0

    def looks_possessive(self, index: int) -> bool:
        """A closing single mark after "s" and before a word: "the workers' rights"."""
        text = self.text
        start, end = self.starts[index], self.ends[index]
        return (
            text[start - 1] in "sS"
            and end + 1 < len(text)
            and text[end] == " "
            and text[end + 1].isalnum()
        )

    def scan_quotes(self) -> list[_Raw]:
        """Pair the quotation marks of the whole text; top-level quotations in text order."""
        found: list[_Raw] = []
        carried: _Raw | None = None  # a quotation still open at the end of a paragraph
        for para_first, para_last in self.para_range:
            low = bisect.bisect_left(self.mark_positions, para_first)
            high = bisect.bisect_left(self.mark_positions, para_last)
            marks = [(i, *self.mark_role(i)) for i in self.mark_positions[low:high]]
            stack: list[_Raw] = []
            skip_first = False
            if carried is not None:
                opener = marks[0] if marks and marks[0][0] == para_first else None
                if opener and opener[1] == carried.family and opener[2] in (_OPEN, _EITHER):
                    # The news convention: the quotation goes on in this paragraph.
                    carried.part_start = para_first + 1
                    stack.append(carried)
                    skip_first = True
                else:
                    found.extend(self.finish_runaway(carried))
                carried = None
            for position, (index, family, role) in enumerate(marks):
                if skip_first and position == 0:
                    continue
                if family == "d":
                    self.double_mark(index, role, stack, found)
                elif role == _OPEN and len(stack) < _MAX_NESTING:
                    stack.append(_Raw("s", index, part_start=index + 1))
                elif role == _CLOSE and stack and stack[-1].family == "s":
                    if self.looks_possessive(index) and self.later_single_close(marks, position):
                        continue  # "the workers' rights": an apostrophe, the close comes later
                    self.close(stack, len(stack) - 1, index, found)
            if stack:
                # Quotations nested in an unclosed one end here, unclosed: discard them.
                top = stack[0]
                for raw in stack[1:]:
                    top.children.extend(raw.children)
                top.parts.append((top.part_start, para_last))
                top.end = self.ends[para_last - 1]
                carried = top
        if carried is not None:
            found.extend(self.finish_runaway(carried))
        found.sort(key=lambda raw: raw.open_index)
        return found

    def later_single_close(self, marks: list[tuple[int, str, int]], position: int) -> bool:
        """Whether a closing single mark follows before the enclosing double one closes."""
        for _index, family, role in marks[position + 1 : position + 50]:
            if family == "d" and role in (_CLOSE, _EITHER):
                return False
            if family == "s" and role == _CLOSE:
                return True
        return False

    def double_mark(self, index: int, role: int, stack: list[_Raw], found: list[_Raw]) -> None:
        """Apply one double quotation mark to the open-quotation ``stack``."""
        open_double = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].family == "d"), -1)
        if role == _EITHER:
            role = _CLOSE if open_double >= 0 else _OPEN
        if role == _CLOSE:
            if open_double >= 0:
                self.close(stack, open_double, index, found)
            return  # a stray closing mark (or inches: 12" pipe) is no quotation
        if open_double == 0:
            # A new quotation opens while one is open: the earlier one was never closed.
            top = stack[0]
            for raw in stack[1:]:
                top.children.extend(raw.children)
            top.parts.append((top.part_start, index))
            top.end = self.ends[index - 1] if index > top.open_index + 1 else self.ends[index]
            stack.clear()
            found.extend(self.finish_runaway(top))
        stack.append(_Raw("d", index, part_start=index + 1))

    def close(self, stack: list[_Raw], level: int, index: int, found: list[_Raw]) -> None:
        """Close ``stack[level]`` at mark ``index``; marks above it were apostrophes."""
        raw = stack[level]
        for above in stack[level + 1 :]:
            raw.children.extend(above.children)
        del stack[level:]
        raw.close_index = index
        raw.end = self.ends[index]
        raw.parts.append((raw.part_start, index))
        if stack:
            stack[-1].children.append(raw)
        else:
            found.append(raw)

    def finish_runaway(self, raw: _Raw) -> list[_Raw]:
        """An unclosed quotation: a double one stands, cut at its paragraph; a single one was
        an apostrophe after all, and the quotations inside it come to the top."""
        if raw.family == "d":
            return [raw]
        return list(raw.children)

    # -- speaker phrases --------------------------------------------------------------------

    def np_word(self, index: int) -> bool:
        """Whether token ``index`` can be part of a speaker phrase."""
        if self.is_word[index]:
            return self.norms[index] not in _BOUNDARY_WORDS
        return self.glued(index)

    def parse_who(self, first: int, last: int, *, lenient: bool = False) -> _Who | None:
        """Read ``tokens[first:last]`` as a speaker phrase, or ``None`` if it is not one."""
        norms, cap = self.norms, self.cap
        words = [i for i in range(first, last) if self.is_word[i]]
        if not words or len(words) > (16 if lenient else 8):
            return None
        if len(words) == 1 and norms[words[0]] in _PRONOUNS:
            norm = norms[words[0]]
            category = {"he": "human", "she": "human", "they": "group", "it": "org"}.get(
                norm, "other"
            )
            gender = {"he": "m", "she": "f"}.get(norm)
            return _Who(first, last, "pronoun", norm, category=category, gender=gender)
        if not lenient:
            for i in words:
                norm = norms[i]
                if norm in _AUXILIARIES or norm in _PRONOUNS or norm in _SUBJECT_SKIP:
                    return None
                if norm.endswith("n't"):
                    return None
        # The head is what comes before a prepositional phrase: "Superintendent Alan Mirrow
        # (of Calder Coast Police)", "Corporate bosses (at the harbour authority)".
        head_last = last
        for i in words[1:]:
            if norms[i] in _PREPOSITIONS:
                head_last = i
                break
        head_words = [i for i in words if i < head_last]
        if (
            not lenient
            and not cap[head_words[0]]
            and norms[head_words[0]] not in _DETERMINERS
            and any(len(norms[i]) > 4 and norms[i].endswith(("ed", "ing")) for i in head_words)
        ):
            # Without a determiner a lower-case phrase must look like nouns ("police",
            # "union officials"), not a verb phrase ("gathered outside").
            return None
        # A name is the run of capitalised words that ends the head, after any title.
        run_first = head_last
        k = head_last - 1
        while k >= first:
            norm = norms[k]
            if self.is_word[k]:
                if not cap[k] and norm not in _NAME_PARTICLES:
                    break
                if norm in _TITLES or norm in _DETERMINERS:
                    break
            elif not self.glued(k):
                break
            run_first = k
            k -= 1
        while run_first < head_last and (
            not self.is_word[run_first] or norms[run_first] in _NAME_PARTICLES
        ):
            run_first += 1  # a name starts with a capitalised word
        if k >= first and self.is_word[k] and cap[k] and norms[k] in _TITLES:
            # "UN General Assembly": in an organisation's name a title word is part of it.
            org_first = k
            while org_first > first and self.is_word[org_first - 1] and cap[org_first - 1]:
                if norms[org_first - 1] in _DETERMINERS:
                    break
                org_first -= 1
            if any(norms[i] in _ORG_WORDS for i in range(org_first, head_last)):
                run_first = org_first
        name_words = [i for i in range(run_first, head_last) if self.is_word[i]]
        if len(name_words) == 1:
            index = name_words[0]
            if self.sentence_initial(index) and (
                norms[index] in _COMMON_SPEAKERS or self.written_lower(norms[index])
            ):
                name_words = []  # "Officials said", "Police said": capitalised by position
                run_first = head_last
        role_words = tuple(
            norms[i].removesuffix("'s")
            for i in head_words
            if i < run_first and norms[i] not in _DETERMINERS
        )
        surface = ""  # written out only for the speakers the text leaves unresolved
        gender = None
        head_norms = {norms[i] for i in head_words}
        if head_norms & _MALE_TITLES:
            gender = "m"
        elif head_norms & _FEMALE_TITLES:
            gender = "f"
        definite = norms[words[0]] == "the"
        if name_words:
            name = self.span_text(run_first, head_last)
            category = "person" if self.looks_personal(name_words) else "org"
            return _Who(first, last, "name", surface, name, role_words, category, gender, definite)
        if not role_words:
            return None
        head = role_words[-1]
        if head in _ORG_WORDS:
            category = "org"
        elif head in _GROUP_WORDS or (head.endswith("s") and not head.endswith("ss")):
            category = "group"
        else:
            category = "human"
        return _Who(first, last, "role", surface, None, role_words, category, gender, definite)

    def looks_personal(self, name_words: list[int]) -> bool:
        """Whether a capitalised name is a person's ("Tessa Brannock", not "ISIS" or "U.S.")."""
        for i in name_words:
            norm = self.norms[i]
            if norm in _ORG_WORDS:
                return False
            word = self.text[self.starts[i] : self.ends[i]]
            if len(word) < 2 or word.isupper():
                return False
        return True

    def sentence_initial(self, index: int) -> bool:
        """Whether token ``index`` is the first word of its sentence (after marks, a dash)."""
        first = self.sent_first[self.tok_sent[index]]
        return all(not self.is_word[k] for k in range(first, index))

    # -- names and roles introduced in the text --------------------------------------------

    def collect_people(self) -> None:
        """Register every capitalised name with the role words around it.

        "Russian Foreign Minister Sergey Lavrov" gives Sergey Lavrov the roles russian,
        foreign, minister; "Tessa Brannock, the union's general secretary," gives union,
        general, secretary. Later "The Russian Minister" and "the union leader" resolve to them.
        """
        norms, cap, is_word = self.norms, self.cap, self.is_word
        n = self.n
        reached = 0
        for i in self.capitals:
            if i < reached:
                continue
            following = i + 1
            if following < n and not (cap[following] and is_word[following]):
                norm = norms[following]
                if norm not in _NAME_PARTICLES and norm not in ".'&":
                    continue  # most capitals stand alone: "The", "He"
            # A run of capitalised words (with "U.S." dots and "bin"/"de" particles).
            j = i
            words = 0
            while j < n and (
                (is_word[j] and (cap[j] or norms[j] in _NAME_PARTICLES)) or self.glued(j)
            ):
                words += is_word[j]
                j += 1
            while j > i and (not is_word[j - 1] or norms[j - 1] in _NAME_PARTICLES):
                j -= 1
            reached = max(j, i + 1)
            if words >= 2:
                # One word alone ("Lavrov", "Police") is resolved through the full names.
                self.register_run(i, j)

    def register_run(self, first: int, last: int) -> None:
        """Register the name that ends the capitalised run ``tokens[first:last]``."""
        norms = self.norms
        if any(norms[k] in _ORG_WORDS for k in range(first, last)):
            return  # organisations are named in full or not at all: nothing to resolve
        name_first = first
        titles: list[str] = []
        for k in range(first, last):
            # The name starts after the last determiner or title.
            if self.is_word[k] and (norms[k] in _DETERMINERS or norms[k] in _TITLES):
                name_first = k + 1
        for k in range(first, name_first):
            if self.is_word[k] and norms[k] not in _DETERMINERS:
                titles.append(norms[k].removesuffix("'s"))
        while name_first < last and not self.is_word[name_first]:
            name_first += 1
        name_words = [k for k in range(name_first, last) if self.is_word[k]]
        if len(name_words) < 2 or not self.looks_personal(name_words):
            return  # "Mr Vale", "Foreign Minister", "ISIS": no person's full name
        roles = set(titles)
        heads = {titles[-1]} if titles else set()
        # Lower-case role words just before the run: "chief executive Gideon Vale".
        k = first - 1
        taken = 0
        while k >= 0 and taken < 3 and self.is_word[k] and self.tok_para[k] == self.tok_para[first]:
            norm = norms[k]
            if norm in _DETERMINERS or norm in _PREPOSITIONS or norm in _BOUNDARY_WORDS:
                break
            if norm in _AUXILIARIES or self.verb_at(k):
                break
            if taken == 0:
                heads.add(norm)
            roles.add(norm.removesuffix("'s"))
            taken += 1
            k -= 1
        # Appositions: "NAME, the union's general secretary," and "the authority's chief
        # executive, NAME,".
        for words in (self.apposition_after(last), self.apposition_before(first)):
            roles.update(words)
            head = next((w for w in words if w in _PREPOSITIONS), None)
            if words:
                heads.add(words[words.index(head) - 1] if head and words[0] != head else words[-1])
        name = self.span_text(name_first, last)
        gender = None
        if any(t in _MALE_TITLES for t in titles):
            gender = "m"
        elif any(t in _FEMALE_TITLES for t in titles):
            gender = "f"
        person = self.people.get(name)
        if person is None:
            person = _Person(name, first, [], set(), set())
            self.people[name] = person
            self.by_surname.setdefault(norms[name_words[-1]], []).append(person)
        person.mentions.append(first)
        person.roles.update(roles)
        person.heads.update(heads)
        if gender:
            self.genders.setdefault(name, gender)

    def apposition_after(self, last: int) -> list[str]:
        """Role words of ", the union's general secretary," after a name."""
        if last + 1 >= self.n or self.norms[last] != ",":
            return []
        if self.norms[last + 1] not in _DETERMINERS and not self.norms[last + 1].endswith("'s"):
            return []
        words = []
        for k in range(last + 1, min(last + 10, self.n)):
            norm = self.norms[k]
            if norm == ",":
                return words
            if not self.is_word[k] and not self.glued(k):
                return []
            if norm in _SUBORDINATORS:
                return words  # "a crane operator who has worked ..."
            if self.is_word[k] and norm not in _DETERMINERS:
                words.append(norm.removesuffix("'s"))
        return []

    def apposition_before(self, first: int) -> list[str]:
        """Role words of "the authority's chief executive," before a name."""
        if first < 2 or self.norms[first - 1] != ",":
            return []
        words = []
        for k in range(first - 2, max(first - 10, -1), -1):
            norm = self.norms[k]
            if not self.is_word[k] and not self.glued(k):
                return []
            if norm in _DETERMINERS:
                return words[::-1]
            if norm in _BOUNDARY_WORDS or norm in _PREPOSITIONS:
                return []
            if self.is_word[k]:
                words.append(norm.removesuffix("'s"))
        return []

    # -- attributions -----------------------------------------------------------------------

    def skip_back(self, index: int, floor: int) -> tuple[int, bool]:
        """Step back from ``index`` over words between a speaker and a verb.

        Returns the index of the last word of the speaker phrase and whether a copula was
        stepped over ("was reported": passive, no speaker before it).
        """
        norms = self.norms
        passive = False
        k = index
        while k >= floor:
            norm = norms[k]
            if norm in _SUBJECT_SKIP:
                k -= 1
            elif norm in _COPULAS:
                passive = True
                k -= 1
            elif norm in _TIME_WORDS:
                k -= 1
                if k >= floor and norms[k] in ("on", "last", "this"):
                    k -= 1
            elif norm == "to" and k - 1 >= floor:
                # "went on to reiterate", "continued to insist"
                if norms[k - 1] in ("continued", "continues") or (
                    norms[k - 1] == "on" and k - 2 >= floor and norms[k - 2] in ("went", "goes")
                ):
                    k -= 2 if norms[k - 1].startswith("continue") else 3
                else:
                    break
            else:
                break
        return k, passive

    def np_back(self, last_word: int, floor: int) -> int | None:
        """The first token of the speaker phrase ending at ``last_word`` (reading back).

        ``None`` when no boundary comes within 16 tokens: that is no speaker phrase.
        """
        k = last_word
        limit = max(floor, last_word - 16)
        while k > limit and self.np_word(k - 1):
            k -= 1
        if k == limit and k > floor and self.np_word(k - 1):
            return None
        return k

    def subject(self, verb: int) -> tuple[_Who, int] | None:
        """The speaker before the verb at token ``verb`` and the boundary token before it.

        The boundary is the token that opens the speaker's clause (``-1`` at the start of the
        sentence): a comma, a coordinator or a subordinator.
        """
        floor = self.sent_first[self.tok_sent[verb]]
        k, passive = self.skip_back(verb - 1, floor)
        verb_norm = self.norms[verb]
        if k < floor or (passive and not verb_norm.endswith("ing")):
            return None
        if self.norms[k] == ",":
            return self.apposed_subject(k, floor)
        if self.norms[k] in ("which", "who") and k - 2 >= floor and self.norms[k - 1] == ",":
            # "the Calder Dock Workers' Union, which says ...": the relative's antecedent.
            first = self.antecedent(k - 2, floor)
            if first is None:
                return None
            who = self.parse_who(first, k - 1)
            return None if who is None else (who, k)
        if not self.np_word(k):
            return None
        # The phrase runs back to a boundary: punctuation, a conjunction or the sentence start.
        first = self.np_back(k, floor)
        if first is None:
            return None
        boundary = first - 1 if first > floor else -1
        who = self.parse_who(first, k + 1)
        return None if who is None else (who, boundary)

    def nested(self, verb: int) -> bool:
        """Whether the speaker of the verb at ``verb`` opens a subordinate clause.

        A quick look before :meth:`subject`: inside a reported clause, an attribution after
        "that", "which" or the like is part of the report, whoever its speaker is.
        """
        floor = self.sent_first[self.tok_sent[verb]]
        k, _passive = self.skip_back(verb - 1, floor)
        if k < floor or not self.np_word(k):
            return False
        first = self.np_back(k, floor)
        return first is not None and first > floor and self.norms[first - 1] in _SUBORDINATORS

    def antecedent(self, last_word: int, floor: int) -> int | None:
        """The first token of the noun phrase a relative pronoun refers to, if clear.

        A capitalised name with an optional determiner ("the Calder Dock Workers' Union"), or
        up to three lower-case words after a determiner ("the regional union").
        """
        norms, is_word = self.norms, self.is_word
        k = last_word
        if is_word[k] and self.cap[k]:
            while k >= floor and (
                (is_word[k] and (self.cap[k] or norms[k] in _NAME_PARTICLES)) or self.glued(k)
            ):
                if norms[k] in _DETERMINERS:
                    return k
                k -= 1
            if k >= floor and norms[k] in _DETERMINERS:
                return k
            return k + 1
        for _ in range(4):
            if k < floor or not is_word[k]:
                return None
            if norms[k] in _DETERMINERS:
                return k
            if norms[k] in _BOUNDARY_WORDS or norms[k] in _PREPOSITIONS:
                return None
            k -= 1
        return None

    def apposed_subject(self, comma: int, floor: int) -> tuple[_Who, int] | None:
        """The speaker of "A, B, said": a name with an apposition on either side."""
        k = comma - 1
        reach = max(floor, comma - 30)  # an apposition is short
        while k > reach and self.norms[k] != "," and (self.glued(k) or not self.is_mark(k)):
            if self.norms[k] in _SENTENCE_END and not self.glued(k):
                return None
            k -= 1
        if k <= reach or self.norms[k] != ",":
            return None
        opening = k
        if opening - 1 < floor or not self.np_word(opening - 1):
            return None
        first = self.np_back(opening - 1, floor)
        if first is None:
            return None
        boundary = first - 1 if first > floor else -1
        if boundary >= 0 and self.is_word[boundary] and self.norms[boundary] not in _BOUNDARY_WORDS:
            return None
        head = self.parse_who(first, opening)
        if head is None or head.kind == "pronoun":
            return None
        apposed = self.parse_who(opening + 1, comma, lenient=True)
        if head.kind == "role" and apposed is not None and apposed.kind == "name":
            # "The authority's chief executive, Gideon Vale, said"
            apposed.words = head.words + apposed.words
            apposed.first, apposed.last = first, comma
            return apposed, boundary
        return head, boundary

    def np_forward(self, first: int, last: int) -> int:
        """The end of a speaker phrase that starts at ``first`` ("said the minister of ...")."""
        k = first
        while k < last and k - first < 12 and self.np_word(k):
            k += 1
        return k

    def skip_forward(self, index: int, last: int) -> int:
        """Step over "afterwards", "on Monday", "in a statement" and the like after a verb."""
        norms = self.norms
        while index < last:
            norm = norms[index]
            if norm in _AFTER_VERB_ADVERBS or norm in _TIME_WORDS:
                index += 1
            elif (
                norm in ("on", "last", "this", "late", "early")
                and index + 1 < last
                and (norms[index + 1] in _TIME_WORDS)
            ):
                index += 2
            elif norm in ("in", "at", "during", "after") and index + 1 < last:
                # "in a statement", "at a news conference", "in a televised speech"
                k = index + 1
                while k < min(index + 5, last) and norms[k] not in _SETTINGS and self.is_word[k]:
                    k += 1
                if k < last and norms[k] in _SETTINGS:
                    index = k + 1
                else:
                    return index
            else:
                return index
        return index

    def clause_start(self, verb_last: int, sentence_last: int, verb_norm: str) -> int:
        """The first token of the clause reported by a verb that ends at ``verb_last``."""
        norms = self.norms
        telling = verb_norm in _TELL_VERBS
        k = self.skip_forward(verb_last, sentence_last)
        if telling:
            # The hearer: "told reporters", "told The Ellery Post", "told the crowd".
            if k < sentence_last and self.cap[k]:
                while k < sentence_last and (self.cap[k] or self.glued(k)):
                    k += 1
                k = self.skip_forward(k, sentence_last)
            elif k < sentence_last and norms[k] in _OBJECT_WORDS:
                k = self.skip_forward(k + 1, sentence_last)
            elif k + 1 < sentence_last and norms[k] == "the" and norms[k + 1] in _OBJECT_WORDS:
                k = self.skip_forward(k + 2, sentence_last)
        if k < sentence_last and norms[k] == "that":
            return k + 1
        return k

    def quote_attribution(self, raw: _Raw) -> _Said | None:
        """The attribution joined to quotation ``raw``: after it, before it or around it."""
        before = self.attribution_before(raw, colon_only=True)
        if before is not None:
            return before
        if raw.close_index is not None:
            after = self.attribution_after(raw.close_index)
            if after is not None:
                return after
        return self.attribution_before(raw, colon_only=False)

    def attribution_after(self, close: int) -> _Said | None:
        """'"...," he said' and '"...," said Superintendent Alan Mirrow'."""
        para = self.tok_para[close]
        para_last = self.para_range[para][1]
        j = close + 1
        if j < para_last and self.norms[j] == ",":
            j += 1  # '"...", he said' (comma outside the marks)
        if j >= para_last or self.norms[j] in _SENTENCE_END:
            return None  # '"...". He said' starts a new sentence of the outlet's
        # The sentence splitter may end a sentence at '?"' before "Mr Vale asked": read on in
        # the paragraph.
        sentence_last = para_last
        inverted = self.verb_at(j)
        if inverted is not None:
            verb_last, verb_class = inverted
            end = self.np_forward(verb_last, sentence_last)
            who = self.parse_who(verb_last, end) if end > verb_last else None
            if who is not None:
                return _Said(who, j, verb_last, verb_class, "after")
            return None
        for k in range(j, min(j + 10, sentence_last)):
            found = self.verb_at(k) if k > j else None
            if found is None and self.norms[k] == "," and k > j:
                return self.apposed_after(j, k, sentence_last)  # '"...," Mr Bell, 44, said'
            if found is None:
                if not self.np_word(k):
                    return None
                continue
            last_word, passive = self.skip_back(k - 1, j)
            if last_word < j or passive:
                return None
            who = self.parse_who(j, last_word + 1)
            if who is None:
                return None
            return _Said(who, k, found[0], found[1], "after")
        return None

    def apposed_after(self, first: int, comma: int, last: int) -> _Said | None:
        """'"...," Mr Bell, 44, said' and '"...," Ana Ruiz, the club's captain, said'."""
        for k in range(comma + 1, min(comma + 14, last)):
            norm = self.norms[k]
            if norm == ",":
                verb = self.skip_forward(k + 1, last)
                found = self.verb_at(verb) if verb < last else None
                who = self.parse_who(first, comma) if found is not None else None
                if found is None or who is None:
                    return None
                return _Said(who, verb, found[0], found[1], "after")
            if norm in _SENTENCE_END or self.is_mark(k):
                return None
        return None

    def attribution_before(self, raw: _Raw, *, colon_only: bool) -> _Said | None:
        """'He said: "..."' and 'She told the crowd, "..."'."""
        opening = raw.open_index
        para_first = self.para_range[self.tok_para[opening]][0]
        j = opening - 1
        if j < para_first:
            return None
        separated = self.norms[j] in (":", ",")
        if colon_only and self.norms[j] != ":":
            return None
        if separated:
            j -= 1
        floor = max(para_first, self.sent_first[self.tok_sent[max(j, para_first)]])
        for k in range(j, max(floor, j - 6) - 1, -1):
            if k < floor:
                break
            if k in self.consumed:
                return None
            found = self.verb_at(k)
            if found is not None and found[0] <= j + 1:
                if found[0] != j + 1 and not separated:
                    return None  # 'said the scheme would "secure..."': a reported clause
                subject = self.subject(k)
                if subject is None:
                    return None
                return _Said(subject[0], k, found[0], found[1], "before")
            if not self.is_word[k]:
                return None
        return None

    def find_attributions(
        self, raws: list[_Raw]
    ) -> tuple[list[_Quote], list[_Clause], list[_Said]]:
        """Attribute quotations, then find reported clauses sentence by sentence.

        Returns the quotations, the reported clauses and every attribution found.
        """
        raws_by_open = {raw.open_index: raw for raw in raws}
        quotes: list[_Quote] = []
        saids: list[_Said] = []
        merged: set[int] = set()
        for raw in raws:
            if raw.open_index in merged:
                continue
            said = self.quote_attribution(raw)
            pieces = [raw]
            if said is not None:
                saids.append(said)
                self.consumed.update(range(said.verb_first, said.verb_last))
                if said.position == "before" and raw.close_index is not None:
                    # 'She said: "We will fight," she added.': a second verb for one quotation.
                    again = self.attribution_after(raw.close_index)
                    if again is not None:
                        saids.append(again)
                        self.consumed.update(range(again.verb_first, again.verb_last))
                # '"We will win," he said, "and soon."': the quotation goes on after the verb.
                after_said = max(said.verb_last, said.who.last)
                if (
                    said.position == "after"
                    and after_said + 1 < self.n
                    and self.norms[after_said] == ","
                    and after_said + 1 in raws_by_open
                ):
                    following = raws_by_open[after_said + 1]
                    pieces.append(following)
                    merged.add(following.open_index)
                    said.position = "inside"
            quotes.append(_Quote(pieces, said))
        clauses: list[_Clause] = []
        headline = self.headline_speaker()
        if headline is not None:
            clauses.append(headline)
        quote_said_by_sentence: dict[int, list[_Said]] = {}
        for quote in quotes:
            if quote.said is not None:
                sentence = self.tok_sent[quote.said.verb_first]
                quote_said_by_sentence.setdefault(sentence, []).append(quote.said)
        for sentence in self.model.sentences:
            self.reported_in(
                sentence.index, clauses, quote_said_by_sentence.get(sentence.index, [])
            )
        # A clause cut short by the next attribution ("X said; Y said") may have nothing left.
        clauses = [clause for clause in clauses if clause.ranges]
        saids.extend(clause.said for clause in clauses)
        return quotes, clauses, saids

    def headline_speaker(self) -> _Clause | None:
        """A headline of the form "Lavrov: Western alliance hasn't been effective".

        The name before the colon must be a person the text names in full elsewhere, so
        "Brexit: what happens next" stays the outlet's.
        """
        if not self.sent_first or self.tok_para[0] != 0:
            return None
        end = self.sent_last[0]
        colon = next((k for k in range(min(4, end)) if self.norms[k] == ":"), None)
        if colon is None or colon == 0 or end - colon < 3:
            return None
        if not all(self.is_word[k] and self.cap[k] for k in range(colon)):
            return None
        who = self.parse_who(0, colon)
        if who is None or who.kind != "name" or who.category != "person":
            return None
        assert who.name is not None
        known = self.full_name(who.name, 0) is not None or (
            who.name in self.people and len(self.people[who.name].mentions) > 1
        )  # "Lavrov" with "Sergey Lavrov" below, or "Sergey Lavrov" twice
        if not known:
            return None
        ranges = self.trimmed([(colon + 1, end)])
        if not ranges:
            return None
        return _Clause(ranges, _Said(who, colon, colon + 1, "neutral", "before", verbless=True))

    def reported_in(self, sentence: int, clauses: list[_Clause], quote_said: list[_Said]) -> None:
        """Find the reported clauses of one sentence."""
        events = self.verb_events.get(sentence)
        if not events:
            return
        first, last = self.sent_first[sentence], self.sent_last[sentence]
        norms = self.norms
        # The sentence's end without its final punctuation and closing marks.
        end = last
        while end > first and not self.is_word[end - 1] and not self.in_quote[end - 1]:
            if end - 1 in self.closing_marks:
                break
            end -= 1
        active: _Clause | None = None
        reached = first
        for i in events:
            if i < reached or i >= end or self.in_quote[i] or i in self.consumed:
                continue
            if norms[i] == ";":
                if active is not None:
                    # A semicolon joins the outlet's next clause, not more of the report.
                    self.cut_clause(active, i)
                    active = None
                continue
            found = self.verb_at(i)
            if found is None:
                continue
            verb_last, verb_class = found
            reached = verb_last
            if verb_last < end and self.verb_at(verb_last) is not None:
                reached = i + 1  # "media reports say": the first one is a noun
                continue
            if norms[i] == "according":
                if active is None:
                    clause = self.according_to(i, verb_last, verb_class, first, end)
                    if clause is not None:
                        clauses.append(clause)
                        active = clause if clause.said.position != "after" else None
                continue
            if active is not None and self.nested(i):
                continue  # "Lavrov said that the U.S. claims ...": still Lavrov's report
            subject = self.subject(i)
            if subject is None:
                if active is None:
                    clause = self.other_attribution(
                        i, verb_last, verb_class, first, end, quote_said
                    )
                    if clause is not None:
                        clauses.append(clause)
                        active = clause if clause.said.position != "after" else None
                elif norms[i - 1] in ("and", "but") and norms[verb_last] == "that":
                    # "The union said it would strike, and added that ...": the same speaker's
                    # second verb is the outlet's again, and starts a clause of its own.
                    ranges = self.trimmed([(verb_last + 1, end)])
                    if ranges:
                        said = _Said(active.said.who, i, verb_last, verb_class, "before")
                        self.cut_clause(active, i - 1)
                        active = _Clause(ranges, said)
                        clauses.append(active)
                continue
            who, boundary = subject
            if active is not None and (boundary < 0 or norms[boundary] in _SUBORDINATORS):
                continue  # nested: "Lavrov said that the U.S. claims ..."
            if any(norms[k] in ("not", "never") for k in range(who.last, i)):
                continue  # "he did not say whose": no words reported
            said = _Said(who, i, verb_last, verb_class, "before")
            after = self.skip_forward(verb_last, end)
            comma_before = boundary >= 0 and norms[boundary] == ","
            takes_clause = norms[i] in _CLAUSE_VERBS
            clause = None
            if comma_before and active is None and (after >= end or norms[after] == ","):
                # "..., police said." or "The plan, officials said, would ..."
                if takes_clause:
                    said.position = "after" if after >= end else "inside"
                    ranges = [(self.after_dateline(first, boundary), boundary)]
                    if after < end:
                        ranges.append((after + 1, end))
                    clause = _Clause(self.trimmed(ranges), said)
            else:
                start = self.clause_start(verb_last, end, norms[i])
                stop = end
                if (
                    boundary > 0
                    and norms[boundary] in ("which", "who")
                    and (norms[boundary - 1] == ",")
                ):
                    # "the “reforms”, which critics say will cost jobs, passed": the report
                    # ends with the relative clause.
                    stop = next((k for k in range(start, end) if norms[k] == ","), end)
                if start < stop and (takes_clause or norms[start - 1] == "that"):
                    clause = _Clause([(start, stop)], said)
            if clause is not None and clause.ranges:
                if active is not None:
                    # "She claimed that ... but the authority insists ...": a new report.
                    self.cut_clause(active, who.first)
                clauses.append(clause)
                active = clause if said.position != "after" else None

    def according_to(
        self, i: int, verb_last: int, verb_class: str, first: int, end: int
    ) -> _Clause | None:
        """Attach "according to X" to the clause before, after or around it."""
        np_end = self.np_forward(verb_last, end)
        who = self.parse_who(verb_last, np_end) if np_end > verb_last else None
        if who is None:
            return None
        before = i - 1
        if before >= first and _is_one_of(self.norms[before], ",(\u2014\u2013"):
            said = _Said(who, i, verb_last, verb_class, "after")
            ranges = [(self.after_dateline(first, before), before)]
            if np_end < end and self.norms[np_end] == ",":
                said.position = "inside"
                ranges.append((np_end + 1, end))
            return _Clause(self.trimmed(ranges), said)
        if before >= first and self.norms[before] not in _BOUNDARY_WORDS:
            return None
        start = np_end + 1 if np_end < end and self.norms[np_end] == "," else np_end
        if start >= end:
            return None
        return _Clause([(start, end)], _Said(who, i, verb_last, verb_class, "before"))

    def other_attribution(
        self,
        i: int,
        verb_last: int,
        verb_class: str,
        first: int,
        end: int,
        quote_said: list[_Said],
    ) -> _Clause | None:
        """Attributions without a speaker before the verb.

        "..., said the minister." (the speaker after the verb) and "..., adding that ..."
        (a participle whose speaker is the sentence's subject or its earlier attribution).
        """
        norms = self.norms
        if i - 1 < first or norms[i - 1] != ",":
            return None
        if norms[i].endswith("ing"):
            speaker = None
            earlier = [s for s in quote_said if s.verb_first < i]
            if earlier:
                speaker = earlier[-1].who
            elif self.norms[first] in _PRONOUNS:
                # The sentence's subject: "He also refuted ..., asserting that ..."
                speaker = self.parse_who(first, first + 1)
            else:
                # A name opening the sentence: "Lavrov warned ..., adding that ..."
                k = first
                while k < i and self.is_word[k] and self.cap[k]:
                    k += 1
                if k > first:
                    speaker = self.parse_who(first, k)
            if speaker is None:
                return None
            start = self.clause_start(verb_last, end, norms[i])
            if start >= end or (norms[i] not in _CLAUSE_VERBS and norms[start - 1] != "that"):
                return None  # "speaking on condition of anonymity" reports nothing
            return _Clause([(start, end)], _Said(speaker, i, verb_last, verb_class, "before"))
        np_end = self.np_forward(verb_last, end)
        if np_end <= verb_last or np_end != end:
            return None
        who = self.parse_who(verb_last, np_end)
        if who is None:
            return None
        return _Clause(
            self.trimmed([(self.after_dateline(first, i - 1), i - 1)]),
            _Said(who, i, verb_last, verb_class, "after"),
        )

    def after_dateline(self, first: int, last: int) -> int:
        """Where a sentence starts after a dateline ("PORT ELLERY —", "Moscow, SANA –")."""
        for k in range(first, min(first + 8, last)):
            norm = self.norms[k]
            if norm in ("\u2014", "\u2013", "-") and k > first:
                return k + 1
            if not (norm == "," or (self.is_word[k] and self.cap[k])):
                return first
        return first

    def trimmed(self, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Ranges without punctuation and conjunctions at their edges; empty ones dropped."""
        result = []
        for first, last in ranges:
            while first < last and not self.is_word[first] and not self.is_mark(first):
                first += 1
            while last > first and (
                (not self.is_word[last - 1] and not self.is_mark(last - 1))
                or self.norms[last - 1] in _COORDINATORS
            ):
                last -= 1
            if first < last:
                result.append((first, last))
        return result

    def cut_clause(self, clause: _Clause, at: int) -> None:
        """End an open reported clause before token ``at`` (a new attribution starts)."""
        first, _last = clause.ranges[-1]
        clause.ranges[-1] = (first, at)
        clause.ranges[:] = self.trimmed(clause.ranges)

    # -- resolving speakers -----------------------------------------------------------------

    def resolve(self, saids: list[_Said]) -> None:
        """Give every attribution its speaker name, in text order."""
        history: list[tuple[str, str]] = []  # (speaker, category) of earlier attributions
        for said in sorted(saids, key=lambda s: s.verb_first):
            who = said.who
            speaker, person = self.resolve_one(who, history)
            said.speaker = speaker
            if who.kind == "pronoun" and speaker == who.surface:
                continue  # an unresolved pronoun is nobody to refer back to
            category = who.category
            if person is not None:
                category = "person"
            elif who.kind == "pronoun":
                category = self.last_category
            history.append((speaker, category))

    def resolve_one(self, who: _Who, history: list[tuple[str, str]]) -> tuple[str, _Person | None]:
        """The name of one speaker phrase, or its surface form when the text does not say."""
        genders = self.genders
        if who.kind == "pronoun":
            wanted = {"human": ("person", "human"), "group": ("group", "org"), "org": ("org",)}
            categories = wanted.get(who.category)
            if categories is None:
                return who.surface, None
            # The most recent compatible speaker, among the last few (a long text's
            # pronoun does not reach back to its first page).
            for speaker, category in reversed(history[-_PRONOUN_REACH:]):
                if category not in categories:
                    continue
                if who.gender and genders.get(speaker, who.gender) != who.gender:
                    continue  # "she" is not Mr Dunn
                if who.gender:
                    genders[speaker] = who.gender  # "she" tells us about Ruth Abara
                self.last_category = category
                return speaker, self.people.get(speaker)
            return who.surface, None
        if who.kind == "name":
            assert who.name is not None
            person = self.people.get(who.name)
            full = self.full_name(who.name, who.first)
            if full is not None:
                person = full
            speaker = person.name if person is not None else who.name
            if who.gender:
                genders.setdefault(speaker, who.gender)
            return speaker, person
        if who.definite:
            person = self.person_with_role(who.words, who.first)
            if person is not None:
                return person.name, person
        return self.surface(who), None

    def surface(self, who: _Who) -> str:
        """An unresolved speaker as written: "a police spokesman", "the union leader"."""
        surface = self.span_text(who.first, who.last)
        if self.sentence_initial(who.first):
            surface = surface[:1].lower() + surface[1:]  # "The union leader said" -> "the ..."
        return surface

    def full_name(self, name: str, position: int) -> _Person | None:
        """The full name a surname stands for ("Lavrov" -> "Sergey Lavrov").

        The one mentioned last before ``position``, else the first one mentioned after it.
        """
        if " " in name:
            return None
        candidates = self.by_surname.get(name.lower().replace("\u2019", "'"))
        if not candidates:
            return None
        best: tuple[int, _Person] | None = None
        for person in candidates:
            before = _last_before(person.mentions, position + 1)
            if before is not None and (best is None or before > best[0]):
                best = (before, person)
        if best is not None:
            return best[1]
        return min(candidates, key=lambda p: p.first_mention)

    def person_with_role(self, words: tuple[str, ...], position: int) -> _Person | None:
        """The person most recently introduced with these role words ("the union leader")."""
        if not words:
            return None
        head, modifiers = words[-1], words[:-1]
        if head in _ORG_WORDS:
            return None  # "the authority" is the organisation, not its chief executive
        if self.by_head is None:
            self.by_head = {}
            for person in self.people.values():
                for role_head in person.heads:
                    self.by_head.setdefault(role_head, []).append(person)
        candidates = list(self.by_head.get(head, ()))
        if head in _LEADER_WORDS:
            # "the union leader" for "the union's general secretary"
            for leader in _LEADER_WORDS:
                candidates.extend(self.by_head.get(leader, ()))
        best: tuple[int, _Person] | None = None
        for person in candidates:
            if not all(m in person.roles for m in modifiers):
                continue
            before = _last_before(person.mentions, position)
            if before is not None and (best is None or before > best[0]):
                best = (before, person)
        return None if best is None else best[1]


def _last_before(positions: list[int], position: int) -> int | None:
    """The last of the sorted ``positions`` before ``position``, if any."""
    index = bisect.bisect_left(positions, position)
    return positions[index - 1] if index else None


def _is_one_of(norm: str, characters: str) -> bool:
    """Whether a one-character punctuation ``norm`` is one of ``characters``."""
    return len(norm) == 1 and norm in characters


@dataclass(slots=True)
class _Quote:
    """A top-level quotation (one or more raw pieces) and its attribution, if any."""

    pieces: list[_Raw]
    said: _Said | None
    speaker: str | None = None
    speaker_span: tuple[int, int] | None = None
    verb: tuple[str, str] | None = None  # (verb text, class)
    kind: str = "direct"


# -- classification and output --------------------------------------------------------------


def _term_like(analyser: _Analyser, raw: _Raw) -> bool:
    """Whether a quotation holds a term (a scare quote candidate), not a piece of speech."""
    norms = analyser.norms
    if raw.close_index is None or len(raw.parts) != 1:
        return False  # unclosed, or running over paragraphs: speech
    first, last = raw.parts[0]
    if last - first > 16:
        return False
    inner = range(first, last)
    words = [i for i in inner if analyser.is_word[i]]
    if not words or len(words) > 4:
        return False
    if norms[inner[-1]] in (",", ".", "!", "?", ";", ":", "\u2026"):
        return False  # '"Never," he said' and '"Yes."' are utterances
    first_word = norms[words[0]]
    if first_word in _PREPOSITIONS or first_word in _BOUNDARY_WORDS:
        return False  # "behind closed doors" is a fragment of speech
    for i in words:
        norm = norms[i]
        if norm in _CLAUSE_WORDS or norm.endswith(("n't", "'re", "'m", "'ve", "'ll", "'d")):
            return False
    before = raw.open_index - 1
    return not (before >= 0 and norms[before] in _VERB_PHRASE_CUES)


def analyse_voice(model: TextModel) -> VoiceMap:
    """Find whose voice every token of ``model`` is in, with quotations and attributions.

    Parameters
    ----------
    model
        The text model of the analysed text (:func:`analysis.text.build_text`).

    Returns
    -------
    VoiceMap
        One :class:`Voice` and one speaker (``None`` in the outlet's voice) per token; the
        direct quotations, scare quotes and reported clauses (:class:`Quotation`), and the
        attributions (:class:`Attribution`), each in text order.

    Notes
    -----
    Quotation marks take the voice around them; the words between them are quoted.
    Attribution phrases ("he said", "according to police") are the outlet's words. Scare-quoted
    words keep the voice of their context. Pure: the same model always gives the same map.
    """
    analyser = _Analyser(model)
    n = analyser.n
    raws = analyser.scan_quotes()
    analyser.closing_marks = {raw.close_index for raw in raws if raw.close_index is not None}
    for raw in raws:
        for first, last in raw.parts:
            analyser.in_quote[first:last] = [True] * (last - first)
    analyser.collect_people()
    quotes, clauses, saids = analyser.find_attributions(raws)
    analyser.resolve(saids)

    # Which reported clause, if any, each token belongs to.
    clause_of: list[_Clause | None] = [None] * n
    for clause in clauses:
        for first, last in clause.ranges:
            clause_of[first:last] = [clause] * (last - first)

    # Classify quotations: attributed, a term (scare), in a reported clause, or inherited.
    norms = analyser.norms
    previous_in_paragraph: dict[int, _Quote] = {}
    last_direct_of_paragraph: dict[int, _Quote] = {}
    for quote in quotes:
        raw = quote.pieces[0]
        para = analyser.tok_para[raw.open_index]
        said = quote.said
        enclosing = clause_of[raw.open_index]
        if said is not None:
            _take(quote, said, analyser)
        elif _term_like(analyser, raw) and not (
            enclosing is not None
            and raw.open_index > 0
            and norms[raw.open_index - 1] in _PREDICATE_CUES
        ):
            quote.kind = "scare"
        elif enclosing is not None:
            _take(quote, enclosing.said, analyser)
        else:
            source = previous_in_paragraph.get(para)
            if source is None and raw.open_index == analyser.para_range[para][0] and para > 0:
                earlier = last_direct_of_paragraph.get(para - 1)
                if earlier is not None and _ends_paragraph(analyser, earlier, para - 1):
                    source = earlier
            if source is not None:
                quote.speaker = source.speaker
                quote.speaker_span = source.speaker_span
        if quote.kind == "direct" and quote.speaker is not None:
            previous_in_paragraph[para] = quote
            last_para = analyser.tok_para[quote.pieces[-1].parts[-1][1] - 1]
            last_direct_of_paragraph[last_para] = quote

    # Voices: reported clauses first, then direct quotations over them.
    voices = [Voice.OUTLET] * n
    speakers: list[str | None] = [None] * n
    for clause in clauses:
        for first, last in clause.ranges:
            voices[first:last] = [Voice.REPORTED] * (last - first)
            speakers[first:last] = [clause.said.speaker] * (last - first)
    for quote in quotes:
        if quote.kind != "direct":
            continue
        for raw in quote.pieces:
            for first, last in raw.parts:
                voices[first:last] = [Voice.QUOTED] * (last - first)
                speakers[first:last] = [quote.speaker] * (last - first)

    starts, ends = analyser.starts, analyser.ends
    quotations = [_quotation(quote, analyser) for quote in quotes]
    for clause in clauses:
        said = clause.said
        start = starts[clause.ranges[0][0]]
        end = ends[clause.ranges[-1][1] - 1]
        who = said.who
        quotations.append(
            Quotation(
                start,
                end,
                start,
                end,
                said.speaker,
                starts[who.first],
                ends[who.last - 1],
                None if said.verbless else analyser.span_text(said.verb_first, said.verb_last),
                None if said.verbless else said.verb_class,
                "reported",
            )
        )
    quotations.sort(key=lambda q: (q.start, q.end))
    attributions = sorted(
        (_attribution(said, analyser) for said in saids if not said.verbless),
        key=lambda a: a.verb_start,
    )
    return VoiceMap(
        tuple(voices),
        tuple(speakers),
        tuple(quotations),
        tuple(attributions),
        tuple(starts),
        tuple(ends),
    )


def _take(quote: _Quote, said: _Said, analyser: _Analyser) -> None:
    """Give ``quote`` the speaker and verb of ``said``."""
    quote.speaker = said.speaker
    quote.speaker_span = (analyser.starts[said.who.first], analyser.ends[said.who.last - 1])
    quote.verb = (analyser.span_text(said.verb_first, said.verb_last), said.verb_class)


def _ends_paragraph(analyser: _Analyser, quote: _Quote, para: int) -> bool:
    """Whether ``quote`` (or its attribution) is in the last sentence of paragraph ``para``."""
    last_sentence = analyser.tok_sent[analyser.para_range[para][1] - 1]
    raw = quote.pieces[-1]
    anchor = raw.close_index if raw.close_index is not None else raw.parts[-1][1] - 1
    if quote.said is not None:
        anchor = max(anchor, quote.said.verb_first)
    return analyser.tok_sent[anchor] == last_sentence


def _quotation(quote: _Quote, analyser: _Analyser) -> Quotation:
    """The public record of a direct quotation or scare quote."""
    starts, ends = analyser.starts, analyser.ends
    first, last = quote.pieces[0], quote.pieces[-1]
    start = starts[first.open_index]
    inner_start = ends[first.open_index]
    if last.close_index is not None:
        end, inner_end = ends[last.close_index], starts[last.close_index]
    else:
        end = inner_end = last.end
    span = quote.speaker_span
    verb, verb_class = quote.verb if quote.verb is not None else (None, None)
    return Quotation(
        start,
        end,
        inner_start,
        max(inner_start, inner_end),
        quote.speaker,
        None if span is None else span[0],
        None if span is None else span[1],
        verb,
        verb_class,
        quote.kind,
    )


def _attribution(said: _Said, analyser: _Analyser) -> Attribution:
    """The public record of an attribution."""
    starts, ends = analyser.starts, analyser.ends
    return Attribution(
        said.speaker,
        starts[said.who.first],
        ends[said.who.last - 1],
        analyser.span_text(said.verb_first, said.verb_last),
        starts[said.verb_first],
        ends[said.verb_last - 1],
        said.verb_class,
        analyser.tok_sent[said.verb_first],
        said.position,
    )
