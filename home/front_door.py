"""What the home page lists as the latest from the LINk: each app registers a page type and
the field holding its own date (a report's date, a decision's date), and the home page shows
the newest of them all by those dates, not by when they were published on the site."""

from linksite.visibility import public

_latest = []


def register_latest(model, date_field):
    if (model, date_field) not in _latest:
        _latest.append((model, date_field))


def latest(home, limit=6):
    """The newest live, public pages of the registered types under `home`, newest first."""
    found = []
    for model, date_field in _latest:
        pages = public(model.objects.live().descendant_of(home)).order_by(
            f"-{date_field}", "-first_published_at"
        )
        found += [(getattr(page, date_field), page) for page in pages[:limit]]
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [page for _date, page in found[:limit]]
