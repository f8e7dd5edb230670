"""Starting an annual report and refreshing its figures: the one way both are done, for the
admin's buttons and for `manage.py start_annual_report`."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site

from .figures import compute
from .models import AnnualReportPage


class Refused(Exception):
    """Why an annual report cannot be started or refreshed now, in words for an editor."""


def site_home():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise Refused(_("The site has no home page to put the annual report under."))
    home = site.root_page.specific
    default = Locale.get_default()
    if home.locale_id != default.pk:
        home = home.get_translation(default)
    return home


def report_for(year):
    """The annual report on `year` in the default language, or None."""
    return (
        AnnualReportPage.objects.filter(start_year=year.start_year, locale=Locale.get_default())
        .order_by("pk")
        .first()
    )


@transaction.atomic
def start_annual_report(year, user=None, today=None):
    """A draft annual report on `year` under the home page, its figures made now."""
    existing = report_for(year)
    if existing is not None:
        raise Refused(
            _("The annual report for %(year)s was started already: carry on with that draft.")
            % {"year": year.label}
        )
    home = site_home()
    with translation.override(settings.LANGUAGE_CODE):
        title = str(year.title)
    page = AnnualReportPage(
        title=title,
        slug=year.slug,
        start_year=year.start_year,
        figures=compute(year, today),
        figures_made_at=timezone.now(),
        live=False,
    )
    home.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


def refresh_refusal(page):
    """Why the figures of `page` may not be made again now, or None when they may."""
    if page.locale_id != Locale.get_default().pk:
        return _(
            "The figures are the original's: refresh them on the English annual report, then "
            "update this translation."
        )
    if page.live:
        return _(
            "This annual report is live: its figures are the ones the steering group approved."
        )
    return None


@transaction.atomic
def refresh_figures(page, user=None, today=None):
    """Make the figures of a draft annual report again, in a new version of its draft (any
    approval under way starts again: the steering group approves the figures it will see)."""
    page = AnnualReportPage.objects.select_for_update().get(pk=page.pk)
    refusal = refresh_refusal(page)
    if refusal:
        raise Refused(refusal)
    draft = page.get_latest_revision_as_object()
    draft.figures = compute(page.year, today)
    draft.figures_made_at = timezone.now()
    return draft.save_revision(user=user, log_action=True)
