#!/usr/bin/env bash
# Checks the system libraries the portal needs (WeasyPrint's Pango, Chromium and
# poppler/zbar for the tests) and installs them with apt-get when run as root.
# Otherwise it prints the exact command to run.
set -euo pipefail

need=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so || need+=(libpango-1.0-0 libpangoft2-1.0-0)
have_lib libharfbuzz.so || need+=(libharfbuzz0b)
have_lib libfontconfig.so || need+=(libfontconfig1)
[[ -x /usr/bin/chromium ]] || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)

if [[ ${#need[@]} -eq 0 ]]; then
  exit 0
fi
echo "System packages missing: ${need[*]}"
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  echo "Installed: ${need[*]}"
else
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
