"""Puts `district.seed`'s demo data into a store, once: every row is inserted only if it is not
there, so opening a demo store again changes nothing."""

from __future__ import annotations

import datetime as dt
import json

from district import seed, seed_codes
from district import seed_documents as documents
from district.models import Benefit
from district.store.calls import kiosk_code
from district.store.database import Database, Transaction
from district.store.submissions import STAGES
from district.store.times import SHANGHAI, stamp, today


def plant_demo_data(db: Database, now: dt.datetime) -> None:
    """Once per row; dates relative to today are to the first planting's day."""
    with db.transaction() as tx:
        tx.lock("demo_data")
        _plant_people(tx, today(now))
        for service_id, count in seed.USAGE.items():
            tx.execute("INSERT INTO usage_counts (service_id, count) VALUES (?, ?)"
                       " ON CONFLICT (service_id) DO NOTHING", (service_id, count))
        for position, centre in enumerate(seed.CENTRES):
            centre_id, kind, name_zh, name_en, address_zh, address_en, lat, lon = centre
            terminal = kind == "terminal"
            hours = seed.TERMINAL_HOURS if terminal else seed.CENTRE_HOURS
            offers = seed.TERMINAL_SERVICES if terminal else seed.COUNTER_MATTERS
            tx.execute(
                "INSERT INTO centres (id, position, kind, name_zh, name_en, address_zh,"
                " address_en, latitude, longitude, hours_zh, hours_en, open_24h, offers,"
                " opening_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING",
                (centre_id, position, kind, name_zh, name_en, address_zh, address_en, lat, lon,
                 hours[0], hours[1], int(terminal), json.dumps(list(offers)),
                 seed.TERMINAL_OPENING_HOURS if terminal else seed.CENTRE_OPENING_HOURS))
            if terminal:
                continue
            for weekday in seed.SLOT_WEEKDAYS:
                for start, end in seed.SLOT_TIMES:
                    tx.execute(
                        "INSERT INTO slot_templates (centre_id, weekday, start_time, end_time,"
                        " places) VALUES (?, ?, ?, ?, ?)"
                        " ON CONFLICT (centre_id, weekday, start_time) DO NOTHING",
                        (centre_id, weekday, start, end, seed.SLOT_PLACES))
        for position, (article_id, q_zh, q_en, a_zh, a_en) in enumerate(seed.HELP_ARTICLES):
            tx.execute("INSERT INTO help_articles (id, position, question_zh, question_en,"
                       " answer_zh, answer_en) VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (id) DO NOTHING",
                       (article_id, position, q_zh, q_en, a_zh, a_en))
        if tx.one("SELECT 1 AS found FROM applications WHERE kiosk_id = ?", (seed.DEMO_KIOSK,)):
            return  # the demo applications went in when this store was first opened
        for number, service_id, id_number, days_ago, reached in seed.APPLICATIONS:
            submitted = now - dt.timedelta(days=days_ago)
            # Numbered from 9001, far from the kiosk's own counter (kiosk/outbox.py), so a
            # kiosk whose day is a demo application's day never gives the same reference.
            reference = (f"{kiosk_code(seed.DEMO_KIOSK)}-"
                         f"{submitted.astimezone(SHANGHAI):%y%m%d}-{9000 + number:04d}")
            tx.execute("INSERT INTO applications (reference, kiosk_id, idempotency_key, digest,"
                       " service_id, id_number, answers, signature_png, signed_by, signed_at,"
                       " received_at) VALUES (?, ?, ?, '', ?, ?, '{}', ?, 'hand', ?, ?)",
                       (reference, seed.DEMO_KIOSK, f"demo-application-{number}", service_id,
                        id_number, b"", stamp(submitted), stamp(submitted)))
            for position, name in enumerate(STAGES):
                at = submitted + dt.timedelta(days=position) if position < reached else None
                tx.execute("INSERT INTO application_stages (reference, position, name, at)"
                           " VALUES (?, ?, ?, ?)",
                           (reference, position, name, None if at is None else stamp(at)))


def _plant_people(tx: Transaction, day: dt.date) -> None:
    """Residents and their attributes, companies, licences, employments, property."""
    for card in seed.RESIDENTS + seed_codes.RESIDENTS:
        tx.execute("INSERT INTO residents (id_number, name, sex, birth_date, card_type,"
                   " valid_to) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id_number) DO NOTHING",
                   (card.id_number, card.name, card.sex, card.birth_date.isoformat(),
                    str(card.card_type), card.valid_to.isoformat() if card.valid_to else None))
    for id_number, items in seed.ATTRIBUTES.items():
        for item, (value, source, agency, updated) in items.items():
            tx.execute("INSERT INTO resident_items (id_number, item, value, source, agency,"
                       " updated) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id_number, item)"
                       " DO NOTHING", (id_number, item, value, source, agency,
                                       updated.isoformat() if updated else None))
    for id_number, colour in seed_codes.COLOURS.items():
        tx.execute("INSERT INTO resident_status (id_number, colour, updated_on) VALUES (?, ?, ?)"
                   " ON CONFLICT (id_number) DO NOTHING", (id_number, colour, day.isoformat()))
    for code, name, rep_name, rep_id, address, kind, agents in documents.ENTERPRISES:
        tx.execute("INSERT INTO enterprises (credit_code, name, representative_name,"
                   " representative_id, address, kind) VALUES (?, ?, ?, ?, ?, ?)"
                   " ON CONFLICT (credit_code) DO NOTHING",
                   (code, name, rep_name, rep_id, address, kind))
        for agent in agents:
            tx.execute("INSERT INTO enterprise_agents (credit_code, id_number) VALUES (?, ?)"
                       " ON CONFLICT (credit_code, id_number) DO NOTHING", (code, agent))
    for position, licence in enumerate(documents.LICENCES + seed_codes.LICENCES):
        holder, uri, type_code, title_zh, title_en, issuer, number, issued, until, fields = licence
        issued_on, valid_until = _day(issued, day), _day(until, day)
        if type_code == "residence_permit":
            fields = {**fields, "valid_from": issued_on.isoformat(),
                      "valid_until": valid_until.isoformat()}
        tx.execute("INSERT INTO licences (uri, holder, position, type_code, title_zh, title_en,"
                   " issuer, number, issued_on, valid_until, fields)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uri) DO NOTHING",
                   (uri, holder, position, type_code, title_zh, title_en, issuer, number,
                    issued_on.isoformat(), valid_until.isoformat() if valid_until else None,
                    json.dumps(fields, ensure_ascii=False)))
    for id_number, employer, first, last, base, account in documents.EMPLOYMENTS:
        tx.execute("INSERT INTO employments (id_number, employer, first_month, last_month,"
                   " base_yuan, fund_account) VALUES (?, ?, ?, ?, ?, ?)"
                   " ON CONFLICT (id_number) DO NOTHING",
                   (id_number, employer, first, last, base, account))
    for code, owner, content in documents.PROPERTIES:
        tx.execute("INSERT INTO properties (certificate_code, owner, content) VALUES (?, ?, ?)"
                   " ON CONFLICT (certificate_code, owner) DO NOTHING",
                   (code, owner, json.dumps(content, ensure_ascii=False)))
    for code, benefit in documents.ENTERPRISE_BENEFITS:
        tx.execute("INSERT INTO enterprise_benefits (credit_code, id, content) VALUES (?, ?, ?)"
                   " ON CONFLICT (credit_code, id) DO NOTHING",
                   (code, benefit["id"], Benefit.model_validate(benefit).model_dump_json()))


def _day(value: dt.date | int | None, day: dt.date) -> dt.date | None:
    """A seed's date: as given, or that many days from the planting day."""
    return day + dt.timedelta(days=value) if isinstance(value, int) else value
