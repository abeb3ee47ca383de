"""Help (求助), reachable from every screen without losing the resident's place: a knowledge
base searched by tapping a topic or a common word (there is no on-screen keyboard yet), each
answer shown and spoken; and "call a helper", a request on the platform whose status and
estimated wait are polled a few seconds apart, on the kiosk's tick, while the resident waits."""

from __future__ import annotations

import logging
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from district.contract import PlatformUnavailable
from district.models import HelpArticle, HelpCall, HelpRequest
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode

log = logging.getLogger(__name__)
S = ScreenName
HELP_SCREENS = frozenset({S.HELP, S.HELP_ARTICLE})
POLL_SECONDS = 5.0  # how often a waiting resident's request is asked after
PER_PAGE = 3  # questions a page: three fit low on a portrait screen in large print
TOPICS = ("common", "card", "code", "progress", "appointment", "seeing_hearing")
WORDS = 4  # help.word1 … help.word4: common words to tap, one row
OPEN = ("waiting", "on_the_way")


# --- what the visit keeps, and what the screens show ---------------------------------------

@dataclass
class HelpVisit:
    query: str | None = None  # what was tapped ("" the common questions); None: choosing
    articles: tuple[HelpArticle, ...] | None = None
    loading: bool = False
    problem: str = ""  # a message key
    page: int = 0
    article: HelpArticle | None = None  # the one being read
    call_key: str | None = None  # the call's idempotency key, kept across retries
    calling: bool = False  # a call or a poll is on its way
    request: HelpRequest | None = None
    call_problem: str = ""  # a message key: the platform could not be told yet
    asked_at: float | None = None  # on the session's clock: the last call or poll


@dataclass(frozen=True)
class Choice:
    value: str  # what it searches for
    label: str


@dataclass(frozen=True)
class HelpView:
    topics: tuple[Choice, ...] = ()
    words: tuple[Choice, ...] = ()
    choosing: bool = True  # the topics and words; else one topic's questions
    heading: str = ""  # 请选一个主题, 常见问题, or 与“身份证”有关的问题
    results: tuple[Choice, ...] = ()  # this page's: value is the article id, label its question
    page: int = 0
    pages: int = 1
    loading: bool = False
    problem: str = ""  # a sentence instead of the results


@dataclass(frozen=True)
class ArticleView:
    id: str
    question: str
    answer: str
    video: str  # a configured help video's path, or ""


# --- the flow, called by the visit mode ----------------------------------------------------

class HelpDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode) -> None:
        self.kiosk, self.mode = kiosk, mode

    @property
    def state(self) -> HelpVisit:
        return self.kiosk.session.visit.help

    def open(self) -> None:
        """The help screen, over wherever the resident is; back returns there."""
        self.mode.show(S.HELP)

    def back(self) -> bool:
        """Back from a topic's questions leads to the topics and words (True), not out."""
        if self.mode.screen != S.HELP or self.state.query is None:
            return False
        self.state.query, self.state.articles, self.state.problem = None, None, ""
        return True

    def search(self, query: str) -> None:
        state = self.state
        if self.mode.screen != S.HELP:
            return
        query = query.strip()[:50]
        state.query, state.page, state.loading, state.problem = query, 0, True, ""
        platform = self.kiosk.platform
        language = "zh" if self.kiosk.session.visit.language.startswith("zh") else "en"
        self.kiosk.run_job("help_articles", lambda: platform.help_articles(query, language),
                           self._found)

    def _found(self, result: Any) -> None:
        state = self.state
        state.loading = False
        if isinstance(result, Exception):
            log.warning("help articles not found: %s", result)
            state.problem = "help.offline"
            return
        state.articles = tuple(result)

    def page(self, step: int) -> None:
        state = self.state
        if self.mode.screen == S.HELP and state.articles:
            pages = max(1, math.ceil(len(state.articles) / PER_PAGE))
            state.page = min(max(0, state.page + step), pages - 1)

    def read(self, article_id: str) -> None:
        state = self.state
        article = next((a for a in state.articles or () if a.id == article_id), None)
        if self.mode.screen == S.HELP and article is not None:
            state.article = article
            self.mode.show(S.HELP_ARTICLE)

    # --- calling a helper ------------------------------------------------------------------

    def call(self, place: ScreenName) -> None:
        """Staff are told here at once (the kiosk's log goes to the centre), and the platform
        is asked for a helper, once: a retry carries the same key."""
        state, visit = self.state, self.kiosk.session.visit
        if not visit.helper_called:
            log.warning("staff: help requested at kiosk %s (%s screen)",
                        self.kiosk.settings.site.kiosk_id, place)
        visit.helper_called = True
        self.kiosk.guide.say("help.call_sent")
        if state.request is not None and state.request.status in OPEN:
            return
        if state.request is not None:  # an earlier request was done: this is a new one
            state.request, state.call_key = None, None
        if state.call_key is None:
            state.call_key = uuid.uuid4().hex
        self._ask_for_helper(place)

    def _ask_for_helper(self, place: ScreenName) -> None:
        state = self.state
        if state.calling:
            return
        state.calling, state.asked_at = True, self.kiosk.session.now()
        call = HelpCall(idempotency_key=state.call_key, screen=place.value)
        platform = self.kiosk.platform
        self.kiosk.run_job("help_call", lambda: platform.call_helper(call), self._answered)

    def _answered(self, result: Any) -> None:
        state = self.state
        state.calling = False
        if isinstance(result, HelpRequest):
            state.request, state.call_problem = result, ""
            if result.status not in OPEN:
                self.kiosk.session.visit.helper_called = False
            return
        if isinstance(result, PlatformUnavailable) or state.request is None:
            log.warning("help request not answered by the platform: %s", result)
            state.call_problem = "help.call_offline"

    def tick(self, now: float) -> None:
        """On the kiosk's tick: ask after a waiting request, or retry a call not yet taken,
        every few seconds."""
        state, visit = self.state, self.kiosk.session.visit
        if state.calling or not visit.helper_called or state.call_key is None:
            return
        if state.asked_at is not None and now - state.asked_at < POLL_SECONDS:
            return
        if state.request is None:
            self._ask_for_helper(self.mode.place)
            return
        if state.request.status not in OPEN:
            return
        state.calling, state.asked_at = True, now
        request_id, platform = state.request.id, self.kiosk.platform
        self.kiosk.run_job("help_call", lambda: platform.help_request(request_id),
                           self._answered)


# --- what the screens show ------------------------------------------------------------------

def present_help(state: HelpVisit, language: str, t: Callable[..., str]) -> HelpView:
    topics = tuple(Choice(t(f"help.query.{topic}"), t(f"help.topic.{topic}"))
                   for topic in TOPICS)
    words = tuple(Choice(t(f"help.word{n}"), t(f"help.word{n}")) for n in range(1, WORDS + 1))
    if state.query is None:
        return HelpView(topics, words, True, t("help.choose"))
    tapped = next((c.label for c in topics if c.value == state.query), state.query)
    heading = t("help.about", query=tapped) if state.query else t("help.common")
    if state.problem or state.articles is None:
        return HelpView(topics, words, False, heading, loading=state.loading,
                        problem=t(state.problem) if state.problem else "")
    if not state.articles:
        return HelpView(topics, words, False, heading, loading=state.loading,
                        problem=t("help.nothing_found"))
    pages = max(1, math.ceil(len(state.articles) / PER_PAGE))
    page = min(state.page, pages - 1)
    return HelpView(topics, words, False, heading, results=tuple(
        Choice(a.id, a.question_zh if language.startswith("zh") else a.question_en) for a in
        state.articles[page * PER_PAGE:(page + 1) * PER_PAGE]),
        page=page, pages=pages, loading=state.loading)


def present_article(state: HelpVisit, language: str) -> ArticleView | None:
    article = state.article
    if article is None:
        return None
    zh = language.startswith("zh")
    return ArticleView(article.id, article.question_zh if zh else article.question_en,
                       article.answer_zh if zh else article.answer_en, article.video)


def present_call(state: HelpVisit, helper_called: bool, helpline: str, t: Callable[..., str]
                 ) -> tuple[str, str]:
    """The call's status, and the wait: each a sentence, "" when there is none."""
    request = state.request
    if request is None:
        if not helper_called:
            return "", ""
        return t("help.call_sent"), (t(state.call_problem, helpline=helpline)
                                     if state.call_problem else "")
    status = t(f"help.status.{request.status}")
    if request.status == "waiting":
        wait = t("help.wait", ahead=request.ahead, minutes=max(1, request.wait_minutes))
    elif request.status == "on_the_way":
        wait = t("help.arriving", minutes=max(1, request.wait_minutes))
    else:
        wait = ""
    return status, wait

