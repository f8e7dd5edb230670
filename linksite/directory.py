"""The directory of organisations and their premises, filled from the Care Quality
Commission's public care directory (the "HSCA active locations" file, saved as CSV).

`import_cqc_directory(rows)` matches providers by their CQC provider id and premises by their
CQC location id, so importing the same file twice changes nothing, and a new month's file
adds what is new and updates what changed. It never deletes: a location missing from a file
may have closed, but visits, reports and experiences still name it.
"""

import csv
from dataclasses import dataclass, field

from django.db import transaction

from .models import Organisation, Premises

# Each field, and the column names it is found under in CQC's files (the care directory and
# the care directory with filters have used both over the years).
COLUMNS = {
    "location_id": ["Location ID", "CQC Location ID (for office use only)"],
    "location_name": ["Location Name", "Name"],
    "location_ods": ["Location ODS Code"],
    "street": ["Location Street Address", "Address"],
    "line2": ["Location Address Line 2"],
    "city": ["Location City"],
    "county": ["Location County"],
    "postcode": ["Location Postal Code", "Postcode"],
    "care_home": ["Care home?"],
    "category": ["Location Primary Inspection Category", "Service types"],
    "provider_id": ["Provider ID", "CQC Provider ID (for office use only)"],
    "provider_name": ["Provider Name", "Provider name"],
    "provider_ods": ["Provider ODS Code"],
}
REQUIRED = ["location_id", "location_name", "provider_id", "provider_name"]


class DirectoryError(ValueError):
    """The file is not in the layout of CQC's care directory."""


@dataclass
class ImportReport:
    organisations_added: list = field(default_factory=list)
    organisations_changed: list = field(default_factory=list)
    premises_added: list = field(default_factory=list)
    premises_changed: list = field(default_factory=list)
    rows: int = 0

    def summary(self):
        return (
            f"{self.rows} rows: {len(self.organisations_added)} organisations added, "
            f"{len(self.organisations_changed)} changed; {len(self.premises_added)} premises "
            f"added, {len(self.premises_changed)} changed"
        )


def kind_for(row):
    category = row.get("category", "").lower()
    if "gp" in category or "primary medical" in category:
        return Organisation.Kind.GP_PRACTICE
    if row.get("care_home", "").strip().upper() in {"Y", "YES"} or "care home" in category:
        return Organisation.Kind.CARE_HOME_PROVIDER
    if "home care" in category or "homecare" in category or "domiciliary" in category:
        return Organisation.Kind.HOME_CARE_PROVIDER
    if "nhs" in category or "hospital" in category:
        return Organisation.Kind.NHS_TRUST
    return Organisation.Kind.PROVIDER


def read_rows(text_lines):
    """The rows of a CQC directory CSV as dicts of our field names; DirectoryError if the
    header is not CQC's. CQC's file starts with a few lines of notes above the header."""
    reader = csv.reader(text_lines)
    header = None
    for line in reader:
        names = [cell.strip() for cell in line]
        found = {
            key: names.index(name)
            for key, aliases in COLUMNS.items()
            for name in aliases
            if name in names
        }
        if all(key in found for key in REQUIRED):
            header = found
            break
    if header is None:
        raise DirectoryError(
            "No header row with the CQC directory's columns (Location ID, Location Name, "
            "Provider ID, Provider Name) was found."
        )
    for line in reader:
        if not any(cell.strip() for cell in line):
            continue
        yield {
            key: (line[index].strip() if index < len(line) else "") for key, index in header.items()
        }


def address_of(row):
    parts = [row.get(key, "") for key in ("street", "line2", "city", "county")]
    return "\n".join(part for part in parts if part)


def update(obj, values):
    changed = [name for name, value in values.items() if value and getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


@transaction.atomic
def import_cqc_directory(rows, progress=None):
    """Add or update the organisations and premises in `rows` (from `read_rows`)."""
    report = ImportReport()
    providers = {o.cqc_provider_id: o for o in Organisation.objects.exclude(cqc_provider_id="")}
    premises = {p.cqc_location_id: p for p in Premises.objects.exclude(cqc_location_id="")}
    for row in rows:
        report.rows += 1
        provider_id, location_id = row["provider_id"], row["location_id"]
        if not provider_id or not location_id:
            continue
        organisation = providers.get(provider_id)
        if organisation is None:
            organisation = Organisation.objects.filter(
                name=row["provider_name"], cqc_provider_id=""
            ).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=unique_name(row["provider_name"], provider_id),
                kind=kind_for(row),
                cqc_provider_id=provider_id,
                ods_code=row.get("provider_ods", ""),
            )
            report.organisations_added.append(organisation.name)
        elif update(
            organisation, {"cqc_provider_id": provider_id, "ods_code": row.get("provider_ods", "")}
        ):
            organisation.save()
            report.organisations_changed.append(organisation.name)
        providers[provider_id] = organisation

        values = {
            "name": row["location_name"][:200],
            "address": address_of(row),
            "postcode": row.get("postcode", "")[:10],
        }
        place = premises.get(location_id)
        if place is None:
            place = Premises.objects.create(
                organisation=organisation, cqc_location_id=location_id, **values
            )
            premises[location_id] = place
            report.premises_added.append(place.name)
        else:
            changed = update(place, values)
            if place.organisation_id != organisation.pk:
                place.organisation = organisation
                changed.append("organisation")
            if changed:
                place.save()
                report.premises_changed.append(place.name)
        if progress:
            progress(report)
    return report


def unique_name(name, provider_id):
    """Organisation names are unique; two providers of one name are told apart by CQC id."""
    name = name[:180]
    if Organisation.objects.filter(name=name).exists():
        return f"{name} ({provider_id})"
    return name
