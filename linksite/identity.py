"""Who the LINk is, in each language: its name, the area it covers and its host organisation.

These words are shown around every page (the header's tagline, the footer's "about this
site") inside sentences in the page's language, so they are translated like pages: they are
fields of the site's home page (`LinkIdentity`, which the home page type takes), offered to
the translator with the home page through wagtail-localize's PO round trip and approved with
it by the steering group. A Wagtail site setting (`LinkSettings`) is one row per site, so it
cannot hold a version per language, nor go through the approval workflow; the contact details
and links that do not change with the language stay there.

`site_identity` reads them from the site's home page in the current language when it is live
and has them, or else from the home page in the default language, marked as written in that
language (linksite/languages.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Locale, Site

from .languages import Worded

FIELDS = ("link_name", "area_name", "host_organisation")


class LinkIdentity(models.Model):
    """The LINk's name, area and host, as the home page of each language writes them."""

    link_name = models.CharField(
        _("LINk name"), max_length=120, default="Local Involvement Network"
    )
    area_name = models.CharField(
        _("council area covered"),
        max_length=120,
        blank=True,
        help_text=_(
            "The local authority area the LINk covers, as it reads after “in”, e.g. “the "
            "Borough of Aldermoor”."
        ),
    )
    host_organisation = models.CharField(
        _("host organisation"),
        max_length=160,
        blank=True,
        help_text=_("The organisation paid by the council to support the LINk."),
    )

    identity_panels = [
        MultiFieldPanel(
            [FieldPanel("link_name"), FieldPanel("area_name"), FieldPanel("host_organisation")],
            heading=_("The LINk (shown on every page)"),
        )
    ]

    class Meta:
        abstract = True


class Identity:
    """The three texts, each a `Worded` that knows its language."""

    def __init__(self, pages):
        # `pages`: the home pages to read from, the current language's first.
        for name in FIELDS:
            found = next(
                ((getattr(p, name), p.locale.language_code) for p in pages if getattr(p, name)),
                ("", settings.LANGUAGE_CODE),
            )
            setattr(self, name, Worded(*found))


def site_identity(request=None, site=None, language=None):
    """The LINk's identity for the site of `request` (or `site`, or the default site) in
    `language` (or the current language)."""
    if site is None and request is not None:
        site = Site.find_for_request(request)
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return Identity([])
    home = site.root_page.specific
    if not isinstance(home, LinkIdentity):
        return Identity([])
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    pages = []
    if home.locale.language_code != language:
        locale = Locale.objects.filter(language_code=language).first()
        translation = home.get_translation_or_none(locale) if locale else None
        if translation is not None and translation.live:
            pages.append(translation.specific)
    pages.append(home)
    return Identity(pages)
