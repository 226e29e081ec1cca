@echo off
rem The workshop does not run natively on Windows: nothing tests it there. Use WSL instead.
echo The workshop runs on Linux and macOS. On Windows, use WSL (README.md, "Windows: use WSL"):
echo   1. PowerShell as administrator: wsl --install -d Debian   (restart when asked)
echo   2. Open Debian from the Start menu, choose a user name and password
echo   3. sudo apt-get update ^&^& sudo apt-get install -y git python3
echo   4. Clone the kit inside Linux (cd ~), not under /mnt/c, then: ./workshop
exit /b 1
