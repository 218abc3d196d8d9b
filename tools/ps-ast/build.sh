#!/usr/bin/env bash
# Restores and builds the PowerShell static-check tool into tools/ps-ast/bin (git-ignored).
# Skips the build when bin/ps-ast.dll is newer than every source file, so CI and the test
# helper can call it on every run for the price of a stat.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dll="$here/bin/ps-ast.dll"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "ps-ast: dotnet is not on PATH; the PowerShell static checks will be skipped" >&2
  exit 0
fi

if [[ -f "$dll" && "${1:-}" != "--force" ]]; then
  newer="$(find "$here" -maxdepth 1 \( -name '*.cs' -o -name '*.csproj' \) -newer "$dll" -print -quit)"
  if [[ -z "$newer" ]]; then
    echo "ps-ast: $dll is up to date"
    exit 0
  fi
fi

start=$(date +%s)
dotnet build "$here/ps-ast.csproj" -c Release -o "$here/bin" --nologo -v quiet -clp:ErrorsOnly
echo "ps-ast: built $dll in $(( $(date +%s) - start ))s"
