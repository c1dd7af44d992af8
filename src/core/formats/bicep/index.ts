/** Bicep files: Azure network security groups and their rules, read with ARM's semantics. The `bicep`
 *  language belongs to Microsoft's extension: SMB Guard only reads the content of `.bicep` files that declare
 *  an NSG. */
import type { FormatModule } from '../format';
import { extractBicep } from './extract';
import { bicepFixes } from './fixes';

const NAME = /\.bicep$/i;
const NSG = /microsoft\.network\/networksecuritygroups/i;

export const bicep: FormatModule = {
  id: 'bicep',
  displayName: 'Bicep',
  lineComment: '//',
  // The NSG may be declared anywhere in the file; one linear scan, only for .bicep files.
  detect: (uri, text) => NAME.test(uri) && NSG.test(text),
  extract: (text, _uri, budget) => extractBicep(text, budget),
  fixes: bicepFixes,
};
