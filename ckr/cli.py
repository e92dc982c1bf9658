"""The `ckr` command group: global options, version, and how errors end a run."""

from __future__ import annotations

import importlib
import os
import sys

import click

from ckr import streams, version
from ckr.dataset import DataError
from ckr.exits import (
    EXIT_DATA,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    VERDICT,
    Stopped,
)
from ckr.paths import DATA_ENV
from ckr.session import Session, SettingError
from ckr.suggest import closest
from ckr.text import printable

EPILOG = """\b
Exit codes:
  0    success (also when nothing matches, or the reader of a pipe left early)
  1    the dataset file is missing, too large, malformed or
       inconsistent; validate found problems; export would overwrite a
       file; diff --exit-code found differences; standard output cannot
       be written
  2    bad usage: unknown command, option, country, category, domain,
       id, field or date; browse without a terminal
  130  interrupted (Ctrl-C)
  128+N  stopped by signal N during export (143 for SIGTERM)

\b
Environment:
  CKR_DATA        dataset file to read instead of the shipped one
  CKR_TODAY       pin today's date (YYYY-MM-DD), e.g. for reproducible output
  CKR_FORCE_TTY   format output as for a terminal even when piped
  CKR_PAGER       pager for long output on a terminal (else PAGER, else
                  less); empty or "cat": none
  NO_COLOR        no colour in tables
  CKR_DEBUG       show a traceback on unexpected errors
  CKR_MAX_BYTES   largest dataset file to read, in bytes (default 256 MiB)
"""


# Each command lives in ckr/commands/NAME.py as a function NAME, imported only when run.
COMMANDS = (
    "browse",
    "changes",
    "cite",
    "claims",
    "completion",
    "coverage",
    "diff",
    "domains",
    "export",
    "figures",
    "search",
    "show",
    "sources",
    "timeline",
    "validate",
    "visa",
)


class CkrGroup(click.Group):
    """A group that loads commands lazily, suggests near names, never shows a traceback."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        return getattr(importlib.import_module(f"ckr.commands.{name}"), name)

    def resolve_command(self, ctx, args):
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = closest(name, self.list_commands(ctx))
            hint = f" Did you mean {close!r}?" if close else ""
            ctx.fail(f"No such command '{printable(name)}'.{hint}")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        # Both are caught here, before click turns them into exit code 1 (and, for
        # Ctrl-C, a blank line on stderr).
        try:
            return super().invoke(ctx)
        except (streams.ReaderLeft, BrokenPipeError):
            ctx.exit(_reader_left(ctx.meta.get(VERDICT, EXIT_OK)))
        except KeyboardInterrupt:
            raise Interrupted() from None

    def main(self, args=None, prog_name=None, complete_var=None, **extra):
        extra.pop("standalone_mode", None)
        streams.prepare()  # closed, full or ASCII-only stdout and stderr, handled once
        complete_var = complete_var or "_CKR_COMPLETE"
        if complete_var in os.environ:
            from ckr.complete import use_ckr_shell_scripts

            use_ckr_shell_scripts()
        code = None
        try:
            code = super().main(
                args,
                "ckr",  # whatever prog_name says: also `python -m ckr` and tests print "ckr"
                complete_var,
                standalone_mode=False,
                **extra,
            )
            sys.stdout.flush()  # a closed pipe shows up here, not at interpreter exit
        except click.ClickException as error:  # usage errors among them, with exit code 2
            code = _fail(_usage_message(error), error.exit_code)
        except DataError as error:
            code = _fail(str(error), EXIT_DATA)
        except SettingError as error:
            code = _fail(str(error), EXIT_USAGE)
        except (click.Abort, KeyboardInterrupt):
            code = _fail("interrupted", EXIT_INTERRUPTED)
        except Stopped as stop:  # SIGTERM and the like, caught while a file was written
            code = _fail(str(stop), stop.exit_code)
        except (streams.ReaderLeft, BrokenPipeError):  # `ckr --help | true`, say
            code = _reader_left(code if isinstance(code, int) else EXIT_OK)
        except streams.OutputFailed as error:
            code = _fail(str(error), EXIT_FAILED)
        except Exception as error:  # the last line of defence: one line, no traceback
            if os.environ.get("CKR_DEBUG"):
                raise
            message = f"unexpected {type(error).__name__}: {error} (CKR_DEBUG=1 shows more)"
            code = _fail(message, EXIT_DATA)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


class Interrupted(click.ClickException):
    exit_code = EXIT_INTERRUPTED

    def __init__(self) -> None:
        super().__init__("interrupted")


def _usage_message(error: click.ClickException) -> str:
    # `ckr timeline --data x.json`: to click, an unknown option of timeline.
    if isinstance(error, click.NoSuchOption) and error.option_name == "--data" and error.ctx:
        return f"--data goes before the command: ckr --data FILE {error.ctx.info_name} ..."
    return error.format_message()


def _fail(message: str, code: int) -> int:
    click.echo(f"Error: {printable(message)}", err=True)
    return code


def _reader_left(code: int) -> int:
    """`ckr timeline | head -1`: the reader closed the pipe; stop quietly.

    The exit code is the command's verdict where it has one (`ckr validate bad.json |
    head` still fails), else success: the reader had what it wanted.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # stdout is not a real file (tests); nothing left to silence
    finally:
        os.close(devnull)
    return code


def _set_data(ctx: click.Context, param, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise click.BadParameter("give a file path", ctx, param)
    ctx.ensure_object(Session).data_option = value
    return value


@click.group(
    cls=CkrGroup,
    epilog=EPILOG,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--data",
    metavar="PATH",
    type=click.Path(),  # so shells complete file names
    envvar=DATA_ENV,
    is_eager=True,
    expose_value=False,
    callback=_set_data,
    help=f"Read this dataset file instead of the shipped one (or set {DATA_ENV}).",
)
# Not eager, unlike click's own --version: it must see --data wherever that stands.
@click.option(
    "--version",
    "show_version",
    is_flag=True,
    help="Show the program and dataset versions and exit.",
)
@click.pass_context
def cli(ctx: click.Context, show_version: bool) -> None:
    """Facts on Cambodia–South Korea relations, each with its source and its age.

    \b
    Examples:
      ckr timeline --from 2020
      ckr visa korea cambodia
      ckr domains trade
    """
    if show_version:
        data = ctx.ensure_object(Session).catalog.data
        counts = {name: len(getattr(data, name)) for name in version.COUNTED}
        click.echo(version.describe(data.metadata.version, data.metadata.last_reviewed, counts))
        ctx.exit(EXIT_OK)
    if ctx.invoked_subcommand is None:  # plain `ckr`: its help, not an error
        click.echo(ctx.get_help())
        ctx.exit(EXIT_OK)


def main() -> None:
    cli.main()
