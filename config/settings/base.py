"""Settings shared by every environment. Everything that differs comes from the
environment: DATABASE_URL, PATHWAYS_DATA_DIR, SECRET_KEY, DEBUG, ALLOWED_HOSTS."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PATHWAYS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [v.strip() for v in os.environ.get(name, default).split(",") if v.strip()]


def _default_data_dir() -> Path | None:
    candidate = (BASE_DIR.parent / "shared" / "data").resolve()
    return candidate if candidate.is_dir() else None


def _development_secret_key() -> str:
    """A random key kept in var/ so sessions survive restarts in development."""
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or ""
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

_data_dir = os.environ.get("PATHWAYS_DATA_DIR")
PATHWAYS_DATA_DIR: Path | None = (
    Path(_data_dir).resolve() if _data_dir else _default_data_dir()
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "ninja",  # serves the API docs (Swagger UI) from local static files, no CDN
    "pathways.core",
    "pathways.places",
    "pathways.stats",
    "pathways.policy",
    "pathways.ingest",
    "pathways.maps",
    "pathways.states",
    "pathways.provenance",
    "pathways.treatment",
    "pathways.library",
    "pathways.staff",
    "pathways.newsletter",
    "pathways.search",
    "pathways.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pathways.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "pathways.core.i18n.UntranslatedPathsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "pathways.core.middleware.ApiCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pathways" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pathways.core.i18n.language_links",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL")
        or f"sqlite:///{(VAR_DIR / 'pathways.sqlite3').as_posix()}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the site keep reading while an ingest writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "pathways" / "locale"]
# date:"DATE_FORMAT" is "March 5, 2024" in English, "5 de marzo de 2024" in Spanish.
FORMAT_MODULE_PATH = ["pathways.formats"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "pathways" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Mail: console in development unless EMAIL_BACKEND says otherwise; the newsletter
# uses Django's mail API only (no third-party service).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Pathways <updates@pathways.example>"
)

# One process: memory. Several workers (production): set REDIS_URL so rate limits
# and cached pages are shared, e.g. redis://127.0.0.1:6379/1.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pathways",
        }
    )
}

# Finder maps are drawn from local outlines (us-atlas) and ask no other host for
# anything. A deployment that wants a tile background may set a tile URL such as
# "https://tile.example/{z}/{x}/{y}.png" (Web Mercator, 256 px) and the credit the
# provider requires; empty (the default) means no tiles.
PATHWAYS_MAP_TILE_URL = os.environ.get("PATHWAYS_MAP_TILE_URL", "")
PATHWAYS_MAP_TILE_ATTRIBUTION = os.environ.get("PATHWAYS_MAP_TILE_ATTRIBUTION", "")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Log no personal data: no request lines with query strings, no IP addresses.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
        "pathways": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
