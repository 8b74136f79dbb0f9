#!/usr/bin/env bash
# Installs the Debian packages RedHall needs when they are missing.
#   system-deps.sh start   Chromium (the shell when Electron's binary is absent)
#   system-deps.sh test    + CJK fonts, Xorg with the dummy driver, xrandr, ImageMagick
set -euo pipefail
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { have_pkg "$1" || need+=("$1"); }
want chromium
if [ "${1:-start}" = test ]; then
  want fonts-noto-cjk
  want xserver-xorg-core
  want xserver-xorg-video-dummy
  want x11-xserver-utils
  want imagemagick
  want xvfb
  want xdotool
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "redhall: installing system packages: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "redhall: not root; please run: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
