"""Charts drawn on the server as SVG, for people who would rather look than read.

Each chart is an `<svg role="img">` named by the caption of the figure it sits in; the
figure also holds the same numbers as a table, which is what a screen reader reads. Every
bar carries its number as text, so no value is told by colour alone, and each series has
its own pattern of colour and label in the legend. Right-to-left pages get the mirror image.
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from linksite.languages import is_foreign

WIDTH = 640
LABEL_HEIGHT = 18
BAR_HEIGHT = 22
ROW_GAP = 14
LEGEND_HEIGHT = 30
# Colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by their
# labels too.
COLOURS = {
    "on_time": "#00703c",
    "late": "#a35100",
    "overdue": "#b10e1e",
    "awaiting": "#505a5f",
    "accepted": "#00703c",
    "partly_accepted": "#1d70b8",
    "not_accepted": "#b10e1e",
    "not_answered": "#6f3c91",
    "bar": "#1d70b8",
}


def _lang(label):
    """` lang="en"` for a label written in another language than the page (a name)."""
    language = getattr(label, "language", None)
    if language is None or not is_foreign(language):
        return ""
    return format_html(' lang="{}"', language)


def _x(x, width, mirrored):
    return WIDTH - x - width if mirrored else x


def stacked_bars(rows, series, caption_id):
    """rows: [(label, {key: count})]; series: [(key, label)]. One bar per row, its parts
    side by side, each part's count written on it (or beside it when too narrow)."""
    mirrored = get_language_bidi()
    anchor = "end" if mirrored else "start"
    biggest = max((sum(values.values()) for _label, values in rows), default=0) or 1
    scale = (WIDTH - 40) / biggest
    parts = []
    # The legend.
    x = 0
    for key, label in series:
        parts.append(
            format_html(
                '<rect x="{}" y="4" width="14" height="14" fill="{}"/>'
                '<text x="{}" y="16" text-anchor="{}" class="chart__legend">{}</text>',
                _x(x, 14, mirrored),
                COLOURS.get(key, COLOURS["bar"]),
                _x(x + 20, 0, mirrored),
                anchor,
                label,
            )
        )
        x += 34 + 8 * len(str(label))
    y = LEGEND_HEIGHT
    for label, values in rows:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}" class="chart__label"{}>{}</text>',
                _x(0, 0, mirrored),
                y + 13,
                anchor,
                _lang(label),
                label,
            )
        )
        y += LABEL_HEIGHT
        x = 0
        for key, _series_label in series:
            count = values.get(key, 0)
            if not count:
                continue
            width = count * scale
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    round(_x(x, width, mirrored), 1),
                    y,
                    round(width, 1),
                    BAR_HEIGHT,
                    COLOURS.get(key, COLOURS["bar"]),
                )
            )
            inside = width >= 24
            centre = x + width / 2 if inside else x + width + 4
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="{}" class="chart__value" fill="{}">{}</text>',
                    round(_x(centre, 0, mirrored), 1),
                    y + 16,
                    "middle" if inside else anchor,
                    "#ffffff" if inside else "#0b0c0c",
                    count,
                )
            )
            x += width
        y += BAR_HEIGHT + ROW_GAP
    if not rows:
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="{}">{}</text>',
                _x(0, 0, mirrored),
                y + 14,
                anchor,
                _("Nothing to show for this year."),
            )
        )
        y += 24
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" focusable="false">{}</svg>',
        caption_id,
        WIDTH,
        y,
        format_html_join("", "{}", ((part,) for part in parts)),
    )


def replies_chart(replies, caption_id):
    """Replies owed to the year's reports, requests and referrals, per organisation."""
    series = [
        ("on_time", _("On time")),
        ("late", _("Late")),
        ("overdue", _("Overdue")),
        ("awaiting", _("Not yet due")),
    ]
    rows = [
        (
            name,
            {
                "on_time": tally.on_time,
                "late": tally.late,
                "overdue": tally.overdue,
                "awaiting": tally.awaiting,
            },
        )
        for name, tally in replies
    ]
    return stacked_bars(rows, series, caption_id)


def outcomes_chart(outcomes, caption_id):
    """How many of the year's recommendations were accepted, partly, not, or not yet."""
    rows = [(label, {"bar": count}) for label, count in outcomes]
    return stacked_bars(rows, [("bar", _("Recommendations"))], caption_id)
