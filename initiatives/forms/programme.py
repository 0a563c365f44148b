"""The programme an initiative counts for, on the site's form and the admin's: a choice among the programmes open
for the initiative's branch (initiatives.programmes). One on offer is chosen silently and shown as text; several
are chosen by the person; once the initiative is submitted it cannot change."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import programmes
from ..formatting import format_date
from ..models import Programme


def programme_label(programme):
    return f"{programme.name} ({format_date(programme.window_start)}–{format_date(programme.window_end)})"


class ChoiceAsText(forms.Select):
    """A choice that is made already: its name as text (labelled), its value posted hidden."""

    def id_for_label(self, id_):
        return f"{id_}_shown" if id_ else id_

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        shown = next((str(label) for key, label in self.choices if key != "" and str(key) == str(value)), "")
        invalid = " is-invalid" if "is-invalid" in attrs.get("class", "") else ""
        described = attrs.get("aria-describedby", "")
        # <output>: labelable, and a long programme name wraps on a phone (a read-only text box would cut it).
        return format_html(
            '<output class="form-control-plaintext d-block{}" id="{}"{}>{}</output>'
            '<input type="hidden" name="{}" value="{}" id="{}">',
            invalid, self.id_for_label(attrs.get("id", "")),
            format_html(' aria-describedby="{}"', described) if described else "", shown,
            name, "" if value is None else value, attrs.get("id", ""),
        )


class ProgrammeChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": _("This programme is not open for your branch: choose one from the list."),
        "required": _("Choose the programme this initiative counts for."),
    }


class ProgrammeChoiceMixin:
    """For an Initiative ModelForm with a `programme` field: `limit_programme(offer)` in __init__ (after the fields
    are set), the pairing with the branch checked in `clean`."""

    programme_offer = None

    def limit_programme(self, offer, *, branch=None):
        """Offer the programmes of `offer` (a programmes.Offer); `branch`: the one chosen for a new initiative, whose
        default programme the live check reads until the person chooses."""
        self.programme_offer = offer
        if "programme" not in self.fields:
            return
        instance = self.instance
        choices = list(offer.programmes)
        saved = instance.programme if instance.pk and instance.programme_id else None
        if saved is not None and all(p.pk != saved.pk for p in choices):
            choices.append(saved)
        field = ProgrammeChoiceField(
            queryset=Programme.objects.filter(pk__in=[p.pk for p in choices]), label=_("Emulation programme"),
            empty_label=gettext("— choose the programme —"),
        )
        field.choices = [("", field.empty_label), *((p.pk, programme_label(p)) for p in choices)]
        self.fields["programme"] = field
        self.programme_choices = choices
        if instance.pk and instance.was_submitted:
            field.disabled = True  # where an initiative counts is settled when it is submitted
            field.widget = ChoiceAsText(choices=field.choices)
            field.help_text = _("Set when the initiative was submitted; it cannot be changed.")
        elif len(choices) == 1:
            field.required = False  # nothing to choose: posted or not, it is that one
            field.widget = ChoiceAsText(choices=field.choices)
            self.initial["programme"] = choices[0].pk
            field.help_text = _("Your branch's programme: the initiative counts for it.")
        elif choices:
            field.help_text = _(
                "Several programmes are open for your branch. Choose the one this initiative counts for: its "
                "window and rules apply, and it cannot be changed once the initiative is submitted."
            )
        else:
            field.help_text = _("No programme is open for your branch at the moment: ask your branch officer.")
        if instance.pk is None and not instance.programme_id:
            default = offer.default_for(branch) if branch is not None else (choices[0] if choices else None)
            if default is not None:
                instance.programme = default  # what the live check reads until the person chooses

    @property
    def programme_to_choose(self):
        """Whether the person chooses among several programmes (the page then says the window is the chosen one's)."""
        field = self.fields.get("programme")
        return field is not None and not field.disabled and len(getattr(self, "programme_choices", ())) > 1

    def clean_programme(self):
        programme = self.cleaned_data.get("programme")
        choices = getattr(self, "programme_choices", [])
        if programme is None and not self.fields["programme"].required and len(choices) == 1:
            return choices[0]
        return programme

    def check_programme(self):
        """A programme not open for the chosen branch is refused beside the field (a draft keeps its own)."""
        if self.programme_offer is None or "programme" not in self.fields or self.fields["programme"].disabled:
            return
        programme = self.cleaned_data.get("programme")
        branch = self.cleaned_data.get("branch") or (self.instance.branch if self.instance.branch_id else None)
        if programme is None or branch is None:
            return
        instance = self.instance
        if instance.pk and programme.pk == instance.programme_id and branch.pk == instance.branch_id:
            return
        offered = self.programme_offer.by_path.get(branch.federation.path)
        if offered is None:
            offered = programmes.offered_for(branch, self.programme_offer.day)
        if all(p.pk != programme.pk for p in offered):
            names = "; ".join(p.name for p in offered) or gettext("none at the moment")
            self.add_error("programme", gettext(
                "“%(programme)s” is not open for %(branch)s. Programmes open for it: %(names)s."
            ) % {"programme": programme.name, "branch": branch.name, "names": names})
