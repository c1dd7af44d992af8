{ config, pkgs, ... }:
{
  services.samba.enable = true;
  networking.firewall.allowedTCPPorts = [ 22 445 ];
}
