from . import initiative, organisation, pledge  # noqa: F401
