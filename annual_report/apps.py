from django.apps import AppConfig


class AnnualReportConfig(AppConfig):
    """The LINk's annual report on each year from April to March, from its own records."""

    name = "annual_report"
    default_auto_field = "django.db.models.BigAutoField"
