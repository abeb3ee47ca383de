"""The whole kiosk (tests/ui's rig) with the simulated printer's copies on."""

from __future__ import annotations

import pytest

from tests.ui.conftest import kiosk  # noqa: F401  (the rig, on the settings below)


@pytest.fixture
def settings(tmp_path):
    from kiosk.config import load_settings
    from tests.conftest import without_metrics

    base = without_metrics(load_settings(data_dir=tmp_path / "data"))
    return base.model_copy(update={"privacy": base.privacy.model_copy(
        update={"printed_copies": True})})
