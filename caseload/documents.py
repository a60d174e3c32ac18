"""The documents that leave Binôme, as PDF: the fiche de liaison (annexe 4) sent through
Fil'R, and the courrier to the demandeur with the ASS's name and the rendez-vous.

Sources, in ``../shared/seeds/``: ``000_1487f3af1521833f.txt``, annexe 4 (the fiche: « rayer la
mention inutile », initiating party, identification, atouts, freins, « DÉCISION SUITE AU
DIAGNOSTIC PARTAGE », « BILAN DE L’ACCOMPAGNEMENT ET DÉCISION », the signatures, the RGPD
notice), and annexe 1, axe 2, §2 (« Un courrier sera adressé au demandeur d’emploi avec le nom
du travailleur social et un rendez-vous », :data:`caseload.parcours.RDV_COURRIER`).

Who may produce them (:func:`exiger_droit`): the binôme (the conseiller and the ASS of the
demandeur) or the responsable of the MDS of the person's home. The file is opened with
``Caseload.get``, so the reading is journaled (RGPD), and the production too.

Only the fiche's fields are printed: nothing financial (« Aucune information d’ordre
économique et financière ne doit être communiquée »). The text uses a Unicode TrueType font
(DejaVu Sans, Debian's ``fonts-dejavu-core``) so that accents, ☐/☒ and « » print right.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from caseload import parcours
from caseload.acces import get_profil
from caseload.fiche import ATOUTS, FREINS_DIRECTS, FREINS_PERIPHERIQUES, SITUATIONS
from caseload.store import Caseload, Demandeur
from ressources.db import retrying
from ressources.errors import AccessDenied, BinomeError

if TYPE_CHECKING:
    from fpdf import FPDF

# Where DejaVu Sans is on Debian (fonts-dejavu-core) and other systems; $BINOME_POLICE_TTF
# names another Unicode TrueType font (its bold is looked for beside it as *-Bold.ttf).
FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
)
FONT = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"

COCHE, VIDE = "☒", "☐"
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MOIS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

# Annexe 4, verbatim (the convention's own words, « Pôle emploi » included).
ECHANGE = (
    "L’échange de données est limité strictement aux données listées ci-dessous et l’envoi de "
    "la fiche s’effectuera via « FIL’R »."
)
FINANCIER = "Aucune information d’ordre économique et financière ne doit être communiquée"
RGPD_CONFORMITE = (
    "Information de conformité RGPD : Pôle Emploi et le Département de Tarn-et-Garonne "
    "s'engagent au respect du Règlement Général sur la Protection des Données à caractère "
    "personnel (RGPD) conformément au règlement (UE) 2016/679 du Parlement européen et du Conseil "
    "du 27 avril 2016. Les données recueillies sur ce formulaire sont traitées dans le seul cadre "
    "défini dans le cadre de la convention de coopération signée entre les deux parties. Pour "
    "exercer vos droits de rectification, d'effacement et de limitation de traitement ou pour "
    "toute question sur le traitement de vos données dans ce dispositif, vous pouvez contacter "
    "soit le délégué à la protection des données (DPO) à Pôle Emploi courriers-cnil@pole-emploi.fr "
    "soit au département dpo@ledepartement82.fr ou par courrier au Département 100 boulevard "
    "Hubert Gouzes BP 783 82013 Montauban cedex."
)
RGPD_CONSERVATION = (
    "Vos données personnelles listées ci-dessus font donc l’objet d’un traitement de données à "
    "caractère personnel. Elles sont conservées pendant la durée nécessaire à l’exécution de la "
    "convention et au plus tard dans un délai de 10 ans à compter de la fin de la convention. "
    "Vous disposez notamment d’un droit d’accès et de rectification en vous adressant à la "
    "déléguée à la protection des données (DPO) de Pôle emploi par courriel à "
    "courriers-cnil@pole-emploi.fr ou au DPO du département à dpo@ledepartement82.fr ou par "
    "courrier au Département 100 boulevard Hubert Gouzes BP 783 82013 Montauban cedex. Par "
    "ailleurs, vous disposez du droit d'introduire une réclamation auprès de la CNIL à partir de "
    "son site internet www.cnil.fr"
)
RGPD_ECHANGE = (
    "Dans le cadre de la convention de coopération signée entre Pôle emploi, représenté par sa "
    "Directrice Territoriale Mme Murielle HENRY domiciliée en cette qualité au 35-37 rue "
    "Michelet – 82000 Montauban, et le Conseil Départemental de Tarn et Garonne (le partenaire), "
    "représenté par son Président, M. Michel WEILL, domicilié en cette qualité 100 boulevard H "
    "Gouze – 820013 Montauban cedex, un échange de données personnelles est mis en œuvre entre "
    "Pôle emploi et le partenaire afin de renforcer la complémentarité de leurs actions propres "
    "à favoriser l’insertion professionnelle des demandeurs d’emploi concernés. La mise en œuvre "
    "de l’accompagnement global repose sur une prise en charge conjointe des besoins sociaux et "
    "professionnels d’un demandeur d’emploi par un conseiller Pôle emploi et un professionnel du "
    "travail social travaillant de manière simultanée et complémentaire. Les autorités et les "
    "services nationaux et européens chargés du contrôle de la bonne utilisation du FSE peuvent "
    "être destinataires de cette fiche de liaison."
)
SIGNATURES = (
    "Le demandeur",
    "Le conseiller France Travail",
    "Assistant de service social Département 82",
)


class FontNotFound(BinomeError):
    """No Unicode TrueType font to print accents with."""

    def __init__(self) -> None:
        super().__init__(
            "Police DejaVu Sans introuvable : installez le paquet fonts-dejavu-core "
            "(apt-get install fonts-dejavu-core) ou indiquez une police TrueType dans "
            "BINOME_POLICE_TTF."
        )


def font_paths() -> tuple[Path, Path]:
    """(regular, bold) TrueType files; the bold falls back to the regular one."""
    chosen = os.environ.get("BINOME_POLICE_TTF")
    if chosen:
        regular = Path(chosen)
        if not regular.is_file():
            raise FontNotFound()
        bold = regular.with_name(regular.stem + "-Bold" + regular.suffix)
        return regular, bold if bold.is_file() else regular
    for folder in FONT_DIRS:
        regular = Path(folder) / FONT
        if regular.is_file():
            bold = Path(folder) / FONT_BOLD
            return regular, bold if bold.is_file() else regular
    raise FontNotFound()


def fr_long(day: date) -> str:
    """``date(2026, 11, 30)`` → ``lundi 30 novembre 2026``."""
    return f"{JOURS[day.weekday()]} {day.day} {MOIS[day.month - 1]} {day.year}"


def _fr(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…………"


def require_right(caseload: Caseload, d: Demandeur) -> None:
    """Only the binôme or the responsable of the MDS of the person's home produce a document
    about the person (the convention's exchanges are between them, through Fil'R)."""
    profil = caseload.profil
    if profil.id in (d.conseiller_id, d.ass_id):
        return
    if profil.role == "responsable" and profil.mds == caseload.secteur(d).mds.slug:
        return
    raise AccessDenied(
        "Seuls le conseiller et l'ASS du demandeur, ou le responsable de sa MDS, produisent ses "
        "documents."
    )


class _Pdf:
    """A thin layer over fpdf2: one A4 page flow with the Unicode font."""

    def __init__(self, title: str) -> None:
        from fpdf import FPDF

        regular, bold = font_paths()
        self.pdf = FPDF(format="A4")
        self.pdf.set_title(title)
        self.pdf.set_creator("Binôme")
        self.pdf.set_auto_page_break(auto=True, margin=15)
        self.pdf.add_font("Texte", "", str(regular))
        self.pdf.add_font("Texte", "B", str(bold))
        self.pdf.add_page()
        self.pdf.set_margins(15, 15, 15)

    def text(self, content: str, *, size: float = 10, bold: bool = False, gap: float = 1) -> None:
        self.pdf.set_font("Texte", "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.5, content, align="L", new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(gap)

    def heading(self, content: str) -> None:
        self.pdf.ln(2)
        self.text(content, size=11, bold=True)

    def rule(self) -> None:
        y = self.pdf.get_y()
        self.pdf.line(15, y, 195, y)
        self.pdf.ln(2)

    def signatures(self, names: tuple[str, str, str]) -> None:
        """The form's three signature blocks side by side, each a frame with its label, the
        name printed, and room to sign."""
        width, height, gap = 58, 26, 3
        y = self.pdf.get_y() + 1
        for index, (label, name) in enumerate(zip(SIGNATURES, names, strict=True)):
            x = 15 + index * (width + gap)
            self.pdf.rect(x, y, width, height)
            self.pdf.set_xy(x + 1.5, y + 1.5)
            size = 8.0
            self.pdf.set_font("Texte", "B", size)
            while self.pdf.get_string_width(label) > width - 4 and size > 6:
                size -= 0.5  # the form's label on one line
                self.pdf.set_font("Texte", "B", size)
            self.pdf.multi_cell(width - 3, 3.6, label, align="L")
            self.pdf.set_x(x + 1.5)
            self.pdf.set_font("Texte", "", 8)
            self.pdf.multi_cell(width - 3, 3.6, name, align="L")
            self.pdf.set_xy(x + 1.5, y + height - 5)
            self.pdf.set_font("Texte", "", 7)
            self.pdf.cell(width - 3, 3.6, "Signature")
        self.pdf.set_xy(15, y + height + 3)

    def keep_together(self, draw: Callable[[], None]) -> None:
        """Draw a section on the current page if it fits, else on a new one: a block of
        decisions is never cut from its signatures. The section is first drawn on fpdf2's
        dummy copy to see whether it would break the page."""
        real = self.pdf
        with real.offset_rendering() as dummy:
            self.pdf = cast("FPDF", dummy)  # the recorder stands in for the document
            try:
                draw()
            finally:
                self.pdf = real
        if dummy.page_break_triggered:
            real.add_page()
        draw()

    def struck_title(self, parts: list[tuple[str, bool]], size: float) -> None:
        """One line of bold text whose parts marked True are struck through (« rayer la
        mention inutile », done for the reader)."""
        self.pdf.set_font("Texte", "B", size)
        height = size * 0.5
        margin, self.pdf.c_margin = self.pdf.c_margin, 0  # the line covers the word, no more
        for part, struck in parts:
            x, y = self.pdf.get_x(), self.pdf.get_y()
            width = self.pdf.get_string_width(part)
            self.pdf.cell(width, height, part)
            if struck:
                self.pdf.set_line_width(0.5)
                self.pdf.line(x, y + height / 2, x + width, y + height / 2)
                self.pdf.set_line_width(0.2)
        self.pdf.c_margin = margin
        self.pdf.ln(height + 1)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _box(checked: bool, label: str) -> str:
    return f"{COCHE if checked else VIDE} {label}"


def _boxes(chosen: list[str], labels: dict[str, str]) -> str:
    return "\n".join(_box(k in chosen, v) for k, v in labels.items())


def _yes_no(value: str | None, axe: str) -> str:
    if value is None:
        return f"{VIDE} OUI   {VIDE} NON"
    return f"{_box(value == axe, 'OUI')}   {_box(value != axe, 'NON')}"


def fiche_liaison_pdf(caseload: Caseload, demandeur_id: int) -> bytes:
    """The fiche de liaison of annexe 4, filled, as the paper form."""
    d = caseload.get(demandeur_id)  # journaled (RGPD)
    require_right(caseload, d)
    f, p = d.fiche, d.parcours
    secteur = caseload.secteur(d)
    commune = caseload.gazetteer.get(f.code_insee)
    conseiller = get_profil(caseload.db, d.conseiller_id)
    ass = get_profil(caseload.db, d.ass_id) if d.ass_id else None
    decision = p.decision or (
        parcours.Axe(f.decision_conseiller) if f.decision_conseiller in ("axe2", "axe3") else None
    )

    doc = _Pdf(f"Fiche de liaison — {d.nom_complet}")
    mentions = {parcours.Axe.AXE2: "ACCOMPAGNEMENT GLOBAL", parcours.Axe.AXE3: "SOCIAL EXCLUSIF"}
    doc.struck_title(
        [
            ("Fiche de liaison   ", False),
            (mentions[parcours.Axe.AXE2], decision is parcours.Axe.AXE3),
            (" / ", False),
            (mentions[parcours.Axe.AXE3], decision is parcours.Axe.AXE2),
            (" * (ANNEXE 4)", False),
        ],
        size=11,
    )
    if decision is not None:
        rayee = mentions[decision.other]
        doc.text(
            f"( * rayer la mention inutile) — rayée : {rayee} ; retenue : {mentions[decision]}",
            size=8,
        )
    else:
        doc.text("( * rayer la mention inutile) — décision à prendre au diagnostic partagé", size=8)
    doc.text(ECHANGE, size=8)
    doc.rule()

    doc.heading("PARTIE INITIANT LA DEMANDE")
    doc.text(
        f"{_box(f.initiateur == 'france-travail', 'France Travail')}      "
        f"{_box(f.initiateur == 'cd82', 'CD82')}"
    )
    doc.text(
        f"Nom, prénom : {f.initiateur_nom or '…………'}     Fonction : "
        f"{f.initiateur_fonction or 'Conseiller - Travailleur Social'}"
    )

    doc.heading("IDENTIFICATION DU DEMANDEUR D’EMPLOI")
    ville = f"{commune.code_postal} {commune.nom}" if commune else f.code_insee
    lines = [
        f"NOM : {f.nom}      PRÉNOM : {f.prenom}",
        f"DATE DE NAISSANCE : {_fr(f.date_naissance)}",
        f"ADRESSE : {', '.join(x for x in (f.adresse, ville) if x)}",
        f"TÉLÉPHONE : {f.telephone or '…………'}",
        "MAIL : "
        + (f.courriel if f.courriel and f.echanges_dematerialises else "—")
        + " (uniquement si consentement aux échanges dématérialisés)",
        f"IDENTIFIANT FRANCE TRAVAIL : {f.identifiant_ft or '…………'}      "
        f"IDENTIFIANT CAF : {f.identifiant_caf or '…………'}",
        "SITUATION FAMILIALE : "
        + "    ".join(_box(f.situation_familiale == k, v.upper()) for k, v in SITUATIONS.items())
        + f"      NOMBRE D’ENFANT(S) À CHARGE : {f.enfants_a_charge}",
    ]
    doc.text("\n".join(lines))

    doc.heading("PRINCIPAUX ATOUTS IDENTIFIÉS")
    doc.text(_boxes(f.atouts, ATOUTS), size=9)
    doc.heading("FREINS DIRECTS À L’EMPLOI")
    doc.text(_boxes(f.freins_directs, FREINS_DIRECTS), size=9)
    doc.heading("FREINS PÉRIPHÉRIQUES AU RETOUR À L’EMPLOI DU DEMANDEUR D’EMPLOI")
    doc.text(_boxes(f.freins_peripheriques, FREINS_PERIPHERIQUES), size=9)
    doc.text(FINANCIER, size=9, bold=True)

    conseiller_nom = conseiller.nom_complet if conseiller else "…………"
    ass_nom = ass.nom_complet if ass else "à désigner"
    names = (d.nom_complet, conseiller_nom, ass_nom)

    def decisions() -> None:
        doc.heading("DÉCISION SUITE AU DIAGNOSTIC PARTAGÉ")
        blocks = (
            ("DEMANDEUR", d.nom_complet, f.decision_demandeur),
            ("France Travail — conseiller", conseiller_nom, f.decision_conseiller),
            ("Département de Tarn-et-Garonne — travailleur social", ass_nom, f.decision_ass),
        )
        for who, name, value in blocks:
            doc.text(
                f"{who} — Nom : {name}\n"
                f"Décision entrée ACCO Glo : {_yes_no(value, 'axe2')}      "
                f"Accompagnement social exclusif : {_yes_no(value, 'axe3')}",
                size=9,
            )
        doc.text(f"Date validation diagnostic partagé : {_fr(p.diagnostic)}")
        if p.modalite is not None:
            doc.text(f"Modalité : {p.modalite.label}", size=9)
        doc.text(f"MDS : {secteur.site_label}", size=9)
        doc.signatures(names)

    kinds = {b.kind for b in p.bilans}
    reconduit = any(b.decision is parcours.BilanDecision.CONTINUE for b in p.bilans)
    vers_axe3 = any(
        b.decision is parcours.BilanDecision.REORIENTATION and b.axe is parcours.Axe.AXE2
        for b in p.bilans
    ) or any(r.vers is parcours.Axe.AXE3 for r in p.reorientations)
    droit_commun = p.motif is parcours.MotifSortie.DROIT_COMMUN
    sortie = p.sortie is not None and p.entree is not None and not droit_commun

    def bilan() -> None:
        doc.heading("BILAN DE L’ACCOMPAGNEMENT ET DÉCISION")
        doc.text(
            "   ".join(
                (
                    _box(
                        parcours.BilanKind.INTERMEDIAIRE in kinds
                        or parcours.BilanKind.MILIEU_PERIODE in kinds,
                        "bilan à 6 mois",
                    ),
                    _box(parcours.BilanKind.EVALUATION in kinds, "bilan à 12 mois"),
                    _box(reconduit, "reconduction"),
                )
            )
            + "\n"
            + "   ".join(
                (
                    _box(vers_axe3, "réorientation axe 2 vers axe 3"),
                    _box(droit_commun, "réorientation vers droit commun"),
                    _box(sortie, "sortie du dispositif"),
                )
            )
        )
        if p.motif is not None and p.sortie is not None:
            doc.text(f"Motif de sortie : {p.motif.label}", size=9)
        elif p.etat is parcours.State.PERIODE_ESSAI and p.motif is not None:
            doc.text(
                f"En emploi ({p.motif.label}) depuis le {_fr(p.emploi)} — période d'essai "
                f"jusqu'au {_fr(p.fin_periode_essai)}",
                size=9,
            )
        last = max([b.on for b in p.bilans] + [c.on for c in p.concertations], default=None)
        doc.text(f"Date et validation bilan partagé : {_fr(last)}")
        doc.signatures(names)

    doc.keep_together(decisions)
    doc.keep_together(bilan)

    def notice() -> None:
        doc.rule()
        doc.text(RGPD_CONFORMITE, size=7)
        doc.text(RGPD_ECHANGE, size=7)
        doc.text(RGPD_CONSERVATION, size=7)

    doc.keep_together(notice)
    data = doc.output()
    retrying(caseload.db, lambda: caseload._journal("document", d.id, "fiche de liaison"))
    return data


def courrier_pdf(caseload: Caseload, demandeur_id: int, *, today: date | None = None) -> bytes:
    """parcours.RDV_COURRIER: the letter to the demandeur with the ASS's name and the
    rendez-vous."""
    d = caseload.get(demandeur_id)  # journaled (RGPD)
    require_right(caseload, d)
    f, p = d.fiche, d.parcours
    if d.ass_id is None:
        raise parcours.RuleViolation(
            "RDV_COURRIER", "Courrier impossible : aucune ASS n'est désignée pour ce demandeur."
        )
    if p.rendez_vous is None:
        raise parcours.RuleViolation(
            "RDV_COURRIER", "Courrier impossible : aucun rendez-vous avec l'ASS n'est fixé."
        )
    today = today or caseload.clock()
    if p.rendez_vous.jour < today:
        raise parcours.RuleViolation(
            "RDV_COURRIER",
            f"Courrier impossible : le rendez-vous du {_fr(p.rendez_vous.jour)} est passé ; "
            "fixez-en un nouveau.",
        )
    ass = get_profil(caseload.db, d.ass_id)
    conseiller = get_profil(caseload.db, d.conseiller_id)
    secteur = caseload.secteur(d)
    site = caseload.territoire.sites[p.rendez_vous.site_id]
    lieu = caseload.gazetteer.get(site.code_insee)
    commune = caseload.gazetteer.get(f.code_insee)

    doc = _Pdf(f"Courrier — {d.nom_complet}")
    # A site named « MDS » is the MDS's own building.
    lieu_nom = secteur.mds.nom if site.nom == "MDS" else f"site de {site.nom}"
    doc.text(
        f"Département de Tarn-et-Garonne\n{secteur.mds.nom}"
        + ("" if site.nom == "MDS" else f"\nSite de {site.nom}"),
        bold=True,
    )
    doc.pdf.ln(6)
    address = [
        f"{f.prenom} {f.nom}",
        f.adresse,
        f"{commune.code_postal} {commune.nom}" if commune else "",
    ]
    doc.pdf.set_x(110)
    doc.pdf.set_font("Texte", "", 10)
    doc.pdf.multi_cell(85, 5, "\n".join(x for x in address if x), new_x="LMARGIN", new_y="NEXT")
    doc.pdf.ln(8)
    doc.text(f"{lieu.nom if lieu else 'Montauban'}, le {fr_long(today)}")
    doc.pdf.ln(4)
    doc.text(
        "Objet : votre rendez-vous avec votre assistant(e) de service social — "
        "Accompagnement Global",
        bold=True,
    )
    doc.pdf.ln(4)
    rdv = p.rendez_vous
    ou = f"à la {lieu_nom}" if site.nom == "MDS" else f"au {lieu_nom}"
    if lieu:
        ou += f" ({lieu.code_postal} {lieu.nom})"
    qui = ass.nom_complet if ass else "votre assistant(e) de service social"
    par = f", {conseiller.nom_complet}," if conseiller else ""
    doc.text(
        "Madame, Monsieur,\n\n"
        f"Votre conseiller France Travail{par} vous a proposé l'Accompagnement Global, mené "
        "avec le Département de Tarn-et-Garonne. Pour le construire avec vous, le service "
        f"social de la {secteur.mds.nom} vous recevra. Votre rendez-vous :",
        size=11,
        gap=3,
    )
    # The rendez-vous stands out: what the person must not miss.
    doc.pdf.set_x(25)
    doc.pdf.set_font("Texte", "B", 11)
    doc.pdf.multi_cell(
        160,
        5.5,
        f"le {fr_long(rdv.jour)} à {rdv.heure.replace(':', ' h ')}\n"
        f"avec {qui}, assistant(e) de service social\n{ou}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.pdf.ln(3)
    doc.text(
        "Si vous ne pouvez pas venir, merci de prévenir la MDS ou votre conseiller France "
        "Travail au plus tôt, afin de convenir d'un autre rendez-vous.\n\n"
        "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
        size=11,
    )
    doc.pdf.ln(10)
    doc.pdf.set_x(110)
    doc.pdf.set_font("Texte", "", 10)
    # Signed by the responsable who names the ASS (annexe 1, axe 2, §2), by name when the
    # MDS has one in Binôme.
    row = caseload.db.execute(
        "SELECT prenom || ' ' || nom FROM profils WHERE role = 'responsable' AND mds = ? "
        "AND actif = 1 ORDER BY id LIMIT 1",
        [secteur.mds.slug],
    ).fetchone()
    signature = f"Responsable de la {secteur.mds.nom}"
    doc.pdf.multi_cell(
        85,
        5,
        f"{row[0]}\n{signature}" if row else f"Le {signature.lower()}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    doc.pdf.ln(20)
    doc.rule()
    doc.text(
        "Vos données sont traitées dans le seul cadre de la convention d'Accompagnement Global "
        "entre France Travail et le Département de Tarn-et-Garonne. Vous disposez d'un droit "
        "d'accès, de rectification, d'effacement et de limitation : dpo@ledepartement82.fr, ou "
        "par courrier au Département, 100 boulevard Hubert Gouzes, BP 783, 82013 Montauban cedex.",
        size=7,
    )
    data = doc.output()
    retrying(caseload.db, lambda: caseload._journal("document", d.id, "courrier"))
    return data
