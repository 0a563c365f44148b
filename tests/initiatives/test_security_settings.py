"""Production settings pass `check --deploy`; security headers and the CSP hold everywhere; hashing and passwords."""

import importlib
import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from tests import factories

BASE_DIR = Path(django_settings.BASE_DIR)
PRODUCTION_HOST = "x.example"


def random_secret_key():
    return "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50))


def manage(*args, **env):
    """Run manage.py as an operator would: settings chosen by DJANGO_ENV (None removes a variable)."""
    # Not the test run's own variables (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy flags).
    leaked = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leaked}
    environment.update(env)
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=environment, capture_output=True, text=True,
        timeout=120, check=False,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_ENV="production", SECRET_KEY=random_secret_key(), ALLOWED_HOSTS=PRODUCTION_HOST, DEBUG="0",
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("secret_key", [None, "", "short-key"])
def test_production_refuses_to_start_without_a_real_secret_key(secret_key):
    environment = {"DJANGO_ENV": "production", "ALLOWED_HOSTS": PRODUCTION_HOST, "DEBUG": "0"}
    result = manage("check", SECRET_KEY=secret_key, **environment)

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.fixture
def production(monkeypatch):
    """The production settings module, imported with a real-looking environment."""
    monkeypatch.setenv("SECRET_KEY", random_secret_key())
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    monkeypatch.delenv("SECURE_HSTS_SECONDS", raising=False)
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    monkeypatch.delenv("DEBUG", raising=False)
    module = importlib.import_module("vinhlinh_portal.settings.production")
    return importlib.reload(module)


def test_production_settings_promise_https_only(production):
    assert production.DEBUG is False
    assert production.SECURE_SSL_REDIRECT is True
    assert production.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
    assert production.SECURE_HSTS_SECONDS >= 365 * 24 * 60 * 60
    assert production.SECURE_HSTS_INCLUDE_SUBDOMAINS and production.SECURE_HSTS_PRELOAD
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.TRUSTED_PROXIES == []  # no forwarded header is believed until the proxy is listed
    assert production.CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] is True
    # Production's copy of the policy did not change the one every other environment uses.
    assert "upgrade-insecure-requests" not in django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


@pytest.fixture
def production_security(settings, production):
    for name in (
        "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "CONTENT_SECURITY_POLICY",
    ):
        setattr(settings, name, getattr(production, name))
    return settings


@pytest.mark.django_db
def test_plain_http_behind_the_proxy_is_redirected_to_https(client, production_security):
    response = client.get("/initiatives/", HTTP_X_FORWARDED_PROTO="http")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/initiatives/"


@pytest.mark.django_db
def test_https_behind_the_proxy_gets_hsts_and_secure_cookies(client, production_security, member_a):
    home = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert home.status_code == 200
    assert home["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in home["Content-Security-Policy"]

    login = client.post(
        "/accounts/login/", {"username": "member_a", "password": factories.PASSWORD}, HTTP_X_FORWARDED_PROTO="https"
    )
    assert login.status_code == 302
    session_cookie = login.cookies[django_settings.SESSION_COOKIE_NAME]
    assert session_cookie["secure"] and session_cookie["httponly"] and session_cookie["samesite"] == "Lax"
    assert login.cookies[django_settings.CSRF_COOKIE_NAME]["secure"]


def csp_directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/admin/login/"])
def test_every_page_carries_the_security_headers_and_a_strict_csp(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    policy = csp_directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_signed_in_pages_carry_the_csp_too(login, district):
    response = login(district).get("/admin/initiatives/initiative/")
    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == ["'self'"]


def test_style_attributes_are_allowed_only_by_their_exact_hash():
    allowed = django_settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src-attr"]
    assert allowed[0] == "'unsafe-hashes'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", source) for source in allowed[1:])
    assert len(allowed) - 1 == len(django_settings.ALLOWED_STYLE_ATTRIBUTES)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ELEMENT_OR_ATTRIBUTE = re.compile(r"<style\b|\sstyle\s*=\s*[\"']", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']\s*javascript:""", re.IGNORECASE)


def project_templates():
    roots = [BASE_DIR / "templates", *BASE_DIR.glob("*/templates")]
    return sorted(path for root in roots for path in root.rglob("*.html") if ".venv" not in path.parts)


def test_no_template_of_the_portal_needs_unsafe_inline():
    """Inline scripts, event-handler attributes, javascript: links and inline styles would be blocked by the CSP."""
    offenders = []
    for path in project_templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ELEMENT_OR_ATTRIBUTE, JAVASCRIPT_URL):
            offenders += [f"{path.relative_to(BASE_DIR)}: {match.group(0)[:60]}" for match in pattern.finditer(text)]
    assert project_templates()
    assert offenders == []


def test_inline_script_pattern_catches_what_it_should():
    assert INLINE_SCRIPT.search('<script>alert(1)</script>')
    assert INLINE_SCRIPT.search('<script type="module">')
    assert not INLINE_SCRIPT.search('<script src="/static/js/a.js" defer></script>')
    assert EVENT_HANDLER.search('<button onclick="go()">')
    assert STYLE_ELEMENT_OR_ATTRIBUTE.search('<div style="width: 5%">')


def test_sessions_expire():
    assert django_settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert django_settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.django_db
def test_a_session_ends_after_a_working_day(client, member_a):
    client.post("/accounts/login/", {"username": "member_a", "password": factories.PASSWORD})
    assert client.session.get_expiry_age() == django_settings.SESSION_COOKIE_AGE
    assert client.session.get_expire_at_browser_close()


def test_passwords_are_hashed_with_argon2_outside_the_tests():
    base = importlib.import_module("vinhlinh_portal.settings.base")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    encoded = Argon2PasswordHasher().encode("VinhLinh@2021", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$argon2id$")


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["123", "12345678", "password", "nguyenvanan"])
def test_password_validators_answer_in_vietnamese(password):
    user = factories.user("nguyenvanan")

    def messages(language):
        with translation.override(language):
            with pytest.raises(ValidationError) as refused:
                validate_password(password, user)
            return refused.value.messages

    vietnamese, english = messages("vi"), messages("en")
    assert len(vietnamese) == len(english)
    untranslated = [message for message in vietnamese if message in english]
    assert untranslated == []


def test_password_rules_are_explained_in_vietnamese():
    with translation.override("en"):
        english = password_validators_help_texts()
    with translation.override("vi"):
        vietnamese = password_validators_help_texts()
    assert len(vietnamese) == len(english) == 4
    assert not set(vietnamese) & set(english)
