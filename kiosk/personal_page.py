"""市民主页 (and, for a company, 企业专属网页): after identifying, the resident's own page.
Sections as large buttons, each opening one screen: my applications and their stage (the
progress desk's list), my electronic licences, benefits received without applying (免申即享),
reminders computed here from the licences and applications, and 谁查看了我的数据 (each
platform read for this resident, newest first). Every platform call is a job of the visit;
a failure is a problem line with 再试一次. A resident who declined consent sees nothing
personal, and is offered to be asked again."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from district.contract import PlatformRefused
from district.models import Benefit, DataRead, LicenceRef, Progress
from kiosk.config import LOCAL_TIME
from kiosk.services.catalogue import Catalogue
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode
    from kiosk.session import Visit

log = logging.getLogger(__name__)
S = ScreenName
Text = Callable[..., str]

EXPIRY_DAYS = 30  # a residence permit that expires within this many days is a reminder
PER_PAGE = 3  # rows a page on the list screens, in every display mode (a mode keeps the page)
SECTION_SCREENS: dict[str, ScreenName] = {
    "applications": S.APPLICATIONS,
    "licences": S.MY_LICENCES,
    "benefits": S.MY_BENEFITS,
    "reminders": S.MY_REMINDERS,
    "data_reads": S.DATA_READS,
}
ICONS = {
    "applications": "mdi6.file-document-multiple-outline",
    "licences": "mdi6.card-account-details-star-outline",
    "benefits": "mdi6.hand-coin-outline",
    "reminders": "mdi6.bell-ring-outline",
    "data_reads": "mdi6.eye-check-outline",
}
LIST_SCREENS = frozenset({S.MY_LICENCES, S.MY_BENEFITS, S.MY_REMINDERS, S.DATA_READS})
PERSONAL_SCREENS = LIST_SCREENS | {S.PERSONAL_PAGE}


# --- what the visit keeps ------------------------------------------------------------------

@dataclass
class PersonalVisit:
    waiting: bool = False  # asked for before the resident was identified (or agreed)
    licences: tuple[LicenceRef, ...] | None = None  # None: not fetched yet
    benefits: tuple[Benefit, ...] | None = None
    reads: tuple[DataRead, ...] | None = None  # fetched afresh each time the screen opens
    loading: frozenset[str] = frozenset()
    problems: dict[str, str] = field(default_factory=dict)  # section -> message key
    page: int = 0


# --- what the screens show -----------------------------------------------------------------

@dataclass(frozen=True)
class SectionView:
    id: str
    title: str
    summary: str  # 3 张 · 有 1 条提醒 · 正在查询
    icon: str
    warn: bool = False  # a reminder waits
    read: str = ""


@dataclass(frozen=True)
class PersonalView:
    heading: str = ""  # 市民主页, or the company's name
    subheading: str = ""  # a company's code and masked representative
    sections: tuple[SectionView, ...] = ()
    needs_card: bool = False
    declined: bool = False  # nothing personal is shown; offer to ask again
    problem: str = ""  # some section could not be fetched: 再试一次
    message: str = ""  # instead of the sections: place the card, or nothing personal is shown


@dataclass(frozen=True)
class Row:
    """One licence, benefit, reminder or read, as lines of plain words."""

    title: str
    lines: tuple[str, ...] = ()
    warn: bool = False
    read: str = ""  # the row as one sentence


@dataclass(frozen=True)
class PersonalList:
    rows: tuple[Row, ...] = ()  # this page's
    page: int = 0
    pages: int = 1
    loading: bool = False
    problem: str = ""  # a sentence instead of the list (a failure, or nothing to show)
    retry: bool = False
    declined: bool = False


# --- the flow, called by the visit mode ----------------------------------------------------

class PersonalDesk:
    def __init__(self, kiosk: Kiosk, mode: VisitMode,
                 visit_id: Callable[[Visit], str | None]) -> None:
        self.kiosk, self.mode, self._visit_id = kiosk, mode, visit_id

    @property
    def state(self) -> PersonalVisit:
        return self.kiosk.session.visit.personal

    def open(self) -> None:
        """From home: the page; before identifying, it asks for the card and waits."""
        if self.mode.screen != S.HOME:
            return
        visit = self.kiosk.session.visit
        self.mode.show(S.PERSONAL_PAGE)
        if visit.resident is None:
            self.state.waiting = True
            return
        self.fetch()

    def identified(self) -> None:
        """The resident is known (agreed or not): a page asked for, or a company's, opens."""
        visit = self.kiosk.session.visit
        if self.state.waiting or visit.enterprise.credit_code:
            self.state.waiting = False
            self.mode.show(S.PERSONAL_PAGE)
            self.fetch()

    def ask_again(self) -> None:
        """A resident who declined changes their mind: the consent screen, then the page."""
        visit = self.kiosk.session.visit
        if self.mode.screen == S.PERSONAL_PAGE and visit.resident and visit.consented is False:
            self.state.waiting = True
            self.mode.show(S.CONSENT)

    def open_section(self, section: str) -> None:
        visit = self.kiosk.session.visit
        screen = SECTION_SCREENS.get(section)
        if self.mode.screen != S.PERSONAL_PAGE or screen is None or visit.grant is None:
            return
        if section == "benefits" and visit.enterprise.credit_code:
            return
        self.state.page = 0
        self.mode.show(screen)
        if section == "applications":
            self.mode.progress.state.page = 0
            if self.mode.progress.state.applications is None:
                self.mode.progress.fetch_list()
        elif section == "data_reads":
            self._fetch("data_reads")  # the newest reads, those of this page included
        else:
            self.fetch()

    def fetch(self) -> None:
        """What the page's sections need and does not have yet."""
        state, progress = self.state, self.mode.progress.state
        if self._visit_id(self.kiosk.session.visit) is None:
            return
        if state.licences is None:
            self._fetch("licences")
        if state.benefits is None and not self.kiosk.session.visit.enterprise.credit_code:
            self._fetch("benefits")
        if progress.applications is None and not progress.loading:
            self.mode.progress.fetch_list()

    def retry(self) -> None:
        state = self.state
        for section in tuple(state.problems):
            state.problems.pop(section)
            self._fetch(section)
        progress = self.mode.progress.state
        if progress.list_problem and not progress.loading:
            self.mode.progress.fetch_list()

    def page(self, step: int) -> None:
        if self.mode.screen not in LIST_SCREENS:
            return
        rows = self._count(self.mode.screen)
        size = per_page(self.kiosk.session.visit.display_mode)
        pages = max(1, math.ceil(rows / size))
        self.state.page = min(max(0, self.state.page + step), pages - 1)

    def _count(self, screen: ScreenName) -> int:
        state, visit = self.state, self.kiosk.session.visit
        if screen == S.MY_LICENCES:
            return len(state.licences or ())
        if screen == S.MY_BENEFITS:
            return len(state.benefits or ())
        if screen == S.DATA_READS:
            return len(state.reads or ())
        return len(reminders(state.licences or (), visit.progress.applications or (),
                             self.kiosk.today()))

    def _fetch(self, section: str) -> None:
        state = self.state
        visit_id = self._visit_id(self.kiosk.session.visit)
        if visit_id is None or section in state.loading:
            return
        state.loading = state.loading | {section}
        state.problems.pop(section, None)
        platform = self.kiosk.platform
        call = {"licences": platform.licences, "benefits": platform.benefits,
                "data_reads": platform.data_reads}[section]
        self.kiosk.run_job(f"personal.{section}", lambda: call(visit_id),
                           lambda result: self._fetched(section, result))

    def _fetched(self, section: str, result: Any) -> None:
        state = self.state
        state.loading = state.loading - {section}
        if isinstance(result, Exception):
            log.warning("personal page: %s not fetched: %s", section, result)
            refused = isinstance(result, PlatformRefused)
            state.problems[section] = "personal.refused" if refused else "personal.offline"
            return
        if section == "licences":
            state.licences = tuple(result)
        elif section == "benefits":
            state.benefits = tuple(result)
        else:
            state.reads = tuple(sorted(result, key=lambda read: read.at, reverse=True))


def per_page(display_mode: str) -> int:
    """The same in every mode: a page the resident turned to stays when large print comes
    on (three fit even then)."""
    return PER_PAGE


# --- reminders, computed on the kiosk --------------------------------------------------------

@dataclass(frozen=True)
class Reminder:
    kind: str  # permit_expiring, permit_expired, ready
    subject: str  # a licence's title key or an application's service id
    on: date | None = None  # the permit's last valid day
    days: int = 0
    reference: str = ""


def reminders(licences: tuple[LicenceRef, ...], applications: tuple[Progress, ...],
              today: date) -> list[Reminder]:
    """A residence permit that expires within EXPIRY_DAYS (or has), and each application
    ready for pickup: the soonest first."""
    found = []
    for licence in licences:
        if licence.type_code != "residence_permit" or licence.valid_until is None:
            continue
        days = (licence.valid_until - today).days
        if days < 0:
            found.append(Reminder("permit_expired", licence.uri, licence.valid_until, days))
        elif days <= EXPIRY_DAYS:
            found.append(Reminder("permit_expiring", licence.uri, licence.valid_until, days))
    found.sort(key=lambda reminder: reminder.days)
    found += [Reminder("ready", p.service_id, reference=p.reference)
              for p in applications if p.status == "ready"]
    return found


# --- presenting ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What presenting needs besides the visit."""

    catalogue: Catalogue
    kiosk_id: str
    today: date
    language: str
    t: Text
    known: Callable[[str], bool]  # a message key exists
    mask: Callable[[str], str]  # kiosk.services.engine.mask (which imports the session)


def present(visit: Visit, ctx: Context) -> dict[str, Any]:
    screen = visit.screen
    return {
        "personal": present_page(visit, ctx) if screen == S.PERSONAL_PAGE else None,
        "personal_list": present_list(visit, ctx) if screen in LIST_SCREENS else None,
    }


def present_page(visit: Visit, ctx: Context) -> PersonalView:
    t = ctx.t
    company = visit.enterprise.company
    heading = company.name if company else t("personal_page.heading")
    sub = ""
    if company is not None:
        representative = company.legal_representative
        sub = t("personal_page.company", code=company.credit_code,
                representative=representative if "*" in representative
                else ctx.mask(representative))
    if visit.resident is None:
        return PersonalView(heading=heading, subheading=sub, needs_card=True,
                            message=t("personal_page.needs_card"))
    if visit.consented is False or visit.grant is None:
        return PersonalView(heading=heading, subheading=sub, declined=True,
                            message=t("personal.declined"))
    state, progress = visit.personal, visit.progress
    sections = [_section("applications", _count_words(progress.applications, progress.loading,
                                                      bool(progress.list_problem),
                                                      "personal.count.applications", t), t)]
    sections.append(_section("licences", _count_words(
        state.licences, "licences" in state.loading, "licences" in state.problems,
        "personal.count.licences", t), t))
    if company is None:
        sections.append(_section("benefits", _benefit_words(state, t), t))
    due = _reminders(visit, ctx.today)
    if due is None:
        words, warn = _count_words(None, _busy(visit), True, "", t), False
    else:
        words = t("personal.count.reminders", count=len(due)) if due else t(
            "personal.count.no_reminders")
        warn = bool(due)
    sections.append(_section("reminders", words, t, warn=warn))
    sections.append(_section("data_reads", t("personal.data_reads_note"), t))
    failed = bool(state.problems) or bool(progress.list_problem)
    return PersonalView(heading=heading, subheading=sub, sections=tuple(sections),
                        problem=t("personal.problem") if failed else "")


def present_list(visit: Visit, ctx: Context) -> PersonalList:
    screen, state, t = visit.screen, visit.personal, ctx.t
    if visit.resident is None or visit.consented is False or visit.grant is None:
        return PersonalList(declined=True, problem=t("personal.declined"))
    if screen == S.MY_REMINDERS:
        due = _reminders(visit, ctx.today)
        if due is None:
            problem = t("personal.offline") if _failed(visit) else ""
            return PersonalList(loading=_busy(visit), problem=problem, retry=bool(problem))
        rows = [_reminder_row(reminder, visit, ctx) for reminder in due]
        return _paged(rows, state.page, visit.display_mode, t("my_reminders.none"))
    section = {S.MY_LICENCES: "licences", S.MY_BENEFITS: "benefits",
               S.DATA_READS: "data_reads"}[screen]
    items = {"licences": state.licences, "benefits": state.benefits,
             "data_reads": state.reads}[section]
    if section in state.problems:
        return PersonalList(problem=t(state.problems[section]), retry=True)
    if items is None or section in state.loading:
        return PersonalList(loading=True)
    if section == "licences":
        rows = [_licence_row(licence, ctx) for licence in items]
    elif section == "benefits":
        rows = [_benefit_row(benefit, ctx) for benefit in items]
    else:
        rows = [_read_row(read, ctx) for read in items]
    return _paged(rows, state.page, visit.display_mode, t(f"{screen.value}.none"))


def _paged(rows: list[Row], page: int, display_mode: str, empty: str) -> PersonalList:
    if not rows:
        return PersonalList(problem=empty)
    size = per_page(display_mode)
    pages = max(1, math.ceil(len(rows) / size))
    page = min(page, pages - 1)
    return PersonalList(rows=tuple(rows[page * size:(page + 1) * size]), page=page, pages=pages)


def _section(section: str, summary: str, t: Text, *, warn: bool = False) -> SectionView:
    title = t(f"personal.section.{section}")
    return SectionView(section, title, summary, ICONS[section], warn,
                       read=t("list.pause").join((title, summary)))


def _count_words(items: tuple | None, loading: bool, failed: bool, key: str, t: Text) -> str:
    if items is not None:
        return t(key, count=len(items))
    if loading:
        return t("personal.loading")
    return t("personal.unavailable") if failed else t("personal.loading")


def _benefit_words(state: PersonalVisit, t: Text) -> str:
    if state.benefits is None:
        return _count_words(None, "benefits" in state.loading, "benefits" in state.problems,
                            "", t)
    if not state.benefits:
        return t("personal.count.no_benefits")
    return t("personal.count.benefits", count=len(state.benefits),
             yuan=sum(b.monthly_yuan for b in state.benefits))


def _reminders(visit: Visit, today: date) -> list[Reminder] | None:
    """None until both the licences and the applications are known."""
    licences, applications = visit.personal.licences, visit.progress.applications
    if licences is None or applications is None:
        return None
    return reminders(licences, applications, today)


def _busy(visit: Visit) -> bool:
    return "licences" in visit.personal.loading or visit.progress.loading


def _failed(visit: Visit) -> bool:
    return "licences" in visit.personal.problems or bool(visit.progress.list_problem)


def _licence_row(licence: LicenceRef, ctx: Context) -> Row:
    t = ctx.t
    title = licence.title_zh if ctx.language.startswith("zh") else licence.title_en
    number = licence.number if "*" in licence.number or len(licence.number) < 6 \
        else ctx.mask(licence.number)
    valid = (t("my_licences.valid_until", day=day_words(licence.valid_until, ctx))
             if licence.valid_until else t("my_licences.no_expiry"))
    expired = licence.valid_until is not None and licence.valid_until < ctx.today
    if expired:
        valid = t("my_licences.expired", day=day_words(licence.valid_until, ctx))
    lines = (t("my_licences.issuer", issuer=licence.issuer),
             t("my_licences.number", number=number), valid)
    return Row(title, lines, warn=expired, read=t("list.pause").join((title, *lines)))


def _benefit_row(benefit: Benefit, ctx: Context) -> Row:
    t, zh = ctx.t, ctx.language.startswith("zh")
    title = benefit.title_zh if zh else benefit.title_en
    lines = [t("my_benefits.monthly", yuan=benefit.monthly_yuan),
             benefit.schedule_zh if zh else benefit.schedule_en]
    paid_to = benefit.paid_to_zh if zh else benefit.paid_to_en
    if paid_to:
        lines.append(t("my_benefits.paid_to", to=paid_to))
    if benefit.last_paid_on:
        lines.append(t("my_benefits.last_paid", day=day_words(benefit.last_paid_on, ctx),
                       yuan=benefit.last_paid_yuan))
    if benefit.next_pay_on:
        lines.append(t("my_benefits.next_pay", day=day_words(benefit.next_pay_on, ctx)))
    return Row(title, tuple(lines), read=t("list.pause").join((title, *lines)))


def _reminder_row(reminder: Reminder, visit: Visit, ctx: Context) -> Row:
    t = ctx.t
    if reminder.kind == "ready":
        service = (ctx.catalogue.get(reminder.subject).title.get(ctx.language)
                   if reminder.subject in ctx.catalogue else t("progress.other_matter"))
        title = t("my_reminders.ready", service=service)
        lines = (t("my_reminders.ready_what", reference=reminder.reference),)
    else:
        day = day_words(reminder.on, ctx)
        title = t(f"my_reminders.{reminder.kind}", day=day, days=reminder.days)
        lines = (t("my_reminders.permit_what"),)
    return Row(title, lines, warn=True, read=t("list.pause").join((title, *lines)))


def _read_row(read: DataRead, ctx: Context) -> Row:
    t, known = ctx.t, ctx.known
    item = (t(f"data_reads.item.{read.item}") if known(f"data_reads.item.{read.item}")
            else t(f"consent.item.{read.item}") if known(f"consent.item.{read.item}")
            else t("data_reads.item_other"))
    item = item[:1].upper() + item[1:]  # a title, in English too ("bank account" in a list)
    by = (t("data_reads.this_kiosk", kiosk=read.kiosk_id) if read.kiosk_id == ctx.kiosk_id
          else t("data_reads.other_kiosk", kiosk=read.kiosk_id))
    if read.purpose in ctx.catalogue:
        why = t("data_reads.for_service",
                service=ctx.catalogue.get(read.purpose).title.get(ctx.language))
    elif known(f"data_reads.purpose.{read.purpose}"):
        why = t(f"data_reads.purpose.{read.purpose}")
    else:
        why = t("data_reads.purpose_other")
    when = moment_words(read.at, ctx)
    lines = (t("data_reads.by", by=by), t("data_reads.why", why=why),
             t("data_reads.when", when=when))
    return Row(item, lines, read=t("list.pause").join((item, *lines)))


def day_words(day: date, ctx: Context) -> str:
    """11月28日, or 2027年1月5日 in another year."""
    months = ctx.t("when.months").split(",")
    key = "when.date" if day.year == ctx.today.year else "when.date_year"
    return ctx.t(key, day=day.day, month=months[day.month - 1], year=day.year)


def moment_words(moment: datetime, ctx: Context) -> str:
    """A platform's time in Shanghai: 11月28日 14:05."""
    local = moment.astimezone(LOCAL_TIME) if moment.tzinfo else moment
    return f"{day_words(local.date(), ctx)} {local.hour}:{local.minute:02d}"


# --- what the voice says ----------------------------------------------------------------------

def speech(state: Any, t: Text) -> list[tuple[str, bool]]:
    """The personal screens and a company's screen, read out: (text, private). A row's
    details are personal, so they are spoken only into headphones."""
    screen = state.screen
    if screen == S.ENTERPRISE and state.enterprise is not None:
        view = state.enterprise
        if not view.name:
            return [(view.problem or t("enterprise.looking_up"), False)]
        words = [(t("enterprise.company", name=view.name), False),
                 (t("enterprise.representative", name=view.representative), True)]
        return [*words, (view.problem or t("enterprise.ask_card"), False)]
    if screen == S.PERSONAL_PAGE and state.personal is not None:
        view = state.personal
        if view.message:
            return [(view.message, False)]
        parts = [(section.read, False) for section in view.sections]
        return [(t("speak.personal.page"), False), *parts] + (
            [(view.problem, False)] if view.problem else [])
    if screen in LIST_SCREENS and state.personal_list is not None:
        view = state.personal_list
        if not view.rows:
            return [(view.problem or t("personal.loading"), False)]
        return [(t("speak.personal.rows", count=len(view.rows)), False)] + [
            (row.read, True) for row in view.rows]
    return []
