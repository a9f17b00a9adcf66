#!/usr/bin/env bash
# `npm test`: lint, typecheck and unit/integration tests of every project, then the e2e suite in Chromium,
# then one closing line that adds up every runner's results.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NEXT_TELEMETRY_DISABLED=1

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing Debian's chromium for the e2e suite"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test: Chromium is missing; install it with: sudo apt-get install -y chromium" >&2
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
