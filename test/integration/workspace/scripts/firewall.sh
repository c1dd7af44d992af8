#!/bin/sh
# Opens the file server to the office network (and, by mistake, to everyone).
set -e
iptables -A INPUT -p tcp --dport 22 -s 192.168.10.0/24 -j ACCEPT
iptables -A INPUT -p tcp --dport 445 -j ACCEPT
