"""The national federation's thresholds for the “Bằng Lao động sáng tạo”, kept as data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models.fields import MoneyVndField


class CreativeLabourThreshold(models.Model):
    """For a worker without a leadership post: one solution worth at least `single_solution_min_vnd`, or
    solutions worth at least `cumulative_min_vnd` together over `cumulative_years` consecutive years."""

    name = models.CharField(_("name"), max_length=200)
    single_solution_min_vnd = MoneyVndField(_("one solution worth at least (VND)"))
    cumulative_min_vnd = MoneyVndField(_("solutions together worth at least (VND)"))
    cumulative_years = models.PositiveSmallIntegerField(_("over consecutive years"), default=3)
    leadership_keywords = models.TextField(
        _("leadership posts"),
        blank=True,
        help_text=_(
            "One per line, e.g. “Giám đốc”, “Hiệu trưởng”. An author whose job or position contains one of them "
            "holds a leadership post: these thresholds are not theirs."
        ),
    )
    is_current = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["-is_current", "-pk"]
        verbose_name = _("Creative Labour certificate threshold")
        verbose_name_plural = _("Creative Labour certificate thresholds")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        return cls.objects.filter(is_current=True).order_by("-pk").first()

    def keywords(self):
        return [line.strip() for line in self.leadership_keywords.splitlines() if line.strip()]
