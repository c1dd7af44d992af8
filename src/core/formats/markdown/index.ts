/** Runbooks: the code blocks of Markdown and reStructuredText documents, read by the format each block is in. */
import type { Budget } from '../../analysis/budget';
import type { RuleModel } from '../../model/rule';
import type { Span } from '../../types';
import { blank, keepOnly } from '../common/blank';
import { delegatingFixes, mergeModels, Owners } from '../common/composite';
import { headOf, type FormatModule } from '../format';
import { codeBlocks, type CodeBlock } from './blocks';

const NAME = /\.(?:md|markdown|mdx|rst)$/i;
const RST = /\.rst$/i;

/** A block's language → the file name its format would have; untagged blocks are read by content alone. */
const LANG_NAMES: Record<string, readonly string[]> = {
  '': ['runbook', 'runbook.sh'],
  text: ['runbook'],
  sh: ['runbook.sh'], bash: ['runbook.sh'], shell: ['runbook.sh'], zsh: ['runbook.sh'], console: ['runbook.sh'],
  'shell-session': ['runbook.sh'], 'sh-session': ['runbook.sh'], shellsession: ['runbook.sh'],
  yaml: ['runbook.yaml'], yml: ['runbook.yaml'],
  hcl: ['runbook.tf'], terraform: ['runbook.tf'], tf: ['runbook.tf'],
  json: ['runbook.json'], xml: ['runbook.xml'],
  powershell: ['runbook.ps1'], ps1: ['runbook.ps1'], pwsh: ['runbook.ps1'], bat: ['runbook.bat'], cmd: ['runbook.bat'],
  nft: ['runbook.nft'], nftables: ['runbook.nft'], pf: ['pf.conf'], iptables: ['rules.v4'],
  cisco: ['runbook.cfg'], ios: ['runbook.cfg'], make: ['Makefile'], makefile: ['Makefile'],
  ini: ['runbook.service'], systemd: ['runbook.service'],
};
const CONSOLE = new Set(['console', 'shell-session', 'sh-session', 'shellsession']);

/** A block's content as its format reads it, the same length. In a console session only the commands after a
 *  `$ ` or `# ` prompt (and their `\` continuations) are kept; prompts and output are blanked. */
function blockText(text: string, b: CodeBlock): string {
  const body = text.slice(b.from, b.to);
  if (!CONSOLE.has(b.lang)) return body;
  let out = '';
  let continued = false;
  for (const line of body.split('\n')) {
    const prompt = /^[ \t]*[$#] /.exec(line);
    const keep = prompt ? prompt[0].length : continued ? 0 : line.length;
    out += (out ? '\n' : '') + blank(line.slice(0, keep)) + line.slice(keep);
    continued = (prompt !== null || continued) && /\\\r?$/.test(line);
  }
  return out;
}

/** The document with everything but `blocks` blanked: the blocks' format reads it at the document's own
 *  offsets, and its fixes are edits of the document. */
function blanked(text: string, blocks: readonly CodeBlock[]): string {
  const byStart = new Map(blocks.map((b) => [b.from, b]));
  return keepOnly(text, blocks.map((b) => ({ offset: b.from, length: b.to - b.from })), (s) => blockText(text, byStart.get(s.offset) as CodeBlock));
}

interface Group {
  module: FormatModule;
  uri: string;
  blocks: CodeBlock[];
}

/** The blocks some format claims, grouped by format and file name (a runbook's shell blocks read as one script:
 *  a variable set in one block is known in the next, as in the session the runbook describes). */
function groups(text: string, uri: string, all: () => readonly FormatModule[], self: FormatModule): Group[] {
  const out: Group[] = [];
  for (const b of codeBlocks(text, RST.test(uri))) {
    const names = LANG_NAMES[b.lang];
    if (!names) continue;
    const only = blockText(text, b);
    for (const name of names) {
      const module = all().find((f) => f !== self && f.detect(name, only));
      if (!module) continue;
      let g = out.find((x) => x.module === module && x.uri === name);
      if (!g) out.push((g = { module, uri: name, blocks: [] }));
      g.blocks.push(b);
      break;
    }
  }
  return out;
}

/** The markdown format, given the registry's formats (read when a document is, so no import cycle). */
export function markdownFormat(all: () => readonly FormatModule[]): FormatModule {
  const owners = new Owners();
  const self: FormatModule = {
    id: 'markdown',
    displayName: 'Runbooks (Markdown, reStructuredText code blocks)',
    lineComment: '#',
    owns: (uri) => NAME.test(uri.slice(0, uri.search(/[?#]|$/))),
    detect(uri, text) {
      return NAME.test(uri.slice(0, uri.search(/[?#]|$/))) && groups(headOf(text), uri, all, self).length > 0;
    },
    extract(text, uri, budget?: Budget): RuleModel {
      const found = groups(text, uri.slice(0, uri.search(/[?#]|$/)), all, self);
      const models = found.map((g) => {
        const read = blanked(text, g.blocks);
        const inside: Span[] = g.blocks.map((b) => ({ offset: b.from, length: b.to - b.from }));
        return owners.adopt(g.module.extract(read, g.uri, budget), { module: g.module, text: read, inside });
      });
      const fences = found.flatMap((g) => g.blocks).sort((a, b) => a.from - b.from);
      const merged = models.length ? mergeModels(models) : { lists: [], problems: [] };
      const comments = new Set(found.map((g) => g.module.lineComment).filter((c): c is string => !!c));
      return {
        ...merged,
        lineComment: found[0]?.module.lineComment ?? null,
        commentMarkers: [...comments, RST.test(uri) ? '..' : '<!--'],
        // A suppression just above a fence covers the block's rules.
        blockStart: (offset: number) => fences.find((b) => b.from <= offset && offset <= b.to)?.fence,
      };
    },
    fixes: delegatingFixes(owners, undefined),
  };
  return self;
}
