from . import initiative, organisation  # noqa: F401
