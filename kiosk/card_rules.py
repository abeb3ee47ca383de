"""Whether a card that was read can identify its holder: its number's check character, dates
that can be (not born in the future, valid to after valid from, its own birth date in its
number) and not expired. A card that fails is refused calmly and its holder never greeted."""

from __future__ import annotations

from datetime import date

from drivers.idcard.card import CardType, IdCard, is_valid_id_number

# Why a card is refused: a message key per reason, the same calm words for each but the
# expired card, which the resident can do something about.
EXPIRED = "expired"
FORGED = "inconsistent"


def card_problem(card: IdCard, today: date) -> str | None:
    """None when the card may be used; else EXPIRED or FORGED (a number or dates that
    cannot be: a damaged, altered or counterfeit card), for the log and the notice."""
    if _checked_number(card) and not is_valid_id_number(card.id_number):
        return FORGED
    if card.birth_date > today or card.valid_from > today:
        return FORGED
    if card.valid_to is not None and card.valid_to < card.valid_from:
        return FORGED
    if _checked_number(card) and card.id_number[6:14] != card.birth_date.strftime("%Y%m%d"):
        return FORGED
    if card.expired_on(today):
        return EXPIRED
    return None


def _checked_number(card: IdCard) -> bool:
    """Numbers of GB 11643's form: resident cards, residence permits, and the 2023 foreigner's
    card (18 characters); the older 15-character foreigner's card has no check character."""
    return card.card_type != CardType.FOREIGN_PERMANENT or len(card.id_number) == 18
