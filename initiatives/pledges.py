"""Emulation pledges (giao ước thi đua, plan III.1 and V.2): recording them, and the overview of every branch's
pledge against what it sent and against the district's targets.

A branch pledges for a programme open for it (programmes.offered_for: run by its body or a body above it, its window
open; the Vĩnh Linh branches keep the owner's plan): where several are open, the officer chooses, the newest by
default. The overview is about one programme covering the viewer's body (programmes.for_viewer by default, or one
they choose) and lists the branches it covers."""

import uuid
from pathlib import Path

import rules
from django.core import signing
from django.core.files.storage import default_storage
from django.db import transaction

from portal_security import audit

from . import access, permissions, programmes
from . import sent as sent_in
from .collation import by_vietnamese
from .models import Pledge, PledgeTarget


def programme_for_branch(branch, wanted=None, day=None):
    """(The programme of `branch`'s pledge page, the programmes open for it): `wanted` (an id) when it is one of
    them, else the newest open one; None when `wanted` is not open for the branch or none is. One query."""
    offered = programmes.offered_for(branch, day)
    if wanted is None:
        return (offered[0] if offered else None), offered
    return next((p for p in offered if p.pk == wanted), None), offered


def programmes_for_viewer(user, wanted=None):
    """(The programme the overview is about, the programmes the viewer may choose from): as the reports,
    programmes.viewer_choice."""
    return programmes.viewer_choice(user, wanted)


def programme_path(programme):
    """The path of the body that runs `programme` (read along by programmes.covering, else one query)."""
    return getattr(programme, "node_path", None) or programme.node.path


def pledge_of(branch, programme):
    """The branch's pledge and its targets {period_id: initiatives}, or (None, {})."""
    pledge = Pledge.objects.filter(branch=branch, programme=programme).prefetch_related("targets").first()
    if pledge is None:
        return None, {}
    return pledge, {t.period_id: t.initiatives for t in pledge.targets.all()}


def random_document_name(uploaded):
    # Stored under a random name: nothing about the branch can be guessed from the path.
    uploaded.name = f"{uuid.uuid4().hex}{Path(uploaded.name or '').suffix.lower()[:6]}"
    return uploaded


@transaction.atomic  # not durable: the demo seed records its pledges inside its own transaction
def save_pledge(*, branch, programme, user, targets, signed_on=None, document=None, accepted=None,
                kept_document_name=None):
    """Record `branch`'s pledge: `targets` is {period: initiatives}. `accepted` is the district's decision (None
    when an officer saves: if the officer changes a committed number, the district must accept it again)."""
    permissions.require(user, "initiatives.edit_pledge", branch)
    pledge, _created = Pledge.objects.select_for_update().get_or_create(branch=branch, programme=programme)
    existing = {t.period_id: t for t in pledge.targets.all()}
    changed = False
    for period, initiatives in targets.items():
        target = existing.get(period.pk)
        if target is None:
            PledgeTarget.objects.create(pledge=pledge, period=period, initiatives=initiatives)
            changed = True
        elif target.initiatives != initiatives:
            target.initiatives = initiatives
            target.save(update_fields=["initiatives"])
            changed = True
    pledge.signed_on = signed_on
    if document:
        pledge.document = random_document_name(document)
    elif kept_document_name:
        pledge.document.name = kept_document_name
    pledge.accepted_by_district = acceptance_after(user, pledge, numbers_changed=changed, decision=accepted)
    pledge.updated_by = user
    pledge.save()
    audit_saved(pledge, user)
    return pledge


def acceptance_after(user, pledge, *, numbers_changed, decision=None):
    """Whether the district accepts the pledge after `user` saved it (site and admin alike): the district's own
    decision when it makes one; withdrawn when anyone else changed a committed number (the district must accept
    the new numbers); else as it was."""
    if decision is not None and rules.has_perm("initiatives.accept_pledge", user, pledge):
        return decision
    return False if numbers_changed else pledge.accepted_by_district


def audit_saved(pledge, user):
    targets = {t.period.number: t.initiatives for t in pledge.targets.select_related("period")}
    audit.record_change("pledge.save", pledge, user=user, branch=pledge.branch_id, targets=targets,
                        accepted=pledge.accepted_by_district)


PENDING_SALT = "pledge-document-kept"


def keep_document(*, branch, user, document):
    """Store a valid scanned pledge whose form had other errors, without touching the pledge on file: it is
    attached only when the form is saved. Returns a signed token for the form to post back."""
    permissions.require(user, "initiatives.edit_pledge", branch)
    name = default_storage.save(f"pledges/pending/{random_document_name(document).name}", document)
    return signing.dumps({"name": name, "branch": branch.pk, "user": user.pk}, salt=PENDING_SALT)


def kept_document(token, *, branch, user):
    """The stored name behind a token from keep_document, for this branch and user only; None otherwise."""
    try:
        data = signing.loads(token or "", salt=PENDING_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    if data.get("branch") != branch.pk or data.get("user") != user.pk:
        return None
    return data.get("name")


def accept_pledge(*, pledge, user):
    """The district accepts the branch's pledge as it stands; an audit row records who and when."""
    permissions.require(user, "initiatives.accept_pledge", pledge)
    with transaction.atomic(durable=True):
        Pledge.objects.filter(pk=pledge.pk).update(accepted_by_district=True, updated_by=user)
        audit.record_change("pledge.accept", pledge, user=user, branch=pledge.branch_id)


def overview(user, programme):
    """Every branch `user` may see with its pledge per period and what it sent in that period (by date sent),
    and the totals against the district's targets. A fixed number of queries."""
    periods = list(programme.periods.all())
    # The branches in the viewer's scope that the programme covers (under the body that runs it).
    covered = access.branches_for(user).filter(federation__path__startswith=programme_path(programme))
    branches = list(covered.select_related("cluster", "federation").order_by(by_vietnamese("name")))
    offer = programmes.offer_for_branches(branches)
    pledges = {
        p.branch_id: p
        for p in Pledge.objects.filter(programme=programme, branch__in=covered.values("pk"))
    }
    targets = {
        (t["pledge__branch_id"], t["period_id"]): t["initiatives"]
        for t in PledgeTarget.objects.filter(
            pledge__programme=programme, pledge__branch__in=covered.values("pk")
        ).values(
            "pledge__branch_id", "period_id", "initiatives")
    }
    # What each branch sent in each period (by date sent), from the tallies: never a row per initiative.
    sent = sent_in.by_branch_and_period(programme, covered.values("pk"))
    rows = []
    for branch in branches:
        cells = []
        for period in periods:
            pledged = targets.get((branch.pk, period.pk))
            done = sent.get((branch.pk, period.number), 0)
            cells.append({"period": period, "pledged": pledged, "sent": done,
                          "share": done / pledged if pledged else None})
        # Every branch listed is in the user's scope (branches_for), so they may edit each ("initiatives.edit_pledge"),
        # without a query per branch, while the programme is open for it.
        open_for_it = any(p.pk == programme.pk for p in offer.for_branch(branch))
        rows.append({"branch": branch, "pledge": pledges.get(branch.pk), "periods": cells, "may_edit": open_for_it})
    totals = []
    for index, period in enumerate(periods):
        pledged = sum(r["periods"][index]["pledged"] or 0 for r in rows if r["branch"].is_active)
        totals.append({"period": period, "pledged": pledged, "target": period.target,
                       "share": pledged / period.target if period.target else None,
                       "sent": sum(r["periods"][index]["sent"] for r in rows)})
    return {"periods": periods, "rows": rows, "totals": totals,
            "pledged": sum(1 for r in rows if r["pledge"] is not None and r["branch"].is_active),
            "accepted": sum(1 for r in rows if r["pledge"] is not None and r["pledge"].accepted_by_district),
            "active": sum(1 for r in rows if r["branch"].is_active)}
