// Parses and validates the command line; problems become UsageError (exit code 2).
import { parseArgs } from 'node:util';
import { parseCidr } from '../core/index';
import { codecFor, type Codec } from './encoding';
import type { FailOn } from './report';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  paths: string[];
  format: OutputFormat;
  output?: string;
  failOn: FailOn;
  trusted: string[];
  fix: boolean;
  /** --encoding: for files without a byte-order mark (default UTF-8). */
  encoding?: Codec;
  /** --helm-values: files overriding a Helm chart's values.yaml, relative to the chart folder. */
  helmValues?: string[];
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; args: ScanArgs };

export class UsageError extends Error {}

export const USAGE = `Usage: smb-guard scan [paths...] [options]

Flags firewall and infrastructure-as-code rules that expose SMB (TCP 445, TCP 139)
and NetBIOS (UDP 137, UDP 138). Paths are files or folders (default: .).

Options:
  --format text|json|sarif  output format (default: text)
  --output FILE             write the report to FILE instead of standard output
  --fail-on LEVEL           error|warning|note|none: exit 1 when a finding is at
                            or above LEVEL (default: error)
  --trusted CIDR            trusted sources for "restrict the source" fixes;
                            repeat the flag or separate with commas
  --fix                     apply each finding's preferred fix to the files
  --encoding LABEL          decode files without a byte-order mark as LABEL
                            (e.g. windows-1252; default utf-8)
  --helm-values FILE        a values file (relative to each Helm chart's folder)
                            that overrides values.yaml; repeat for more
  -h, --help                show this help
  --version                 show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, I/O or internal error (the report of the other files is still written).
`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: Record<string, FailOn> = { error: 'error', warning: 'warning', note: 'note', info: 'note', none: 'none' };

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        output: { type: 'string' },
        'fail-on': { type: 'string' },
        trusted: { type: 'string', multiple: true },
        fix: { type: 'boolean' },
        encoding: { type: 'string' },
        'helm-values': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (e) {
    // Node's messages carry a long hint after the first sentence; keep the first one.
    throw new UsageError((e as Error).message.split(/\.\s/)[0].replace(/\.$/, ''));
  }
}

export function parseCommandLine(argv: string[]): Command {
  const { values, positionals } = parse(argv);
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command (expected "scan")');
  if (command !== 'scan') throw new UsageError(`unknown command '${command}' (expected "scan")`);
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as OutputFormat)) throw new UsageError(`invalid --format '${format}' (expected text, json or sarif)`);
  const failOn = FAIL_ON[values['fail-on'] ?? 'error'];
  if (!failOn) throw new UsageError(`invalid --fail-on '${values['fail-on']}' (expected error, warning, note or none)`);
  if (values.output === '') throw new UsageError('--output needs a file name');
  const trusted = (values.trusted ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const bad = trusted.find((c) => !parseCidr(c));
  if (bad !== undefined) throw new UsageError(`invalid --trusted value '${bad}': not an IP address or CIDR`);
  const encoding = values.encoding === undefined ? undefined : codecFor(values.encoding);
  if (typeof encoding === 'string') throw new UsageError(`invalid --encoding: ${encoding}`);
  const args: ScanArgs = {
    paths: paths.length ? paths : ['.'],
    format: format as OutputFormat,
    output: values.output,
    failOn,
    trusted,
    fix: values.fix ?? false,
    ...(encoding ? { encoding } : {}),
    ...(values['helm-values']?.length ? { helmValues: values['helm-values'] } : {}),
  };
  return { kind: 'scan', args };
}
