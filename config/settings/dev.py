"""Local development: DEBUG on unless the environment says otherwise."""

from .base import *  # noqa: F403
from .base import _development_secret_key, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or _development_secret_key()  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
