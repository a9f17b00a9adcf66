#!/usr/bin/env bash
# `npm test`: lint, typecheck and unit/integration tests of every project, then the e2e suite in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NEXT_TELEMETRY_DISABLED=1

if ! command -v chromium >/dev/null 2>&1 && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test: installing Debian's chromium for the e2e suite"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test: Chromium is missing; install it with: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

npx nx run-many -t lint typecheck test --parallel=1 --outputStyle=stream
# The e2e suite serves the production build of the web app.
npx nx run @scsamac/web:build --outputStyle=stream
npm run e2e -w @scsamac/e2e
