"""Pages anyone can read."""

from django.shortcuts import render

from ..models import Programme


def home(request):
    programme = Programme.current()
    return render(request, "home.html", {"programme": programme})
