#!/usr/bin/env bash
# `npm test`: lint, typecheck and unit/integration tests of every project, then the e2e suite in Chromium,
# then one closing line that adds up every runner's results.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NEXT_TELEMETRY_DISABLED=1

# Debian packages the suite needs: Chromium for e2e, and Python with h5py/pandas/scipy, with which libs/io checks that
# the .h5ad files it writes decode as anndata's layout (libs/io/scripts/check_h5ad_layout.py).
packages=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || packages+=(chromium)
/usr/bin/python3 -c 'import h5py, numpy, pandas, scipy' 2>/dev/null ||
  packages+=(python3 python3-h5py python3-numpy python3-pandas python3-scipy)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing Debian's ${packages[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "test: missing ${packages[*]}; install with: sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi

rm -rf apps/*/.test-results libs/*/.test-results e2e/test-results/report.json
npx nx run-many -t lint typecheck --parallel=2 --outputStyle=stream
npx nx run-many -t test --parallel=1 --outputStyle=stream -- --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json
# The e2e suite serves the production build of the web app. Built by npm, not Nx: Nx's cache is shared between
# clones on a machine and a cache hit replays the log without restoring .next, which left e2e on the dev server.
npm run build -w @scsamac/web
npm run e2e -w @scsamac/e2e
node scripts/test-summary.mjs --require-e2e
