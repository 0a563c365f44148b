"""Pages anyone can read: the showcase of what the district published, the guide to registering on the
national portal, and the portal's help. Only name, unit and achievement of a person ever reach them."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from initiatives.models import Programme

from .. import selectors

SHOWCASE_INITIATIVES = 12
HELP_ROLES = ("member", "officer", "district")


def showcase(request):
    initiatives = Paginator(selectors.published_initiatives(), SHOWCASE_INITIATIVES).get_page(request.GET.get("page"))
    return render(
        request,
        "models_awards/showcase.html",
        {
            "page": initiatives,
            "exemplars": list(selectors.published_exemplars()),
            "awards": list(selectors.published_awards()[:30]),
        },
    )


def showcase_initiative(request, pk):
    initiative = get_object_or_404(selectors.published_initiatives(), pk=pk)
    return render(request, "models_awards/showcase_initiative.html", {"initiative": initiative})


def showcase_exemplar(request, pk):
    exemplar = get_object_or_404(selectors.published_exemplars(), pk=pk)
    return render(request, "models_awards/showcase_exemplar.html", {"exemplar": exemplar})


def registration_guide(request):
    return render(request, "models_awards/guide.html", {"programme": Programme.current()})


def help_index(request):
    return render(request, "models_awards/help/index.html")


def help_role(request, role):
    if role not in HELP_ROLES:
        raise Http404
    return render(request, f"models_awards/help/{role}.html", {"role": role})
