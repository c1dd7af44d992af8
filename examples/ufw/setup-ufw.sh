#!/bin/bash
# Provision a Samba file server (Ubuntu 22.04). Run once as root after apt install samba.
set -euo pipefail

apt-get install -y samba ufw
install -m 0644 files/smb.conf /etc/samba/smb.conf
systemctl restart smbd nmbd

ufw --force reset
ufw default deny incoming
ufw default allow outgoing
ufw allow OpenSSH
ufw allow Samba
ufw --force enable
ufw status verbose
