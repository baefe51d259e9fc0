"""The explainable scorers: loaded language, hedges and boosters, quotes, tone, subjectivity,
sourcing and readability, assembled into an :class:`~analysis.report.ArticleReport`.

Every span carries a readable ``why``: the lexicon entry and its note, the cue that found it,
and whose words they are. Words in quotations and reported speech belong to the speaker: they
are flagged, shown apart, and counted apart from the outlet's own density.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import string
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cache
from itertools import compress
from operator import and_, attrgetter, itemgetter, methodcaller, not_

import numpy as np

from analysis.features import (
    TokenContext,
    sentence_cue_counts,
    sentence_words,
    token_context,
    token_groups,
)
from analysis.lexicon import (
    Entry,
)
from analysis.models import LinearModel, ModelSet, load_models
from analysis.normalise import count_words
from analysis.readability import readability, textstat_version
from analysis.report import ArticleReport, SentenceInfo, Span, SpeakerCount
from analysis.text import TextModel, build_text
from analysis.voice import Voice, VoiceMap, analyse_voice
from resources import resource_path

#: Bumped whenever a scorer changes what it finds; the lexicons' hash is appended.
CODE_VERSION = "3"

#: Confidence of a lexicon match by the entry's strength (1 mild ... 3 strong).
STRENGTH_SCORE = {1: 0.4, 2: 0.65, 3: 0.85}
#: Confidence of structural cues.
SCARE_QUOTE_SCORE = 0.7
LOADED_VERB_SCORE = 0.6

LABEL_NAMES = {
    "emotional": "emotional language",
    "labelling": "labelling (name-calling)",
    "exaggeration": "exaggeration",
    "doubt": "casting doubt",
    "loaded_attribution": "loaded attribution",
    "euphemism": "euphemism",
}
_STRENGTH_WORDS = {1: "mild", 2: "clear", 3: "strong"}
_PERSONAL = frozenset({"i", "we", "our", "us", "my", "me", "you", "your"})
_PERSONAL_OR_MARK = _PERSONAL | {"!", "?"}
_ANONYMOUS_HEADS = frozenset(
    "a an the some several one two three four many officials official sources source "
    "spokesman spokeswoman spokesperson witnesses witness residents experts analysts critics "
    "observers diplomats people insiders aides".split()
)


@cache
def analyser_version() -> str:
    """Scorer code version plus a hash of every lexicon file (edits invalidate analyses)."""
    digest = hashlib.sha256()
    for path in sorted(resource_path("lexicons").rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return f"{CODE_VERSION}+{digest.hexdigest()[:10]}"


@cache
def _sentiment():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _emoji_characters() -> frozenset[str]:
    """The characters VADER replaces by a description (its one-character emoji entries)."""
    return frozenset(key for key in _sentiment().emojis if len(key) == 1)


def tone(text: str) -> float:
    """VADER's compound score of ``text`` (``polarity_scores(text)["compound"]``).

    Only words of VADER's lexicon carry valence: negations, boosters, capitals, "but" and
    punctuation only change the valence of those words, so a text with none of them (and no
    emoji, which VADER turns into words) scores exactly 0.0. Such texts, most of a news
    article's sentences, are answered without running VADER. A word counts as VADER's when
    it is in the lexicon as written or stripped of punctuation (VADER uses one or the other).
    """
    analyzer = _sentiment()
    lexicon = analyzer.lexicon.keys()
    words = text.lower().split()
    if (
        _emoji_characters().isdisjoint(text)
        and lexicon.isdisjoint(words)
        and lexicon.isdisjoint(map(_STRIP_PUNCTUATION, words))
    ):
        return 0.0
    return analyzer.polarity_scores(text)["compound"]


_STRIP_PUNCTUATION = methodcaller("strip", string.punctuation)


def _owner(voice: str, speaker: str | None) -> str:
    if voice == Voice.OUTLET:
        return ""
    who = speaker or "an unnamed source"
    kind = "quoted" if voice == Voice.QUOTED else "reported"
    return f" — {kind} words of {who}, not the outlet's own"


def _lexicon_why(entry: Entry, voice: str, speaker: str | None) -> str:
    category = entry.category
    name = LABEL_NAMES.get(category, category)
    strength = _STRENGTH_WORDS.get(entry.strength, str(entry.strength))
    return f'{name} ({strength}): "{entry.term}" — {entry.note}{_owner(voice, speaker)}'


def _span_from_match(
    model: TextModel,
    voices: VoiceMap,
    first: int,
    last: int,
    layer: str,
    label: str,
    score: float,
    why_entry: Entry,
    why_more: str = "",
) -> Span:
    start, end = model.starts[first], model.ends[last - 1]
    voice = voices.voices[first]
    speaker = voices.speakers[first]
    return Span(
        start=start,
        end=end,
        text=model.text[start:end],
        layer=layer,
        label=label,
        score=score,
        voice=str(voice),
        speaker=speaker,
        why=_lexicon_why(why_entry, voice, speaker) + why_more,
    )


def _lexicon_spans(
    model: TextModel, voices: VoiceMap, context: TokenContext
) -> tuple[list[Span], set[int]]:
    spans: list[Span] = []
    covered: set[int] = set()
    for match in context.loaded_matches:
        entry = match.entry
        spans.append(
            _span_from_match(
                model,
                voices,
                match.first,
                match.last,
                "loaded",
                entry.category,
                STRENGTH_SCORE.get(entry.strength, 0.5),
                entry,
            )
        )
        covered.update(range(model.starts[match.first], model.ends[match.last - 1]))
    return spans, covered


#: Model spans below this confidence are not emitted at all (the shipped threshold decides
#: what counts and shows by default; the window's sensitivity slider moves between the two).
SPAN_FLOOR = 0.15


def _model_spans(
    model: TextModel, voices: VoiceMap, tokens_model: LinearModel, context: TokenContext
) -> tuple[list[Span], set[int]]:
    """Loaded spans from the token model; lexicon phrases keep their boundaries and notes."""
    words = model.word_indices
    if not words:
        return [], set()
    table = tokens_model.feature_groups()
    numbers = token_groups(model, voices, context, words, tokens_model)
    probabilities = tokens_model.scores_to_probabilities(table.scores(numbers))
    loaded_p = 1.0 - probabilities[:, 0]
    # Python floats: reading numpy scalars one by one costs more than the whole conversion.
    loaded_list = loaded_p.tolist()
    by_token = dict(zip(words, range(len(words)), strict=True))
    spans: list[Span] = []
    covered: set[int] = set()
    taken: set[int] = set()
    # Lexicon phrases first: the model decides whether, in this context, they are loaded.
    for match in context.loaded_matches:
        rows_in = [by_token[i] for i in range(match.first, match.last) if i in by_token]
        if not rows_in:
            continue
        entry = match.entry
        learned = max(loaded_list[r] for r in rows_in)
        # The entry's strength is prior knowledge the corpus may lack (a word no sentence
        # used): the confidence is the mean of the two.
        prior = STRENGTH_SCORE.get(entry.strength, 0.5)
        score = (learned + prior) / 2
        if score < SPAN_FLOOR:
            continue
        span = _span_from_match(
            model,
            voices,
            match.first,
            match.last,
            "loaded",
            entry.category,
            round(score, 3),
            entry,
            f" (confidence {score:.2f}: model {learned:.2f}, lexicon {prior:.2f})",
        )
        spans.append(span)
        taken.update(range(match.first, match.last))
        covered.update(range(span.start, span.end))
    # Then runs of adjacent words the model marks that no lexicon entry covers (only the
    # words at or above the floor are visited).
    runs: list[list[tuple[int, int]]] = []
    for position in np.flatnonzero(~(loaded_p < SPAN_FLOOR)).tolist():
        index = words[position]
        if index in taken:
            continue
        if runs and index == runs[-1][-1][1] + 1:
            runs[-1].append((position, index))
        else:
            runs.append([(position, index)])
    in_runs = [position for run in runs for position, _index in run]
    label_rows = dict(zip(in_runs, probabilities[in_runs, 1:].tolist(), strict=True))
    group_rows = None  # each word's group numbers, a row per word, once a run needs them
    for run in runs:
        first, last = run[0][1], run[-1][1] + 1
        if len(run) == 1:  # most runs are one word
            strongest = run[0][0]
            score = loaded_list[strongest]
            totals = label_rows[strongest]
        else:
            rows_in = [position for position, _index in run]
            score = max(loaded_list[r] for r in rows_in)
            strongest = max(rows_in, key=loaded_list.__getitem__)  # the first of equals
            # Summed row by row from the first, as numpy sums over the first axis.
            totals = [sum(column) for column in zip(*map(label_rows.get, rows_in), strict=True)]
        # The label with the most probability over the run (the first of equals).
        label_index = totals.index(max(totals)) + 1
        label = tokens_model.labels[label_index]
        if group_rows is None:
            group_rows = np.column_stack(numbers)
        cues = table.top_features(group_rows[strongest].tolist(), label_index)
        start, end = model.starts[first], model.ends[last - 1]
        voice, speaker = voices.voices[first], voices.speakers[first]
        cue_text = ", ".join(_describe_feature(name) for name, _w in cues) or "context"
        spans.append(
            Span(
                start=start,
                end=end,
                text=model.text[start:end],
                layer="loaded",
                label=label,
                score=round(score, 3),
                voice=str(voice),
                speaker=speaker,
                why=f"{LABEL_NAMES.get(label, label)} (model confidence {score:.2f}): "
                f"learned from the training corpus; strongest cues: {cue_text}"
                f"{_owner(voice, speaker)}",
            )
        )
        covered.update(range(start, end))
    return spans, covered


#: How a token feature reads in a "why", by its kind (the name before "="); ``{}`` is the value.
_FEATURE_WORDING = {
    "w": 'the word "{}"',
    "w-1": 'after "{}"',
    "w+1": 'before "{}"',
    "suf3": 'ending "-{}"',
    "pre3": 'starting "{}-"',
    "lex": "{} lexicon entry",
    "vader": "strong sentiment (VADER)",
    "vader_abs": "strong sentiment (VADER)",
    "voice": "{} voice",
}


@cache
def _describe_feature(name: str) -> str:
    kind, _sep, value = name.partition("=")
    wording = _FEATURE_WORDING.get(kind)
    return wording.format(value) if wording is not None else name.replace("_", " ")


def loaded_spans(
    model: TextModel,
    voices: VoiceMap,
    tokens_model: LinearModel | None = None,
    context: TokenContext | None = None,
) -> list[Span]:
    """Loaded-language spans: the token model (or lexicon entries without one), scare
    quotes and loaded speech verbs."""
    context = context or token_context(model, voices)
    if tokens_model is None:
        spans, covered = _lexicon_spans(model, voices, context)
    else:
        spans, covered = _model_spans(model, voices, tokens_model, context)
    for quotation in voices.quotations:
        if quotation.kind != "scare":
            continue
        inner = model.text[quotation.inner_start : quotation.inner_end]
        spans.append(
            Span(
                start=quotation.start,
                end=quotation.end,
                text=model.text[quotation.start : quotation.end],
                layer="loaded",
                label="doubt",
                score=SCARE_QUOTE_SCORE,
                voice=str(Voice.OUTLET),
                speaker=None,
                why=(
                    f"casting doubt: scare quotes around “{inner}” with no speaker — the outlet "
                    "keeps its distance from the term"
                ),
            )
        )
    for attribution in voices.attributions:
        if attribution.verb_class != "loaded" or attribution.verb_start in covered:
            continue
        spans.append(
            Span(
                start=attribution.verb_start,
                end=attribution.verb_end,
                text=model.text[attribution.verb_start : attribution.verb_end],
                layer="loaded",
                label="loaded_attribution",
                score=LOADED_VERB_SCORE,
                voice=str(Voice.OUTLET),
                speaker=None,
                why=(
                    f'loaded attribution: "{attribution.verb}" colours what '
                    f'{attribution.speaker} said; neutral: "said"'
                ),
            )
        )
    # A word inside scare quotes is shown once, as the scare quote (the outlet's doubt).
    scare = [(q.start, q.end) for q in voices.quotations if q.kind == "scare"]
    spans = [
        span
        for span in spans
        if not any(
            a <= span.start and span.end <= b and (span.start, span.end) != (a, b) for a, b in scare
        )
    ]
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def cue_spans(
    model: TextModel, voices: VoiceMap, context: TokenContext | None = None
) -> list[Span]:
    """Hedge and certainty-booster spans."""
    context = context or token_context(model, voices)
    spans = []
    for layer, matches in (("hedge", context.hedge_matches), ("booster", context.booster_matches)):
        for match in matches:
            entry = match.entry
            start, end = model.starts[match.first], model.ends[match.last - 1]
            voice, speaker = voices.voices[match.first], voices.speakers[match.first]
            kind = "hedge" if layer == "hedge" else "certainty booster"
            spans.append(
                Span(
                    start=start,
                    end=end,
                    text=model.text[start:end],
                    layer=layer,
                    label=layer,
                    score=STRENGTH_SCORE.get(entry.strength, 0.5),
                    voice=str(voice),
                    speaker=speaker,
                    why=f'{kind}: "{entry.term}" — {entry.note}{_owner(voice, speaker)}',
                )
            )
    return spans


def quote_spans(model: TextModel, voices: VoiceMap) -> list[Span]:
    """Quotations and reported clauses (layer ``quote``) and speech verbs (``attribution``)."""
    spans = []
    for quotation in voices.quotations:
        if quotation.kind == "scare":
            continue
        who = quotation.speaker or "an unnamed source"
        reported = quotation.kind == "reported"
        spans.append(
            Span(
                start=quotation.start,
                end=quotation.end,
                text=model.text[quotation.start : quotation.end],
                layer="quote",
                label=quotation.kind,
                score=1.0,
                voice=str(Voice.REPORTED if reported else Voice.QUOTED),
                speaker=quotation.speaker,
                why=(f"reported speech of {who}" if reported else f"direct quotation of {who}")
                + (f' ("{quotation.verb}")' if quotation.verb else ""),
            )
        )
    for attribution in voices.attributions:
        spans.append(
            Span(
                start=attribution.verb_start,
                end=attribution.verb_end,
                text=model.text[attribution.verb_start : attribution.verb_end],
                layer="attribution",
                label=attribution.verb_class,
                score=1.0,
                voice=str(Voice.OUTLET),
                speaker=attribution.speaker,
                why=f'{attribution.verb_class} speech verb "{attribution.verb}" for '
                f"{attribution.speaker}",
            )
        )
    return spans


def is_named(speaker: str) -> bool:
    """Whether ``speaker`` names somebody (a capitalised name), not an anonymous role."""
    words = speaker.split()
    if not words or words[0].lower() in _ANONYMOUS_HEADS:
        return False
    return any(w[:1].isupper() for w in words)


def _sentence_infos(model: TextModel, voices: VoiceMap) -> list[tuple[str, str | None]]:
    """The voice and speaker of each sentence: those of most of its words."""
    infos = []
    is_word = model.word_flags
    voice_of, speaker_of = voices.voices, voices.speakers
    for sentence in model.sentences:
        first, last = sentence.first_token, sentence.last_token
        voices_in, speakers_in = voice_of[first:last], speaker_of[first:last]
        size = last - first
        if (
            size
            and voices_in.count(voices_in[0]) == size
            and speakers_in.count(speakers_in[0]) == size
            and any(is_word[first:last])
        ):
            # One voice and speaker throughout, as most sentences have: its words' too.
            infos.append((str(voices_in[0]), speakers_in[0]))
            continue
        pairs = list(
            compress(
                zip(voice_of[first:last], speaker_of[first:last], strict=True), is_word[first:last]
            )
        )
        if not pairs:
            voice, speaker = Voice.OUTLET, None
        elif pairs.count(pairs[0]) == len(pairs):
            voice, speaker = pairs[0]  # one voice for the words, another for a mark
        else:
            # Voices count as their string values (a StrEnum member hashes and compares as
            # one); the first of equally common pairs wins.
            voice, speaker = Counter(pairs).most_common(1)[0][0]
        infos.append((str(voice), speaker))
    return infos


def _outlet_tokens(voices: VoiceMap) -> list[bool]:
    """Whether each token is in the outlet's own voice."""
    # A plain string's ``__eq__``: an enum member's costs twice as much per token.
    return list(map(str(Voice.OUTLET).__eq__, voices.voices))


def _outlet_sentence_texts(model: TextModel, outlet: list[bool]) -> list[tuple[int, str]]:
    """Per sentence, the text of its outlet-voice words (quoted words left out; ``outlet``
    from :func:`_outlet_tokens`)."""
    result = []
    raws = model.raws
    for sentence in model.sentences:
        first, last = sentence.first_token, sentence.last_token
        words = list(compress(raws[first:last], outlet[first:last]))
        if sum(map(str.isalnum, map(itemgetter(0), words))) >= 3:
            result.append((sentence.index, " ".join(words)))
    return result


def _body_words(model: TextModel, body_start: int) -> int:
    """:func:`analysis.normalise.count_words` of the text from ``body_start`` on, from its
    tokens: a word token of letters and digits alone is one word; the few others, joined by
    hyphens or apostrophes ("so-called" is two words), are counted one by one."""
    first = bisect.bisect_left(model.starts, body_start)
    flags, raws = model.word_flags[first:], model.raws[first:]
    alone = list(map(str.isalnum, raws))
    joined = compress(raws, map(and_, flags, map(not_, alone)))
    return sum(map(and_, flags, alone)) + sum(map(count_words, joined))


def _per_100(count: int, words: int) -> float:
    return round(100.0 * count / words, 3) if words else 0.0


def _words_by_voice(model: TextModel, voices: VoiceMap) -> Counter[str]:
    counts = Counter(compress(voices.voices, model.word_flags))
    return Counter({str(voice): count for voice, count in counts.items()})


def _speakers(voices: VoiceMap) -> list[SpeakerCount]:
    quotes: Counter[str] = Counter()
    reported: Counter[str] = Counter()
    for quotation in voices.quotations:
        if quotation.kind == "scare" or not quotation.speaker:
            continue
        (reported if quotation.kind == "reported" else quotes)[quotation.speaker] += 1
    names = sorted(set(quotes) | set(reported), key=lambda s: (-(quotes[s] + reported[s]), s))
    return [SpeakerCount(s, quotes[s], reported[s], is_named(s)) for s in names]


def _actor_tone(
    model: TextModel, sentence_tone: dict[int, float], speakers: Sequence[SpeakerCount]
) -> dict[str, float]:
    """Mean tone of the outlet's sentences that mention each named speaker (by surname)."""
    tones: dict[str, list[float]] = defaultdict(list)
    starts = [sentence.start for sentence in model.sentences]
    for speaker in speakers:
        if not speaker.named:
            continue
        surname = speaker.speaker.split()[-1]
        pattern = re.compile(rf"\b{re.escape(surname)}\b")
        # The surname's occurrences in the whole text (``str.find``: a pattern that starts
        # with ``\b`` is tried at every character), each checked by ``match`` against the
        # characters around it and placed in its sentence. The same as searching each
        # sentence: sentences begin and end beside white space (or the text's ends), which
        # ``\b`` sees as it sees a sentence's own ends, and a surname has no white space.
        mentioned = set()
        position = model.text.find(surname)
        while position != -1:
            match = pattern.match(model.text, position)
            if match is not None:
                index = bisect.bisect_right(starts, position) - 1
                if index >= 0 and match.end() <= model.sentences[index].end:
                    mentioned.add(index)
            position = model.text.find(surname, position + 1)
        for index, tone in sentence_tone.items():
            if index in mentioned:
                tones[speaker.speaker].append(tone)
    return {name: round(sum(v) / len(v), 3) for name, v in tones.items() if v}


def _opinion_sentences(
    model: TextModel,
    outlet: list[bool],
    loaded: Sequence[Span],
    boosters: Sequence[Span],
    sentence_tone: dict[int, float],
) -> int:
    """Outlet sentences with an opinion cue: loaded words, a booster, "I/we/you", an
    exclamation or question in the outlet's voice, or strongly valenced wording."""
    cue_offsets = sorted(s.start for s in (*loaded, *boosters) if s.voice == Voice.OUTLET)
    # The outlet's own "I/we/you", "!" and "?", token by token (C-level maps).
    personal = list(map(and_, map(_PERSONAL_OR_MARK.__contains__, model.norms), outlet))
    count = 0
    for index in sentence_tone:  # the outlet's sentences (see _outlet_sentence_texts)
        sentence = model.sentences[index]
        first_cue = bisect.bisect_left(cue_offsets, sentence.start)
        has_cue = first_cue < len(cue_offsets) and cue_offsets[first_cue] < sentence.end
        if not has_cue:
            has_cue = any(personal[sentence.first_token : sentence.last_token])
        if not has_cue and abs(sentence_tone.get(index, 0.0)) >= 0.6:
            has_cue = True
        count += has_cue
    return count


def _sentence_models(
    model: TextModel,
    voices: VoiceMap,
    infos: list[tuple[str, str | None]],
    models: ModelSet,
    bias_threshold: float,
    context: TokenContext,
) -> tuple[list[SentenceInfo], dict[str, float]]:
    """Each sentence with its voice and speaker (``infos``) and, from the models, its bias
    and frame; and the article's frame mix."""
    count = len(model.sentences)
    bias: list[float | None] = [None] * count
    biased: list[bool | None] = [None] * count
    frames: list[str | None] = [None] * count
    mix: dict[str, float] = {}
    if count and (models.bias is not None or models.frames is not None):
        # The rows training builds (``analysis.training.sentence_features``): n-grams, cue
        # counts and the bias feature; the n-grams go to the models as grams, not as named
        # features.
        rows = sentence_cue_counts(model, voices, context)
        for features in rows:
            features["bias"] = 1.0
        bias_scores, frame_scores = models.sentence_decisions(sentence_words(model), rows)
        if models.bias is not None and bias_scores is not None:
            scores = models.bias.scores_to_probabilities(bias_scores)[:, 0].tolist()
            bias = [round(b, 3) for b in scores]
            biased = [b >= bias_threshold for b in scores]
        if models.frames is not None and frame_scores is not None:
            frames, mix = _frames_and_mix(models.frames, frame_scores)
    sentences = list(
        map(
            SentenceInfo,
            map(attrgetter("start"), model.sentences),
            map(attrgetter("end"), model.sentences),
            map(itemgetter(0), infos),
            map(itemgetter(1), infos),
            frames,
            bias,
            biased,
        )
    )
    return sentences, mix


def _frames_and_mix(
    frame_model: LinearModel, frame_scores: np.ndarray
) -> tuple[list[str | None], dict[str, float]]:
    """Each sentence's frame (``None`` below the frame threshold) and the article's mix."""
    count = len(frame_scores)
    frames: list[str | None] = [None] * count
    frame_threshold = float(frame_model.thresholds.get("default", 0.35))
    probabilities = frame_model.scores_to_probabilities(frame_scores)
    best = probabilities.argmax(axis=1)
    framed = probabilities[np.arange(count), best] >= frame_threshold
    for position in np.flatnonzero(framed).tolist():
        frames[position] = frame_model.labels[best[position]]
    # Each framed sentence adds its frame distribution; row by row, in order, as a sum over
    # the first axis does.
    chosen = probabilities[framed]
    totals = (chosen / chosen.sum(axis=1, keepdims=True)).sum(axis=0)
    none = float(count - int(framed.sum()))
    mix = {
        label: round(float(total) / count, 3)
        for label, total in zip(frame_model.labels, totals, strict=True)
        if total / count >= 0.005
    }
    if none:
        mix["none"] = round(none / count, 3)
    return frames, mix


def analyze(
    title: str,
    body: str,
    *,
    language: str | None = "en",
    models: ModelSet | None = None,
) -> ArticleReport:
    """Analyse one article (DESIGN.md "Analysis: what is scored").

    Parameters
    ----------
    title, body
        The article; the analysed text is ``title + "\\n\\n" + body`` and every offset
        indexes it.
    language
        ISO 639-1 code as detected on import; analysis covers English only for now (``None``
        is taken as English).
    models
        The trained models (default: the active set, see :func:`analysis.models.load_models`);
        without a token model, loaded spans come from the lexicons alone.

    Returns
    -------
    ArticleReport
    """
    text = f"{title}\n\n{body}"
    model = build_text(text)
    models = load_models() if models is None else models
    versions = {
        "analyser": analyser_version(),
        "models": models.version,
        "textstat": textstat_version(),
    }
    word_count = len(model.word_indices)
    # The article's words as the library counts them (the body's; the shares of voices are of
    # every analysed word, the headline's too).
    body_words = _body_words(model, len(title))
    if language not in (None, "en"):
        return ArticleReport(
            title=title,
            text=text,
            language=language,
            available=False,
            scores={"words": body_words, "sentences": len(model.sentences)},
            frames={},
            sentences=tuple(
                SentenceInfo(s.start, s.end, str(Voice.OUTLET), None) for s in model.sentences
            ),
            spans=(),
            speakers=(),
            actor_tone={},
            versions=versions,
            note=f"analysis not available for {language}",
        )
    voices = analyse_voice(model)
    threshold = float(models.tokens.thresholds.get("default", 0.5)) if models.tokens else 0.0
    bias_threshold = float(models.bias.thresholds.get("default", 0.5)) if models.bias else 0.5
    context = token_context(model, voices)
    candidates = loaded_spans(model, voices, models.tokens, context)
    # What counts (and shows by default) is what reaches the shipped threshold; weaker
    # candidates stay in the report for the window's sensitivity slider.
    loaded = [span for span in candidates if span.score >= threshold]
    cues = cue_spans(model, voices, context)
    quotes = quote_spans(model, voices)
    by_voice = _words_by_voice(model, voices)
    outlet_words = by_voice[str(Voice.OUTLET)]
    speaker_words = by_voice[str(Voice.QUOTED)] + by_voice[str(Voice.REPORTED)]
    outlet = _outlet_tokens(voices)
    sentence_tone = {index: tone(words) for index, words in _outlet_sentence_texts(model, outlet)}
    hedges = [s for s in cues if s.layer == "hedge" and s.voice == Voice.OUTLET]
    boosters = [s for s in cues if s.layer == "booster"]
    outlet_boosters = [s for s in boosters if s.voice == Voice.OUTLET]
    speakers = _speakers(voices)
    opinion = _opinion_sentences(model, outlet, loaded, outlet_boosters, sentence_tone)
    scores: dict[str, object] = {
        "words": body_words,
        "sentences": len(model.sentences),
        "outlet_words": outlet_words,
        "speaker_words": speaker_words,
        "loaded": sum(1 for s in loaded if s.voice == Voice.OUTLET),
        "loaded_quoted": sum(1 for s in loaded if s.voice != Voice.OUTLET),
        "loaded_per_100_words": _per_100(
            sum(1 for s in loaded if s.voice == Voice.OUTLET), outlet_words
        ),
        "loaded_per_100_words_quoted": _per_100(
            sum(1 for s in loaded if s.voice != Voice.OUTLET), speaker_words
        ),
        "tone": round(sum(sentence_tone.values()) / len(sentence_tone), 3)
        if sentence_tone
        else 0.0,
        "subjectivity": round(opinion / len(sentence_tone), 3) if sentence_tone else 0.0,
        "hedges_per_100_words": _per_100(len(hedges), outlet_words),
        "boosters_per_100_words": _per_100(len(outlet_boosters), outlet_words),
        "quote_share": round(by_voice[str(Voice.QUOTED)] / word_count, 3) if word_count else 0.0,
        "reported_share": round(by_voice[str(Voice.REPORTED)] / word_count, 3)
        if word_count
        else 0.0,
        "sources_named": sum(1 for s in speakers if s.named),
        "sources_anonymous": sum(1 for s in speakers if not s.named),
        **readability(body or title),
    }
    spans = tuple(sorted((*candidates, *cues, *quotes), key=lambda s: (s.start, -s.end, s.layer)))
    sentences, frames = _sentence_models(
        model, voices, _sentence_infos(model, voices), models, bias_threshold, context
    )
    scores["loaded_threshold"] = threshold
    if any(info.bias is not None for info in sentences):
        scores["biased_sentences"] = sum(1 for info in sentences if info.biased)
    return ArticleReport(
        title=title,
        text=text,
        language=language or "en",
        available=True,
        scores=scores,
        frames=frames,
        sentences=tuple(sentences),
        spans=spans,
        speakers=tuple(speakers),
        actor_tone=_actor_tone(model, sentence_tone, speakers),
        versions=versions,
    )
