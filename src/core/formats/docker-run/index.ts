/** Container runs (`docker run -p 445:445 …`) in shell scripts, Makefile recipes, CI steps and systemd units. */
import { DEFAULT_SMB_SERVICES } from '../../model/ports';
import type { AccessRule, RuleModel } from '../../model/rule';
import { delegatingFixes, mergeModels, Owners } from '../common/composite';
import { headOf, type FormatModule } from '../format';
import { ansible } from '../ansible/index';
import { firewalld } from '../firewalld/index';
import { iptables } from '../iptables/index';
import { nftables } from '../nftables/index';
import { ufw } from '../ufw/index';
import { extractDockerRun, findRuns } from './extract';
import { isSambaImage } from '../common/samba-image';
import { dockerRunFixes } from './fixes';

/** Shell scripts, Makefiles, YAML (CI workflows) and systemd units; a script without a suffix by its `#!` line. */
const NAME = /(?:\.(?:sh|bash|zsh|ksh|mk|ya?ml|service)|(?:^|[\\/])(?:GNU)?[Mm]akefile)$/;
const SHEBANG = /^#![^\n]*\b(?:ba|z|k|da)?sh\b/;
const ENGINE = /(?:docker|podman|nerdctl)[ \t]+(?:container[ \t]+|service[ \t]+)?(?:run|create)\b/;
/** Something SMB on the same line or the next few (continuations): a port or a Samba image. */
const SMB_HINT = /\b(?:445|13[7-9])\b|samba/i;

/** Formats that read the same documents: a document both claim is read by both (their lists side by side). */
const companions: readonly FormatModule[] = [ufw, iptables, nftables, firewalld, ansible];
const owners = new Owners();

/** Claims only a document with a container run of a Samba image or publishing an SMB port (read, not guessed):
 *  a run whose SMB publish was fixed away keeps its image, so the document stays claimed. */
function hasSmbRun(text: string): boolean {
  const head = headOf(text);
  if (!ENGINE.test(head) || !SMB_HINT.test(head)) return false;
  let found = false;
  findRuns(head, (run) => {
    found ||= isSambaImage(run.image?.text ?? '');
  });
  if (found) return true;
  const smb = (r: AccessRule) => Array.isArray(r.ports.ranges) && r.ports.ranges.some(([a, b]) => DEFAULT_SMB_SERVICES.some((s) => a <= s.port && s.port <= b));
  return extractDockerRun(head).lists.some((l) => l.rules.some(smb));
}

export const dockerRun: FormatModule = {
  id: 'docker-run',
  displayName: 'Container runs (docker run)',
  lineComment: '#',
  detect(uri, text) {
    const name = uri.slice(0, uri.search(/[?#]|$/));
    if (!NAME.test(name) && !SHEBANG.test(text.slice(0, 200))) return false;
    return hasSmbRun(text);
  },
  extract(text, uri, budget): RuleModel {
    const own = extractDockerRun(text, budget);
    const other = companions.find((f) => f.detect(uri, text));
    if (!other) return own;
    // The companion's model first: its comment syntax and settings are the document's.
    return mergeModels([owners.adopt(other.extract(text, uri, budget), { module: other }), own]);
  },
  fixes: delegatingFixes(owners, dockerRunFixes),
};
