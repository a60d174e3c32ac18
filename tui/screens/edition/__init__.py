"""Keeping the base alive from the app: the form of an entry, its history, reports, and the
small actions (toujours exact, archive) the Ressources and À faire screens share.

One dialog per module (``form``, ``conflict``, ``history``, ``report``), what they share in
``common``, the actions the list screens call in ``actions``: import each name from the module
that owns it.

Every rule is the domain's (``ressources.edition``): who may edit, what is valid, what a
conflict is. These screens gather what the person types, call the domain, and say its
answers in French where they apply.
"""
