@echo off
rem The workshop on Windows: needs Python 3 (py launcher or python on PATH).
where py >nul 2>nul && (py -3 "%~dp0tools\workshop.py" %*) || (python "%~dp0tools\workshop.py" %*)
