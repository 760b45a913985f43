#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need (Debian's
# Chromium for the browser tests, libgmp for the GMP engine, gcc to link the native worker,
# redis-server for the lab nodes' redis membership test,
# PostgreSQL's server for the PostgreSQL store tests, which start their own throwaway cluster on a
# loopback port as the "postgres" user; npm for axe-core, the accessibility checker the browser tests
# inject; Debian's Python 3 libraries, pytest and flake8 for the Python twins), builds, tests, and ends
# with one line "N passed, N failed" computed from the TRX files, pytest's JUnit XML and the TAP of
# Node's built-in test runner (the timeline's layout model, tests/timeline-js).
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
# npm installs axe-core, which the accessibility browser tests inject into every page.
command -v npm >/dev/null 2>&1 || need+=(npm)
# The Python twins (src/twins/python) run on Debian's Python 3 with the tutorial's libraries; their
# own tests need pytest, their style check flake8.
[[ -x /usr/bin/python3 ]] || need+=(python3)
for pkg in requests aiohttp aiofiles bs4 pytest; do
  /usr/bin/python3 -c "import $pkg" >/dev/null 2>&1 || need+=("python3-$pkg")
done
command -v flake8 >/dev/null 2>&1 || need+=(flake8)
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

# axe-core at the version pinned in tests/Dashboard.E2E.Tests/package-lock.json (node_modules is git-ignored).
(cd tests/Dashboard.E2E.Tests && npm ci --no-audit --no-fund --loglevel=error) || {
  echo "npm ci failed in tests/Dashboard.E2E.Tests" >&2; echo "0 passed, 1 failed"; exit 1; }

dotnet build Dashboard.sln -c Release -v q -nologo || { echo "0 passed, 1 failed"; exit 1; }

status=0
dotnet test Dashboard.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=minimal" "$@" || status=$?

# The Python twins: flake8 (a style failure counts as one failed test), then pytest, whose JUnit
# XML adds its own counts below.
twins="$root/src/twins/python"
if ! (cd "$twins" && flake8 .); then
  echo "flake8 found problems in src/twins/python" >&2; status=1; flake_failed=1
fi
(cd "$twins" && /usr/bin/python3 -m pytest -q -p no:cacheprovider --junitxml="$results/twins-python.xml" tests) || status=$?

# The timeline's modules without a browser (the browser tests check the joins): Node's own test
# runner, no npm package; its TAP summary ("# pass N", "# fail N") adds to the counts below.
node --test --test-reporter=tap --test-reporter-destination="$results/timeline-js.tap" tests/timeline-js/ || status=$?

passed=0; failed=0; total=0
shopt -s nullglob
# A test host that dies writes no TRX and its tests vanish from the counts: every test project must
# have written one (seen once: Web.Tests' host ended silently, and the line counted the other projects).
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  if ! grep -qi "storage=\"[^\"]*/${name}.dll\"" "$results"/*.trx 2>/dev/null; then
    echo "$name wrote no test results (its test host crashed or never started)" >&2; failed=$((failed + 1))
  fi
done
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); total=$((total + ${t:-0}))
done
if [[ -f "$results/twins-python.xml" ]]; then
  suite=$(grep -o '<testsuite [^>]*>' "$results/twins-python.xml" | head -n 1)
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite")
  f=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$suite")
  e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$suite")
  s=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$suite")
  bad=$(( ${f:-0} + ${e:-0} ))
  passed=$((passed + ${t:-0} - bad - ${s:-0})); failed=$((failed + bad)); total=$((total + ${t:-0}))
else
  echo "pytest wrote no results for the Python twins" >&2; failed=$((failed + 1))
fi
if [[ -f "$results/timeline-js.tap" ]]; then
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$results/timeline-js.tap" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$results/timeline-js.tap" | tail -n 1)
  c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$results/timeline-js.tap" | tail -n 1)
  if [[ -z "$p" ]]; then
    echo "node --test wrote no summary for tests/timeline-js" >&2; failed=$((failed + 1))
  fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${c:-0})); total=$((total + ${p:-0} + ${f:-0} + ${c:-0}))
else
  echo "node --test wrote no results for tests/timeline-js" >&2; failed=$((failed + 1))
fi
failed=$((failed + ${flake_failed:-0}))
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
