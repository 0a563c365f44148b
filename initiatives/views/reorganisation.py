"""The reorganisation pages, opened from a union body's dashboard (and from the administration's list of bodies):
set up a body under it, rename it, move it or one of its branches, merge two branches, dissolve it.

Each page is a small form, then a confirmation that says what will happen (`reorganisation_effects`), then the
service of `initiatives.reorganisation` makes the change (it checks the user's scope again) and the body's page
shows it in its history. Who may start which change is `reorganisation.changes_allowed`, one call per request.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import access, reorganisation, reorganisation_effects
from ..forms import reorganisation as forms

R = reorganisation

# change: (form, service, what it will do, the page's title, the body whose page shows the result)
CHANGES = {
    R.CREATE: (forms.CreateNodeForm, R.do_create_node, reorganisation_effects.create,
               gettext_lazy("Set up a union body under %(node)s"), lambda made, args: made),
    R.RENAME: (forms.RenameNodeForm, R.do_rename_node, reorganisation_effects.rename,
               gettext_lazy("Rename %(node)s"), lambda made, args: made),
    R.MOVE: (forms.MoveNodeForm, R.do_move_node, reorganisation_effects.move,
             gettext_lazy("Move %(node)s under another body"), lambda made, args: made),
    R.MOVE_BRANCH: (forms.MoveBranchForm, R.do_move_branch, reorganisation_effects.move_branch,
                    gettext_lazy("Move a branch of %(node)s under another body"),
                    lambda made, args: args["to_node"]),
    R.MERGE: (forms.MergeBranchesForm, R.do_merge_branches, reorganisation_effects.merge,
              gettext_lazy("Merge two branches of %(node)s"), lambda made, args: made.federation),
    R.DISSOLVE: (forms.DissolveNodeForm, R.do_dissolve_node, reorganisation_effects.dissolve,
                 gettext_lazy("Dissolve %(node)s"), lambda made, args: args["taken_over_by"]),
}
LINK_LABELS = {
    R.CREATE: gettext_lazy("Set up a body under it"),
    R.RENAME: gettext_lazy("Rename"),
    R.MOVE: gettext_lazy("Move under another body"),
    R.MOVE_BRANCH: gettext_lazy("Move a branch"),
    R.MERGE: gettext_lazy("Merge two branches"),
    R.DISSOLVE: gettext_lazy("Dissolve"),
}
CONFIRMED = "confirmed"
BACK = "back"


def node_page(node):
    return f"{reverse('dashboard')}?federation={node.pk}"


def links_for(user, node):
    """[(url, label)]: the changes `user` may start from `node`, for its dashboard and the administration."""
    return [(reverse("reorganise", args=[node.pk, change]), LINK_LABELS[change])
            for change in reorganisation.changes_allowed(user, node)]


@login_required
def reorganise(request, node_id, change):
    if change not in CHANGES:
        raise Http404("No such change.")
    node = get_object_or_404(access.nodes_for(request.user), pk=node_id)
    if change not in reorganisation.changes_allowed(request.user, node):
        raise PermissionDenied(_("This change reaches outside the union bodies you oversee."))
    form_class, service, effects, title, landing = CHANGES[change]
    posted = request.method == "POST"
    # Bound whenever posted, even with no field at all: an empty post is a form error, never a crash.
    form = form_class(request.POST if posted else None, user=request.user, node=node)
    effects_shown = None
    if posted and form.is_valid() and BACK not in request.POST:
        arguments = form.arguments()
        if request.POST.get(CONFIRMED) == "1":
            try:
                made = service(acting_user=request.user, reason=form.cleaned_data["reason"], **arguments)
            except reorganisation.ReorganisationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The change is recorded; it shows in the history below."))
                return redirect(node_page(landing(made, arguments)) + "#reorganisations")
        else:
            effects_shown = effects(**arguments)
    return render(request, "initiatives/reorganise.html", {
        "node": node,
        "change": change,
        "title": title % {"node": node.name},
        "form": form,
        "effects": effects_shown,
        "node_page": node_page(node),
    })
