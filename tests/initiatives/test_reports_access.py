"""Who gets which report: the district every branch, an officer only theirs, a member and the public none.
An officer asking for another branch, by URL or by parameter, gets a 404 and no data."""
import pytest
from django.urls import reverse

from initiatives.models import BranchReport, Programme
from tests import factories
from tests.initiatives.reports_support import sent, table, text_of, workbook_from

pytestmark = pytest.mark.django_db

KINDS = ["initiatives", "summary", "programme"]


@pytest.fixture
def data(branch_a, branch_b):
    return {
        "a": sent(branch_a, "Sáng kiến của trường THPT"),
        "b": sent(branch_b, "Sáng kiến của trung tâm y tế"),
    }


@pytest.fixture
def period():
    return Programme.current().periods.get(number=1)


@pytest.mark.parametrize("kind", KINDS)
def test_officer_report_holds_only_their_branch(login, officer_a, data, branch_b, kind):
    book = workbook_from(login(officer_a).get(reverse("report-download", args=[kind])))
    text = text_of(book)
    assert "Sáng kiến của trường THPT" in text or kind == "summary"
    assert "Sáng kiến của trung tâm y tế" not in text
    assert branch_b.name not in text


@pytest.mark.parametrize("kind", KINDS)
def test_officer_asking_for_another_branch_gets_404(login, officer_a, data, branch_b, kind):
    response = login(officer_a).get(reverse("report-download", args=[kind]), {"branch": branch_b.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_district_report_holds_every_branch(login, district, data, branch_a, branch_b, kind):
    text = text_of(workbook_from(login(district).get(reverse("report-download", args=[kind]))))
    assert branch_a.name in text and branch_b.name in text


def test_district_can_narrow_to_one_branch(login, district, data, branch_a, branch_b):
    book = workbook_from(login(district).get(reverse("report-download", args=["initiatives"]),
                                             {"branch": branch_b.pk}))
    _h, rows, _t = table(book.worksheets[0])
    assert [row[1].value for row in rows] == ["Sáng kiến của trung tâm y tế"]


@pytest.mark.parametrize("url", [
    reverse("reports"), reverse("report-download", args=["initiatives"]), reverse("branch-reports"),
    reverse("import", args=["roster"]), reverse("import-template", args=["initiatives"]),
])
def test_members_are_refused(login, member_a, url):
    assert login(member_a.user).get(url).status_code == 403


def test_the_public_is_sent_to_log_in(client):
    response = client.get(reverse("report-download", args=["initiatives"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_unknown_report_is_a_404(login, district):
    assert login(district).get(reverse("report-download", args=["exemplars-nonexistent"])).status_code == 404


def test_invalid_filter_shows_the_page_again(login, district):
    response = login(district).get(reverse("report-download", args=["initiatives"]), {"status": "nonsense"})
    assert response.status_code == 400
    assert b"<form" in response.content


def test_reports_page_for_an_officer(login, officer_a, branch_a, branch_b):
    response = login(officer_a).get(reverse("reports"))
    assert response.status_code == 200
    content = response.content.decode()
    assert branch_a.name in content and branch_b.name not in content


@pytest.mark.parametrize("name", ["branch-report", "branch-report-download"])
def test_officer_cannot_open_another_branch_report(login, officer_a, branch_b, period, name):
    response = login(officer_a).get(reverse(name, args=[branch_b.pk, period.pk]))
    assert response.status_code == 404


def test_officer_cannot_post_another_branch_report(login, officer_a, branch_b, period):
    response = login(officer_a).post(reverse("branch-report", args=[branch_b.pk, period.pk]),
                                     {"achievements": "x", "submit": "1"})
    assert response.status_code == 404
    assert not BranchReport.objects.exists()


def test_period_workbook_of_an_officer_holds_only_their_branch(login, officer_a, officer_b, branch_a, branch_b,
                                                               period):
    BranchReport.objects.create(branch=branch_b, period=period, state="submitted", achievements="Bí mật của B")
    BranchReport.objects.create(branch=branch_a, period=period, state="submitted", achievements="Việc của A")
    text = text_of(workbook_from(login(officer_a).get(reverse("branch-reports-download", args=[period.pk]))))
    assert "Việc của A" in text
    assert "Bí mật của B" not in text and branch_b.name not in text


def test_overview_of_an_officer_lists_only_their_branch(login, officer_a, branch_a, branch_b, period):
    content = login(officer_a).get(reverse("branch-reports")).content.decode()
    assert branch_a.name in content and branch_b.name not in content


def test_officer_of_two_branches_sees_both(login, branch_a, branch_b, data):
    officer = factories.officer(branch_a, "two_branches")
    branch_b.officers.add(officer)
    text = text_of(workbook_from(login(officer).get(reverse("report-download", args=["initiatives"]))))
    assert "Sáng kiến của trường THPT" in text and "Sáng kiến của trung tâm y tế" in text


def test_every_registered_kind_refuses_another_branch(login, officer_a, branch_b):
    """Whatever app registered it (the exemplars and awards list too), the page's form refuses the branch."""
    from reporting import registry

    client = login(officer_a)
    kinds = [kind for kind in registry.kinds() if "branch" in kind.filters]
    assert {"initiatives", "summary", "programme"} <= {kind.key for kind in kinds}
    for kind in kinds:
        response = client.get(reverse("report-download", args=[kind.key]), {"branch": branch_b.pk})
        assert response.status_code == 404, kind.key
