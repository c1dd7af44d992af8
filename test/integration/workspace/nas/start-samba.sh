#!/bin/sh
# Starts the NAS share in a container.
docker run -d --name nas \
  -p 445:445 \
  -v /srv/share:/mount \
  dperson/samba
