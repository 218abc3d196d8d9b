#!/usr/bin/env bash
# Installs real PowerShell 7.6.10 (a .NET tool from NuGet) and Pester 5.7.1 (a NuGet package) into
# tools/pwsh/.install (git-ignored), so a fresh clone and CI run the module under real pwsh.
# Idempotent: a second run checks the two marker files and returns at once. Offline-tolerant:
# without dotnet, or when a restore fails, it prints one line and exits 0; the PowerShell suites
# then skip and print the same reason.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/.install"
pwsh_version="7.6.10" # 7.7.0, which a versionless install takes, fails on these machines
pester_version="5.7.1"
pwsh="$dest/tool/pwsh"
pester="$dest/packages/pester/$pester_version/tools/Pester.psd1"
reason_file="$dest/unavailable.txt"

if [[ -x "$pwsh" && -f "$pester" ]]; then
  rm -f "$reason_file"
  exit 0
fi
mkdir -p "$dest"

unavailable() {
  echo "pwsh: $1" | tee "$reason_file" >&2
  exit 0
}

command -v dotnet >/dev/null 2>&1 || unavailable "dotnet is not on PATH, so PowerShell $pwsh_version and Pester $pester_version cannot be installed; the PowerShell suites will be skipped"

if [[ ! -x "$pwsh" ]]; then
  dotnet tool install --tool-path "$dest/tool" PowerShell --version "$pwsh_version" >"$dest/tool-install.log" 2>&1 \
    || unavailable "dotnet tool install PowerShell $pwsh_version failed (see $dest/tool-install.log); the PowerShell suites will be skipped"
fi

if [[ ! -f "$pester" ]]; then
  proj="$dest/restore"
  mkdir -p "$proj"
  cat >"$proj/restore.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$pester_version]" /></ItemGroup>
</Project>
XML
  dotnet restore "$proj/restore.csproj" --packages "$dest/packages" >"$dest/pester-restore.log" 2>&1 \
    || unavailable "dotnet restore of Pester $pester_version failed (see $dest/pester-restore.log); the PowerShell suites will be skipped"
fi

rm -f "$reason_file"
echo "pwsh: PowerShell $pwsh_version at $pwsh, Pester $pester_version at $pester"
