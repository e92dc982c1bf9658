"""Exit codes, and how a command settles on one before it prints."""

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# ctx.meta key: the exit code a command has settled on before it prints, kept even when
# the reader of a pipe leaves early (`ckr validate bad.json | head` still fails).
VERDICT = "ckr.verdict"
