/** Vagrantfile: ports forwarded from the host running Vagrant to the guest. */
import { headOf, type FormatModule } from '../format';
import { extractVagrant } from './extract';
import { vagrantFixes } from './fixes';

const VAGRANT_NAME = /(?:^|[\\/])Vagrantfile$/;
const NETWORK_CALL = /\.vm\.network\b/;

export const vagrant: FormatModule = {
  id: 'vagrant',
  displayName: 'Vagrantfile',
  lineComment: '#',
  detect: (uri, text) => VAGRANT_NAME.test(uri) && NETWORK_CALL.test(headOf(text)),
  extract: (text) => extractVagrant(text),
  fixes: vagrantFixes,
};
