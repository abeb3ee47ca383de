"""Log lines through the real handlers (the JSON file, stderr, the maintenance log book):
an 18-character ID number with X, a mobile number and the present resident's name and
address masked in every one, and the name and address forgotten when the visit ends."""

from __future__ import annotations

import io
import json
import logging

import pytest

from kiosk import log_book, log_setup
from kiosk.log_book import LogBook

ID_X = "31011319420315002X"
NAME, ADDRESS = "王秀英", "上海市宝山区密山路8弄12号301室"


@pytest.fixture
def handlers(settings):
    stderr = io.StringIO()
    file_handler = log_setup.configure(settings)
    stream = logging.StreamHandler(stderr)
    book = LogBook()
    detach = log_setup.attach(stream, book)
    yield settings.data_dir / "logs" / log_setup.FILE_NAME, stderr, book
    detach()
    log_setup.remove(file_handler)
    log_book.forget_names()


def every_line(handlers) -> list[str]:
    path, stderr, book = handlers
    logged = [json.loads(line)["message"] for line in path.read_text().splitlines()]
    return logged + stderr.getvalue().splitlines() + [line.message for line in book.lines()]


def test_numbers_and_the_residents_name_and_address_are_masked_everywhere(handlers):
    log_book.hide_name(NAME)
    log_book.hide_address(ADDRESS)
    logging.getLogger("drivers.test").warning("read %s, %s of %s, phone %s", ID_X, NAME,
                                              ADDRESS, "13916627358")
    try:
        raise ValueError(f"bad card {ID_X} for {NAME}")
    except ValueError:
        logging.getLogger("kiosk.test").exception("card refused")
    lines = every_line(handlers)
    assert len([line for line in lines if line.startswith("read ")]) == 3
    everything = "\n".join(lines) + handlers[1].getvalue()
    for whole in (ID_X, NAME, ADDRESS, "密山路8弄12号301室", "13916627358"):
        assert whole not in everything
    assert "310***********002X" in everything and "王*英" in everything
    assert "上海市宝山区***" in everything and "139****7358" in everything


def test_the_name_is_forgotten_with_the_visit(handlers):
    log_book.hide_name(NAME)
    log_book.forget_names()
    logging.getLogger("kiosk.test").warning("next visit: %s", NAME)
    assert all(NAME in line for line in every_line(handlers) if "next visit" in line)
