"""The public filter forms: plain GET forms whose choices come from what is published."""

from django import forms
from django.utils.translation import gettext_lazy as _

from linksite.languages import direction, is_foreign, language_of
from linksite.models import CareSector, Organisation
from linksite.serving import per_edition

from .accountability import RecommendationState


def published_choices(name, edition_key, build):
    """What `build()` returns (the choices a filter offers, read from what is published), kept
    for this edition of the site under `name` and `edition_key` when one is given (the page
    the form is on); read afresh without one."""
    if edition_key is None:
        return build()
    return per_edition(name, edition_key, build=build)


def year_choices(reports, edition_key=None):
    years = published_choices(
        "filter_years",
        edition_key,
        lambda: [d.year for d in reports.dates("report_date", "year", order="DESC")],
    )
    return [("", _("Any year"))] + [(year, str(year)) for year in years]


def organisation_choices(field, organisations, name, edition_key=None):
    """The organisations a filter offers: validated against `organisations` (a queryset,
    asked only when one is chosen), shown from the list kept for the edition."""
    field.queryset = organisations
    if edition_key is not None:
        kept = published_choices(
            name, edition_key, lambda: list(organisations.values_list("pk", "name"))
        )
        field.choices = [("", field.empty_label), *kept]


class OrganisationSelect(forms.Select):
    """Each organisation's name, an option, marked with the language it is written in (the
    default language) when the page is in another (linksite/languages.py)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value not in (None, "") and is_foreign():
            code = language_of()
            option["attrs"] = {**option["attrs"], "lang": code, "dir": direction(code)}
        return option


class FilterForm(forms.Form):
    """Invalid values are dropped rather than shown as errors: a filter link that has gone
    stale should still show a useful list."""

    def filters(self):
        self.is_valid()  # keeps the valid values in cleaned_data, drops the others
        found = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        # The form shows only what counts: a dropped value is shown as no choice at all.
        self.data = {name: self.data[name] for name in found}
        return found

    def key(self):
        """The filters in force, as a string: the form shows nothing else of the request, so
        its HTML is kept per edition of the site under it (`{% furniture %}` around the form).
        Only valid values count, so there are only as many as the choices allow."""
        return "&".join(
            f"{name}={getattr(value, 'pk', value)}"
            for name, value in sorted(self.filters().items())
        )


class ReportFilterForm(FilterForm):
    kind = forms.ChoiceField(label=_("Kind of report"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Sent to"),
        queryset=Organisation.objects.none(),
        widget=OrganisationSelect,
        required=False,
        empty_label=_("Any organisation"),
    )
    care_sector = forms.ChoiceField(label=_("Health or social care"), required=False)

    def __init__(self, data, reports, edition_key=None):
        """`edition_key` (the page the form is on) keeps the choices for the edition."""
        from .models import ReportPage

        super().__init__(data)
        self.fields["kind"].choices = [("", _("Any kind"))] + ReportPage.Kind.choices
        self.fields["year"].choices = year_choices(reports, edition_key)
        organisation_choices(
            self.fields["organisation"],
            Organisation.objects.filter(report_recipients__page__in=reports).distinct(),
            "report_filter_organisations",
            edition_key,
        )
        self.fields["care_sector"].choices = [("", _("Either or both"))] + (CareSector.choices)

    def apply(self, reports):
        from .models import ReportRecipient

        found = self.filters()
        if "kind" in found:
            reports = reports.filter(kind=found["kind"])
        if "year" in found:
            reports = reports.filter(report_date__year=found["year"])
        if "organisation" in found:
            sent = ReportRecipient.objects.filter(organisation=found["organisation"])
            reports = reports.filter(pk__in=sent.values("page_id"))
        if "care_sector" in found:
            reports = reports.filter(care_sector=found["care_sector"])
        return reports


class RecommendationFilterForm(FilterForm):
    organisation = forms.ModelChoiceField(
        label=_("Addressed to"),
        queryset=Organisation.objects.none(),
        widget=OrganisationSelect,
        required=False,
        empty_label=_("Any organisation"),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    year = forms.TypedChoiceField(label=_("Year of the report"), coerce=int, required=False)

    def __init__(self, data, reports, edition_key=None):
        """`edition_key` (the page the form is on) keeps the choices for the edition."""
        super().__init__(data)
        organisation_choices(
            self.fields["organisation"],
            Organisation.objects.filter(recommendations__page__in=reports).distinct(),
            "recommendation_filter_organisations",
            edition_key,
        )
        self.fields["outcome"].choices = [("", _("Any outcome"))] + RecommendationState.choices
        self.fields["year"].choices = year_choices(reports, edition_key)
