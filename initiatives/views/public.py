"""Pages anyone can read."""

from django.shortcuts import render

from .. import progress
from ..models import Programme


def home(request):
    programme = Programme.current(with_periods=True)
    # The programme's live figures for everyone: aggregates only, no names.
    headline = progress.headline_cached(programme) if programme is not None else None
    return render(request, "home.html", {"programme": programme, "headline": headline})
