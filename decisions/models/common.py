"""What the decision log, procedures, visits, requests and referrals share: the eight kinds
of relevant decision (reg 2(2)), a field for "which kinds a procedure covers", and the
test for rich text that says nothing."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    """The kinds of relevant decision, regulation 2(2)(a) to (h), in plain words."""

    ACTIVITIES = "a", _("How we carry out our activities")
    SERVICES = "b", _("Which care services we look at")
    SPENDING = "c", _("Spending money on our activities")
    INFORMATION_REQUEST = "d", _("Whether to ask a services-provider for information")
    REPORT = "e", _("Whether to send a report or recommendation to a services-provider")
    ENTER_AND_VIEW = "f", _("Which premises we enter and view, and when")
    OSC_REFERRAL = "g", _("Whether to refer a matter to the Overview and Scrutiny Committee")
    REPORT_ELSEWHERE = "h", _("Whether to report a matter to another person or body")


def kind_label(code):
    return DecisionKind(code).label


def validate_kinds(value):
    codes = list(value or "")
    if not codes:
        raise ValidationError(_("Choose at least one kind of decision."))
    unknown = set(codes) - set(DecisionKind.values)
    if unknown or len(set(codes)) != len(codes):
        raise ValidationError(_("Kinds of decision are the letters a to h, each at most once."))


class DecisionKindsFormField(forms.MultipleChoiceField):
    """Checkboxes in the editor; the model keeps the ticked letters as one short string."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(choices=DecisionKind.choices, **kwargs)

    def prepare_value(self, value):
        return list(value) if isinstance(value, str) else value

    def clean(self, value):
        return "".join(sorted(set(super().clean(value))))


class DecisionKindsField(models.CharField):
    """The kinds of decision something covers, stored as sorted letters ("adf").

    Each kind is one letter, so "covers kind f" is a plain `kinds__contains="f"` on every
    database, and a page revision holds an ordinary string.
    """

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = len(DecisionKind.values)
        super().__init__(*args, **kwargs)
        self.validators.append(validate_kinds)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return DecisionKindsFormField(
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )


BLANK_MARKUP = re.compile(r"&nbsp;|&#160;|\s")


def is_blank_rich_text(html):
    """True when rich text has no words in it: the editor posts `<p></p>` when empty."""
    return not BLANK_MARKUP.sub("", strip_tags(html or ""))
