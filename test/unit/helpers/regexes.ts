/**
 * Every regular expression of a TypeScript file, found by the TypeScript compiler: regex literals, and `new RegExp`
 * / `RegExp` calls whose pattern is folded from constants in the same file (string and template literals, `+`,
 * `const` names, `X.source` of a regex constant). A call of `escapeRegExp(…)` (src/core/text/regexp.ts) stands for
 * a literal; any other variable part makes the pattern `dynamic`.
 */
import ts from 'typescript';

export interface FoundRegex {
  where: string;
  source?: string;
  flags: string;
  /** Why the pattern could not be read as a constant. */
  dynamic?: string;
}

export const ESCAPE_HELPER = 'escapeRegExp';
/** What an escaped variable part stands for in the analysed pattern: a literal, as the helper guarantees. */
const ESCAPED = 'x';

/** The regexes of one file: literals, and `new RegExp`/`RegExp` calls with their pattern folded from constants. */
export function regexesIn(fileName: string, text: string): FoundRegex[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const consts = new Map<string, ts.Expression>();
  const visitConsts = (n: ts.Node): void => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.getCombinedNodeFlags(n) & ts.NodeFlags.Const) consts.set(n.name.text, n.initializer);
    ts.forEachChild(n, visitConsts);
  };
  visitConsts(sf);

  const literal = (n: ts.RegularExpressionLiteral) => {
    const slash = n.text.lastIndexOf('/');
    return { source: n.text.slice(1, slash), flags: n.text.slice(slash + 1) };
  };
  /** The constant string `e` evaluates to, or an Error naming the part that is not constant. */
  const fold = (e: ts.Expression, seen: Set<string>): string | Error => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return fold(e.expression, seen);
    if (ts.isTemplateExpression(e)) {
      let s = e.head.text;
      for (const span of e.templateSpans) {
        const v = fold(span.expression, seen);
        if (v instanceof Error) return v;
        s += v + span.literal.text;
      }
      return s;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const a = fold(e.left, seen);
      const b = fold(e.right, seen);
      return a instanceof Error ? a : b instanceof Error ? b : a + b;
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === ESCAPE_HELPER) return ESCAPED;
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'source' && ts.isIdentifier(e.expression)) {
      const init = consts.get(e.expression.text);
      if (init && ts.isRegularExpressionLiteral(init)) return literal(init).source;
    }
    if (ts.isIdentifier(e) && !seen.has(e.text)) {
      const init = consts.get(e.text);
      if (init) return fold(init, new Set(seen).add(e.text));
    }
    return new Error(e.getText(sf));
  };

  const out: FoundRegex[] = [];
  const where = (n: ts.Node) => `${fileName}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(n)) out.push({ where: where(n), ...literal(n) });
    else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
      const [pattern, flagsArg] = n.arguments ?? [];
      const source = pattern ? fold(pattern, new Set()) : '';
      const flags = flagsArg ? fold(flagsArg, new Set()) : '';
      if (source instanceof Error || flags instanceof Error) out.push({ where: where(n), flags: '', dynamic: (source instanceof Error ? source : (flags as Error)).message });
      else out.push({ where: where(n), source, flags });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
