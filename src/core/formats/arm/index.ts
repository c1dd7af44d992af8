/** Azure Resource Manager templates (JSON, comments allowed): network security groups and their rules. */
import { headOf, type FormatModule } from '../format';
import { extractArm } from './extract';
import { armFixes } from './fixes';

const NAME = /\.jsonc?$/i;
const SCHEMA = /["']\$schema["']\s*:\s*["'][^"']*deploymentTemplate\.json/i;
const NSG = /microsoft\.network\/networksecuritygroups/i;

export const arm: FormatModule = {
  id: 'arm',
  displayName: 'Azure Resource Manager',
  // Azure's template engine accepts // comments; the parser blanks them out (offsets kept).
  lineComment: '//',
  detect(uri, text) {
    if (!NAME.test(uri)) return false;
    const head = headOf(text);
    // The NSG may sit past the head in a large template; one linear scan, and only for ARM templates.
    return SCHEMA.test(head) && NSG.test(text);
  },
  extract: (text, _uri, budget) => extractArm(text, budget),
  fixes: armFixes,
};
