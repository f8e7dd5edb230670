"""CSV written a line at a time, for downloads whose memory must stay flat however many rows
they hold: the accountability view's CSV (publications/accountability.py) streams these lines
into its response, the open data files (opendata/downloads.py) into their files."""

import csv


def spreadsheet_safe(value):
    """Text that a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


class Line:
    """A file-like object that hands back what the CSV writer writes, a line at a time."""

    def write(self, value):
        return value


_writer = csv.writer(Line())


def csv_line(values):
    """One line of CSV, each value made safe for a spreadsheet."""
    return _writer.writerow([spreadsheet_safe(value) for value in values])


def csv_lines(header, rows):
    """The CSV of `rows` (each a list of values) under `header`, line by line."""
    yield csv_line(header)
    for row in rows:
        yield csv_line(row)
