"""Every message key the code asks for exists in every language."""

from __future__ import annotations

import re

from kiosk.i18n import LANGUAGES, load_messages
from tests.fakes import REPO

KEY_USE = re.compile(r'(?:\bt|\btext|Notice)\(\s*"([a-z_]+(?:\.[a-z0-9_]+)+)"(?:,\s*"([a-z_.]+)")?')


def test_every_key_used_in_code_is_in_the_catalogue():
    messages = load_messages()
    used = set()
    for path in [*REPO.glob("kiosk/**/*.py"), *REPO.glob("ui/**/*.py")]:
        for match in KEY_USE.finditer(path.read_text(encoding="utf-8")):
            used.update(key for key in match.groups() if key)
    assert len(used) > 40
    for language in LANGUAGES:
        missing = sorted(used - messages.keys(language))
        assert not missing, f"{language} lacks {missing}"
