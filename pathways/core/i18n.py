"""English at the root, Spanish under /es/: the links between the two.

``language_links`` (a context processor) gives every page
* ``language_switch``: the same page (path and query) in the other language, as a
  plain link: no POST, no cookie, so it works on pages that must set no cookies;
* ``language_alternates``: absolute URLs of the page in every language plus
  ``x-default`` (English), for ``<link rel="alternate" hreflang>``;
* ``unprefixed_path``: the path without its language prefix, for "you are here"
  marks in the navigation.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation

DEFAULT = settings.LANGUAGE_CODE


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # the language's own name: "English", "Español"
    url: str


def strip_language_prefix(path: str) -> str:
    """``/es/find/`` -> ``/find/``; ``/es`` -> ``/``; other paths unchanged."""
    for code, _name in settings.LANGUAGES:
        if code == DEFAULT:
            continue
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
        if path == prefix[:-1]:
            return "/"
    return path


def url_in_language(full_path: str, code: str) -> str:
    """The same path and query in another language.

    Uses Django's ``translate_url`` (which resolves the path and reverses it with
    the language active), and falls back to stripping/adding the prefix for paths
    that do not resolve (a 404 page still gets a working switch)."""
    translated = translate_url(full_path, code)
    if translated != full_path or _language_of(full_path) == code:
        return translated
    parts = urlsplit(full_path)
    bare = strip_language_prefix(parts.path)
    path = bare if code == DEFAULT else f"/{code}{bare}"
    return urlunsplit(("", "", path, parts.query, ""))


def _language_of(path: str) -> str:
    return DEFAULT if strip_language_prefix(path) == path else path.split("/", 2)[1]


def language_links(request: HttpRequest) -> dict[str, object]:
    full_path = request.get_full_path()
    urls = {code: url_in_language(full_path, code) for code, _ in settings.LANGUAGES}
    return {
        **switch_and_alternates(request, urls),
        "unprefixed_path": strip_language_prefix(request.path),
    }


def switch_and_alternates(
    request: HttpRequest, urls: dict[str, str]
) -> dict[str, list[LanguageLink]]:
    """``language_switch`` (links to the other languages) and
    ``language_alternates`` (absolute, plus x-default) for a page whose version
    in each language is at ``urls[code]``. Pages whose translations live at other
    addresses (library items) call this with those addresses."""
    current = translation.get_language() or DEFAULT
    names = dict(settings.LANGUAGES)
    links = [LanguageLink(code, names[code], urls[code]) for code in names]
    alternates = [
        LanguageLink(link.code, link.name, request.build_absolute_uri(link.url))
        for link in links
    ]
    default = next(a for a in alternates if a.code == DEFAULT)
    alternates.append(LanguageLink("x-default", default.name, default.url))
    return {
        "language_switch": [link for link in links if link.code != current],
        "language_alternates": alternates,
    }


class UntranslatedPathsMiddleware:
    """The API, its docs and the health probe answer in English whatever the
    Accept-Language header says: their field labels are part of the contract, and
    their cached answers must not depend on a header. (Put after LocaleMiddleware.)"""

    PREFIXES = ("/api/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path.startswith(self.PREFIXES):
            translation.activate(DEFAULT)
            request.LANGUAGE_CODE = DEFAULT
        return self.get_response(request)
