from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    """The LINk's annual report on each year from April to March, from its own records."""

    name = "annual_report"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from linksite import front_cache

        front_cache.register(shown_in_annual_reports)


def shown_in_annual_reports(page):
    """The live annual reports whose figures name `page` (a record taken down or renamed
    changes how they show it): a handful of pages, one a year."""
    from .models import AnnualReportPage

    key = str(getattr(page, "translation_key", ""))
    if not key:
        return
    for report in AnnualReportPage.objects.live().only("pk", "figures", "url_path"):
        if report.pk != page.pk and key in str(report.figures):
            yield report
