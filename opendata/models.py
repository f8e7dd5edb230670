"""The open data downloads: the files built (`OpenDataFile`, one row per record type, language
and format, the file itself in the site's storage), and the public "Open data" page that lists
them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from linksite.pages import LinkPage, NamesNoOrganisation

from .registry import RECORD_TYPES


class OpenDataFile(models.Model):
    """One download: the records of one type in one language, as CSV or JSON, as the API
    served them when the file was built (opendata/downloads.py)."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    record_type = models.CharField(_("record type"), max_length=64)
    language = models.CharField(_("language"), max_length=8)
    file_format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    path = models.CharField(_("file in the storage"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    records = models.PositiveIntegerField(_("records"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    built_at = models.DateTimeField(_("built at"), help_text=_("When its build began."))

    class Meta:
        verbose_name = _("open data file")
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "language", "file_format"], name="one_file_per_kind"
            )
        ]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("open_data_file", args=[self.language, self.filename])

    @property
    def filename(self):
        return f"{self.record_type}.{self.file_format}"

    @property
    def download_name(self):
        return f"{self.record_type}-{self.language}.{self.file_format}"

    @property
    def content_type(self):
        if self.file_format == self.Format.CSV:
            return "text/csv; charset=utf-8"
        return "application/json"


class OpenDataPage(NamesNoOrganisation, LinkPage):
    """The public's downloads of the open data: each record type as CSV and JSON in the
    page's language, with its size, number of records and when it was built, the licence,
    and the API."""

    introduction = RichTextField(
        _("introduction"), features=["bold", "italic", "link", "ul"], blank=True
    )
    licence = RichTextField(
        _("licence"),
        features=["bold", "italic", "link"],
        help_text=_(
            "The licence the data are published under, with a link to it, e.g. the Open "
            "Government Licence v3.0."
        ),
    )

    content_panels = LinkPage.content_panels + [FieldPanel("introduction"), FieldPanel("licence")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("open data page")

    def downloads(self):
        """Each record type with its CSV and JSON files in the page's language (None until
        they are built), in the order of the registry."""
        files = {
            (f.record_type, f.file_format): f
            for f in OpenDataFile.objects.filter(language=self.locale.language_code)
        }
        rows = []
        for record_type in RECORD_TYPES:
            csv = files.get((record_type.name, OpenDataFile.Format.CSV))
            json = files.get((record_type.name, OpenDataFile.Format.JSON))
            if csv is None and json is None:
                continue
            built = [f for f in (csv, json) if f is not None]
            rows.append(
                {
                    "type": record_type,
                    "csv": csv,
                    "json": json,
                    "records": built[0].records,
                    "built_at": min(f.built_at for f in built),
                }
            )
        return rows

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        language = self.locale.language_code
        context["downloads"] = self.downloads()
        context["api_schema"] = reverse("opendata:openapi-json")
        example = reverse("opendata:list_reports")
        context["api_example"] = (
            example if language == settings.LANGUAGE_CODE else f"{example}?language={language}"
        )
        return context
