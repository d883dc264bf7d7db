"""``python -m kg.cli``: the same as the ``kg`` console script."""

from . import main

main()
