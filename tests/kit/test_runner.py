"""The runner (./workshop) tested on fixture stages: a finished stage, a failing one, one that does
not compile, and one whose folder is gone. The fixture kit is the real build and tools plus the
tiny stages in tests/kit/fixtures/kit, in a temporary directory."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

KIT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "kit"


class RunnerOnFixtureStages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="workshop-fixture-")
        root = cls.root = Path(cls.tmp.name)
        for name in ("CMakeLists.txt", "CMakePresets.json", "workshop", ".clang-format"):
            shutil.copy2(KIT / name, root / name)
        for name in ("support", "tools"):
            shutil.copytree(KIT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
        subprocess.run([sys.executable, str(root / "tools" / "kit.py"), "generate"], check=True,
                       capture_output=True)
        # The student finished stage 01, left 02 as it came, broke 03 and deleted 04.
        shutil.copy2(root / "solutions/01-passing/exclaim.cpp", root / "stages/01-passing/exclaim.cpp")
        broken = root / "stages/03-broken/boom.cpp"
        broken.write_text(broken.read_text().replace("throw es::NotImplemented", "retrun text +"))
        shutil.rmtree(root / "stages/04-missing")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def workshop(self, *args, **extra_env):
        env = {**os.environ, "CI": "1", "NO_COLOR": "1", **extra_env}
        env.pop("KIT_ROOT", None)
        proc = subprocess.run([str(self.root / "workshop"), *args], cwd=self.root, capture_output=True,
                              text=True, env=env, stdin=subprocess.DEVNULL, timeout=600)
        return proc.returncode, proc.stdout + proc.stderr

    def test_a_finished_stage_passes_its_check(self):
        code, out = self.workshop("check", "1")
        self.assertEqual(code, 0, out)
        self.assertIn("all 2 tests pass", out)

    def test_a_failing_stage_shows_the_stub_message_and_the_readme_step(self):
        code, out = self.workshop("check", "2")
        self.assertEqual(code, 1, out)
        self.assertIn("not implemented yet: bang (see README step 1)", out)
        self.assertIn("stages/02-failing/bang.cpp:", out)
        self.assertIn("README step 1", out)

    def test_a_stage_that_does_not_compile_shows_the_first_error_and_the_log(self):
        code, out = self.workshop("check", "3")
        self.assertEqual(code, 1, out)
        self.assertIn("does not compile", out)
        self.assertIn("stages/03-broken/boom.cpp:", out)
        self.assertIn("full compiler output", out)
        self.assertLess(len(out.splitlines()), 12, "the student sees the error, not a wall of noise")

    def test_a_student_picks_another_compiler_with_CXX_and_gets_a_build_of_its_own(self):
        code, out = self.workshop("check", "2", CXX="g++", CXXFLAGS="-DKIT_PICKED")
        self.assertEqual(code, 1, out)
        self.assertIn("not implemented yet: bang (see README step 1)", out)
        cache = (self.root / "build/dev-g++-DKIT_PICKED/CMakeCache.txt").read_text()
        self.assertIn("-DKIT_PICKED", cache)
        code, out = self.workshop("check", "2", CXX="no-such-compiler++")
        self.assertEqual(code, 1, out)
        self.assertIn("CXX=no-such-compiler++, but there is no no-such-compiler++ on PATH", out)

    def test_the_solution_of_any_stage_can_be_checked(self):
        code, out = self.workshop("check", "2", "--solution")
        self.assertEqual(code, 0, out)

    def test_a_missing_stage_folder_is_explained(self):
        code, out = self.workshop("check", "4")
        self.assertEqual(code, 1, out)
        self.assertIn("./workshop reset 4", out)

    def test_a_bad_stage_number_or_command_is_a_clear_error(self):
        for args in (("check", "9"), ("hint", "zero"), ("frobnicate",), ("check", "2", "--solutoin")):
            code, out = self.workshop(*args)
            self.assertEqual(code, 2, out)
            self.assertTrue("no stage" in out or "unknown command" in out or "unrecognized arguments: --solutoin" in out,
                            out)
            self.assertNotIn("Traceback", out)

    def test_a_wrong_answer_names_the_readme_step_its_test_checks(self):
        starter = self.root / "stages/02-failing/bang.cpp"
        pristine = starter.read_text()
        try:
            starter.write_text(pristine.replace('throw es::NotImplemented("bang", 1);', 'return text + "?";'))
            code, out = self.workshop("check", "2")
            self.assertEqual(code, 1, out)
            self.assertIn('with values: "Ada?" == Ada!', out)
            self.assertIn('README step 1, "write bang"', out)
        finally:
            self.workshop("reset", "2")

    def test_a_warning_in_the_students_code_is_shown_even_when_every_test_passes(self):
        mine = self.root / "stages/01-passing/exclaim.cpp"
        original = mine.read_text()
        try:
            mine.write_text(original.replace("{\n", "{\n    int unused = 0;\n", 1))
            for _ in range(2):  # the second check compiles nothing, and still says it
                code, out = self.workshop("check", "1")
                self.assertEqual(code, 0, out)
                self.assertIn("all 2 tests pass; 1 warning in your code:", out)
                self.assertIn("stages/01-passing/exclaim.cpp:", out)
        finally:
            mine.write_text(original)
        code, out = self.workshop("check", "1")
        self.assertNotIn("warning", out)

    def test_the_demo_of_an_unfinished_stage_says_which_step_to_write(self):
        code, out = self.workshop("run", "2")
        self.assertEqual(code, 1, out)
        self.assertIn("demo: not implemented yet: bang (see README step 1)", out)
        self.assertNotIn("terminate called", out)

    def test_with_no_argument_it_shows_progress_and_moves_on_from_a_stage_just_passed(self):
        self.workshop("check", "1")
        code, out = self.workshop()
        self.assertEqual(code, 1, out)
        self.assertIn("01 A stage the student finished", out)
        self.assertIn("passed", out)
        self.assertIn("Stage 02", out.split("your progress")[1].split("\n\n", 1)[1])

    def test_it_continues_with_the_stage_worked_on_last_not_the_first_unfinished(self):
        self.workshop("check", "3")  # a student who joined at stage 03
        code, out = self.workshop()
        self.assertEqual(code, 1, out)
        self.assertIn("Stage 03", out.split("your progress")[1].split("\n\n", 1)[1])
        code, out = self.workshop("check")
        self.assertIn("Stage 03", out)

    def test_watch_n_stays_on_stage_n_once_it_passes(self):
        proc = subprocess.Popen([str(self.root / "workshop"), "watch", "1"], cwd=self.root, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL,
                                env={**os.environ, "CI": "1", "NO_COLOR": "1"})
        try:
            out, _ = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.terminate()
            out, _ = proc.communicate()
        self.assertIn("all 2 tests pass", out)
        self.assertNotIn("Watching stage 02", out)

    def test_the_tests_never_see_the_settings_a_student_exported(self):
        code, out = self.workshop("check", "1", SQLITE_DBNAME="mine.db", PERSISTENCE_MODULE="sqlite")
        self.assertEqual(code, 0, out)  # tests/01-passing checks that neither reaches it

    def test_an_unreadable_progress_file_is_set_aside_with_a_message(self):
        state = self.root / ".workshop/state.json"
        state.parent.mkdir(exist_ok=True)
        for text in ("{}", "not json", "[1, 2]"):
            with self.subTest(text):
                state.write_text(text)
                code, out = self.workshop("list")
                self.assertEqual(code, 0, out)
                self.assertIn("set aside", out)
                self.assertNotIn("Traceback", out)
                self.workshop("list")  # and the next command is quiet again
                self.assertNotIn("set aside", self.workshop("list")[1])

    def test_two_checks_at_once_both_work(self):
        command = [str(self.root / "workshop"), "check", "2"]
        env = {**os.environ, "CI": "1", "NO_COLOR": "1"}
        first = subprocess.Popen(command, cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        second = subprocess.Popen(command, cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        outputs = [first.communicate(timeout=300)[0], second.communicate(timeout=300)[0]]
        for out in outputs:
            self.assertIn("not implemented yet: bang (see README step 1)", out)
            self.assertNotIn("Traceback", out)

    def test_hints_come_one_more_at_a_time(self):
        _, first = self.workshop("hint", "2")
        _, second = self.workshop("hint", "2")
        self.assertIn("First hint of stage 02", first)
        self.assertIn("Second hint of stage 02", second)
        self.assertIn("last hint", second)

    def test_hints_follow_the_step_of_the_failing_test(self):
        self.workshop("reset", "2")
        self.workshop("check", "2")  # the stub of step 1 fails first
        code, out = self.workshop("hint", "2")
        self.assertEqual(code, 0, out)
        self.assertIn("README step 1, hint 1 of 2", out)
        starter = self.root / "stages/02-failing/bang.cpp"
        try:
            shutil.copy(self.root / "solutions/02-failing/bang.cpp", starter)  # step 1 done (a new mtime: rebuilt)
            self.workshop("check", "2")
            code, out = self.workshop("hint", "2")
            self.assertIn("README step 2, hint 1 of 2", out)
            self.assertIn("First hint for twice", out)
            code, out = self.workshop("hint", "2", "--step", "1")
            self.assertIn("README step 1, hint 2 of 2", out)
        finally:
            self.workshop("reset", "2")

    def test_diff_waits_until_the_stage_passes_unless_forced(self):
        code, out = self.workshop("diff", "2")
        self.assertEqual(code, 1, out)
        self.assertIn("--force", out)
        code, out = self.workshop("diff", "2", "--force")
        self.assertEqual(code, 0, out)
        self.assertIn("+    return text + \"!\";", out)

    def test_diff_shows_what_differs_not_how_it_is_laid_out(self):
        mine = self.root / "stages/01-passing/exclaim.cpp"
        original = mine.read_text()
        try:
            mine.write_text(original.replace("exclaim(const std::string& text)\n{", "exclaim(const std::string& text) {"))
            code, out = self.workshop("diff", "1", "--force")
            self.assertEqual(code, 0, out)
            self.assertIn("the same as the solution", out)
            code, out = self.workshop("diff", "1", "--force", "--exact")
            self.assertIn("+{", out)
        finally:
            mine.write_text(original)

    def test_the_kit_tests_refuse_at_once_to_run_on_a_students_work(self):
        code, out = self.workshop("test")
        self.assertEqual(code, 2, out)
        self.assertIn("01-passing", out)
        self.assertIn("fresh clone", out)
        self.assertNotIn("building", out)

    def test_reset_restores_the_starter_and_keeps_a_backup_of_the_students_work(self):
        work = self.root / "stages/03-broken/boom.cpp"
        mine = work.read_text()
        code, out = self.workshop("reset", "3")
        self.assertEqual(code, 0, out)
        backups = list((self.root / ".workshop/backups").glob("03-broken-*/boom.cpp"))
        self.assertEqual(len(backups), 1, out)
        self.assertEqual(backups[0].read_text(), mine)
        self.assertIn("throw es::NotImplemented", work.read_text())
        work.write_text(mine)  # leave the fixture as the other tests expect it

    def test_a_stage_with_subfolders_is_checked_diffed_and_reset_like_any_other(self):
        # From stage 09 on the library sits in es/ and the domain in dogschool/; the fixture's
        # stage 02 keeps twice.* in words/.
        nested = self.root / "stages/02-failing/words/twice.cpp"
        solved = self.root / "solutions/02-failing/words/twice.cpp"
        shutil.copy(self.root / "solutions/02-failing/bang.cpp", self.root / "stages/02-failing/bang.cpp")
        try:
            code, out = self.workshop("check", "2")
            self.assertEqual(code, 1, out)
            self.assertIn("not implemented yet: twice (see README step 2)", out)
            self.assertIn("stages/02-failing/words/twice.cpp:", out)
            shutil.copy(solved, nested)
            code, out = self.workshop("check", "2")
            self.assertEqual(code, 0, out)
            nested.write_text(solved.read_text().replace("text + text", "text + text + text"))
            code, out = self.workshop("diff", "2", "--force")
            self.assertIn("yours/words/twice.cpp", out)
            code, out = self.workshop("reset", "2")
            self.assertEqual(code, 0, out)
            backups = [p for p in (self.root / ".workshop/backups").glob("02-failing-*/words/twice.cpp")
                       if "text + text + text" in p.read_text()]
            self.assertEqual(len(backups), 1, out)
            self.assertIn("throw es::NotImplemented(\"twice\", 2);", nested.read_text())
        finally:
            self.workshop("reset", "2")

    def test_reset_twice_in_a_second_keeps_both_backups_and_says_how_to_restore_everything(self):
        work = self.root / "stages/03-broken/boom.cpp"
        mine = work.read_text()
        extra = self.root / "stages/03-broken/.notes/ideas.txt"
        extra.parent.mkdir()
        extra.write_text("try a loop")
        try:
            outputs = []
            for _ in range(2):
                work.write_text(mine)
                code, out = self.workshop("reset", "3")
                self.assertEqual(code, 0, out)
                outputs.append(out)
            restore = [line for line in outputs[0].splitlines() if "to get them back" in line][0]
            command = restore.split("to get them back: ")[1].rstrip(")")
            shutil.rmtree(extra.parent)
            subprocess.run(command, shell=True, cwd=self.root, check=True)
            self.assertEqual(extra.read_text(), "try a loop")
            self.assertEqual(work.read_text(), mine)
        finally:
            shutil.rmtree(extra.parent, ignore_errors=True)
            work.write_text(mine)

    def test_list_shows_every_stage(self):
        code, out = self.workshop("list")
        self.assertEqual(code, 0, out)
        for stage_id in ("passing", "failing", "broken", "missing"):
            self.assertIn(stage_id, out)


if __name__ == "__main__":
    unittest.main()
