"""Loading the analysis data with the cycle collector paused, then frozen out of its way."""

from __future__ import annotations

import gc

import pytest

from library.warming import collector_paused, load_analysis


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_state_is_restored_and_loaded_objects_frozen(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            assert not gc.isenabled()
            loaded = [[n] for n in range(1000)]
        assert gc.isenabled() == enabled
        assert gc.get_freeze_count() >= frozen + len(loaded)
    finally:
        (gc.enable if was else gc.disable)()


def test_collector_comes_back_when_loading_fails() -> None:
    assert gc.isenabled()
    with pytest.raises(OSError, match="missing"), collector_paused():
        raise OSError("model file missing")
    assert gc.isenabled()


def test_models_are_loaded_with_the_analysis_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import library.warming

    analysed: list[str] = []
    monkeypatch.setattr(
        library.warming, "analyze", lambda title, body, models: analysed.append(title)
    )
    models = load_analysis(lambda: "the models")  # type: ignore[arg-type, return-value]
    assert models == "the models"
    assert analysed == [library.warming.SAMPLE_TITLE]
