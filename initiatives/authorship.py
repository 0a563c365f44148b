"""Who is credited with an initiative (plan 1.3): the lead of a research topic, otherwise the
author with the highest share, ties going to the first listed."""


def credited_author(authors, *, is_research):
    """`authors` are InitiativeAuthor-like objects in listed order; returns one of them or None."""
    authors = list(authors)
    if not authors:
        return None
    leads = [a for a in authors if a.is_lead] if is_research else []
    if leads:
        return leads[0]
    best = authors[0]
    for author in authors[1:]:
        if (author.share_percent or 0) > (best.share_percent or 0):
            best = author
    return best
