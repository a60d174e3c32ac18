"""The Demandeur screen: fiche de liaison, parcours timeline, deadlines, the steps allowed
today, this side's working notes, and the resources near the person for each frein."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from caseload import parcours
from caseload.acces import can_act, get_profil
from caseload.fiche import (
    ATOUTS,
    DECISIONS,
    FREIN_THEMATIQUES,
    FREINS_DIRECTS,
    FREINS_PERIPHERIQUES,
    INITIATEURS,
    SITUATIONS,
)
from caseload.rgpd import FinancialContent
from caseload.store import Demandeur
from ressources.errors import BinomeError
from tui import busy, keys
from tui.base import BinomeScreen
from tui.keys import explain_refusal, type_into
from tui.screens.common import fr_date
from tui.screens.dialogs.action import ActionScreen
from tui.screens.dialogs.frein import FreinScreen
from tui.widgets.bounded_input import BoundedInput
from tui.widgets.footer import AreaFooter
from tui.widgets.header import BinomeHeader

SIDES = {"france-travail": "France Travail", "cd82": "Département (CD82)"}
SIDES_BY = {"france-travail": "France Travail", "cd82": "le Département (CD82)"}


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class StepList(OptionList):
    """Today's steps. The list is low in its panel (under the deadlines and the timeline):
    a key that moves through it, or ctrl+l, brings it into sight, or the highlight moved
    off screen and entrée took a step nobody could see (issue 13, 80x24)."""

    def in_sight(self) -> None:
        self.call_after_refresh(self.scroll_visible, animate=False)

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self.in_sight()

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self.in_sight()

    def action_first(self) -> None:
        super().action_first()
        self.in_sight()

    def action_last(self) -> None:
        super().action_last()
        self.in_sight()

    def action_page_up(self) -> None:
        super().action_page_up()
        self.in_sight()

    def action_page_down(self) -> None:
        super().action_page_down()
        self.in_sight()


class DemandeurScreen(BinomeScreen[None]):
    """One demandeur, as the binôme works on the file."""

    TITLE = "Binôme · Dossier du demandeur"
    # Under 110 columns the three panels are stacked, the parcours (its deadlines and alerts)
    # on top, then the fiche and the notes, in one scroll (app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    NARROW = 110

    KEYS = "demandeur"
    # No focus given by Textual as the screen mounts (its first focusable widget), then moved
    # at once to the steps, else the fiche (on_mount): each move restyles the widgets it leaves and
    # enters (issue 13, slow lists).
    AUTO_FOCUS = ""
    BINDINGS = keys.bindings("demandeur")

    def __init__(self, demandeur_id: int) -> None:
        super().__init__()
        self.demandeur_id = demandeur_id
        self.demandeur: Demandeur | None = None
        self.profil_id: str | None = None

    def compose(self) -> ComposeResult:
        yield BinomeHeader()
        yield Static("", id="dem-title")
        with Horizontal(id="dem-body"):
            with VerticalScroll(id="dem-fiche", classes="panel"):
                yield Static("", id="fiche-liaison")
            with VerticalScroll(id="dem-parcours", classes="panel"):
                yield Label("Échéances", classes="section-title")
                yield Static("", id="dem-echeances")
                yield Label("Parcours", classes="section-title")
                yield Static("", id="timeline")
                actions = keys.with_key(
                    self.app, "demandeur.actions", "Actions possibles aujourd'hui"
                )
                yield Label(actions, classes="section-title")
                yield StepList(id="actions")
                yield Static("", id="actions-note", classes="muted", markup=False)
                freins = keys.with_key(
                    self.app, "demandeur.ressources", "Ressources pour ses freins"
                )
                yield Button(freins, id="btn-ressources")
            with Vertical(id="dem-notes", classes="panel"):
                yield Label("", id="notes-title", classes="section-title")
                yield Static("", id="notes-privacy", classes="muted", markup=False)
                with VerticalScroll(id="notes-scroll"):
                    yield Static("", id="notes-text")
                yield BoundedInput(
                    placeholder="Nouvelle note (entrée)",
                    id="note-input",
                    max_length=2000,
                    what="Une note",
                )
        yield AreaFooter()

    def on_mount(self) -> None:
        self._order_panels()
        if self.reload():
            actions = self.query_one("#actions", OptionList)
            # The steps when there are some; otherwise the fiche, for the arrow keys. The
            # panels stay scrolled to their top: the deadlines and what is overdue first.
            target = actions if actions.display else self.query_one("#dem-fiche")
            target.focus(scroll_visible=False)

    def on_resize(self) -> None:
        self._order_panels()

    def _order_panels(self) -> None:
        """Narrow, the parcours comes first (its alerts in sight); wide, the fiche does."""
        body = self.query_one("#dem-body")
        fiche, parcours = self.query_one("#dem-fiche"), self.query_one("#dem-parcours")
        narrow = self.app.size.width < self.NARROW
        first = body.children[0]
        if narrow and first is fiche:
            body.move_child(parcours, before=fiche)
        elif not narrow and first is parcours:
            body.move_child(parcours, after=fiche)

    def on_screen_resume(self) -> None:
        if self.demandeur is not None:
            self.profil_changed()

    def profil_changed(self) -> None:
        profil = self.app.profil
        if profil is None or profil.id != self.profil_id:
            # The file was opened for another profile: back to the (new) portefeuille.
            self.app.pop_screen()

    # -- data -------------------------------------------------------------------------------
    def reload(self) -> bool:
        caseload = self.app.caseload()
        if caseload is None:
            self.notify("Aucun profil n'est configuré.", severity="error")
            self.app.pop_screen()
            return False
        try:
            d = caseload.get(self.demandeur_id)
            events = caseload.timeline(self.demandeur_id)
            notes = caseload.notes(self.demandeur_id)
        except BinomeError as exc:
            self.notify(str(exc), severity="error")
            self.app.pop_screen()
            return False
        self.demandeur = d
        self.profil_id = caseload.profil.id
        today = self.app.clock()
        p = d.parcours
        commune = caseload.gazetteer.get(d.fiche.code_insee)
        commune_nom = commune.nom if commune else d.fiche.code_insee
        axe = f" · {p.axe.label}" if p.axe else ""
        title = Text.assemble((d.nom_complet, "bold"), f" · {commune_nom} · {p.etat.label}{axe}")
        if d.demo:
            title.append(" · données fictives (démo)", style="italic")
        self.query_one("#dem-title", Static).update(title)
        self.query_one("#fiche-liaison", Static).update(self.fiche_text(d, commune_nom))
        echeances = self.deadlines_text(p, today, sans_ass=d.ass_id is None)
        echeances.rstrip()  # no trailing blank line: the next title keeps its own margin
        self.query_one("#dem-echeances", Static).update(echeances)

        timeline = Text()
        for e in events:
            timeline.append(fr_date(e.date), style="bold")
            timeline.append(f"  {e.libelle}")
            if e.auteur:
                timeline.append(f" · {e.auteur}", style="dim")
            timeline.append("\n")
        timeline.rstrip()
        self.query_one("#timeline", Static).update(timeline)

        self._fill_actions(d, today)
        self._fill_notes(notes)
        return True

    def fiche_text(self, d: Demandeur, commune_nom: str) -> Text:
        f = d.fiche
        today = self.app.clock()
        text = Text()

        def section(title: str) -> None:
            if text:
                text.append("\n")
            text.append(title + "\n", style="bold underline")

        def field(label: str, value: str) -> None:
            if value:
                text.append(f"{label} : ", style="bold")
                text.append(value + "\n")

        def bullets(values: list[str], labels: dict[str, str], empty: str) -> None:
            if not values:
                text.append(empty + "\n", style="dim")
            for v in values:
                text.append(f"• {labels.get(v, v)}\n")

        section("Fiche de liaison")
        field("Nom", f.nom)
        field("Prénom", f.prenom)
        field("Né(e) le", f"{fr_date(f.date_naissance)} ({_age(f.date_naissance, today)} ans)")
        where = ", ".join(x for x in (f.adresse, commune_nom) if x)
        if f.quartier:
            quartier = self.app.territoire.quartiers.get(f.quartier, (f.quartier, None))[0]
            where += f" (quartier {quartier})"
        field("Adresse", where)
        field("Téléphone", f.telephone)
        if f.courriel:
            field("Courriel", f"{f.courriel} (échanges dématérialisés acceptés)")
        field("Identifiant France Travail", f.identifiant_ft)
        field("Identifiant CAF", f.identifiant_caf)
        situation = SITUATIONS.get(f.situation_familiale or "", "")
        enfants = f.enfants_a_charge
        if enfants:
            situation = ", ".join(
                x
                for x in (situation, f"{enfants} enfant{'s' if enfants > 1 else ''} à charge")
                if x
            )
        field("Situation familiale", situation or "non renseignée")
        field("Bénéficiaire du RSA", "oui" if f.brsa else "non")

        section("Binôme")
        conseiller = get_profil(self.app.db, d.conseiller_id)
        field(
            "Conseiller France Travail", conseiller.nom_complet if conseiller else d.conseiller_id
        )
        ass = get_profil(self.app.db, d.ass_id) if d.ass_id else None
        field("Assistant(e) social(e)", ass.nom_complet if ass else "à désigner")
        caseload = self.app.caseload()
        try:
            if caseload is None:
                raise BinomeError("Aucun profil n'est configuré.")
            secteur = caseload.secteur(d)
            field("MDS", secteur.site_label)
        except BinomeError as exc:
            field("MDS", str(exc))
        initiateur = INITIATEURS.get(f.initiateur, f.initiateur)
        who = ", ".join(x for x in (f.initiateur_nom, f.initiateur_fonction) if x)
        field("Partie initiant la demande", f"{initiateur}" + (f" — {who}" if who else ""))

        section("Atouts")
        bullets(f.atouts, ATOUTS, "Aucun atout coché.")
        section("Freins directs à l'emploi")
        bullets(f.freins_directs, FREINS_DIRECTS, "Aucun frein direct coché.")
        section("Freins périphériques")
        bullets(f.freins_peripheriques, FREINS_PERIPHERIQUES, "Aucun frein périphérique coché.")

        section("Décisions")
        decisions = (
            ("Demandeur", f.decision_demandeur),
            ("Conseiller", f.decision_conseiller),
            ("ASS", f.decision_ass),
        )
        for label, value in decisions:
            field(label, DECISIONS.get(value or "", "—"))
        p = d.parcours
        if p.diagnostic is not None:
            field("Date de validation du diagnostic partagé", fr_date(p.diagnostic))
        if p.modalite is not None:
            field("Modalité", p.modalite.label)
        if p.entretien_ass is not None:
            field("Entretien de l'ASS", f"réalisé le {fr_date(p.entretien_ass)}")
        if f.consentement:
            consent = "donné"
            if f.consentement_date:
                consent += f" le {fr_date(f.consentement_date)}"
        else:
            consent = "non recueilli"
        field("Consentement éclairé", consent)
        return text

    def deadlines_text(self, p: parcours.Parcours, today: date, *, sans_ass: bool = False) -> Text:
        text = Text()
        steps = [
            ("prescrit le", p.prescription),
            ("diagnostic le", p.diagnostic),
            ("entrée le", p.entree),
            ("sortie le", p.sortie),
        ]
        text.append(" · ".join(f"{label} {fr_date(day)}" for label, day in steps if day) + "\n")
        if p.etat is parcours.State.PERIODE_ESSAI and p.motif is not None:
            text.append(
                f"En emploi depuis le {fr_date(p.emploi)} ({p.motif.label}) : période "
                f"d'essai jusqu'au {fr_date(p.fin_periode_essai)}"
            )
            if p.fin_periode_essai_estimee:
                text.append(" au plus tard (durée légale : fin non précisée)")
            text.append("\n")
        elif p.motif is not None:
            text.append(f"Motif de sortie : {p.motif.label}\n")
            if p.emploi is not None and p.sortie is not None:
                text.append(
                    f"Prise de poste le {fr_date(p.emploi)} ; période d'essai validée "
                    f"le {fr_date(p.sortie)}\n"
                )
        elif p.raison_sans_suite:
            text.append(f"Sans suite : {p.raison_sans_suite}\n")
        deadline = parcours.next_deadline(p)
        if deadline is not None:
            text.append("Prochaine échéance : ", style="bold")
            text.append(f"{fr_date(deadline.due)} — {deadline.label}\n")
        found = parcours.alerts(p, today, sans_ass=sans_ass)
        for alert in found:
            style = "bold reverse" if alert.overdue else "bold"
            text.append("⚠ " if alert.overdue else "• ", style=style)
            text.append(alert.message + "\n", style="bold" if alert.overdue else "")
        if deadline is None and not found:
            text.append("Aucune échéance : le parcours est clos.\n", style="dim")
        return text

    def _fill_actions(self, d: Demandeur, today: date) -> None:
        listing = self.query_one("#actions", OptionList)
        note = self.query_one("#actions-note", Static)
        listing.clear_options()
        profil = self.app.profil
        if profil is None or not can_act(profil, d.conseiller_id, d.ass_id):
            listing.display = False
            note.update("Seuls le conseiller et l'ASS du binôme font avancer le parcours.")
            note.display = True
            return
        actions = [
            a
            for a in parcours.allowed_actions(d.parcours, today)
            if parcours.step_allowed_for(a, profil.role)
        ]
        listing.add_options([Option(a.label, id=a.value) for a in actions])
        listing.display = bool(actions)
        if actions:
            listing.highlighted = 0
            note.display = False
        else:
            note.update("Aucune étape possible aujourd'hui.")
            note.display = True

    def _fill_notes(self, notes) -> None:
        profil = self.app.profil
        side = profil.side if profil else "cd82"
        other = "cd82" if side == "france-travail" else "france-travail"
        self.query_one("#notes-title", Label).update(
            keys.with_key(self.app, "demandeur.note", f"Notes de travail — {SIDES[side]}")
        )
        self.query_one("#notes-privacy", Static).update(
            f"Visibles de votre côté seulement, jamais par {SIDES_BY[other]}."
        )
        text = Text()
        for n in notes:
            text.append(f"{fr_date(n.date)} · {n.auteur or ''}\n", style="bold")
            text.append(n.texte + "\n\n")
        if not notes:
            text.append("Aucune note pour l'instant.", style="dim")
        self.query_one("#notes-text", Static).update(text)

    # -- events ------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#actions")
    def action_chosen(self, event: OptionList.OptionSelected) -> None:
        caseload = self.app.caseload()
        if caseload is None or self.demandeur is None:
            return
        action = parcours.Action(str(event.option.id))

        def done(outcome: parcours.Outcome | None) -> None:
            if outcome is None:
                return
            self.notify(action.fact, title="Enregistré")
            for warning in outcome.warnings:
                self.notify(warning, title="Attention", severity="warning", timeout=12)
            for proposal in outcome.proposals:
                self.notify(proposal.label, title="Proposition", timeout=15)
            self.reload()

        self.app.push_screen(ActionScreen(caseload, self.demandeur, action), done)

    @on(Input.Submitted, "#note-input")
    def note_submitted(self) -> None:
        self.save_note()

    def save_note(self) -> None:
        """Save what the note box holds (again later, by itself, while the base is busy)."""
        caseload = self.app.caseload()
        if caseload is None:
            return
        box = self.query_one("#note-input", Input)
        try:
            with busy.attempt(self):
                caseload.add_note(self.demandeur_id, box.value)
        except FinancialContent as exc:
            # Not saved; the text stays in the box for the person to rephrase it.
            self.notify(
                exc.errors["texte"],
                title="Information financière : reformulez",
                severity="warning",
                timeout=20,
            )
            return
        except BinomeError as exc:
            if not busy.retry_later(self, exc, self.save_note):
                self.notify(str(exc), severity="error")
            return
        box.value = ""
        self.notify("Note enregistrée.")
        self.reload()
        self.query_one("#notes-scroll", VerticalScroll).scroll_end(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "btn-ressources":
            self.action_ressources()

    # -- actions -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "designate", "rendez_vous", "documents"):
            profil = self.app.profil
            if profil is None or profil.role == "administrateur":
                return False
        # « Actions » is not offered without any (a greyed key took a responsable's footer
        # room); pressed, it still says why (the note under the timeline).
        return not (action == "focus_actions" and not self.query_one("#actions").display)

    def on_key(self, event: events.Key) -> None:
        # A letter typed outside the note goes on in it: no action is on a letter here.
        if not isinstance(self.focused, Input) and type_into(
            self.query_one("#note-input", Input), event
        ):
            return
        explain_refusal(self, event)

    def refusal(self, action: str) -> str | None:
        """Why a key of this screen does nothing now, in French."""
        if action == "focus_actions":
            return str(self.query_one("#actions-note", Static).render())
        if action in ("edit", "designate", "rendez_vous", "documents"):
            return "Le profil administrateur ne travaille pas les dossiers des demandeurs."
        return None

    def action_why_not(self) -> None:
        """The steps not offered today and the rule refusing each (a step not offered
        used to give no reason)."""
        from tui.screens.dialogs.info import InfoScreen

        d, profil = self.demandeur, self.app.profil
        if d is None or profil is None:
            return
        refused = parcours.refused_steps(d.parcours, self.app.clock(), profil.role)
        text = Text()
        for action, reason in refused.items():
            text.append(f"{action.label}\n", style="bold")
            text.append(f"{reason}\n\n")
        if not refused:
            text.append("Toutes les étapes sont possibles aujourd'hui.")
        self.app.push_screen(InfoScreen("Étapes non proposées aujourd'hui", text))

    def has_unsaved_work(self) -> bool:
        """A note typed but not yet saved (asked by the app before it quits)."""
        return bool(self.query_one("#note-input", Input).value.strip())

    def action_back(self) -> None:
        box = self.query_one("#note-input", Input)
        if box.has_focus:
            self.query_one("#actions", OptionList).focus()
            return
        self.app.pop_screen()

    def action_focus_actions(self) -> None:
        actions = self.query_one("#actions", StepList)
        actions.focus()
        actions.in_sight()  # already focused, focus() alone scrolls nothing

    def action_focus_note(self) -> None:
        self.query_one("#note-input", Input).focus()

    def action_ressources(self) -> None:
        d = self.demandeur
        if d is None:
            return
        commune = self.app.engine.gazetteer.get(d.fiche.code_insee)
        commune_nom = commune.nom if commune else d.fiche.code_insee
        freins = d.fiche.freins_peripheriques
        if len(freins) <= 1:
            self.show_ressources(commune_nom, freins[0] if freins else None)
            return
        labels = self.app.engine.thematiques
        choices = [
            (
                f,
                FREINS_PERIPHERIQUES.get(f, f),
                "Thématiques : " + ", ".join(labels.label(t) for t in FREIN_THEMATIQUES.get(f, ())),
            )
            for f in freins
        ]

        def chosen(frein: str | None) -> None:
            if frein is not None:
                self.show_ressources(commune_nom, frein)

        self.app.push_screen(FreinScreen(choices, commune_nom), chosen)

    def show_ressources(self, commune_nom: str, frein: str | None) -> None:
        """Switch to the Ressources screen, around the person's commune, on the frein's
        first thématique."""
        from textual.widgets import Select

        thematique = None
        if frein is not None:
            known = {t.slug for t in self.app.engine.thematiques.items}
            thematique = next((t for t in FREIN_THEMATIQUES.get(frein, ()) if t in known), None)
        app = self.app
        app.action_area("ressources")
        screen = app.get_screen_stack("ressources")[0]
        screen.query_one("#query", Input).value = ""
        screen.query_one("#commune", Input).value = commune_nom
        select = screen.query_one("#thematique", Select)
        if thematique:
            select.value = thematique
        else:
            select.clear()
        if frein is None:
            app.notify(f"Aucun frein périphérique coché : ressources autour de {commune_nom}.")
        else:
            app.notify(f"Ressources autour de {commune_nom} : {FREINS_PERIPHERIQUES[frein]}.")

    def action_edit(self) -> None:
        """The fiche de liaison in a form; a move to another MDS is announced there."""
        from tui.screens.fiche_liaison import FicheLiaisonScreen

        if self.demandeur is None:
            return

        def saved(demandeur_id: int | None) -> None:
            if demandeur_id is not None:
                self.reload()

        self.app.push_screen(FicheLiaisonScreen(self.demandeur), saved)

    def action_designate(self) -> None:
        """Name the ASS: those of the person's sector, the lightest load proposed."""
        from tui.screens.dialogs.ass import OTHER_MDS, AssScreen
        from tui.screens.dialogs.other_ass import OtherAssScreen

        caseload = self.app.caseload()
        if caseload is None or self.demandeur is None:
            return
        try:
            secteur = caseload.secteur(self.demandeur)
        except BinomeError as exc:
            self.notify(str(exc), severity="error")
            return

        def designate(ass_id: str, raison: str = "") -> None:
            try:
                with busy.attempt(self):
                    caseload.assign_ass(self.demandeur_id, ass_id, raison=raison)
            except BinomeError as exc:
                if not busy.retry_later(self, exc, lambda: designate(ass_id, raison)):
                    self.notify(str(exc), severity="error", timeout=12)
                return
            self.notify("ASS désignée.")
            self.reload()

        def other(answer: tuple[str, str] | None) -> None:
            if answer is not None:
                designate(*answer)

        def chosen(ass_id: str | None) -> None:
            if ass_id is None or self.demandeur is None or ass_id == self.demandeur.ass_id:
                return
            if ass_id == OTHER_MDS:
                theirs = {a.id for a in secteur.ass}
                choices = [
                    (f"{r[1]} {r[2]} — {caseload.territoire.mds[m].nom}", r[0])
                    for r in caseload.db.execute(
                        "SELECT id, prenom, nom FROM profils WHERE role = 'ass' AND actif = 1 "
                        "ORDER BY nom, prenom"
                    )
                    if r[0] not in theirs
                    and (m := caseload.mds_of_ass(r[0])) in caseload.territoire.mds
                    and m != secteur.mds.slug
                ]
                self.app.push_screen(OtherAssScreen(choices), other)
                return
            designate(ass_id)

        self.app.push_screen(AssScreen(secteur, self.demandeur.ass_id), chosen)

    def action_rendez_vous(self) -> None:
        """parcours.RDV_COURRIER: set the rendez-vous with the ASS (then print the courrier, p)."""
        from tui.screens.dialogs.rendez_vous import RendezVousScreen

        caseload = self.app.caseload()
        if caseload is None or self.demandeur is None:
            return
        try:
            secteur = caseload.secteur(self.demandeur)
            # Who may not set it, or not yet, is told before filling the form.
            caseload.check_rendez_vous(self.demandeur.id)
        except BinomeError as exc:
            self.notify(str(exc), title="Rendez-vous", severity="error")
            return
        sites = [
            (self.app.territoire.site_label(site), site.id)
            for site in self.app.territoire.sites.values()
            if site.mds == secteur.mds.slug
        ]

        def done(saved: bool | None) -> None:
            if saved:
                self.notify("Rendez-vous enregistré : le courrier peut être produit (p).")
                self.reload()

        self.app.push_screen(
            RendezVousScreen(caseload, self.demandeur, sites, secteur.site.id), done
        )

    def action_documents(self) -> None:
        """The fiche de liaison or the courrier as PDF, saved in Documents/Binome."""
        from tui.screens.documents import DocumentsScreen

        caseload = self.app.caseload()
        if caseload is None or self.demandeur is None:
            return
        self.app.push_screen(DocumentsScreen(caseload, self.demandeur.id))

    def commands(self) -> Iterable[SystemCommand]:
        yield from keys.commands(self, "demandeur")
