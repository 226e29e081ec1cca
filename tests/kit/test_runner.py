"""The runner (./workshop) tested on fixture stages: a finished stage, a failing one, one that does
not compile, and one whose folder is gone. The fixture kit is the real build and tools plus the
tiny stages in tests/kit/fixtures/kit, in a temporary directory."""

import os
import shutil
import sqlite3
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

    def workshop(self, *args):
        env = {**os.environ, "CI": "1", "NO_COLOR": "1"}
        env.pop("KIT_ROOT", None)
        proc = subprocess.run([str(self.root / "workshop"), *args], cwd=self.root, capture_output=True,
                              text=True, env=env, stdin=subprocess.DEVNULL, timeout=600)
        return proc.returncode, proc.stdout + proc.stderr

    def test_a_finished_stage_passes_its_check(self):
        code, out = self.workshop("check", "1")
        self.assertEqual(code, 0, out)
        self.assertIn("all 1 tests pass", out)

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

    def test_the_solution_of_any_stage_can_be_checked(self):
        code, out = self.workshop("check", "2", "--solution")
        self.assertEqual(code, 0, out)

    def test_a_missing_stage_folder_is_explained(self):
        code, out = self.workshop("check", "4")
        self.assertEqual(code, 1, out)
        self.assertIn("./workshop reset 4", out)

    def test_a_bad_stage_number_or_command_is_a_clear_error(self):
        for args in (("check", "9"), ("hint", "zero"), ("frobnicate",)):
            code, out = self.workshop(*args)
            self.assertEqual(code, 2, out)
            self.assertTrue("no stage" in out or "unknown command" in out, out)

    def test_with_no_argument_it_shows_progress_and_moves_on_to_the_first_unfinished_stage(self):
        code, out = self.workshop()
        self.assertEqual(code, 1, out)
        self.assertIn("01 A stage the student finished", out)
        self.assertIn("passed", out)
        self.assertIn("Stage 02", out.split("your progress")[1].split("\n\n", 1)[1])

    def test_hints_come_one_more_at_a_time(self):
        _, first = self.workshop("hint", "2")
        _, second = self.workshop("hint", "2")
        self.assertIn("First hint of stage 02", first)
        self.assertIn("Second hint of stage 02", second)
        self.assertIn("last hint", second)

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

    def test_list_shows_every_stage(self):
        code, out = self.workshop("list")
        self.assertEqual(code, 0, out)
        for stage_id in ("passing", "failing", "broken", "missing"):
            self.assertIn(stage_id, out)

    def test_show_store_prints_streams_positions_topics_and_state(self):
        path = self.root / "events.db"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE sequenced_items (notification_id INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "sequence_id TEXT NOT NULL, position INTEGER NOT NULL, topic TEXT NOT NULL, "
                   "state TEXT NOT NULL, UNIQUE (sequence_id, position))")
        db.execute("INSERT INTO sequenced_items (sequence_id, position, topic, state) VALUES "
                   "('dog-1', 0, 'dogschool.Dog.Registered', '{\"name\": \"Fido\"}'), "
                   "('dog-1', 1, 'dogschool.Dog.TrickAdded', '{\"trick\": \"sit\"}')")
        db.commit()
        db.close()
        code, out = self.workshop("show-store", str(path))
        self.assertEqual(code, 0, out)
        self.assertIn("2 sequenced items in 1 streams", out)
        self.assertIn("dogschool.Dog.TrickAdded", out)
        self.assertIn('"trick": "sit"', out)
        code, out = self.workshop("show-store", str(self.root / "CMakeLists.txt"))
        self.assertEqual(code, 1, out)
        self.assertIn("not an SQLite database", out)


if __name__ == "__main__":
    unittest.main()
