#!/bin/sh
# Nightly backup of the SMB share (port 445) to the NAS; nothing here touches the firewall.
set -e
mount -t cifs //nas/backup /mnt/backup -o port=445,credentials=/root/.smb
rsync -a --delete /srv/share/ /mnt/backup/share/
echo "ACCEPT: backup finished"
