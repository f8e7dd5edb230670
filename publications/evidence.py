"""How many people's experiences a report drew on.

The public's experiences are kept by an app of their own, which registers a counter here
(`register_counter`); this app never reads them. The number is frozen into each version of a
report when it is saved (`ReportPage.clean`), so the number the public sees is the one the
steering group approved, and linking one more experience changes nothing public until the
next approved version.
"""

_counters = []


def register_counter(counter):
    """`counter(report)` returns how many experiences are linked to the report (any language)."""
    if counter not in _counters:
        _counters.append(counter)
    return counter


def count_for(report):
    if not report.translation_key:
        return 0
    return sum(counter(report) for counter in _counters)
