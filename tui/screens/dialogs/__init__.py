"""The app's small dialogs, one per module: ``confirm`` (yes or no, leaving unsaved changes),
``profil`` (another demo profile), ``form`` (what every dialog with fields shares), ``action``
(a step of the parcours), ``ass`` (the ASS of a demandeur), ``other_ass`` (one of another
MDS), ``rendez_vous`` (the rendez-vous with the ASS), ``info`` (something to read),
``frein`` (resources for which frein), ``site`` (attach a commune to another site).

Each is a ModalScreen that ``dismiss()``es with its answer; ``escape`` cancels. Import each
from its own module.
"""
