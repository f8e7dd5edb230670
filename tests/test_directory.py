"""The directory of organisations and premises, imported from CQC's care directory."""

import pytest
from django.core.management import CommandError, call_command

from linksite.models import Organisation, Premises

HEADER = (
    "Location ID,Location Name,Care home?,Location Primary Inspection Category,"
    "Location Street Address,Location Address Line 2,Location City,Location Postal Code,"
    "Provider ID,Provider Name\n"
)
ROWS = (
    "1-111,Willow Court,Y,Residential social care,12 Willow Way,,Aldermoor,AL3 5RS,"
    "1-900,Brookside Care Homes Ltd\n"
    "1-112,Meadow View,Y,Residential social care,3 Meadow Close,,Aldermoor,AL2 9LP,"
    "1-900,Brookside Care Homes Ltd\n"
    "1-200,Mill Lane Surgery,N,GP Practices,1 Mill Lane,,Aldermoor,AL1 1AA,"
    "1-901,Mill Lane Surgery Partnership\n"
)


@pytest.fixture
def directory_file(tmp_path):
    path = tmp_path / "cqc.csv"
    # CQC's file has notes above its header row.
    path.write_text("Active locations, published monthly\n\n" + HEADER + ROWS, encoding="utf-8")
    return path


def run(path):
    from io import StringIO

    out = StringIO()
    call_command("import_cqc_directory", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_import_adds_providers_with_their_kind_and_premises(directory_file):
    output = run(directory_file)
    brookside = Organisation.objects.get(cqc_provider_id="1-900")
    assert brookside.kind == Organisation.Kind.CARE_HOME_PROVIDER
    assert Organisation.objects.get(cqc_provider_id="1-901").kind == Organisation.Kind.GP_PRACTICE
    assert set(brookside.premises.values_list("name", flat=True)) == {"Willow Court", "Meadow View"}
    assert Premises.objects.get(cqc_location_id="1-111").postcode == "AL3 5RS"
    assert "2 organisations added" in output and "3 premises added" in output


@pytest.mark.django_db
def test_importing_the_same_file_again_changes_nothing(directory_file):
    run(directory_file)
    output = run(directory_file)
    assert Organisation.objects.count() == 2 and Premises.objects.count() == 3
    assert "0 organisations added, 0 changed; 0 premises added, 0 changed" in output


@pytest.mark.django_db
def test_a_new_month_updates_what_changed_and_keeps_an_existing_organisation(
    directory_file, tmp_path
):
    Organisation.objects.create(name="Brookside Care Homes Ltd", kind="provider", website="x")
    run(directory_file)
    assert Organisation.objects.filter(name="Brookside Care Homes Ltd").count() == 1
    moved = tmp_path / "next.csv"
    moved.write_text(HEADER + ROWS.replace("12 Willow Way", "14 Willow Way"), encoding="utf-8")
    output = run(moved)
    assert "Premises changed: Willow Court" in output
    assert Premises.objects.get(cqc_location_id="1-111").address.startswith("14 Willow Way")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content, message",
    [
        ("name,address\nx,y\n", "No header row"),
        (b"\xff\xfe\x00bad", "not a UTF-8 CSV"),
    ],
)
def test_a_file_not_in_cqcs_layout_is_refused_and_nothing_is_written(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(tmp_path / "missing.csv")
