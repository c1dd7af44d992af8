<#
  Provisions FS-BRANCH-02 as a branch-office file server.
  Run once from an elevated prompt after the OS image is applied.
#>
param(
    [string]$ShareRoot = 'D:\Shares'
)

$ErrorActionPreference = 'Stop'

Install-WindowsFeature -Name FS-FileServer, FS-Resource-Manager -IncludeManagementTools

# Remote Desktop for the admin jump host only
New-NetFirewallRule -DisplayName "RDP from jump host" -Direction Inbound -Protocol TCP `
    -LocalPort 3389 -RemoteAddress 10.20.0.15 -Action Allow -Profile Domain

# File shares: the branch users come in over the SD-WAN from several sites
New-NetFirewallRule -DisplayName "SMB for branch users" `
    -Direction Inbound `
    -Action Allow `
    -Protocol TCP `
    -LocalPort 445 `
    -RemoteAddress Any

# WinRM for the config management server
$winrm = @{
    DisplayName   = 'WinRM HTTPS'
    Direction     = 'Inbound'
    Protocol      = 'TCP'
    LocalPort     = 5986
    RemoteAddress = '10.20.0.0/24'
    Action        = 'Allow'
}
New-NetFirewallRule @winrm

New-SmbShare -Name 'Branch' -Path (Join-Path $ShareRoot 'Branch') -FullAccess 'CORP\Branch-Users'
Write-Host "File server ready."
