"""The "fiche orientation": a plain-language sheet a person takes home.

What it is, where, when, whom to call, what to bring — written for the person, not for
professionals, and printable as plain text.
"""

from __future__ import annotations

from datetime import date

from ressources.horaires import humanize
from ressources.models import FRAIS_LABELS, Resource

WIDTH = 72


def fiche_orientation(resource: Resource, *, today: date | None = None) -> str:
    """The sheet as plain text (UTF-8), ready to print or paste."""
    today = today or date.today()
    lines: list[str] = []
    title = f"FICHE ORIENTATION — {resource.nom}"
    lines += [title, "=" * min(len(title), WIDTH), ""]
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
    return "\n".join(lines) + "\n"


def _fr_date(iso: str) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return iso or "date inconnue"
