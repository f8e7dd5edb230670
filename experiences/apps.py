from django.apps import AppConfig


class ExperiencesConfig(AppConfig):
    """What the public tells the LINk: the form, the handlers' queue, retention."""

    name = "experiences"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from linksite.daily import register_daily_job
        from publications.evidence import register_counter

        from . import retention

        register_counter(retention.experiences_drawn_on)
        register_daily_job(retention.daily_job)
