"""``python -m bilateral.cli``: the same as the ``bilateral`` command."""
from bilateral.cli import main

main()
