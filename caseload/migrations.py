"""Numbered schema migrations of the caseload tables (applied after the ressources ones)."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ressources.migrations import _run

migrations = Migrations("binome.caseload")


@migrations(name="0001_territoire_profils_demandeurs")
def m0001(db: Database) -> None:
    _run(
        db,
        """
CREATE TABLE mds (
    slug TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    mds TEXT NOT NULL REFERENCES mds(slug),
    slug TEXT NOT NULL,
    nom TEXT NOT NULL,
    code_insee TEXT NOT NULL REFERENCES communes(code_insee),
    UNIQUE (mds, slug)
);
CREATE TABLE quartiers (
    slug TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    site_id TEXT NOT NULL REFERENCES sites(id)
);
CREATE TABLE commune_secteurs (
    code_insee TEXT PRIMARY KEY REFERENCES communes(code_insee),
    site_id TEXT NOT NULL REFERENCES sites(id),
    indicatif INTEGER NOT NULL DEFAULT 1,
    modifie_par TEXT,
    modifie_le TEXT
);
CREATE TABLE agences (
    slug TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    code_insee TEXT REFERENCES communes(code_insee)
);
CREATE TABLE profils (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('conseiller', 'ass', 'responsable', 'administrateur')),
    prenom TEXT NOT NULL,
    nom TEXT NOT NULL,
    login TEXT UNIQUE,
    mds TEXT REFERENCES mds(slug),
    site_id TEXT REFERENCES sites(id),
    agence TEXT REFERENCES agences(slug),
    partenaire TEXT,
    etp REAL NOT NULL DEFAULT 1.0,
    actif INTEGER NOT NULL DEFAULT 1,
    demo INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ass_secteurs (
    ass_id TEXT NOT NULL REFERENCES profils(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('commune', 'quartier')),
    code TEXT NOT NULL,
    PRIMARY KEY (ass_id, kind, code)
) WITHOUT ROWID;
CREATE INDEX ass_secteurs_code ON ass_secteurs(kind, code);
CREATE TABLE demandeurs (
    id INTEGER PRIMARY KEY,
    conseiller_id TEXT NOT NULL REFERENCES profils(id),
    ass_id TEXT REFERENCES profils(id),
    -- Fiche de liaison (annexe 4): identification
    nom TEXT NOT NULL,
    prenom TEXT NOT NULL,
    date_naissance TEXT NOT NULL,
    adresse TEXT NOT NULL DEFAULT '',
    code_insee TEXT NOT NULL REFERENCES communes(code_insee),
    quartier TEXT REFERENCES quartiers(slug),
    telephone TEXT NOT NULL DEFAULT '',
    courriel TEXT,
    echanges_dematerialises INTEGER NOT NULL DEFAULT 0,
    identifiant_ft TEXT NOT NULL DEFAULT '',
    identifiant_caf TEXT NOT NULL DEFAULT '',
    situation_familiale TEXT CHECK (situation_familiale IN ('seul', 'couple')),
    enfants_a_charge INTEGER NOT NULL DEFAULT 0 CHECK (enfants_a_charge >= 0),
    -- Partie initiant la demande
    initiateur TEXT NOT NULL CHECK (initiateur IN ('france-travail', 'cd82')),
    initiateur_nom TEXT NOT NULL DEFAULT '',
    initiateur_fonction TEXT NOT NULL DEFAULT '',
    -- Atouts, freins (lists of slugs)
    atouts TEXT NOT NULL DEFAULT '[]',
    freins_directs TEXT NOT NULL DEFAULT '[]',
    freins_peripheriques TEXT NOT NULL DEFAULT '[]',
    brsa INTEGER NOT NULL DEFAULT 0,
    -- Décision suite au diagnostic partagé
    decision_demandeur TEXT,
    decision_conseiller TEXT,
    decision_ass TEXT,
    consentement INTEGER NOT NULL DEFAULT 0,
    consentement_date TEXT,
    -- The parcours (caseload.parcours.Parcours, as JSON) and what lists sort and filter on
    parcours TEXT NOT NULL,
    etat TEXT NOT NULL,
    axe TEXT,
    prochaine_echeance TEXT,
    cree_le TEXT NOT NULL,
    modifie_le TEXT NOT NULL,
    demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX demandeurs_conseiller ON demandeurs(conseiller_id);
CREATE INDEX demandeurs_ass ON demandeurs(ass_id);
CREATE INDEX demandeurs_commune ON demandeurs(code_insee);
CREATE TABLE evenements (
    id INTEGER PRIMARY KEY,
    demandeur_id INTEGER NOT NULL REFERENCES demandeurs(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    action TEXT NOT NULL,
    libelle TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    auteur_id TEXT REFERENCES profils(id),
    cree_le TEXT NOT NULL
);
CREATE INDEX evenements_demandeur ON evenements(demandeur_id, date);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    demandeur_id INTEGER NOT NULL REFERENCES demandeurs(id) ON DELETE CASCADE,
    cote TEXT NOT NULL CHECK (cote IN ('france-travail', 'cd82')),
    auteur_id TEXT REFERENCES profils(id),
    date TEXT NOT NULL,
    texte TEXT NOT NULL
);
CREATE INDEX notes_demandeur ON notes(demandeur_id, cote)
""",
    )


_PROFILS_0002 = """
CREATE TABLE profils_0002 (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL
        CHECK (role IN ('conseiller', 'ass', 'responsable', 'partenaire', 'administrateur')),
    prenom TEXT NOT NULL,
    nom TEXT NOT NULL,
    login TEXT UNIQUE,
    mds TEXT REFERENCES mds(slug),
    site_id TEXT REFERENCES sites(id),
    agence TEXT REFERENCES agences(slug),
    partenaire TEXT,
    etp REAL NOT NULL DEFAULT 1.0,
    actif INTEGER NOT NULL DEFAULT 1,
    demo INTEGER NOT NULL DEFAULT 0,
    mot_de_passe TEXT,
    echecs INTEGER NOT NULL DEFAULT 0,
    verrouille_jusqu TEXT
);
INSERT INTO profils_0002 (id, role, prenom, nom, login, mds, site_id, agence, partenaire, etp,
                          actif, demo)
    SELECT id, role, prenom, nom, login, mds, site_id, agence, partenaire, etp, actif, demo
    FROM profils;
DROP TABLE profils;
ALTER TABLE profils_0002 RENAME TO profils
"""


@migrations(name="0002_identite")
def m0002(db: Database) -> None:
    """Partners' staff get a role of their own; profiles get a password hash and a lock.

    SQLite changes a CHECK constraint only by rebuilding the table: the migrations run with
    foreign keys off, checked before they commit (``ressources.db.open_database``), so the
    drop cascades to nothing and the other tables' REFERENCES profils(id) name the new one."""
    _run(db, _PROFILS_0002)


@migrations(name="0003_rgpd")
def m0003(db: Database) -> None:
    """RGPD (avenant, article 6; annexe 4): the journal of access, the limitation of a file,
    and the anonymous facts the indicators keep once a person is erased."""
    _run(
        db,
        """
CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    quand TEXT NOT NULL,
    acteur_id TEXT,
    action TEXT NOT NULL,
    -- The demandeur's id only, never a name: no foreign key, the line outlives an erasure.
    demandeur_id INTEGER,
    canal TEXT NOT NULL DEFAULT 'application',
    details TEXT NOT NULL DEFAULT ''
);
CREATE INDEX journal_demandeur ON journal(demandeur_id, id);
ALTER TABLE demandeurs ADD COLUMN limite_le TEXT;
-- One anonymous fact per row (no person, no link between the facts of one person):
-- what caseload.indicateurs counts, kept when the person is erased or purged.
CREATE TABLE faits_indicateurs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    jour TEXT NOT NULL,
    fin TEXT,
    site TEXT,
    agence TEXT,
    conseiller_id TEXT,
    ass_id TEXT,
    axe TEXT,
    origine TEXT,
    motif TEXT,
    valeur REAL,
    brsa INTEGER NOT NULL DEFAULT 0,
    demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX faits_indicateurs_jour ON faits_indicateurs(kind, jour)
""",
    )


@migrations(name="0004_demandeur_version")
def m0004(db: Database) -> None:
    # A fiche de liaison saved by two people at once: the version opened is compared with the
    # one stored, in the write transaction (compare-and-set), so neither save is lost silently.
    db.execute("ALTER TABLE demandeurs ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
