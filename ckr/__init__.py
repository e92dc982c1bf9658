"""ckr: a command-line fact browser on Cambodia–South Korea relations."""

__version__ = "0.1.0"
