"""`manage.py export_report KIND --out FILE.xlsx` and the registry other apps add report kinds to."""
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from initiatives.models import Federation, Programme, Status
from reporting import registry
from reporting import workbook as wb
from tests import factories
from tests.initiatives.reports_support import no_formulas, sent, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(branch_a, branch_b):
    sent(branch_a, "Sáng kiến A")
    sent(branch_b, "Sáng kiến B")
    factories.initiative(branch_b, title="Sáng kiến B chờ duyệt", status=Status.SUBMITTED)


def titles(path):
    _h, rows, _t = table(load_workbook(path).worksheets[0])
    return sorted(row[1].value for row in rows)


def test_writes_the_list_to_a_file(tmp_path, data):
    out = tmp_path / "danh-sach.xlsx"
    call_command("export_report", "initiatives", "--out", str(out))
    assert titles(out) == ["Sáng kiến A", "Sáng kiến B", "Sáng kiến B chờ duyệt"]
    assert no_formulas(load_workbook(out)) == []


def test_the_same_filters_as_the_page(tmp_path, data, branch_b):
    out = tmp_path / "b.xlsx"
    call_command("export_report", "initiatives", "--out", str(out), "--branch", branch_b.code,
                 "--status", "submitted")
    assert titles(out) == ["Sáng kiến B chờ duyệt"]
    call_command("export_report", "initiatives", "--out", str(out), "--period", "1")
    assert titles(out) == ["Sáng kiến A", "Sáng kiến B"]


@pytest.mark.parametrize("kind", ["summary", "programme"])
def test_other_kinds(tmp_path, data, kind):
    out = tmp_path / f"{kind}.xlsx"
    call_command("export_report", kind, "--out", str(out), "--period", "1")
    assert load_workbook(out).worksheets


def test_scoped_to_an_account(tmp_path, data, officer_a):
    out = tmp_path / "a.xlsx"
    call_command("export_report", "initiatives", "--out", str(out), "--user", officer_a.username)
    assert titles(out) == ["Sáng kiến A"]


@pytest.fixture
def without_exemplars():
    """As if the awards app had not registered its report; put back afterwards for the other tests."""
    saved = registry._kinds.get("exemplars")
    registry.unregister("exemplars")
    yield
    if saved is not None:
        registry.register(saved)


def test_exemplars_without_the_awards_app_is_a_clear_error(tmp_path, without_exemplars):
    with pytest.raises(CommandError) as error:
        call_command("export_report", "exemplars", "--out", str(tmp_path / "x.xlsx"), "--year", "2022")
    assert "exemplars" in str(error.value)
    assert not (tmp_path / "x.xlsx").exists()


def test_unknown_branch_and_period_are_clear_errors(tmp_path, data):
    with pytest.raises(CommandError):
        call_command("export_report", "initiatives", "--out", str(tmp_path / "x.xlsx"), "--branch", "khong-co")
    with pytest.raises(CommandError):
        call_command("export_report", "initiatives", "--out", str(tmp_path / "x.xlsx"), "--period", "9")


@pytest.fixture
def exemplars_kind():
    """A stand-in for the awards app's registration, as its AppConfig.ready() would make it."""
    saved = registry._kinds.get("exemplars")
    calls = []

    def write(target, *, user, filters):
        calls.append(filters)
        book = wb.OfficialWorkbook(wb.Issuer.district(Federation.current()))
        result = book.add_table("Điển hình", title="Danh sách điển hình tiên tiến", columns=[
            wb.Column("STT", 5, wb.INDEX), wb.Column("Tên", 30)], rows=[[1, "=cmd|' /C calc'!A0"]])
        book.save(target)
        return result.rows

    registry.register(registry.ReportKind(key="exemplars", label="Exemplars", write=write, filters=("year",)))
    yield calls
    registry.unregister("exemplars")
    if saved is not None:
        registry.register(saved)


def test_a_registered_kind_is_written_with_its_filters(tmp_path, exemplars_kind):
    out = tmp_path / "dien-hinh.xlsx"
    call_command("export_report", "exemplars", "--out", str(out), "--year", "2022")
    assert exemplars_kind[0].year == 2022
    book = load_workbook(out)
    assert no_formulas(book) == []


def test_a_registered_kind_shows_on_the_page(login, district, exemplars_kind):
    response = login(district).get("/reports/")
    assert [card["kind"].key for card in response.context["cards"]][-1] == "exemplars"
    assert not response.context["exemplars_missing"]
    assert Programme.current().exemplar_years()[0] == 2021
    download = login(district).get("/reports/exemplars.xlsx", {"year": 2022})
    assert download.status_code == 200
