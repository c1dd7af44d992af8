// `smb-guard advisories import-kev` and the loading of --advisories-overlay: the file side of advisories/overlay.ts
// and advisories/kev-import.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { LineIndex } from '../core/index';
import type { AdvisoryCatalog } from '../core/advisories/catalog';
import { importKev, KevFormatError } from '../core/advisories/kev-import';
import { applyOverlay } from '../core/advisories/overlay';

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

/** The overlay's catalog, or a one-line error when the file cannot be read. Schema problems are printed as
 *  FILE:LINE:COL warnings; the valid entries still apply. */
export function loadOverlay(file: string, io: CommandIo): { catalog?: AdvisoryCatalog; error?: string } {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, file), 'utf8');
  } catch (e) {
    return { error: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const { catalog, problems } = applyOverlay(text);
  const lines = new LineIndex(text);
  for (const p of problems) {
    const at = lines.positionAt(p.offset);
    io.stderr(`smb-guard: ${file}:${at.line + 1}:${at.character + 1}: warning: ${p.message}\n`);
  }
  return { catalog };
}

/** Reads the KEV file, writes the overlay (or prints it); returns the exit code. */
export function importKevCommand(file: string, out: string | undefined, io: CommandIo): number {
  const fail = (m: string) => {
    io.stderr(`smb-guard: ${m}\n`);
    return 2;
  };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolve(io.cwd, file), 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail(`cannot read ${file}: ${err.code ?? err.message}`);
  }
  const outPath = out && resolve(io.cwd, out);
  const existing = outPath && existsSync(outPath) ? readFileSync(outPath, 'utf8') : undefined;
  let base: AdvisoryCatalog | undefined;
  if (existing !== undefined) {
    const loaded = applyOverlay(existing);
    if (loaded.problems.length) return fail(`${out} has problems; fix them first (smb-guard scan --advisories-overlay ${out} lists them)`);
    base = loaded.catalog;
  }
  let result;
  try {
    result = importKev(json, base);
  } catch (e) {
    if (e instanceof KevFormatError) return fail(`${file}: ${e.message}`);
    throw e;
  }
  const summary = `imported CISA KEV ${result.kevCatalog.version} (${result.kevCatalog.date}): ${result.listed} of ${result.advisories.length} advisories listed`;
  if (!outPath) {
    io.stdout(`# ${summary}\n${stringify({ kevCatalog: result.kevCatalog, advisories: result.advisories })}`);
    return 0;
  }
  // Update the overlay in place: comments and the organisation's other entries and fields survive.
  const doc = parseDocument(existing ?? 'advisories: []\n');
  doc.setIn(['kevCatalog'], doc.createNode(result.kevCatalog));
  const ids = ((doc.toJS() as { advisories?: { id?: unknown }[] }).advisories ?? []).map((a) => a?.id);
  for (const a of result.advisories) {
    const i = ids.indexOf(a.id);
    if (i >= 0) doc.setIn(['advisories', i, 'kev'], doc.createNode(a.kev));
    else doc.addIn(['advisories'], doc.createNode(a));
  }
  try {
    writeFileSync(outPath, doc.toString(), 'utf8');
  } catch (e) {
    return fail(`cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  io.stderr(`smb-guard: ${summary}; wrote ${out}\n`);
  return 0;
}
