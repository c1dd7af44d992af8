// The CLI as a function: arguments in, exit code out; output goes through the given streams.
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importKevCommand, loadOverlay } from './advisories-command';
import { parseCommandLine, UsageError, USAGE, type ScanArgs } from './args';
import { toJson } from './json';
import { meetsFailOn, type ScanReport } from './report';
import { toSarif } from './sarif';
import { describeError, printablePath } from './errors';
import { missingPaths, scan, type ScanOptions } from './scan';
import { isReadOnly } from './write';
import { summaryLine, toText } from './text';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  version: string;
  /** Ask git what is ignored (default true). */
  useGit?: boolean;
  /** The analyser (default: the core's analyzeText). */
  analyze?: ScanOptions['analyze'];
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export function render(report: ScanReport, args: ScanArgs, version: string): string {
  if (args.format === 'json') return toJson(report, version);
  if (args.format === 'sarif') {
    const log = toSarif({ rootUri: pathToFileURL(report.root).href, version, files: report.files });
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  return toText(report);
}

/** Writes the report file; a read-only file is refused even for root, as for --fix. */
function writeReport(path: string, text: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    // a new file
  }
  if (stat?.isFile() && isReadOnly(stat)) throw new Error('the file is read-only');
  writeFileSync(path, text, 'utf8');
}

export function run(argv: string[], io: Io): number {
  try {
    return runCommand(argv, io);
  } catch (e) {
    // A bug must not pass for "findings" (exit 1): one line, exit 2.
    io.stderr(`smb-guard: internal error: ${describeError(e)}\n`);
    return EXIT_ERROR;
  }
}

function runCommand(argv: string[], io: Io): number {
  const fail = (message: string) => {
    io.stderr(`smb-guard: ${message}\n`);
    return EXIT_ERROR;
  };
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message} (see smb-guard --help)`);
    throw e;
  }
  if (command.kind === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (command.kind === 'version') {
    io.stdout(`${io.version}\n`);
    return EXIT_OK;
  }
  if (command.kind === 'import-kev') return importKevCommand(command.file, command.out, io);
  const { args } = command;
  const missing = missingPaths(args.paths, io.cwd);
  if (missing.length) return fail(missing[0]);
  const overlay = args.advisoriesOverlay ? loadOverlay(args.advisoriesOverlay, io) : {};
  if (overlay.error) return fail(overlay.error);

  const { report, errors } = scan({
    paths: args.paths,
    cwd: io.cwd,
    trusted: args.trusted,
    analysis: args.analysis,
    helmValuesFiles: args.helmValues,
    terraformVarFiles: args.varFiles,
    composeFiles: args.composeFiles,
    cloudformationParameterFiles: args.parameterFiles,
    fix: args.fix,
    encoding: args.encoding,
    useGit: io.useGit,
    analyze: io.analyze,
    advisoryCatalog: overlay.catalog,
    note: (m) => io.stderr(`smb-guard: ${m}\n`),
  });
  const out = render(report, args, io.version);
  if (args.output) {
    try {
      writeReport(resolve(io.cwd, args.output), out);
    } catch (e) {
      errors.forEach((x) => io.stderr(`smb-guard: ${x}\n`));
      return fail(`cannot write ${printablePath(args.output)}: ${(e as NodeJS.ErrnoException).code ? describeError(e) : (e as Error).message}`);
    }
  } else io.stdout(out);
  // Text on the terminal already ends with the summary; other outputs get it on stderr.
  if (args.output || args.format !== 'text') {
    const fixed = report.fixesApplied !== undefined ? `; applied ${report.fixesApplied} fix${report.fixesApplied === 1 ? '' : 'es'}` : '';
    io.stderr(`smb-guard: ${summaryLine(report)}${fixed}\n`);
  }
  if (errors.length) {
    errors.forEach((e) => io.stderr(`smb-guard: ${e}\n`));
    return EXIT_ERROR;
  }
  return report.files.some((f) => f.findings.some((x) => meetsFailOn(x.severity, args.failOn))) ? EXIT_FINDINGS : EXIT_OK;
}
