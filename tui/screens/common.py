"""Small helpers the caseload screens share: French dates, the "no profile" message."""

from __future__ import annotations

import re
from datetime import date

from rich.text import Text

from caseload.acces import os_account
from caseload.parcours import AlertKind
from ressources.errors import InvalidValue
from ressources.text import fold

_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")

# Short names of the alerts for lists and counts (the full message is on the fiche).
ALERT_SHORT = {
    AlertKind.ENTREE: "entrée",
    AlertKind.BILAN: "bilan",
    AlertKind.DUREE_MAXIMALE: "18 mois",
    AlertKind.EVALUATION_AXE3: "évaluation axe 3",
    AlertKind.ENTRETIEN_ASS: "entretien ASS",
    AlertKind.PERIODE_ESSAI: "période d'essai",
    AlertKind.ABSENCE_RDV: "absence au rendez-vous",
    AlertKind.ASS_A_DESIGNER: "ASS à désigner",
}


def fr_date(value: date | str | None) -> str:
    """``date(2026, 11, 23)`` or ``"2026-11-23"`` → ``"23/11/2026"``; empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def parse_fr_date(text: str) -> date:
    """``"23/11/2026"`` (also ``23-11-2026``, ``23.11.2026``, ``1/2/2026``) → a date."""
    match = _DATE.match(text or "")
    if match is None:
        shown = text.strip() or "vide"
        raise InvalidValue(f"Date invalide « {shown} » : JJ/MM/AAAA attendu (ex. 23/11/2026).")
    day, month, year = (int(x) for x in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue(
            f"Date invalide « {text.strip()} » : ce jour n'existe pas dans le calendrier."
        ) from None


def no_profil_message(what: str) -> Text:
    """What the caseload screens show when no profile is configured."""
    return Text.assemble(
        ("Aucun profil n'est configuré pour cette session\n\n", "bold"),
        f"{what} demande un profil : conseiller France Travail, assistant(e) de service "
        "social ou responsable MDS.\n\n",
        "Binôme vous reconnaît par votre compte du poste (",
        (os_account() or "?", "bold"),
        ") : demandez à l'administrateur de Binôme de créer votre profil pour ce compte ",
        ("binome profil-ajouter … --login COMPTE", "bold"),
        ". Sur la base de démonstration, ",
        ("binome --user IDENTIFIANT", "bold"),
        " prend un profil fictif.\n\n",
        "La base de ressources (",
        ("F2", "bold"),
        "), la sectorisation (",
        ("F4", "bold"),
        ") et les indicateurs (",
        ("F5", "bold"),
        ") restent disponibles.",
    )


# « Saint- » and « Sainte- » inside a commune's name, as road signs shorten them.
_SAINT = re.compile(r"\b(Saint|Sainte)-")


def commune_forms(nom: str) -> tuple[str, ...]:
    """A commune's name, then shortened as French road signs do (« St-Antonin-Noble-Val »,
    « Labastide-St-Pierre »): a narrow column shows the short form whole rather than the
    long one cut (« Saint-Antonin-Noble » at 120 columns, issue 13)."""
    short = _SAINT.sub(lambda m: "St-" if m.group(1) == "Saint" else "Ste-", nom)
    return (nom, short) if short != nom else (nom,)


# « Accueil social … - Castelsarrasin », « … - France Services Septfonds »: what follows the
# last dash names where or by whom, as the list's other columns and the detail do.
# (The last spaced dash: « Beaumont-de-Lomagne » keeps its hyphens.)
_NAME_TAIL = re.compile(r"\s+[-–—]\s+(?P<tail>(?:(?!\s[-–—]\s).)+)$")


def result_name_forms(nom: str, commune: str, structure: str) -> tuple[str, ...]:
    """A result's name, then shorter forms that keep what tells it from its neighbours:
    its commune abbreviated as road signs do, then its end left out when it only repeats
    the commune (in its own column) or the structure (in the detail): « Distribution
    alimentaire des Restos du cœur - Montauban » is shown « Distribution alimentaire des
    Restos du cœur » beside « Montauban » at 80 columns rather than cut at « … - Mont »
    (issue 13). A name still too long is cut with « … »."""
    forms = [nom]
    short = _SAINT.sub(lambda m: "St-" if m.group(1) == "Saint" else "Ste-", nom)
    if short != nom:
        forms.append(short)
    found = _NAME_TAIL.search(nom)
    if found is not None and found.start() > 0:
        tail = fold(found.group("tail"))
        place, keeper = fold(commune), fold(structure)
        if (place and place in tail) or (keeper and (tail in keeper or keeper in tail)):
            forms.append(nom[: found.start()])
    return tuple(forms)
