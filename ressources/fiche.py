"""The "fiche orientation": a plain-language sheet a person takes home.

What it is, where, when, whom to call, what to bring — written for the person, not for
professionals, and printable as plain text.
"""

from __future__ import annotations

import textwrap
from datetime import date

from ressources.horaires import humanize
from ressources.models import FRAIS_LABELS, Resource

# A printed line: the file saved and the text copied are wrapped there.
WIDTH = 72


def fiche_orientation(resource: Resource, *, today: date | None = None, width: int = WIDTH) -> str:
    """The sheet as plain text (UTF-8), ready to print or paste, no line longer than *width*
    (a screen narrower than a printed line asks for less: the title's rule of « = » was
    wider than an 80-column terminal's dialog, and broke onto a second line)."""
    today = today or date.today()
    width = max(20, width)
    lines: list[str] = []
    title = textwrap.wrap(f"FICHE ORIENTATION — {resource.nom}", width)
    lines += [*title, "=" * max(len(line) for line in title), ""]
    if resource.demo:
        lines += ["(Exemple fictif : ressource de démonstration.)", ""]

    def section(heading: str, body: str | list[str]) -> None:
        items = [body] if isinstance(body, str) else body
        items = [i for i in items if i]
        if items:
            lines.append(heading)
            lines.extend(f"  {i}" for i in items)
            lines.append("")

    section("Ce que c'est", [resource.structure_nom, resource.description])
    section("Où", resource.address_line)
    section("Quand", humanize(resource.horaires_accueil))
    contact = []
    if resource.telephone:
        contact.append(f"Téléphone : {resource.telephone}")
    if resource.courriel:
        contact.append(f"Courriel : {resource.courriel}")
    if resource.contact_nom_prenom:
        contact.append(f"Personne à contacter : {resource.contact_nom_prenom}")
    if resource.site_web:
        contact.append(f"Site : {resource.site_web}")
    section("Qui contacter", contact)
    section(
        "Comment faire", [", ".join(resource.mobilisation_labels), resource.mobilisation_precisions]
    )
    section("Ce qu'il faut apporter, conditions", resource.conditions_acces)
    section("Pour qui", [", ".join(resource.publics_labels), resource.publics_precisions])
    frais = FRAIS_LABELS.get(resource.frais, "")
    section("Combien", [frais, resource.frais_precisions])
    lines.append(
        f"Fiche remise le {today.strftime('%d/%m/%Y')} — informations vérifiées le "
        f"{_fr_date(resource.date_revue)}."
    )
    return "\n".join(_wrapped(line, width) for line in lines) + "\n"


def _wrapped(line: str, width: int) -> str:
    """A line cut at words to *width*, its indentation kept on the lines it continues on
    (an address or a web address longer than the line is left whole)."""
    if len(line) <= width:
        return line
    indent = line[: len(line) - len(line.lstrip())]
    return "\n".join(
        textwrap.wrap(
            line,
            width,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


def _fr_date(iso: str) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return iso or "date inconnue"
