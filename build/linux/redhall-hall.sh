#!/bin/sh
# Starts the hall the way a kiosk PC should at boot: the hall's own hall.yaml if the technician
# wrote one, and a data folder that survives updates (installed packs, statistics, table logs).
# Installed as /opt/RedHall/resources/linux/redhall-hall.sh; the autostart entry calls it.
set -e
APP_DIR=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
DATA="${REDHALL_DATA:-${XDG_DATA_HOME:-$HOME/.local/share}/redhall}"
mkdir -p "$DATA"
set -- "--data=$DATA" "$@"
if [ -f /etc/redhall/hall.yaml ]; then set -- "--hall=/etc/redhall/hall.yaml" "$@"; fi
exec "$APP_DIR/redhall" "$@"
