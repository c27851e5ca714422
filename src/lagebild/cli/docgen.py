"""Generate docs/cli.md from the commands' --help texts (a test checks it is current).

    python -m lagebild.cli.docgen > docs/cli.md
"""
from __future__ import annotations

import click

from lagebild.cli.main import cli


def _walk(group: click.Group, path: list[str]):
    for name in sorted(group.commands):
        cmd = group.commands[name]
        yield [*path, name], cmd
        if isinstance(cmd, click.Group):
            yield from _walk(cmd, [*path, name])


def render() -> str:
    out = ["# Command-line reference", "",
           "Generated from `--help` by `python -m lagebild.cli.docgen > docs/cli.md`; "
           "`tests/test_docs.py` fails when it is out of date.", ""]
    for path, cmd in [([], cli), *_walk(cli, [])]:
        title = " ".join(["lagebild", *path])
        # the same help option names as the real CLI (context_settings in cli/main.py), given
        # explicitly so that the rendering never depends on the context stack
        with click.Context(cmd, info_name=title, terminal_width=88, max_content_width=88,
                           help_option_names=["-h", "--help"]) as ctx:
            text = cmd.get_help(ctx)
        out += [f"## {title}", "", "```", text.rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
