"""Settings chosen by DJANGO_ENV: `production` for deployment, anything else for development.

The test suite uses `vinhlinh_portal.settings.test` directly (see pytest.ini).
"""

import os

if os.environ.get("DJANGO_ENV", "").lower() == "production":
    from .production import *  # noqa: F403
else:
    from .dev import *  # noqa: F403
