#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need (Debian's
# Chromium for the browser tests, libgmp for the GMP engine, gcc to link the native worker,
# redis-server for the lab nodes' redis membership test,
# PostgreSQL's server for the PostgreSQL store tests, which start their own throwaway cluster on a
# loopback port as the "postgres" user), builds,
# tests, and ends with one line "N passed, N failed" computed from the TRX result files.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

need=()
[[ -x /usr/bin/chromium ]] || need+=(chromium)
ldconfig -p 2>/dev/null | grep -q 'libgmp.so.10' || need+=(libgmp10)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
# The cluster strategy's redis membership test starts its own redis-server on a loopback port.
[[ -x /usr/bin/redis-server ]] || need+=(redis-server)
# A C toolchain links the Native AOT worker (src/Dashboard.Worker/NativeWorker.targets); without one
# the build falls back to `dotnet exec` workers, which start ~10x slower.
command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(gcc zlib1g-dev)
if ((${#need[@]})); then
  echo "Installing ${need[*]} (apt)..."
  sudo_cmd=""
  [[ $(id -u) -eq 0 ]] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "could not install ${need[*]}" >&2; echo "0 passed, 1 failed"; exit 1; }
fi
# The tests start PostgreSQL as the "postgres" user (it refuses to run as root): the package makes that user.
if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
  echo "the postgres user is missing although postgresql is installed" >&2; echo "0 passed, 1 failed"; exit 1
fi

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

dotnet build Dashboard.sln -c Release -v q -nologo || { echo "0 passed, 1 failed"; exit 1; }

status=0
dotnet test Dashboard.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" "$@" || status=$?

passed=0; failed=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
done
if ((total == 0)); then
  echo "no test results were written" >&2
  failed=$((failed + 1))
fi
if ((status != 0 && failed == 0)); then
  # dotnet test failed without a failing test (a crashed test host, a build error): count it.
  failed=1
fi
echo "$passed passed, $failed failed"
((failed == 0))
