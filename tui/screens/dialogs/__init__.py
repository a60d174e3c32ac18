"""The app's small dialogs, one per module: ``confirm`` (yes or no, leaving unsaved changes),
``profil`` (another demo profile), ``form`` (what every dialog with fields shares), ``action``
(a step of the parcours), ``other_ass`` (an ASS of another MDS), ``info`` (something to read),
``frein`` (resources for which frein), ``site`` (attach a commune to another site).

Each is a ModalScreen that ``dismiss()``es with its answer; ``escape`` cancels. Import each
from its own module.
"""
