"""What the student reads about a check (checking.Result): the one failure to look at, with the
values it failed on, and what to do next, in as few lines as will do."""

from __future__ import annotations

import re

import kitcore
from kitcore import Stage

from .base import S, plural, rel, say
from .checking import Result


def report(result: Result, verbose: bool = True) -> bool:
    """Prints the result; True when every test passed."""
    stage, run = result.stage, result.run
    title = f"Stage {stage.nn} · {stage.title}" + (" (solution)" if result.variant == "solution" else "")
    advice = verbose and result.variant == "starter"
    if result.kind == "broken":
        error = result.build_error
        say(f"{S.cross} {S.bold(title)}: " + ("compiles, but does not link" if error.kind == "link" else "does not compile"))
        for line in error.lines:
            say("  " + line)
        say(S.dim(f"  (full compiler output: {rel(result.log)})"))
        return False
    warnings = list(result.warnings)
    running = f" in the test '{run.unfinished.name}'" if run.unfinished else ""
    if result.kind == "timed-out":
        say(f"{S.cross} {S.bold(title)}: the tests did not finish within {result.limit} s, stopped{running}")
        say("Next: look for a loop that never ends, or a wait that is never answered (a transaction never "
            "committed, a lock never released)" + (f" in what '{run.unfinished.name}' calls." if run.unfinished
                                                   else f". To see the tests as they run: {rel(result.binary)} -s"))
        return False
    if result.kind == "exited":
        say(f"{S.cross} {S.bold(title)}: the test program ended by itself (exit code {run.returncode}){running}")
        say("Next: something called std::exit (or exit, quick_exit) in the middle of a test, which ends the "
            "whole program; throw an exception instead, or return.")
        return False
    if result.kind == "crashed":
        say(f"{S.cross} {S.bold(title)}: a test crashed{running}")
        report_crash(result, warnings)
        return False
    if result.kind == "passed":
        say(f"{S.tick} {S.bold(title)}: all {len(run.cases)} tests pass"
            + (f"; {plural(len(warnings), 'warning')} in your code:" if warnings else ""))
        for line in warnings[:5]:
            say("  " + S.warn(line))
        if advice:
            later = [s for s in kitcore.load_stages() if s.number > stage.number]
            nxt = f" · next stage: ./workshop check {later[0].number}" if later else " · that was the last stage!"
            say(S.dim(f"  compare with the reference: ./workshop diff {stage.number}{nxt}"))
        return True
    say(f"{S.bold(title)}: {len(run.passed)} of {len(run.cases)} tests pass")
    for line in describe_failure(result.case):
        say("  " + line)
    for line in warnings[:3]:
        say("  " + S.warn(line))
    if advice:
        for line in next_step_advice(stage, result.case, result.step):
            say(line)
    return False


def report_crash(result: Result, warnings: list[str]) -> None:
    run = result.run
    case = run.unfinished
    checks = [f for f in case.failures if f.kind != "crash" and not f.is_placeholder] if case else []
    before = checks[0] if checks else None
    if before:  # the failed check just before the crash says more than the crash does
        say("  before it crashed, this check failed:")
        shown = kitcore.CaseResult(case.name, case.file, case.line, False, [before])
        for line in describe_failure(shown)[1:]:
            say("  " + line)
    else:
        for line in crash_summary(kitcore.crash_report(result.binary, result.work, result.env)):
            say("  " + line)
    for line in warnings[:3]:
        say("  " + S.warn(line))
    hint = " (the compiler's warning above may say more)." if warnings else "."
    if before and before.kind.startswith("CHECK"):
        say("Next: fix what that check found first: a CHECK that fails lets the test go on, and the lines "
            "after it used what was not there" + hint)
    else:
        say("Next: a crash is often a reference to something that no longer exists, a null pointer, or an "
            "empty optional dereferenced" + hint)
    say(f"      To debug: gdb --args {rel(result.binary)}")


def describe_failure(case: kitcore.CaseResult) -> list[str]:
    out = [S.cross + " " + S.bold(case.name)]
    failure = case.first_failure
    where = f"{rel(failure.file)}:{failure.line}" if failure and failure.file else f"{rel(case.file)}:{case.line}"
    out.append("  " + S.dim(where))
    if failure:
        if failure.original:
            expected = f", {failure.expected_exception}" if failure.expected_exception else ""
            out.append(f"  {failure.kind}( {failure.original}{expected} )")
        if failure.expected_message:
            out.append(f"  the message must match: {failure.expected_message}")
        if failure.expanded and failure.expanded != failure.original:
            out.append(f"  with values: {failure.expanded}")
        if failure.exception:
            out.append(f"  threw: {S.warn(failure.exception)}")
            if failure.expected_exception and not failure.is_stub:
                out.append(f"  but the test expects {failure.expected_exception}")
        elif failure.expected_exception:
            out.append(f"  did not throw, but the test expects {S.warn(failure.expected_exception)}")
    return out


def next_step_advice(stage: Stage, case: kitcore.CaseResult, step: int | None = None) -> list[str]:
    """What to do about the failure shown: write the stub it hit, or look again at the README step
    the test checks (`step`, from tests/NN/steps.txt)."""
    readme = rel(stage.starter_dir / "README.md")
    stuck = S.dim(f"      Stuck? ./workshop hint {stage.number}   Re-check on every save: ./workshop watch {stage.number}")
    for failure in case.failures:
        match = re.search(r"not implemented yet: (.+) \(see README step (\d+)\)", failure.exception)
        if match:
            where = kitcore.locate_region(stage, match[1])
            place = f" in {rel(where[0])}:{where[1]}" if where else ""
            return [f"Next: README step {match[2]} ({readme}): write {S.bold(match[1])}{place}.", stuck]
    if step is not None:
        title = kitcore.readme_step_title(stage, step)
        about = f"README step {step}" + (f", \"{title}\"" if title else "") + f" ({readme})"
    else:
        about = f"the step of {readme} it is about"
    failure = case.first_failure
    if failure and failure.exception and not failure.expected_exception:
        return [f"Next: your code threw the exception above, which this test does not expect. Read the test at "
                f"the line above, and {about}.", stuck]
    return [f"Next: your code runs, but gives another answer than this test expects. Read the test at the "
            f"line above, and {about}.", stuck]


def crash_summary(report: str) -> list[str]:
    """From doctest's console report of a crash: the test case, where, and the signal."""
    keep = []
    for line in report.splitlines():
        text = line.strip()
        if re.fullmatch(r"\S+:\d+:", text):
            continue  # a bare location line; the lines kept name it too
        if text.startswith("TEST CASE:") or "crashed" in text.lower() or "SIG" in text or re.match(r"^\S+:\d+:", text):
            cleaned = re.sub(r"(/\S+?):(\d+)", lambda m: f"{rel(m[1])}:{m[2]}", text)
            if cleaned not in keep:
                keep.append(cleaned)
    return keep[:6] or [line for line in report.splitlines() if line.strip()][-6:]

