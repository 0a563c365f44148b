from . import initiative, organisation, pledge, target  # noqa: F401
