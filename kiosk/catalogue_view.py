"""Finding a service: home's pages (the most used first, then the 一件事 bundles, then the
categories), a category's services, and search by Chinese or pinyin on the app's keyboard.
What the visit keeps (`FinderVisit`, wiped with it), the views the screens show, and the
desk the visit mode hands these actions to."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from kiosk import keyboard
from kiosk.keyboard import KeyboardState, Vocabulary
from kiosk.search import SearchIndex
from kiosk.services.catalogue import Catalogue
from kiosk.services.model import Category, Service
from kiosk.view import LARGE_PRINT, ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode
    from kiosk.state import ServiceTile

S = ScreenName
CATEGORIES: tuple[str, ...] = get_args(Category)
CATEGORY_ICONS = {
    "elderly": "mdi6.human-cane", "social_security": "mdi6.shield-account-outline",
    "medical": "mdi6.medical-bag", "housing_fund": "mdi6.home-city-outline",
    "residence": "mdi6.card-account-details-outline", "disability": "mdi6.wheelchair",
    "family": "mdi6.human-male-female-child", "property": "mdi6.home-search-outline",
    "tax": "mdi6.calculator-variant-outline", "household": "mdi6.book-account-outline",
    "appointments": "mdi6.calendar-clock", "enquiry": "mdi6.magnify",
}
BUNDLE_ICON = "mdi6.layers-triple-outline"
FINDER_SCREENS = frozenset({S.HOME, S.CATEGORY, S.SEARCH})


def tiles_per_page(display_mode: str) -> int:
    """Service tiles a page: two rows of three (large print: three, one row in landscape)."""
    return 3 if display_mode in LARGE_PRINT else 6


# A category's services a page, in every display mode: its pages stay the same when the mode
# changes, so the keypad's place on them survives the rebuild.
CATEGORY_TILES = 3


def categories_per_page(display_mode: str) -> int:
    return 3 if display_mode in LARGE_PRINT else 9


def results_per_page(display_mode: str) -> int:
    """Beside (landscape) or above (portrait) the keyboard there is room for few."""
    return 1 if display_mode in LARGE_PRINT else 3


def candidates_per_page(display_mode: str) -> int:
    return 4 if display_mode in LARGE_PRINT else 6


# --- what the visit keeps ------------------------------------------------------------------

@dataclass
class FinderVisit:
    home_page: int = 0
    category: str | None = None
    category_page: int = 0
    results_page: int = 0
    keyboard: KeyboardState = field(default_factory=KeyboardState)


# --- what the screens show -----------------------------------------------------------------

@dataclass(frozen=True)
class CategoryTile:
    id: str
    title: str
    note: str  # how many services it holds: "4 项"
    icon: str


@dataclass(frozen=True)
class HomeView:
    """One page of home: service tiles (the most used, or the bundles) or categories."""

    section: str  # used, bundles or categories
    heading: str
    tiles: tuple[ServiceTile, ...] = ()
    categories: tuple[CategoryTile, ...] = ()
    page: int = 0
    pages: int = 1


@dataclass(frozen=True)
class CategoryView:
    id: str
    title: str
    tiles: tuple[ServiceTile, ...]
    page: int = 0
    pages: int = 1


@dataclass(frozen=True)
class KeyboardView:
    text: str
    composing: str  # the pinyin being composed, shown apart from the text
    layout: str  # pinyin, abc or 123
    candidates: tuple[str, ...] = ()  # this page's
    first: int = 0  # the index of this page's first candidate ("pick:<first + i>")
    more_before: bool = False
    more_after: bool = False


@dataclass(frozen=True)
class SearchView:
    keyboard: KeyboardView
    tiles: tuple[ServiceTile, ...]  # this page's results
    found: int
    message: str  # what to do, how many were found, or that nothing was
    page: int = 0
    pages: int = 1


# --- the pages, from the catalogue and the usage counts ------------------------------------

class Finding:
    """The search index and the keyboard's vocabulary, made once at start."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.index = SearchIndex(catalogue)
        words = [s.title.zh for s in catalogue] + [w for s in catalogue for w in s.keywords]
        self.vocabulary = Vocabulary(words)

    def home_pages(self, usage: dict[str, int], display_mode: str
                   ) -> list[tuple[str, tuple[str, ...]]]:
        """(section, ids) for each page of home: the most used services (no bundles), the
        bundles, then the categories that hold a service."""
        ranked = self.catalogue.ranked(usage)
        size = tiles_per_page(display_mode)
        pages = [("used", tuple(s.id for s in ranked if not s.bundle)[:size])]
        bundles = tuple(s.id for s in ranked if s.bundle)
        pages += [("bundles", part) for part in _chunks(bundles, size)]
        used = {s.category for s in self.catalogue}
        categories = tuple(c for c in CATEGORIES if c in used)
        pages += [("categories", part)
                  for part in _chunks(categories, categories_per_page(display_mode))]
        return pages

    def in_category(self, category: str, usage: dict[str, int]) -> list[Service]:
        return [s for s in self.catalogue.ranked(usage) if s.category == category]

    def results(self, query: str, usage: dict[str, int]) -> list[Service]:
        return [self.catalogue.get(sid) for sid in self.index.find(query, usage)]


def _chunks(items: tuple[str, ...], size: int) -> list[tuple[str, ...]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _pages(count: int, size: int) -> int:
    return max(1, math.ceil(count / size))


def _clamp(page: int, pages: int) -> int:
    return min(max(0, page), pages - 1)


# --- the desk: the visit mode hands it the resident's actions ----------------------------

class FinderDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode

    @property
    def state(self) -> FinderVisit:
        return self.kiosk.session.visit.finder

    @property
    def finding(self) -> Finding:
        return self.kiosk.presenter.finding

    def open_category(self, category: str) -> None:
        if self.mode.screen != S.HOME or category not in CATEGORIES:
            return
        self.state.category, self.state.category_page = category, 0
        self.mode.show(S.CATEGORY)

    def open_search(self) -> None:
        """From home or a category; what was typed before is still there."""
        if self.mode.screen in (S.HOME, S.CATEGORY):
            self.mode.show(S.SEARCH)

    def press(self, key: str) -> None:
        if self.mode.screen != S.SEARCH:
            return
        state = self.state
        if key == "search":  # letters left become letters; say how many were found
            keyboard.press(state.keyboard, "space", self.finding.vocabulary)
            found = len(self.finding.results(state.keyboard.query, self.kiosk.usage))
            self.kiosk.guide.say("search.found" if found else "search.none", count=found)
            return
        if keyboard.press(state.keyboard, key, self.finding.vocabulary):
            state.results_page = 0

    def page(self, step: int) -> None:
        """Home's pages, a category's, or the results; each only on its own screen."""
        state, visit, usage = self.state, self.kiosk.session.visit, self.kiosk.usage
        mode = visit.display_mode
        if self.mode.screen == S.HOME:
            pages = len(self.finding.home_pages(usage, mode))
            state.home_page = _clamp(state.home_page + step, pages)
        elif self.mode.screen == S.CATEGORY and state.category:
            count = len(self.finding.in_category(state.category, usage))
            state.category_page = _clamp(state.category_page + step,
                                         _pages(count, CATEGORY_TILES))
        elif self.mode.screen == S.SEARCH:
            count = len(self.finding.results(state.keyboard.query, usage))
            state.results_page = _clamp(state.results_page + step,
                                        _pages(count, results_per_page(mode)))


# --- presenting ------------------------------------------------------------------------------

def present(screen: ScreenName, state: FinderVisit, finding: Finding, usage: dict[str, int],
            display_mode: str, tile: Callable[[Service], ServiceTile],
            t: Callable[..., str]) -> dict[str, Any]:
    """The screen state's `home`, `category` and `search`, each only on its screen."""
    return {
        "home": _home(state, finding, usage, display_mode, tile, t)
        if screen == S.HOME else None,
        "category": _category(state, finding, usage, tile, t)
        if screen == S.CATEGORY and state.category else None,
        "search": _search(state, finding, usage, display_mode, tile, t)
        if screen == S.SEARCH else None,
    }


def category_title(category: str, t: Callable[..., str]) -> str:
    return t(f"category.{category}")


def _home(state: FinderVisit, finding: Finding, usage: dict[str, int], display_mode: str,
          tile: Callable[[Service], ServiceTile], t) -> HomeView:
    pages = finding.home_pages(usage, display_mode)
    page = _clamp(state.home_page, len(pages))
    section, ids = pages[page]
    heading = t(f"home.section.{section}")
    if section == "categories":
        counts = {c: sum(1 for s in finding.catalogue if s.category == c) for c in ids}
        return HomeView(section, heading, categories=tuple(
            CategoryTile(c, category_title(c, t), t("home.category_count", count=counts[c]),
                         CATEGORY_ICONS.get(c, "mdi6.folder-outline")) for c in ids),
            page=page, pages=len(pages))
    return HomeView(section, heading, tiles=tuple(tile(finding.catalogue.get(i)) for i in ids),
                    page=page, pages=len(pages))


def _category(state: FinderVisit, finding: Finding, usage: dict[str, int],
              tile: Callable[[Service], ServiceTile], t) -> CategoryView:
    services = finding.in_category(state.category or "", usage)
    size = CATEGORY_TILES
    pages = _pages(len(services), size)
    page = _clamp(state.category_page, pages)
    return CategoryView(state.category or "", category_title(state.category or "", t),
                        tuple(tile(s) for s in services[page * size:(page + 1) * size]),
                        page=page, pages=pages)


def _search(state: FinderVisit, finding: Finding, usage: dict[str, int], display_mode: str,
            tile: Callable[[Service], ServiceTile], t) -> SearchView:
    board = state.keyboard
    query = board.query
    results = finding.results(query, usage)
    size = results_per_page(display_mode)
    pages = _pages(len(results), size)
    page = _clamp(state.results_page, pages)
    if not query:
        message = t("search.hint")
    elif results:
        message = t("search.found", count=len(results))
    else:
        message = t("search.none")
    return SearchView(keyboard_view(board, finding.vocabulary, display_mode), tuple(
        tile(s) for s in results[page * size:(page + 1) * size]), len(results), message,
        page=page, pages=pages)


def keyboard_view(board: KeyboardState, vocabulary: Vocabulary, display_mode: str
                  ) -> KeyboardView:
    """What the keyboard shows: the typed text, the pinyin, this page's candidates."""
    candidates = vocabulary.candidates(board.composing)
    size = candidates_per_page(display_mode)
    page = _clamp(board.candidate_page, _pages(len(candidates), size))
    first = page * size
    return KeyboardView(board.text, board.composing, board.layout,
                        tuple(c.text for c in candidates[first:first + size]), first,
                        more_before=page > 0, more_after=first + size < len(candidates))
