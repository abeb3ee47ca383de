"""The offline-code screens' part of the visit and of the screen state: the paper code being
asked for, issued and printed (kiosk/offline_code_desk.py does the work), and a scanned
code's check (kiosk/code_check.py). The wipe takes both with the visit."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from district.models import OfflineCode
from kiosk.config import LOCAL_TIME
from kiosk.view import ScreenName

S = ScreenName
REASONS = ("new", "reissue", "lost")  # OfflineCodeRequest.reason, in the order offered
REVOKES = frozenset({"reissue", "lost"})  # these stop the code held before: asked once more
GROUPS = ("elderly", "minor", "disabled")
# What the check says to do next: get a new code here (a button to the service)
RENEW = frozenset({"expired", "revoked"})


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(eq=True)
class OfflineCodeVisit:
    """stage: id_card (identified by 随申码: the card is asked for), choose (the three
    choices), confirm (a choice that revokes, asked once more), done (issued: printed, or not
    and can be printed again), not_eligible, unavailable."""

    stage: str = ""
    reason: str = ""  # the choice being confirmed or issued
    busy: str = ""  # "issue" or "print" while one is on its way
    code: OfflineCode | None = None  # issued once; a reprint prints this one again
    printed: bool | None = None  # None: not printed yet
    problem: str = ""  # a message key: what went wrong and what to do


@dataclass(eq=True)
class CheckVisit:
    """A scanned code's verdict, only what the screen shows (no hash, no salt, no id)."""

    outcome: str = ""  # kiosk.codes.verifier.Outcome's value; "" before any scan
    name: str = ""  # masked, as the code carries it
    group: str = ""
    expires_at: dt.datetime | None = None
    ours: bool = True  # a Tongban code (else an EU DCC)


@dataclass(frozen=True)
class OfflineCodeView:
    stage: str
    who: str  # who may have one
    choices: tuple[Choice, ...]
    confirm: str  # the question before revoking
    busy: str  # plain words while waiting
    problem: str
    name: str  # masked
    group: str
    valid_until: str  # the date in words
    printed: bool | None
    how: tuple[str, ...]  # how to use it (shown after printing, read aloud)
    replaced: str  # the code held before stopped working ("" when there was none)
    refusal: tuple[str, str]  # not eligible or unavailable: the title and what to do


@dataclass(frozen=True)
class CodeCheckView:
    outcome: str  # green, yellow, red, expired, ... (the colour's tone on screen)
    word: str  # 绿码 / 已过期 ..., large
    message: str  # the plain message (Verdict.message_key)
    valid_until: str
    name: str  # masked; shown, spoken only into headphones
    group: str
    renew: bool  # expired or revoked: a button to get a new one here
    valid: bool  # green, yellow or red: the code itself is sound


def date_in_words(when: dt.datetime, language: str, t) -> str:
    """The day in Shanghai: 2027年5月30日 / 30 May 2027 (paper is kept: no 明天)."""
    day = when.astimezone(LOCAL_TIME).date()
    month = day.month if language.startswith("zh") else calendar.month_name[day.month]
    return t("offline_code.date", year=day.year, month=month, day=day.day)


def how_to_use(t) -> tuple[str, ...]:
    return tuple(t(f"offline_code.how.{key}") for key in ("show", "dry", "lost"))


def present_offline_code(o: OfflineCodeVisit, language: str, helpline: str, t
                         ) -> OfflineCodeView:
    code = o.code
    busy = {"issue": "offline_code.issuing", "print": "offline_code.printing"}
    return OfflineCodeView(
        stage=o.stage,
        who=t("offline_code.who"),
        choices=tuple(Choice(reason, t(f"offline_code.choice.{reason}")) for reason in REASONS),
        confirm=t(f"offline_code.confirm.{o.reason}") if o.reason in REVOKES else "",
        busy=t(busy[o.busy]) if o.busy else "",
        problem=t(o.problem) if o.problem else "",
        name=code.name if code else "",
        group=t(f"offline_code.group.{code.group}") if code and code.group in GROUPS else "",
        valid_until=date_in_words(code.expires_at, language, t) if code else "",
        printed=o.printed,
        how=how_to_use(t) if o.stage == "done" else (),
        replaced=t("offline_code.replaced") if code and code.replaced else "",
        refusal=(t(f"offline_code.{o.stage}.title"),
                 t(f"offline_code.{o.stage}.body", helpline=helpline))
        if o.stage in ("not_eligible", "unavailable", "id_card") else ("", ""),
    )


def present_check(c: CheckVisit, language: str, t) -> CodeCheckView:
    return CodeCheckView(
        outcome=c.outcome,
        # an EU DCC has no status colour: a sound one is "valid"
        word=t("code_check.word.valid" if not c.ours and c.outcome == "green"
               else f"code_check.word.{c.outcome}") if c.outcome else "",
        message=t(f"codes.outcome.{c.outcome}") if c.outcome else "",
        valid_until=date_in_words(c.expires_at, language, t) if c.expires_at else "",
        name=c.name,
        group=t(f"offline_code.group.{c.group}") if c.group in GROUPS else "",
        renew=c.outcome in RENEW and c.ours,
        valid=c.outcome in ("green", "yellow", "red"),
    )


def present(visit, helpline: str, t) -> dict[str, object]:
    """The two fields, each only on its screen."""
    return {
        "offline_code": present_offline_code(visit.offline_code, visit.language, helpline, t)
        if visit.screen == S.OFFLINE_CODE else None,
        "code_check": present_check(visit.code_check, visit.language, t)
        if visit.screen == S.CODE_CHECK else None,
    }


def speech(state, t) -> list[tuple[str, bool]]:
    """What the voice says on the two screens, (text, private): a name only into
    headphones; the code's text and the holder's number never."""
    if state.screen == S.CODE_CHECK and state.code_check is not None:
        c = state.code_check
        parts = [(f"{c.word}。{c.message}", False)]
        if c.valid_until:
            parts.append((t("code_check.valid_until", date=c.valid_until), False))
        if c.name:
            parts.append((t("code_check.holder", name=c.name), True))
        if c.renew:
            parts.append((t("code_check.renew"), False))
        return parts
    o = state.offline_code
    if state.screen != S.OFFLINE_CODE or o is None:
        return []
    if o.busy or o.problem:
        return [(o.busy or o.problem, False)]
    if o.stage == "choose":
        choices = t("list.separator").join(choice.label for choice in o.choices)
        return [(o.who, False), (t("offline_code.choose", choices=choices), False)]
    if o.stage == "confirm":
        return [(o.confirm, False)]
    if o.stage == "done":
        head = t("offline_code.printed" if o.printed else "offline_code.not_printed")
        parts = [(head, False), (t("offline_code.valid_until", date=o.valid_until), False)]
        if o.replaced:
            parts.append((o.replaced, False))
        if o.name:
            parts.append((t("code_check.holder", name=o.name), True))
        return parts + [(line, False) for line in o.how]
    title, body = o.refusal
    return [(f"{title}。{body}", False)] if title else []
