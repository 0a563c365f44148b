"""Extra panels on the dashboard, contributed by other apps without `initiatives` importing them.

An app registers a callable from its AppConfig.ready():

    from initiatives import dashboard_panels
    dashboard_panels.register(exemplar_panel)

A panel is `panel(request, scope) -> {"template": ..., "context": {...}}` (or None to show nothing), where
`scope` is the `initiatives.progress.Scope` of the page (programme, branches and initiatives the user may see,
the chosen period, whether it is the whole district). It may add `"key"` and `"data"` (plain JSON values):
the dashboard's JSON then carries them under `panels[key]`. A panel runs a fixed number of queries.
"""

from django.template.loader import render_to_string

_panels = []


def register(panel):
    """Add `panel` once (registering again is harmless: ready() may run twice in tests)."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def unregister(panel):
    if panel in _panels:
        _panels.remove(panel)


def registered():
    return list(_panels)


def collect(request, scope):
    """Each panel's answer, in the order registered, skipping the ones that return None."""
    answers = []
    for panel in _panels:
        answer = panel(request, scope)
        if answer:
            answers.append(answer)
    return answers


def render(request, answers):
    """The panels' HTML, one string each."""
    return [render_to_string(a["template"], a.get("context", {}), request=request) for a in answers if "template" in a]


def data(answers):
    """The panels' JSON part: {key: data}."""
    return {a["key"]: a.get("data") for a in answers if a.get("key")}
