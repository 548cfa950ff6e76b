"""English at the root, Spanish under /es/: the catalog, the URLs, the switch, the
alternates, and the rules (no cookie on the finder, the API stays English)."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from pathways.core.i18n import strip_language_prefix, url_in_language

LOCALE = Path(settings.BASE_DIR) / "pathways" / "locale" / "es" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"

# %(name)s, %s, %d (not %%), and {name} placeholders
PLACEHOLDER = re.compile(r"%\([a-zA-Z_]+\)[sdif]|%[sdif]|\{[a-zA-Z_]+\}")


# -- a small .po reader (no dependency) -----------------------------------------------


def _unquote(text: str) -> str:
    return ast.literal_eval(text)


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr (a dict: -1 for
    the one form, 0..n for plurals) and flags."""
    entries: list[dict] = []
    cur: dict | None = None
    field: tuple[str, int] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if cur is not None:
                entries.append(cur)
            cur, field = None, None
            continue
        if cur is None:
            cur = {"msgctxt": None, "msgid_plural": None, "msgstr": {}, "flags": []}
        if line.startswith("#,"):
            cur["flags"] += [f.strip() for f in line[2:].split(",")]
            continue
        if line.startswith("#"):
            continue
        m = re.match(
            r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (\".*\")$", line
        )
        if m:
            key, index, value = m.group(1), m.group(2), _unquote(m.group(3))
            if key == "msgstr":
                field = ("msgstr", int(index) if index is not None else -1)
                cur["msgstr"][field[1]] = value
            else:
                field = (key, 0)
                cur[key] = value
            continue
        assert line.startswith('"'), f"unreadable line in {path}: {raw!r}"
        if field[0] == "msgstr":
            cur["msgstr"][field[1]] += _unquote(line)
        else:
            cur[field[0]] += _unquote(line)
    return entries


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A request to /es/ leaves Spanish active in this thread; tests that run
    later and call reverse() outside a request expect English."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="module")
def po_entries() -> list[dict]:
    entries = read_po(PO)
    assert entries[0]["msgid"] == "", "the .po starts with its header"
    return entries[1:]


def _label(e: dict) -> str:
    return (f"[{e['msgctxt']}] " if e["msgctxt"] else "") + e["msgid"]


# -- the catalog ----------------------------------------------------------------------


def test_catalog_is_complete_and_not_fuzzy(po_entries):
    assert len(po_entries) > 500
    untranslated = [
        _label(e)
        for e in po_entries
        if not all(v.strip() for v in e["msgstr"].values())
    ]
    fuzzy = [_label(e) for e in po_entries if "fuzzy" in e["flags"]]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy entries: {fuzzy[:10]}"
    plural = [e for e in po_entries if e["msgid_plural"] is not None]
    assert plural and all(set(e["msgstr"]) == {0, 1, 2} for e in plural)


def test_placeholders_are_kept(po_entries):
    wrong = []
    for e in po_entries:
        wanted = set(PLACEHOLDER.findall(e["msgid"])) | set(
            PLACEHOLDER.findall(e["msgid_plural"] or "")
        )
        for form, text in e["msgstr"].items():
            got = set(PLACEHOLDER.findall(text))
            # A plural's singular may say "one" instead of showing the count.
            ok = got == wanted or (form == 0 and got <= wanted)
            if not ok:
                wrong.append((_label(e), form, sorted(wanted), sorted(got)))
        # HTML tags stay the same too (links, emphasis).
        tags = sorted(re.findall(r"</?[a-z]+", e["msgid"]))
        for text in e["msgstr"].values():
            if sorted(re.findall(r"</?[a-z]+", text)) != tags:
                wrong.append((_label(e), "tags", tags, text))
    assert not wrong, wrong[:10]


def test_spanish_is_person_first(po_entries):
    banned = re.compile(r"\b(adict[oa]s?|drogadict[oa]s?|limpi[oa]s?|abusador)", re.I)
    found = [
        text for e in po_entries for text in e["msgstr"].values() if banned.search(text)
    ]
    assert not found, found


def test_committed_mo_matches_po(po_entries):
    """The .mo is committed so a fresh clone needs no msgfmt: it must say exactly
    what the .po says (run `make messages` after editing the .po)."""
    with MO.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # noqa: SLF001
    expected: dict = {}
    for e in po_entries:
        key = f"{e['msgctxt']}\x04{e['msgid']}" if e["msgctxt"] else e["msgid"]
        if e["msgid_plural"] is None:
            expected[key] = e["msgstr"][-1]
        else:
            for form, text in e["msgstr"].items():
                expected[(key, form)] = text
    got = {k: v for k, v in catalog.items() if k != ""}
    assert got == expected


def test_every_policy_topic_string_is_in_the_catalog():
    """Topic names, descriptions and category labels are marked with gettext_noop
    in pathways/policy/topics.py (they stay English in the data and the API) and
    translated where pages show them."""
    from pathways.policy.topics import TOPICS

    needed = set()
    for t in TOPICS.values():
        needed |= {t.name, t.description, *(label for _, label in t.categories)}
    catalog = {e["msgid"] for e in read_po(PO)}
    missing = sorted(s for s in needed if s and s not in catalog)
    assert not missing, "mark these in pathways/policy/topics.py: " + repr(missing)


# -- URLs and the switch --------------------------------------------------------------


def test_reverse_follows_the_active_language():
    with translation.override("en"):
        assert reverse("maps:map") == "/map/"
    with translation.override("es"):
        assert reverse("maps:map") == "/es/map/"
        assert reverse("treatment:find") == "/es/find/"
        assert reverse("home") == "/es/"
        # Not translated: the admin, the API and the health probe.
        assert reverse("healthz") == "/healthz"
        assert reverse("admin:index") == "/admin/"


# The same page in English and in Spanish; the switch goes both ways.
SAME_PAGE = [
    ("/library/?page=2", "/es/library/?page=2"),
    ("/find/?zip=97214&payment=medicaid", "/es/find/?zip=97214&payment=medicaid"),
    ("/find/?zip=97214", "/es/find/?zip=97214"),
    ("/", "/es/"),
    # A path that resolves nowhere still gets a working switch.
    ("/no-such-page/?x=1", "/es/no-such-page/?x=1"),
    ("/no-such-page/", "/es/no-such-page/"),
]


@pytest.mark.parametrize("to", ["es", "en"])
@pytest.mark.parametrize(("english", "spanish"), SAME_PAGE)
def test_url_in_language(english, spanish, to):
    given, expected = (english, spanish) if to == "es" else (spanish, english)
    assert url_in_language(given, to) == expected


def test_strip_language_prefix():
    assert strip_language_prefix("/es/find/") == "/find/"
    assert strip_language_prefix("/es") == "/"
    assert strip_language_prefix("/find/") == "/find/"
    assert strip_language_prefix("/estados/") == "/estados/"


# -- pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_english_at_the_root_spanish_under_es(client):
    en = client.get("/")
    es = client.get("/es/")
    assert en.status_code == 200 and es.status_code == 200
    en_html, es_html = en.content.decode(), es.content.decode()
    assert '<html lang="en">' in en_html and '<html lang="es">' in es_html
    assert ">Find help<" in en_html and ">Policy map<" in en_html
    assert ">Buscar ayuda<" in es_html and ">Mapa de políticas<" in es_html
    assert "Saltar al contenido principal" in es_html
    assert en["Content-Language"] == "en" and es["Content-Language"] == "es"
    # Links inside a Spanish page stay in Spanish.
    assert 'href="/es/map/"' in es_html and 'href="/es/find/"' in es_html
    assert 'href="/map/"' not in es_html


@pytest.mark.django_db
def test_no_accept_language_guessing_at_the_root(client):
    """The root is English whatever the browser says: a URL names its language."""
    resp = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert resp.status_code == 200
    assert '<html lang="en">' in resp.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("/states/?state=&x=%3Cb%3E", "/es/states/?state=&amp;x=%3Cb%3E"),
        ("/es/states/", "/states/"),
        ("/es/search/?q=naloxona", "/search/?q=naloxona"),
    ],
)
def test_switch_link_keeps_path_and_query(client, path, other):
    html = client.get(path).content.decode()
    m = re.search(r'<div class="lang-switch">(.*?)</div>', html, re.S)
    assert m, "every page has the language switch"
    switch = m.group(1)
    assert f'href="{other}"' in switch
    code = "en" if path.startswith("/es/") else "es"
    assert f'hreflang="{code}"' in switch and f'lang="{code}"' in switch
    assert ("English" if code == "en" else "Español") in switch


@pytest.mark.django_db
def test_hreflang_alternates_on_every_page(client):
    html = client.get("/es/states/?x=1").content.decode()
    for code, url in (
        ("en", "http://testserver/states/?x=1"),
        ("es", "http://testserver/es/states/?x=1"),
        ("x-default", "http://testserver/states/?x=1"),
    ):
        assert f'<link rel="alternate" hreflang="{code}" href="{url}">' in html


@pytest.mark.django_db
def test_spanish_404(client):
    resp = client.get("/es/no-such-page/")
    html = resp.content.decode()
    assert resp.status_code == 404
    assert '<html lang="es">' in html and "Página no encontrada" in html
    assert 'href="/no-such-page/"' in html  # the same address in English


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/find/", "/es/find/", "/es/find/?zip=97214"])
def test_finder_sets_no_cookie(client, path):
    resp = client.get(path)
    assert resp.status_code < 500
    assert not resp.cookies, resp.cookies
    assert "Set-Cookie" not in resp.headers


@pytest.mark.django_db
def test_api_and_probe_stay_english(client):
    for path in ("/api/v1/sources", "/healthz"):
        resp = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
        assert resp.status_code == 200, path
        assert resp["Content-Language"] == "en", path


@pytest.mark.django_db
def test_spanish_pages_use_spanish_dates_and_labels(client):
    url = "/compare/?states=OR&states=WA&date=2024-03-05"
    es = client.get("/es" + url).content.decode()
    assert "5 de marzo de 2024" in es
    assert "Comparar estados" in es or "Cambiar los estados" in es
    assert "March 5, 2024" in client.get(url).content.decode()


@pytest.mark.django_db
def test_sign_up_from_spanish_pages_mails_in_spanish(client):
    cache.clear()
    resp = client.post("/es/updates/", {"email": "persona@example.org", "zip": ""})
    assert resp.status_code == 302 and resp["Location"] == "/es/updates/check-inbox/"
    assert (
        "Revisa tu bandeja de entrada" in client.get(resp["Location"]).content.decode()
    )
    (message,) = mail.outbox
    assert message.subject == "Confirma tu suscripción a las novedades de Pathways"
    assert "Para confirmar, abre este enlace" in message.body
    assert "http://testserver/es/updates/confirm/" in message.body
    cache.clear()
