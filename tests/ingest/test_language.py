"""Language detection on short news texts written for these tests."""

from __future__ import annotations

import pytest

from ingest.language import SAMPLE_CHARS, _identifier, detect_language

ENGLISH = (
    "The government announced on Tuesday a package of measures to slow rising prices, "
    "including a cap on energy bills and help for families with young children."
)
FRENCH = (
    "Le gouvernement a annoncé mardi une série de mesures pour freiner la hausse des prix, "
    "dont un plafonnement des factures d’énergie et une aide aux familles."
)
RUSSIAN = (
    "Правительство во вторник объявило о пакете мер по сдерживанию роста цен, включая "
    "ограничение тарифов на энергию и помощь семьям с маленькими детьми."
)
ARABIC = (
    "أعلنت الحكومة يوم الثلاثاء عن حزمة من الإجراءات للحد من ارتفاع الأسعار، بما في ذلك "
    "وضع سقف لفواتير الطاقة وتقديم المساعدة للأسر التي لديها أطفال صغار."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [(ENGLISH, "en"), (FRENCH, "fr"), (RUSSIAN, "ru"), (ARABIC, "ar")],
)
def test_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Breaking news",
        "Update: 12:45",
        "2024-05-01 12,345 67.8% — 9/11",
        "https://example.com/news/2024/05/01/some-long-story-slug-here",
    ],
)
def test_too_little_language_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_a_short_chinese_headline_is_enough() -> None:
    # Fifteen characters of Chinese say more than fifteen Latin letters.
    assert detect_language("政府今天宣布了新的措施来抑制通货膨胀") == "zh"


def test_only_the_start_is_classified() -> None:
    english = (ENGLISH + " ") * (SAMPLE_CHARS // len(ENGLISH) + 1)
    assert detect_language(english + RUSSIAN * 50) == "en"


def test_title_and_shouting_headline() -> None:
    assert detect_language("GOVERNMENT ANNOUNCES NEW MEASURES\n\n" + ENGLISH) == "en"


def test_model_is_loaded_once() -> None:
    detect_language(ENGLISH)
    detect_language(FRENCH)
    assert _identifier.cache_info().currsize == 1
    assert _identifier.cache_info().hits >= 1
