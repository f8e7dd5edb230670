"""The public's form for sharing an experience, and its defences against spam.

Nothing the person typed is lost: every refusal re-shows the form with their words in it and
a message at the field. Spam is kept out by a field people never see (a honeypot), a minimum
time to fill the form (a signed start time), a per-client limit (experiences/pages.py) and
size limits. There is no upload.
"""

import datetime
import re

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from linksite.languages import direction, is_foreign, language_of
from linksite.models import Organisation, Premises

from .records import Experience, WhoseVoice

MAX_WORDS = 1000
MAX_CHARACTERS = 12000
MIN_SECONDS_TO_FILL = 4
FORM_VALID_FOR = 60 * 60 * 24
YEARS_BACK = 5
POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
STARTED_SALT = "experiences.form-started"

MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


def services():
    """The organisations a person can tell us about: not the OSC or the regulators."""
    return Organisation.objects.exclude(
        kind__in=[Organisation.Kind.OSC, Organisation.Kind.REGULATOR]
    )


def service_choices():
    """Each organisation, then its premises under it: values `o<id>` and `p<id>`."""
    choices = [("", _("Choose the service"))]
    premises = {}
    for place in Premises.objects.filter(organisation__in=services()).order_by("name"):
        premises.setdefault(place.organisation_id, []).append(place)
    for organisation in services():
        group = [(f"o{organisation.pk}", organisation.name)]
        group += [(f"p{place.pk}", place.name) for place in premises.get(organisation.pk, [])]
        choices.append((organisation.name, group))
    return choices


class ServiceSelect(forms.Select):
    """The names of services are written in the site's default language: on a page in another
    language each option says so (`lang`, `dir`), so a screen reader reads it as written."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value and is_foreign():
            code = language_of()
            option["attrs"].update({"lang": code, "dir": direction(code)})
        return option


def started_token():
    return signing.dumps(timezone.now().timestamp(), salt=STARTED_SALT)


class ShareExperienceForm(forms.Form):
    # A CharField (with a list to choose from), so that an id not in the list gets our own
    # message rather than Django's "not one of the available choices".
    service = forms.CharField(
        label=_("Which service is it about?"), required=False, widget=ServiceSelect
    )
    service_not_listed = forms.CharField(
        label=_("Or, if it is not in the list, its name"), required=False, max_length=200
    )
    month = forms.TypedChoiceField(
        label=_("Month"), choices=[("", _("Month"))] + MONTHS, coerce=int
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    story = forms.CharField(
        label=_("What happened?"),
        help_text=_("In your own words, up to about 1,000 words. Please do not name other people."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    rating = forms.TypedChoiceField(
        label=_("Overall, how was it? (optional)"),
        choices=[(value, label) for value, label in Experience.Rating.choices],
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
    )
    relationship = forms.ChoiceField(
        label=_("Who is telling us?"),
        choices=Experience.Relationship.choices,
        widget=forms.RadioSelect,
    )
    says_at_risk = forms.BooleanField(
        label=_("Someone is at risk of harm"),
        help_text=_("We will pass this to our safeguarding lead today."),
        required=False,
    )
    may_quote = forms.BooleanField(
        label=_("You may quote what I wrote in your reports, without my name"), required=False
    )
    may_share_with_provider = forms.BooleanField(
        label=_("You may pass what I wrote to the service, without my name"), required=False
    )
    may_contact = forms.BooleanField(label=_("You may contact me about it"), required=False)
    contact_name = forms.CharField(label=_("Your name"), required=False, max_length=120)
    contact_email = forms.EmailField(label=_("Email"), required=False)
    contact_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)

    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=[("", _("Prefer not to say"))] + WhoseVoice.AgeBand.choices,
        required=False,
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnic group"),
        choices=[("", _("Prefer not to say"))] + WhoseVoice.Ethnicity.choices,
        required=False,
    )
    disability = forms.ChoiceField(
        label=_("Are you disabled, or do you have a long-term health condition?"),
        choices=[("", _("Prefer not to say"))] + WhoseVoice.Disability.choices,
        required=False,
    )
    postcode_district = forms.CharField(
        label=_("The first part of your postcode"),
        help_text=_("For example AL4. Not the whole postcode."),
        required=False,
        max_length=8,
    )

    # Never shown to people (hidden by the stylesheet and from screen readers): only a
    # program filling every field fills it.
    leave_empty = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.fields["service"].widget.choices = service_choices()
        self.fields["year"].choices = [("", _("Year"))] + [
            (year, str(year)) for year in range(self.today.year, self.today.year - YEARS_BACK, -1)
        ]
        self.fields["leave_empty"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.initial.setdefault("started", started_token())

    def clean_service(self):
        value = self.cleaned_data["service"]
        if not value:
            return None
        kind, number = value[:1], value[1:]
        offered = {"o": services(), "p": Premises.objects.filter(organisation__in=services())}
        found = kind in offered and number.isdigit() and offered[kind].filter(pk=number).first()
        if not found:
            raise forms.ValidationError(
                _("That service is not in our list. Choose one from the list, or type its name.")
            )
        return found

    def clean_story(self):
        story = self.cleaned_data["story"].strip()
        words = len(story.split())
        if words > MAX_WORDS or len(story) > MAX_CHARACTERS:
            raise forms.ValidationError(
                ngettext(
                    "Please shorten it to about %(limit)s words: it has %(count)s word.",
                    "Please shorten it to about %(limit)s words: it has %(count)s words.",
                    words,
                )
                % {"limit": f"{MAX_WORDS:,}", "count": f"{words:,}"}
            )
        return story

    def clean_postcode_district(self):
        district = "".join(self.cleaned_data["postcode_district"].split()).upper()
        if district and not POSTCODE_DISTRICT.match(district):
            raise forms.ValidationError(
                _("Give only the first part of the postcode, for example AL4 or M1.")
            )
        return district

    def clean(self):
        data = super().clean()
        month, year = data.get("month"), data.get("year")
        if month and year and datetime.date(year, month, 1) > self.today:
            self.add_error("month", _("That month has not happened yet."))
        if "service" in data and not data.get("service") and not data.get("service_not_listed"):
            self.add_error(
                "service", _("Choose the service from the list, or type its name below it.")
            )
        if data.get("may_contact"):
            if not data.get("contact_name"):
                self.add_error("contact_name", _("Tell us your name, so we can contact you."))
            if not data.get("contact_email") and not data.get("contact_phone"):
                self.add_error(
                    "contact_email",
                    _("Give an email address or a phone number, so we can contact you."),
                )
        return data

    def looks_like_spam(self):
        """A filled honeypot, a form older than a day or not from us, or one sent faster than a
        person could fill it."""
        if self.cleaned_data.get("leave_empty"):
            return True
        try:
            started = signing.loads(
                self.data.get("started", ""), salt=STARTED_SALT, max_age=FORM_VALID_FOR
            )
        except (signing.BadSignature, TypeError, ValueError):
            return True
        return timezone.now().timestamp() - float(started) < MIN_SECONDS_TO_FILL

    def experience(self, language):
        data = self.cleaned_data
        service = data.get("service")
        experience = Experience(
            organisation=service if isinstance(service, Organisation) else None,
            premises=service if isinstance(service, Premises) else None,
            service_described="" if service else data["service_not_listed"],
            month=data["month"],
            year=data["year"],
            story=data["story"],
            rating=data.get("rating") or None,
            relationship=data["relationship"],
            says_at_risk=data["says_at_risk"],
            may_quote=data["may_quote"],
            may_share_with_provider=data["may_share_with_provider"],
            may_contact=data["may_contact"],
            language=language,
        )
        if data["may_contact"]:
            experience.contact_name = data["contact_name"]
            experience.contact_email = data["contact_email"]
            experience.contact_phone = data["contact_phone"]
        return experience

    def whose_voice(self, quarter):
        data = self.cleaned_data
        answers = {
            key: data.get(key, "")
            for key in ("age_band", "ethnicity", "disability", "postcode_district")
        }
        if not any(answers.values()):
            return None
        return WhoseVoice(quarter=quarter, **answers)
