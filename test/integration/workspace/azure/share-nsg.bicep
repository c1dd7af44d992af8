// A file share's NSG: the source parameter was meant to be the office, and is open to everyone.
param shareSource string = '*'

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'share-nsg'
  location: resourceGroup().location
  properties: {
    securityRules: [
      {
        name: 'allow-smb'
        properties: {
          priority: 200
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: shareSource
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '445'
        }
      }
    ]
  }
}
