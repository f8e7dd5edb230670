"""A story that says someone is at risk goes to the top of the handlers' queue and is mailed
at once to the safeguarding lead named in the experience settings.

Flagged by the person's own tick, or by words that suggest harm. The words are a net, not a
judgement: a handler reads every flagged story. The mail carries the reference and a link to
the admin, never the story or who sent it: mail is not a safe place for them.
"""

import re

from django.urls import reverse
from django.utils.translation import gettext as _

from linksite.mail import queue_mail
from linksite.notifications import admin_url

from .records import ExperienceSettings

# Stems matched at the start of a word, in English (the form's language for most stories;
# a story in another language is flagged by the tick, and read by a handler either way).
HARM_STEMS = [
    "abuse",
    "abusing",
    "assault",
    "beat",
    "bruis",
    "danger",
    "harm",
    "hit me",
    "hit her",
    "hit him",
    "hurt",
    "kill",
    "locked in",
    "neglect",
    "not fed",
    "overdose",
    "raped",
    "scared",
    "self-harm",
    "starv",
    "suicid",
    "threat",
    "unsafe",
    "violen",
]
HARM_PATTERN = re.compile(r"\b(" + "|".join(re.escape(s) for s in HARM_STEMS) + r")", re.I)


def harm_words(text):
    """The harm stems found in `text`, each once, in the order of the list."""
    found = {match.lower() for match in HARM_PATTERN.findall(text or "")}
    return [stem for stem in HARM_STEMS if stem in found]


def flag(experience):
    """Set the experience's safeguarding flag (before it is saved)."""
    words = harm_words(experience.story)
    experience.harm_words = ", ".join(words)[:255]
    experience.safeguarding = experience.says_at_risk or bool(words)


def alert_lead(experience, site):
    """Mail the safeguarding lead about a flagged experience; False when none is named."""
    lead = ExperienceSettings.for_site(site).safeguarding_lead_email if site else ""
    if not experience.safeguarding or not lead:
        return False
    reasons = []
    if experience.says_at_risk:
        reasons.append(_("the person ticked “Someone is at risk of harm”"))
    if experience.harm_words:
        reasons.append(_("it uses words that suggest harm"))
    link = admin_url(reverse("experiences:edit", args=[experience.pk]))
    body = _(
        "An experience shared with the LINk may say that someone is at risk: %(reasons)s.\n\n"
        "Reference: %(reference)s\nService: %(service)s\n\n"
        "Read it in the admin (you will be asked to sign in): %(link)s\n\n"
        "This mail does not contain the story, on purpose."
    ) % {
        "reasons": "; ".join(reasons),
        "reference": experience.reference,
        "service": experience.service_name(),
        "link": link,
    }
    queue_mail(
        lead,
        _("Safeguarding: experience %(reference)s") % {"reference": experience.reference},
        body,
        kind="experiences.safeguarding",
    )
    return True
