"""The window side of the subsidy rules and the documents: the Subsidies and Policies pages, the
Fill application dialog and the session report action (registered in ``ui/contrib/subsidies.py``).
Nothing here computes: the pages show what ``services.subsidies`` and ``services.documents`` return.
"""
