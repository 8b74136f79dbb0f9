#!/bin/sh
# .deb post-install: the command on PATH and start at boot. The hall PC logs its user in
# automatically (the OS's autologin); every graphical login of any user then starts the hall.
# Remove /etc/xdg/autostart/redhall.desktop to stop that on a machine that is not a hall PC.
set -e
ln -sf /opt/RedHall/redhall /usr/bin/redhall
install -m 644 /opt/RedHall/resources/linux/redhall-autostart.desktop /etc/xdg/autostart/redhall.desktop
# Chromium's sandbox helper must be setuid root where user namespaces are off.
if [ -f /opt/RedHall/chrome-sandbox ]; then chmod 4755 /opt/RedHall/chrome-sandbox || true; fi
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q || true; fi
