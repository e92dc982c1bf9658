"""ckr: a command-line fact browser on Cambodia–South Korea relations."""

__version__ = "0.2.0"
