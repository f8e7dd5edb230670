from django.apps import AppConfig


class ExperiencesConfig(AppConfig):
    """What the public tells the LINk: the form, the handlers' queue, retention."""

    name = "experiences"
    default_auto_field = "django.db.models.BigAutoField"

    # The handover archive (opendata/archive) carries this app's pages (the sharing page, What
    # people told us, the stories published with consent), never what the public told us: it
    # is special-category data given to this LINk, not to a successor.
    archive_leaves_out = {
        "Experience": "the public's experiences: special-category data given to this LINk",
        "ExperienceAccess": "who opened which experience: the log of the experiences left out",
        "WhoseVoice": "who shared experiences (age, ethnicity, disability): special-category data",
        "ExperienceSettings": "how this LINk handles experiences (its safeguarding lead)",
    }

    def ready(self):
        from linksite.daily import register_daily_job
        from publications.evidence import register_counter

        from . import retention

        register_counter(retention.experiences_drawn_on)
        register_daily_job(retention.daily_job)
