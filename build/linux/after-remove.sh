#!/bin/sh
# .deb removal: the command and the autostart entry go; the hall's data folder stays
# (~/.local/share/redhall of the hall's user: packs, statistics, table logs).
set -e
rm -f /usr/bin/redhall /etc/xdg/autostart/redhall.desktop
