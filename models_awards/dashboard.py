"""The dashboard's exemplar row: exemplars selected each year against the programme's yearly targets.

Registered with `initiatives.dashboard_panels` from AppConfig.ready(); two queries whatever the data.
"""

import rules

from . import exemplars, selectors


def exemplar_panel(request, scope):
    user = request.user
    if not rules.has_perm("initiatives.view_dashboard", user) or scope.programme is None:
        return None
    nominations = selectors.nominations_for(user)
    if not scope.whole_district:
        nominations = nominations.filter(branch__in=scope.branches.values("pk"))
    years = exemplars.yearly_exemplars(nominations, scope.programme)
    return {
        "template": "models_awards/dashboard_panel.html",
        "context": {"years": years, "exemplar_definition": exemplars.DEFINITION,
                    "whole_district": scope.whole_district},
        "key": "exemplars",
        "data": {
            "definition": str(exemplars.DEFINITION),
            "years": [
                {
                    "year": row.year,
                    "collectives": row.collectives,
                    "individuals": row.individuals,
                    "collective_target": row.collective_target,
                    "individual_target": row.individual_target,
                    "met": row.met,
                }
                for row in years
            ],
        },
    }
