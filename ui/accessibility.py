"""What screen readers (Orca through AT-SPI, Narrator through UI Automation) need beyond
Qt's defaults: a widget can be marked as a notification, which a screen reader speaks as
soon as it appears (the greeting, the idle warning, a notice, help on its way), and an
announcement can be sent for readers that take them."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QLabel, QWidget

ROLE = "accessible_role"  # the property that asks for a role Qt Widgets cannot give
NOTIFICATION = "notification"
_installed = False


def name_of(widget: QWidget) -> str:
    """What a screen reader calls the widget: its accessible name if one is set, else what
    Qt gives (a button's or a label's text). Names are set only where they differ from the
    text, since every change of a name is an event a screen reader must handle."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def description_of(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Description) if interface is not None else ""


def as_notification(widget: QWidget) -> QWidget:
    """Spoken by a screen reader when it appears, wherever the focus is. (Its name must be
    set: a notification does not take a label's text as its name.)"""
    widget.setProperty(ROLE, NOTIFICATION)
    text = widget.text() if isinstance(widget, QLabel) else ""
    if text and not widget.accessibleName():
        widget.setAccessibleName(text)
    return widget


def is_notification(widget: QWidget) -> bool:
    return widget.property(ROLE) == NOTIFICATION


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Say `text` now, for screen readers that take announcements (Orca 45 and later,
    Narrator); older ones hear a notification widget appear instead."""
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if assertive
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def _interface(_class_name: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QWidget) and is_notification(obj):
        return QAccessibleWidget(obj, QAccessible.Role.Notification)
    return None  # everything else: Qt's own


def install() -> None:
    """Once per process, before any window is shown."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_interface)
        _installed = True
