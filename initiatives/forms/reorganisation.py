"""The forms of the reorganisation pages: one per change, each giving the arguments of its service in
`initiatives.reorganisation` (`arguments()`). Every choice comes from `access`: a body or a branch the user does not
oversee cannot be picked; the services check again when the change is made."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import access
from ..collation import by_vietnamese
from ..inputs.fields import PortalDateField
from ..models import Branch, Federation
from .choices import NamedBlankChoices


class BodyChoiceField(forms.ModelChoiceField):
    """A union body, shown indented by its level so that the tree reads in the list."""

    def label_from_instance(self, obj):
        return f"{'— ' * (obj.depth - 1)}{obj.name}"


class BranchChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.federation.name})"


class ChangeForm(NamedBlankChoices, forms.Form):
    """What every change carries: the date it took effect (not after today) and why."""

    effective_on = PortalDateField(label=_("Effective from"),
                                   help_text=_("The day the decision took effect, as dd/mm/yyyy (not after today)."))
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The decision (number and date) or why the change is made."))

    def __init__(self, data=None, *, user, node):
        super().__init__(data)
        self.user, self.node = user, node
        # Fields of the subclass after the common ones' definition, but shown first.
        self.order_fields([name for name in self.fields if name not in ("effective_on", "reason")])

    def clean_effective_on(self):
        day = self.cleaned_data["effective_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Record a change once it has taken effect: the date cannot be after today."))
        return day

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(_("Say why (the decision or the reason for the change)."))
        return reason

    def bodies(self):
        """The open union bodies the user oversees, in tree order."""
        return access.nodes_for(self.user).filter(dissolved_on__isnull=True).order_by("path")

    def branches(self):
        """The branches in this body's subtree that the user oversees and that have not merged."""
        return (access.branches_for(self.user).filter(federation__path__startswith=self.node.path,
                                                      merged_into__isnull=True)
                .select_related("federation").order_by(by_vietnamese("name")))

    def arguments(self):
        """The service's arguments (without the acting user and the reason)."""
        return {"effective_on": self.cleaned_data["effective_on"], **self.change_arguments()}


class CreateNodeForm(ChangeForm):
    name = forms.CharField(label=_("Name"), max_length=200,
                           help_text=_("In full, e.g. Công đoàn xã Cửa Tùng."))
    short_name = forms.CharField(label=_("Short name"), max_length=50)
    place_name = forms.CharField(label=_("Place name for report headers"), max_length=100,
                                 help_text=_("e.g. Cửa Tùng"))
    chair_name = forms.CharField(label=_("Chairperson's name"), max_length=100, required=False)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Federation.objects.filter(path__startswith=self.node.path, depth=self.node.depth + 1, name=name).exists():
            raise ValidationError(_("%(parent)s already has a union body of this name.") % {
                "parent": self.node.name})
        return name

    def change_arguments(self):
        data = self.cleaned_data
        return {"parent": self.node, "name": data["name"], "short_name": data["short_name"],
                "place_name": data["place_name"], "chair_name": data["chair_name"].strip()}


class RenameNodeForm(ChangeForm):
    name = forms.CharField(label=_("New name"), max_length=200)
    short_name = forms.CharField(label=_("New short name"), max_length=50, required=False,
                                 help_text=_("Leave empty to keep it."))

    def __init__(self, data=None, *, user, node):
        super().__init__(data, user=user, node=node)
        self.fields["name"].initial, self.fields["short_name"].initial = node.name, node.short_name

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if name == self.node.name:
            raise ValidationError(_("This is already its name."))
        return name

    def change_arguments(self):
        return {"node": self.node, "name": self.cleaned_data["name"],
                "short_name": self.cleaned_data["short_name"].strip() or None}


class MoveNodeForm(ChangeForm):
    new_parent = BodyChoiceField(label=_("Move under"), queryset=Federation.objects.none())

    def __init__(self, data=None, *, user, node):
        super().__init__(data, user=user, node=node)
        parent = Federation.objects.get_parent(node)
        choices = self.bodies().exclude(path__startswith=node.path)
        self.fields["new_parent"].queryset = choices.exclude(pk=parent.pk) if parent is not None else choices

    def change_arguments(self):
        return {"node": self.node, "new_parent": self.cleaned_data["new_parent"]}


class DissolveNodeForm(ChangeForm):
    taken_over_by = BodyChoiceField(label=_("Taken over by"), queryset=Federation.objects.none(),
                                    help_text=_("The union body that receives its bodies and branches."))

    def __init__(self, data=None, *, user, node):
        super().__init__(data, user=user, node=node)
        self.fields["taken_over_by"].queryset = self.bodies().exclude(path__startswith=node.path)
        parent = Federation.objects.get_parent(node)
        if parent is not None:
            self.fields["taken_over_by"].initial = parent.pk

    def change_arguments(self):
        return {"node": self.node, "taken_over_by": self.cleaned_data["taken_over_by"]}


class MoveBranchForm(ChangeForm):
    branch = BranchChoiceField(label=_("Branch"), queryset=Branch.objects.none())
    to_node = BodyChoiceField(label=_("Move under"), queryset=Federation.objects.none())

    def __init__(self, data=None, *, user, node):
        super().__init__(data, user=user, node=node)
        self.fields["branch"].queryset = self.branches()
        self.fields["to_node"].queryset = self.bodies()

    def clean(self):
        data = super().clean()
        if data.get("branch") and data.get("to_node") and data["branch"].federation_id == data["to_node"].pk:
            self.add_error("to_node", _("The branch is already under %(node)s.") % {"node": data["to_node"].name})
        return data

    def change_arguments(self):
        return {"branch": self.cleaned_data["branch"], "to_node": self.cleaned_data["to_node"]}


class MergeBranchesForm(ChangeForm):
    branch = BranchChoiceField(label=_("Branch that merges"), queryset=Branch.objects.none())
    into = BranchChoiceField(label=_("Merges into"), queryset=Branch.objects.none(),
                             help_text=_("The branch that carries on; its initiatives and those of the merged "
                                         "branch count for it from the date."))

    def __init__(self, data=None, *, user, node):
        super().__init__(data, user=user, node=node)
        self.fields["branch"].queryset = self.fields["into"].queryset = self.branches()

    def clean(self):
        data = super().clean()
        if data.get("branch") and data.get("into") and data["branch"].pk == data["into"].pk:
            self.add_error("into", _("Choose another branch to merge into."))
        return data

    def change_arguments(self):
        return {"branch": self.cleaned_data["branch"], "into": self.cleaned_data["into"]}
