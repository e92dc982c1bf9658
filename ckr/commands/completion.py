"""ckr completion: the shell script that completes ckr's commands, options and values."""

from __future__ import annotations

import click
from click.shell_completion import get_completion_class

from ckr.complete import use_ckr_shell_scripts

SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
@click.pass_context
def completion(ctx: click.Context, shell: str) -> None:
    """Print the completion script for SHELL.

    Countries, categories, domains and record ids complete from the dataset.

    \b
    Examples:
      eval "$(ckr completion bash)"                       # in ~/.bashrc
      eval "$(ckr completion zsh)"                        # in ~/.zshrc
      ckr completion fish > ~/.config/fish/completions/ckr.fish
    """
    use_ckr_shell_scripts()
    script = get_completion_class(shell)(ctx.find_root().command, {}, "ckr", "_CKR_COMPLETE")
    click.echo(script.source())
