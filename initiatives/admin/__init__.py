from . import organisation  # noqa: F401
