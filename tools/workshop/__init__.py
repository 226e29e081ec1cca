"""./workshop: your guide through the workshop.

  ./workshop                 set up, show your progress, check the stage you are on
  ./workshop check [N]       build stage N and run its tests (exit 0 when they all pass)
             check N --solution   the same against the reference solution
  ./workshop watch [N]       check again every time you save a file (Enter checks at once)
  ./workshop hint [N]        the next hint for the step you are on (one more each time; --step S)
  ./workshop diff [N]        your stage N beside the solution (once it passes; --force before;
                             --exact: without laying both out with clang-format first)
  ./workshop reset N         put back the starter of stage N (your files are backed up first)
  ./workshop run [N] [ARGS]  build and run stage N's little demo program (its main.cpp)
  ./workshop list            every stage, with its status
  ./workshop doctor          compiler, CMake and libraries, and how to install what is missing
  ./workshop show-store FILE the events in an event store (SQLite, PostgreSQL), one line each;
             [--stream ID] [--topic T] [--from N] [--limit K] [--json] [--html OUT.html]
  ./workshop test            the kit's own tests (for maintainers; one build with sanitizers)
             test --toolchains    then the same on every other compiler the kit names (what CI runs)
  ./workshop stop-services   stop the PostgreSQL server stage 12's checks keep running
  ./workshop bench           the benchmarks
  ./workshop slides          render the slide decks

N is a stage number (3 or 03) or its id (mutator). Without N: the stage you are on.
"""

from __future__ import annotations

# Modules only some commands need are imported inside them: every import is paid on each check.

import argparse
import sys

import kitcore
from kitcore import KitError

from .base import S, Fail, say

OWN_OPTIONS = ("show-store", "bench", "slides")  # commands that parse their own options
COMMANDS = ["check", "watch", "hint", "diff", "reset", "run", "list", "doctor", "show-store", "test",
            "stop-services", "bench", "slides"]


class Parser(argparse.ArgumentParser):
    """argparse, speaking as the runner does: one line on what is wrong, and where to look."""

    def error(self, message: str):
        if "invalid choice" in message:
            word = message.split("'")[1] if "'" in message else message
            raise Fail(f"unknown command '{word}'. Commands: {', '.join(COMMANDS)} (./workshop help)", 2)
        raise Fail(f"{message} (./workshop help)", 2)


def parser() -> Parser:
    top = Parser(prog="./workshop", add_help=False)
    sub = top.add_subparsers(dest="command", parser_class=Parser)

    def command(name: str, stage: str | None = "?", **flags: str) -> Parser:
        p = sub.add_parser(name)
        if stage:
            p.add_argument("stage", nargs=stage, default=None, help="a stage number (3 or 03) or id")
        for flag, about in flags.items():
            p.add_argument("--" + flag, action="store_true", help=about)
        return p

    command("check", solution="check the reference solution instead")
    command("watch")
    command("hint").add_argument("--step", type=int, help="hints for this README step")
    command("diff", force="show it before the stage passes", exact="the files as they are, not laid out")
    command("reset")
    command("run", solution="run the reference solution's demo").add_argument("args", nargs=argparse.REMAINDER)
    command("list", stage=None)
    command("doctor", stage=None)
    command("test", stage=None, toolchains="then every other toolchain the kit names")
    command("stop-services", stage=None)
    for name in OWN_OPTIONS:  # listed, so that help and errors know them; main() hands them their words
        command(name, stage=None)
    return top


def handler(name: str):
    from . import commands, maintainer

    return {
        "check": commands.cmd_check, "watch": commands.cmd_watch, "hint": commands.cmd_hint,
        "diff": commands.cmd_diff, "reset": commands.cmd_reset, "run": commands.cmd_run,
        "list": commands.cmd_list, "doctor": maintainer.cmd_doctor, "show-store": maintainer.cmd_show_store,
        "test": maintainer.cmd_test, "stop-services": maintainer.cmd_stop_services,
        "bench": maintainer.cmd_delegate("bench/run.py", "benchmarks"),
        "slides": maintainer.cmd_delegate("slides/build.py", "slides"),
    }[name]


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help", "help"):
        say(__doc__.strip())
        return 0
    try:
        stages = kitcore.load_stages()
        if not argv:
            from . import commands

            return commands.cmd_default(stages, None)
        if argv[0] in OWN_OPTIONS:
            return handler(argv[0])(stages, argv[1:])
        args = parser().parse_args(argv)
        return handler(args.command)(stages, args)
    except KitError as e:
        say(S.bad("workshop: ") + str(e))
        return 2
    except Fail as e:
        say(S.bad("workshop: ") + str(e))
        return e.code
    except KeyboardInterrupt:
        say(S.dim("\nworkshop: stopped (Ctrl-C). Nothing of yours was changed."))
        return 130
    except BrokenPipeError:  # e.g. ./workshop list | head
        sys.stderr.close()
        return 0
