"""Design tokens (colours, type sizes, spacing) for the standard, large-print and
high-contrast modes, and the one style sheet made from them. Sizes are pixels on a
reference screen whose short side is 1080 px, scaled to the real screen."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.view import LARGE_PRINT

__all__ = ["LARGE_PRINT", "THEMES", "Theme", "style_sheet"]

REFERENCE_SHORT_SIDE = 1080
FONT_FAMILIES = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'


@dataclass(frozen=True)
class Colors:
    background: str
    surface: str
    text: str
    muted: str  # secondary text; still ≥ 7:1 on surface in every mode
    accent: str  # the one government blue
    on_accent: str
    border: str  # control borders, ≥ 4.5:1 against the background
    focus: str
    on_focus: str  # text on the focus colour: a focused reading item is filled with it
    problem: str
    on_problem: str
    selected: str  # a chosen option's fill: tinted, never the primary action's solid accent
    on_selected: str


@dataclass(frozen=True)
class Sizes:
    caption: int
    body: int
    button: int
    title: int
    display: int  # reference numbers: the biggest thing on their screen
    target: int  # minimum height and width of anything touchable
    gap: int  # minimum space between touch targets
    margin: int
    radius: int
    icon: int


@dataclass(frozen=True)
class Theme:
    name: str
    colors: Colors
    sizes: Sizes
    scale: float = 1.0

    def px(self, value: int) -> int:
        return max(1, round(value * self.scale))

    def scaled(self, width: int, height: int) -> Theme:
        return Theme(self.name, self.colors, self.sizes, min(width, height) / REFERENCE_SHORT_SIDE)


STANDARD_COLORS = Colors(
    background="#EEF2F7", surface="#FFFFFF", text="#141A24", muted="#3D4757",
    accent="#0B4EA2", on_accent="#FFFFFF", border="#5B6475", focus="#C2410C", on_focus="#FFFFFF",
    problem="#A61B1B", on_problem="#FFFFFF", selected="#D6E4F5", on_selected="#141A24",
)
HIGH_CONTRAST_COLORS = Colors(
    background="#000000", surface="#000000", text="#FFFFFF", muted="#F0F0F0",
    accent="#FFD400", on_accent="#000000", border="#FFFFFF", focus="#00E5FF", on_focus="#000000",
    problem="#FF8A80", on_problem="#000000", selected="#1F1A00", on_selected="#FFFFFF",
)
STANDARD_SIZES = Sizes(caption=28, body=32, button=34, title=46, display=88, target=96, gap=24,
                       margin=32, radius=14, icon=64)
LARGE_SIZES = Sizes(caption=40, body=44, button=46, title=58, display=112, target=128, gap=28,
                    margin=32, radius=16, icon=80)

THEMES = {
    "standard": Theme("standard", STANDARD_COLORS, STANDARD_SIZES),
    "large": Theme("large", STANDARD_COLORS, LARGE_SIZES),
    "high_contrast": Theme("high_contrast", HIGH_CONTRAST_COLORS, STANDARD_SIZES),
    "care": Theme("care", STANDARD_COLORS, LARGE_SIZES),  # 长辈模式: large print, voice, slower
}


def _focus_fill(theme: Theme) -> str:
    """High contrast: the focused control is filled with the focus colour, so it cannot be
    missed even where a ring would sit on a bright button."""
    if theme.name != "high_contrast":
        return ""
    c = theme.colors
    return (f'QPushButton:focus, QPushButton[kind="primary"]:focus, '
            f'QPushButton:checked:focus {{ background: {c.focus}; color: #000000; '
            f'border-color: {c.text}; }}\n'
            f'QPushButton[focused="true"] QLabel, QPushButton[kind="tile"][focused="true"] QLabel '
            f'{{ color: #000000; }}')


def style_sheet(theme: Theme) -> str:
    c, s, px = theme.colors, theme.sizes, theme.px
    border = px(4) if theme.name == "high_contrast" else px(2)
    focus = px(6)
    return f"""
    QWidget {{ font-family: {FONT_FAMILIES}; color: {c.text}; font-size: {px(s.body)}px; }}
    #Window, #ScreenStack, QStackedWidget > QWidget {{ background: {c.background}; }}
    QLabel {{ background: transparent; }}
    QLabel[kind="title"] {{ font-size: {px(s.title)}px; font-weight: 700; }}
    QLabel[kind="body"] {{ font-size: {px(s.body)}px; }}
    QLabel[kind="muted"] {{ font-size: {px(s.body)}px; color: {c.muted}; }}
    QLabel[kind="caption"] {{ font-size: {px(s.caption)}px; color: {c.muted}; }}
    QLabel[kind="display"] {{ font-size: {px(s.display)}px; font-weight: 700; color: {c.text}; }}
    QLabel[kind="problem"] {{ font-size: {px(s.body)}px; font-weight: 700; color: {c.problem}; }}
    QLabel[kind="value"] {{ font-size: {px(s.body)}px; font-weight: 700; }}
    QFrame[kind="card"] {{ background: {c.surface}; border: {border}px solid {c.border};
        border-radius: {px(s.radius)}px; }}
    QFrame[kind="bar"] {{ background: {c.surface}; border: none; }}
    QFrame[kind="topbar"] {{ background: {c.accent}; }}
    QLabel[kind="topbar"] {{ color: {c.on_accent}; font-size: {px(s.caption)}px; }}
    QPushButton {{ font-size: {px(s.button)}px; min-height: {px(s.target)}px;
        min-width: {px(s.target)}px; border-radius: {px(s.radius)}px;
        padding: 0 {px(24)}px; background: {c.surface}; color: {c.text};
        border: {border}px solid {c.border}; }}
    QPushButton:focus {{ border: {focus}px solid {c.focus}; }}
    QPushButton:disabled {{ color: {c.muted}; border-style: dashed; }}
    QPushButton[kind="primary"] {{ background: {c.accent}; color: {c.on_accent};
        border: {border}px solid {c.accent}; font-weight: 700; }}
    QPushButton[kind="primary"]:focus {{ border: {focus}px solid {c.focus}; }}
    QPushButton[kind="primary"]:disabled {{ background: {c.surface}; color: {c.muted};
        border: {border}px dashed {c.border}; font-weight: 400; }}
    QPushButton[kind="topbar"] {{ background: {c.surface}; color: {c.text};
        font-size: {px(s.caption)}px; min-height: {px(s.target) * 3 // 4}px;
        border: {border}px solid {c.surface}; }}
    QPushButton[kind="topbar"]:focus {{ border: {focus}px solid {c.focus}; }}
    QPushButton:checked {{ background: {c.selected}; color: {c.on_selected};
        border: {px(5)}px solid {c.accent}; }}
    QPushButton[kind="tile"] {{ background: {c.surface}; text-align: left; }}
    QPushButton[kind="tile"] QLabel {{ color: {c.text}; }}
    QPushButton[kind="tile"]:disabled QLabel {{ color: {c.muted}; }}
    QLabel[kind="button"] {{ font-size: {px(s.button)}px; }}
    QLabel[kind="tile-title"] {{ font-size: {px(s.button)}px; font-weight: 700; }}
    QLabel[kind="tile-note"] {{ font-size: {px(s.caption)}px; }}
    QLabel[kind="tile-badge"] {{ font-size: {px(s.caption)}px; font-weight: 700;
        border: {border}px solid {c.accent}; border-radius: {px(8)}px; padding: 0 {px(8)}px; }}
    QPushButton:checked:focus {{ border: {focus}px solid {c.focus}; }}
    #BottomBar QPushButton, #SideRail QPushButton {{ padding: 0 {px(12)}px; }}
    #Window[keypad="true"] QLabel[reading="true"]:focus {{ background: {c.focus};
        color: {c.on_focus}; }}
    QFrame[kind="helper"] {{ background: {c.surface}; border-radius: {px(8)}px; }}
    QLabel[kind="helper"] {{ color: {c.text}; font-size: {px(s.caption)}px; font-weight: 700; }}
    {_focus_fill(theme)}
    #IdleOverlay {{ background: rgba(0, 0, 0, 170); }}
    #IdleOverlay QLabel#countdown {{ background: {c.surface}; }}
    #SignaturePad {{ background: {c.surface}; border: {border}px solid {c.border};
        border-radius: {px(s.radius)}px; }}
    """
