#!/usr/bin/env bash
# Installs the Debian 12 packages Cove needs to build, test and benchmark. Repeated runs are fast:
# apt is only used when dpkg reports a package missing. Needs root (or sudo) only in that case.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config       # toolchain
  libboost1.81-dev libsqlite3-dev libsqlitecpp-dev libssl-dev  # libraries (see cmake/deps.cmake)
  libfmt-dev nlohmann-json3-dev libre2-dev libzip-dev libicu-dev
  libcurl4-openssl-dev                                      # outbound HTTPS (domain verification), SMTP (e-mail)
  libcmark-gfm-dev libcmark-gfm-extensions-dev              # Markdown of announcements and articles
  catch2                                                    # unit and API tests
  prometheus python3                                        # contract tests: promtool, openapi build.py
  python3-aiosmtpd                                          # the SMTP server e-mail tests send to
  python3-authlib python3-requests                          # the standard OAuth 2 client the OAuth tests drive
  zip unzip curl                                            # test fixtures and scripts
  nginx-light wrk                                           # benchmarks (bench/)
)

# The web console is built with Node.js + npm (COVE_WEB) and tested in chromium (tests/e2e). A
# node already on PATH (e.g. a newer one from elsewhere) is used as it is; Debian 12's is 18.19+.
command -v node >/dev/null || PACKAGES+=(nodejs npm)
[[ -x /usr/bin/chromium ]] || PACKAGES+=(chromium)
PACKAGES+=(fonts-wqy-microhei) # a CJK font, so the e2e screenshots show the Chinese UI

missing=()
for pkg in "${PACKAGES[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

sudo=()
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing packages (${missing[*]}) and not root; run as root" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"

# Only promtool is wanted from prometheus (tests/contract/metrics-lint.sh). Where systemd runs, the
# package also starts a Prometheus server on :9090: stop it and keep it from starting at boot.
if [[ " ${missing[*]} " == *" prometheus "* && -d /run/systemd/system ]]; then
  "${sudo[@]}" systemctl disable --now prometheus.service || true
fi
