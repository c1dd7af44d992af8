/** nftables: `nft -f` files (nftables.conf, *.nft) and shell scripts that run `nft add rule …`. */
import { OutOfTime, type Budget } from '../../analysis/budget';
import type { RuleModel } from '../../model/rule';
import { LineCursor } from '../../text/lines';
import { headOf, type FormatModule } from '../format';
import { Ruleset } from './doc';
import { nftablesFixes } from './fixes';
import { lex } from './lexer';
import { toModel } from './model';
import { Parser } from './parse';
import { scanShell } from './shell';

const NAME = /(?:^|[\\/])(?:[^\\/]+\.nft|nftables\.conf)$/i;
const SHEBANG = /^#!.*\bnft\b/;
/** Statements only nft files have: a table block with a family, `flush ruleset`, `add rule inet …`. */
const NFT_SYNTAX = /^[ \t]*(?:flush[ \t]+ruleset\b|table[ \t]+(?:ip6?|inet|arp|bridge|netdev)[ \t]+[\w.-]+[ \t]*\{|(?:add|insert|create)[ \t]+(?:table|chain|rule)[ \t]+(?:ip6?|inet|arp|bridge|netdev)[ \t]+[\w.-]+)/m;
const NFT_CALL = /(?:^|[\s;&|(`'"/])(?:nft|\$\{?NFT\}?)[ \t]+(?:-[a-zA-Z]+[ \t]+)*['"]?(?:add|insert|create|flush|delete)[ \t]+\\?['"]?(?:table|chain|rule|set|map|element|ruleset)\b/m;
const SHELL_SHEBANG = /^#!.*\b(?:ba|da|z|k)?sh\b/;
/** The body of a pass-through function, `nf() { nft "$@"; }`: its calls are nft commands (docs/formats/shell.md). */
const PASS_THROUGH = /[\s{;/]nft[ \t]+"?\$[@*]"?[ \t]*(?:;|\r?$)/m;

function isShell(uri: string, text: string): boolean {
  if (/\.(?:sh|bash)$/i.test(uri) || SHELL_SHEBANG.test(text)) return true;
  const h = headOf(text);
  return !NAME.test(uri) && !SHEBANG.test(text) && !NFT_SYNTAX.test(h) && (NFT_CALL.test(h) || PASS_THROUGH.test(h));
}

export function extractNftables(text: string, uri: string, budget?: Budget): RuleModel {
  const rs = new Ruleset();
  const lines = new LineCursor(text);
  try {
    if (isShell(uri, text)) {
      const scan = scanShell(text);
      for (const [name, v] of scan.vars) rs.shellVars.set(name, lex(v.text, [], 0, v.map));
      for (const item of scan.items) {
        if ('text' in item) new Parser(text, lex(item.text, rs.problems, 0, item.map), rs, item.prefix, lines, budget).parseAll();
        else new Parser(text, lex(text.slice(item.start, item.end), rs.problems, item.start), rs, '', lines, budget).parseAll();
      }
    } else {
      new Parser(text, lex(text, rs.problems), rs, '', lines, budget).parseAll();
    }
    return toModel(rs, text);
  } catch (e) {
    // Out of time: what was read so far is modelled (the budget says how far).
    if (e instanceof OutOfTime) return toModel(rs, text);
    // Never throw: an unexpected input shape becomes one problem at the start of the file.
    return { lists: [], problems: [...rs.problems, { span: { offset: 0, length: 0 }, message: `nftables: could not read this file (${String(e)})` }] };
  }
}

export const nftables: FormatModule = {
  id: 'nftables',
  displayName: 'nftables',
  lineComment: '#',
  detect(uri, text) {
    if (NAME.test(uri) || SHEBANG.test(text)) return true;
    const h = headOf(text);
    return NFT_SYNTAX.test(h) || NFT_CALL.test(h) || PASS_THROUGH.test(h);
  },
  extract: extractNftables,
  fixes: nftablesFixes,
};
