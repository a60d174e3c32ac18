"""Records the tests build and import: data·inclusion structures and services (`structure`,
`service`), and one service with every field of the table (`full_record`, `as_file`)."""

from __future__ import annotations

from ressources.record import DATE, LOCAL_RECORD, NUMBER, SERVICE_RECORD, SLUGS, TEXT, WORDS


def structure(i, **extra):
    record = {
        "source": "test",
        "id": f"test--st{i}",
        "nom": f"Structure numéro {i}",
        "date_maj": "2025-03-01",
        "code_insee": "82112",
        "commune": "Moissac",
        "code_postal": "82200",
        "adresse": "1 rue de la Paix",
    }
    record.update(extra)
    return record


def service(i, structure_id="test--st1", **extra):
    record = {
        "source": "test",
        "id": f"test--sv{i}",
        "structure_id": structure_id,
        "nom": f"Service d'aide numéro {i}",
        "description": "Un service pour accompagner les personnes dans leurs démarches.",
        "date_maj": "2025-03-01",
        "thematiques": ["logement-hebergement--louer-un-logement"],
        "publics": ["tous-publics"],
        "frais": "gratuit",
        "zone_eligibilite": ["82"],
    }
    record.update(extra)
    return record


STRUCTURE = {
    "source": "test",
    "id": "test--st1",
    "nom": "Centre social",
    "date_maj": "2025-03-01",
    "code_insee": "82112",
    "commune": "Moissac",
    "code_postal": "82200",
}


# A value the national schema takes for each of its fields (they come from the schema);
# Binôme's own fields get one by their kind, so that a field added to the table is covered.
NATIONAL_SAMPLE = {
    "source": "test",
    "structure_id": "test--st1",
    "id": "test--sv1",
    "nom": "Permanence budget",
    "description": "Faire le point sur son budget et ses dettes, sur rendez-vous.",
    "lien_source": "https://exemple.fr/permanence",
    "date_maj": "2025-03-01",
    "type": "accompagnement",
    "thematiques": ["famille--garde-denfants", "logement-hebergement--louer-un-logement"],
    "frais": "payant",
    "frais_precisions": "5 € par séance",
    "publics": ["familles", "jeunes"],
    "publics_precisions": "Parents d'enfants de moins de 3 ans",
    "conditions_acces": "Sur rendez-vous",
    "commune": "Moissac",
    "code_postal": "82200",
    "code_insee": "82112",
    "adresse": "1 place Durand de Bredon",
    "complement_adresse": "Bâtiment B",
    "longitude": 1.09,
    "latitude": 44.1,
    "telephone": "05 63 04 00 00",
    "courriel": "accueil@exemple.fr",
    "modes_accueil": ["a-distance", "en-presentiel"],
    "zone_eligibilite": ["82112", "82"],
    "contact_nom_prenom": "Anne Martin",
    "lien_mobilisation": "https://exemple.fr/rdv",
    "modes_mobilisation": ["envoyer-un-courriel", "telephoner"],
    "mobilisable_par": ["professionnels", "usagers"],
    "mobilisation_precisions": "Laisser un message",
    "volume_horaire_hebdomadaire": 2.5,
    "nombre_semaines": 12,
    "horaires_accueil": "Mo-Fr 09:00-12:00",
}


BY_KIND = {
    SLUGS: ["difficultes-financieres", "famille"],
    WORDS: ["budget", "dettes ; crédits"],
    TEXT: "cd82-mds-castelsarrasin-moissac",
    DATE: "2026-01-15",
    NUMBER: 3,
}


def full_record() -> dict:
    """Every field of the table with a value: the national ones, then Binôme's."""
    national = [f for f in SERVICE_RECORD if f.national]
    assert {f.name for f in national} == set(NATIONAL_SAMPLE)  # a new national field: add it
    return {**NATIONAL_SAMPLE, **{f.name: BY_KIND[f.kind] for f in LOCAL_RECORD}}


def as_file(record: dict) -> dict:
    """*record* as a data·inclusion file holds it: Binôme's fields under ``binome``."""
    service = {f.name: record[f.name] for f in SERVICE_RECORD if f.national}
    service["binome"] = {f.extension_key: record[f.name] for f in LOCAL_RECORD}
    return service
