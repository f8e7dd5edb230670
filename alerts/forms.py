"""The public alert forms: the address and how often (subscribe); how often (manage)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class FrequencyField(forms.ChoiceField):
    """Immediate or weekly, as radio buttons; left out, immediate (as every alert was before
    the choice existed); any other value is a field error."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("How often"),
            choices=Frequency.choices,
            initial=Frequency.IMMEDIATE,
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choose how often you want emails.")},
            **kwargs,
        )

    def clean(self, value):
        return super().clean(value) or Frequency.IMMEDIATE


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = FrequencyField()
    scope = forms.CharField(widget=forms.HiddenInput, max_length=120)


class FrequencyForm(forms.Form):
    """Change how often one of an address's subscriptions sends (the manage page)."""

    scope = forms.CharField(widget=forms.HiddenInput, max_length=120)
    frequency = FrequencyField()
