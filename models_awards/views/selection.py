"""The district's selection help: ranking, the panel's scoring sheet, the Creative Labour flag, criteria."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from initiatives import access, programmes, progress
from initiatives.collation import by_vietnamese
from initiatives.models import EmulationCluster
from initiatives.permissions import permission_required
from initiatives.quarters import Quarter
from initiatives.views.params import parse_id

from .. import creative_labour, exemplars, ranking, selectors, services
from ..forms import CandidateAddForm, ScoreForm
from ..models import Candidate, Criterion, InitiativeScore, Subject
from ..models.scoring import SCORE_MAX

BRANCHES_PER_PAGE = 50  # the overall table of a province's thousands of branches, a page at a time
CLUSTER_TOP = 5  # each cluster's table shows its leaders; choosing the cluster shows all of its branches


@permission_required("models_awards.run_selection")
def ranking_page(request):
    user = request.user
    programme = programmes.for_viewer(user)  # the viewer's body's programme (Vĩnh Linh: its plan)
    basis = request.GET.get("by") if request.GET.get("by") in ranking.BASES else ranking.BY_SENT
    quarter = Quarter.parse(request.GET.get("quarter"))
    clusters = list(EmulationCluster.objects.order_by(by_vietnamese("name")))
    cluster_id = parse_id(request.GET.get("cluster"))
    if cluster_id not in {c.pk for c in clusters}:
        cluster_id = None
    quarters = ranking.programme_quarters(programme)

    def rankings(_version=None):
        return (ranking.cluster_leaders_by_quarter(user, programme=programme),
                ranking.rank_branches(user, basis=basis, quarter=quarter, cluster_id=cluster_id, programme=programme),
                ranking.rank_members(user, basis=basis, quarter=quarter, cluster_id=cluster_id, programme=programme))

    # Remembered until what they count changes (a send, a branch or cluster edited), as the dashboard's figures.
    options = (basis, quarter.key if quarter else None, cluster_id)
    leaders, branches, members = (rankings() if programme is None else
                                  progress.remembered(progress.viewer_scope(user, programme), "ranking", options,
                                                      rankings))
    leader_clusters = sorted({name for name, _key in leaders})
    query = request.GET.copy()
    query.pop("page", None)
    cluster_query = query.copy()
    cluster_query.pop("cluster", None)
    return render(
        request,
        "models_awards/ranking.html",
        {
            "basis": basis,
            "bases": list(ranking.BASES.items()),
            "quarter": quarter,
            "quarters": quarters,
            "clusters": clusters,
            "cluster_id": cluster_id,
            "definition": ranking.DEFINITION,
            "page": Paginator(branches, BRANCHES_PER_PAGE).get_page(request.GET.get("page")),
            "query": query.urlencode(),
            "cluster_query": cluster_query.urlencode(),
            "by_cluster": [] if cluster_id is not None else [
                (name, rows[0].cluster_id, rows[:CLUSTER_TOP], len(rows))
                for name, rows in ranking.group_by_cluster(branches, basis=basis)
            ],
            "members": members,
            # Each cell as a dict ({count, names}): a province's table has thousands of them.
            "leader_rows": [
                (cluster, [_leader_cell(leaders.get((cluster, q.key))) for q in quarters])
                for cluster in leader_clusters
            ],
            "leader_quarters": quarters,
        },
    )


def _leader_cell(leader):
    if leader is None:
        return None
    count, names = leader
    return {"count": count, "names": ", ".join(names)}


@permission_required("models_awards.run_selection")
def scoring_list(request):
    year = parse_id(request.GET.get("year")) or exemplars.default_year()
    return _scoring_page(request, year, CandidateAddForm(user=request.user, initial={"year": year}))


def _scoring_page(request, year, add_form):
    user = request.user
    candidates = (
        selectors.candidates_for(user)
        .filter(year=year)
        .select_related("initiative__branch", "initiative__credited_author")
        .annotate(
            scores_count=Count("scores"),
            novelty_avg=Avg("scores__novelty"),
            applicability_avg=Avg("scores__applicability"),
            benefit_avg=Avg("scores__benefit"),
        )
        .order_by("initiative__title", "pk")
    )
    rows = []
    mine = set(InitiativeScore.objects.filter(scorer=user, candidate__year=year).values_list("candidate_id",
                                                                                             flat=True))
    for candidate in candidates:
        averages = [candidate.novelty_avg, candidate.applicability_avg, candidate.benefit_avg]
        total = sum(averages) if candidate.scores_count else None
        rows.append({"candidate": candidate, "total": total, "scored_by_me": candidate.pk in mine})
    rows.sort(key=lambda r: (r["total"] is None, -(r["total"] or 0)))
    return render(
        request,
        "models_awards/scoring_list.html",
        {"year": year, "years": exemplars.offered_years(), "rows": rows, "add_form": add_form,
         "score_max": SCORE_MAX},
    )


@permission_required("models_awards.run_selection")
@require_POST
def candidate_add(request):
    form = CandidateAddForm(request.POST, user=request.user)
    if form.is_valid():
        candidate, created = Candidate.objects.get_or_create(
            year=form.cleaned_data["year"], initiative=form.cleaned_data["initiative"],
            defaults={"added_by": request.user},
        )
        if created:
            messages.success(request, _("The initiative is put before the panel."))
        else:
            messages.info(request, _("The initiative was already before the panel for that year."))
        return redirect(f"{reverse('awards:scoring')}?year={candidate.year}")
    # The sheet again, with what was typed and the errors beside the fields.
    year = form.cleaned_data.get("year") or parse_id(request.POST.get("year")) or exemplars.default_year()
    return _scoring_page(request, year, form)


@permission_required("models_awards.run_selection")
def score_candidate(request, pk):
    user = request.user
    candidate = get_object_or_404(
        selectors.candidates_for(user)
        .select_related("initiative__branch", "initiative__credited_author")
        .prefetch_related(Prefetch("scores", queryset=InitiativeScore.objects.select_related("scorer"))),
        pk=pk,
    )
    mine = next((s for s in candidate.scores.all() if s.scorer_id == user.pk), None)
    form = ScoreForm(request.POST or None, instance=mine)
    if request.method == "POST" and form.is_valid():
        services.save_score(candidate=candidate, scorer=user, **form.cleaned_data)
        messages.success(request, _("Your scores are saved."))
        return redirect(f"{reverse('awards:scoring')}?year={candidate.year}")
    scores = list(candidate.scores.all())
    averages = None
    if scores:
        count = len(scores)
        averages = {
            "novelty": sum(s.novelty for s in scores) / count,
            "applicability": sum(s.applicability for s in scores) / count,
            "benefit": sum(s.benefit for s in scores) / count,
        }
        averages["total"] = averages["novelty"] + averages["applicability"] + averages["benefit"]
    return render(
        request,
        "models_awards/score_form.html",
        {"candidate": candidate, "initiative": candidate.initiative, "form": form, "scores": scores,
         "averages": averages, "score_max": SCORE_MAX},
    )


@permission_required("models_awards.view_awards")
def creative_labour_page(request):
    threshold, workers, leaders = creative_labour.flagged_authors(request.user)
    return render(
        request,
        "models_awards/creative_labour.html",
        {"threshold": threshold, "workers": workers, "leaders": leaders, "definition": creative_labour.DEFINITION,
         "is_district": access.is_district(request.user)},
    )


@permission_required("models_awards.view_awards")
def criteria_page(request):
    criteria = Criterion.objects.filter(is_active=True).order_by("subject", "branch_kind", "order", "pk")
    groups = {}
    for criterion in criteria:
        groups.setdefault((criterion.subject, criterion.get_subject_display()), {}).setdefault(
            criterion.get_branch_kind_display() if criterion.branch_kind else "", []
        ).append(criterion)
    return render(
        request,
        "models_awards/criteria.html",
        {
            "groups": [
                (label, sorted(kinds.items(), key=lambda item: (item[0] != "", item[0])))
                for (subject, label), kinds in sorted(groups.items(), key=lambda g: g[0][0] != Subject.COLLECTIVE)
            ],
            "is_district": access.is_district(request.user),
        },
    )
