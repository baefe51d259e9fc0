# Sourced by ./parallax and ./run-tests: checks Python and the system libraries, then creates
# .venv and installs the pinned requirements when they changed. Safe to run again and again.

PARALLAX_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${PARALLAX_VENV:-$PARALLAX_ROOT/.venv}

# What a bare Debian/Ubuntu machine lacks for Qt to start (desktops have these), and a font.
APP_SYSTEM_PACKAGES="python3-venv libgl1 libegl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 fonts-dejavu-core libxcb-cursor0"
# Tests also render PDFs to PNG pages.
TEST_SYSTEM_PACKAGES="$APP_SYSTEM_PACKAGES poppler-utils"

say() { printf 'parallax setup: %s\n' "$*" >&2; }

find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

ensure_system_packages() {
    # Only Debian and Ubuntu are handled here; elsewhere Qt's wheels bring what they need.
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing="" package
    for package in $1; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" ||
            missing="$missing $package"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing system packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >&2
    else
        say "these system packages are missing:$missing"
        say "install them first, e.g.: sudo apt-get install$missing"
        return 1
    fi
}

ensure_env() {
    # $1: "app" or "test"
    local kind=$1 python requirements stamp wanted
    if [ "$kind" = test ]; then
        ensure_system_packages "$TEST_SYSTEM_PACKAGES" || return 1
        requirements=$PARALLAX_ROOT/requirements/test.txt
    else
        ensure_system_packages "$APP_SYSTEM_PACKAGES" || return 1
        requirements=$PARALLAX_ROOT/requirements/app.txt
    fi
    python=$(find_python) || {
        say "Parallax needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)"
        return 1
    }
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating $VENV"
        "$python" -m venv "$VENV" || return 1
    fi
    stamp=$VENV/.parallax-$kind
    wanted=$(cat "$PARALLAX_ROOT"/requirements/*.txt | sha256sum | cut -d' ' -f1)
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
        say "installing Python packages ($kind; a few minutes the first time)"
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
            -r "$requirements" -c "$PARALLAX_ROOT/requirements/constraints.txt" >&2 || return 1
        echo "$wanted" >"$stamp"
    fi
}
