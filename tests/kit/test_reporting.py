"""What the runner makes of a test run, read from reports doctest really wrote (doctest_reports/,
written by its capture.py): which failure to show first, and how a crash, an exit and a hang read."""

import contextlib
import io
import sys
import types
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "doctest_reports"
sys.path.insert(0, str(HERE.parents[1] / "tools"))
import kitcore  # noqa: E402
from workshop import checking, reporting  # noqa: E402


def run_of(name: str) -> kitcore.TestRun:
    code = int((REPORTS / f"{name}.code").read_text())
    return kitcore.read_run(code, (REPORTS / f"{name}.xml").read_text())


def printed(kind: str, run: kitcore.TestRun) -> str:
    stage = types.SimpleNamespace(nn="06", number=6, title="The event store")
    result = checking.Result(stage, "solution", kind, Path("build.log"), binary=Path("stage06_tests"), run=run,
                             limit=30)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        reporting.report(result)
    return out.getvalue()


class TheFailureToShow(unittest.TestCase):
    def test_the_earliest_step_comes_first_whatever_the_file_order(self):
        run = run_of("failing_steps")
        self.assertEqual(len(run.failed), 3)
        steps = {"a shout is in capitals": (1, 0), "a greeting ends with an exclamation mark": (2, 1),
                 "a greeting names who it greets": (2, 2), "a whole conversation greets and shouts": (2, 3)}
        self.assertEqual(run.case_to_show(steps).name, "a shout is in capitals")

    def test_within_a_step_the_test_listed_first_the_narrowest_comes_first(self):
        run = run_of("failing_steps")
        steps = {"a greeting ends with an exclamation mark": (2, 0), "a greeting names who it greets": (2, 1),
                 "a whole conversation greets and shouts": (2, 2), "a shout is in capitals": (3, 3)}
        self.assertEqual(run.case_to_show(steps).name, "a greeting ends with an exclamation mark")

    def test_a_test_missing_from_the_table_comes_after_those_in_it(self):
        run = run_of("failing_steps")
        steps = {"a greeting ends with an exclamation mark": (2, 0)}
        self.assertEqual(run.case_to_show(steps).name, "a greeting ends with an exclamation mark")


class WhenTheTestsDoNotFinish(unittest.TestCase):
    def test_a_crash_after_a_failed_check_shows_that_check_with_its_values(self):
        run = run_of("crash_after_check")
        self.assertTrue(run.crashed)
        self.assertFalse(run.exited_early)
        self.assertEqual(run.unfinished.name, "the store finds the dog it stored")
        out = printed("crashed", run)
        self.assertIn("a test crashed in the test 'the store finds the dog it stored'", out)
        self.assertIn("before it crashed, this check failed", out)
        self.assertIn("CHECK( dogs.size() == 1 )", out)
        self.assertIn("with values: 0 == 1", out)
        self.assertIn("a CHECK that fails lets the test go on", out)

    def test_std_exit_in_a_test_is_said_as_such(self):
        run = run_of("exit_in_test")
        self.assertTrue(run.exited_early)
        self.assertEqual(run.unfinished.name, "saving a stale dog is refused")
        self.assertEqual([c.name for c in run.passed], ["a passing test before it"])
        out = printed("exited", run)
        self.assertIn("ended by itself (exit code 3) in the test 'saving a stale dog is refused'", out)
        self.assertIn("std::exit", out)

    def test_a_hang_names_the_test_that_was_running(self):
        run = run_of("hang")
        self.assertTrue(run.timed_out)
        self.assertFalse(run.exited_early)
        self.assertEqual(run.unfinished.name, "the projection waits for a notification that never comes")
        out = printed("timed-out", run)
        self.assertIn("did not finish within 30 s, stopped in the test 'the projection waits", out)

    def test_the_time_limit_follows_how_long_the_tests_usually_take(self):
        self.assertEqual(checking.time_limit(5), 30)
        self.assertEqual(checking.time_limit(0.2), 30)
        self.assertEqual(checking.time_limit(15), 90)
        self.assertEqual(checking.time_limit(300), checking.TEST_TIME_LIMIT)
        self.assertEqual(checking.time_limit(None), 60)


if __name__ == "__main__":
    unittest.main()
