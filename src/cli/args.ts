// Parses and validates the command line; problems become UsageError (exit code 2).
import { parseArgs } from 'node:util';
import { parseCidr, type AnalysisOptions } from '../core/index';
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
  /** --interface and --public-host-prefix: what interfaces face, how many public hosts are "a few". */
  analysis: Pick<AnalysisOptions, 'interfaces' | 'publicHostPrefixV4' | 'publicHostPrefixV6'>;
  /** YAML file of the organisation's own advisories and overrides (see docs/advisories-overlay.md). */
  advisoriesOverlay?: string;
  /** --helm-values: files overriding a Helm chart's values.yaml, relative to the chart folder. */
  helmValues?: string[];
  /** --var-file: Terraform variable files for root modules, relative to each module's folder or absolute. */
  varFiles?: string[];
  /** --compose-file: Compose files merged after compose.yaml and its override. */
  composeFiles?: string[];
  /** --parameters: CloudFormation parameter files, each one deployment. */
  parameterFiles?: string[];
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; args: ScanArgs }
  | { kind: 'import-kev'; file: string; out?: string };

export class UsageError extends Error {}

export const USAGE = `Usage: smb-guard scan [paths...] [options]
       smb-guard advisories import-kev KEV_JSON [--out OVERLAY]

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
  --interface NAME=CLASS    what interface NAME (or a glob such as br-*) faces:
                            internet or internal; repeat the flag per interface
  --public-host-prefix N    public sources no wider than /N (IPv4, default 24)
                            are a warning, not an internet-exposure error;
                            N/M sets IPv6 too (default 56)
  --advisories-overlay FILE your organisation's advisory overlay (YAML)
  --helm-values FILE        a values file (relative to each Helm chart's folder)
                            that overrides values.yaml; repeat for more
  --var-file FILE           a Terraform variable file for root modules, as
                            terraform plan -var-file (relative to each root
                            module's folder, or absolute); repeat for more
  --compose-file FILE       a Compose file merged after compose.yaml and its
                            override, as docker compose -f (relative to the
                            compose file's folder); repeat for more
  --parameters FILE         a CloudFormation parameter file (AWS CLI or
                            CodePipeline JSON, relative to the template's
                            folder): each one a deployment; repeat for more
  -h, --help                show this help
  --version                 show the version

advisories import-kev reads CISA's known_exploited_vulnerabilities.json and
writes each advisory's KEV status into OVERLAY (created or updated), or prints
the overlay when --out is not given.

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
        interface: { type: 'string', multiple: true },
        'public-host-prefix': { type: 'string' },
        'advisories-overlay': { type: 'string' },
        out: { type: 'string' },
        'helm-values': { type: 'string', multiple: true },
        'var-file': { type: 'string', multiple: true },
        'compose-file': { type: 'string', multiple: true },
        parameters: { type: 'string', multiple: true },
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
  if (command === 'advisories') {
    const [sub, file, ...extra] = paths;
    if (sub !== 'import-kev') throw new UsageError(`unknown advisories command '${sub ?? ''}' (expected "import-kev")`);
    if (!file || extra.length) throw new UsageError('advisories import-kev needs exactly one KEV JSON file');
    if (values.out === '') throw new UsageError('--out needs a file name');
    return { kind: 'import-kev', file, out: values.out };
  }
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
  const analysis: ScanArgs['analysis'] = {};
  for (const spec of values.interface ?? []) {
    const m = /^\s*([^=\s]+)\s*=\s*(internet|internal)\s*$/.exec(spec);
    if (!m) throw new UsageError(`invalid --interface '${spec}' (expected NAME=internet or NAME=internal)`);
    (analysis.interfaces ??= {})[m[1]] = m[2] as 'internet' | 'internal';
  }
  const hosts = values['public-host-prefix'];
  if (hosts !== undefined) {
    const m = /^(\d{1,2})(?:\/(\d{1,3}))?$/.exec(hosts.trim());
    if (!m || Number(m[1]) > 32 || (m[2] !== undefined && Number(m[2]) > 128)) throw new UsageError(`invalid --public-host-prefix '${hosts}' (expected 0-32, or 0-32/0-128 for IPv4/IPv6)`);
    analysis.publicHostPrefixV4 = Number(m[1]);
    if (m[2] !== undefined) analysis.publicHostPrefixV6 = Number(m[2]);
  }
  const args: ScanArgs = {
    paths: paths.length ? paths : ['.'],
    format: format as OutputFormat,
    output: values.output,
    failOn,
    trusted,
    fix: values.fix ?? false,
    ...(encoding ? { encoding } : {}),
    analysis,
    ...(values['helm-values']?.length ? { helmValues: values['helm-values'] } : {}),
    ...(values['var-file']?.length ? { varFiles: values['var-file'] } : {}),
    ...(values['compose-file']?.length ? { composeFiles: values['compose-file'] } : {}),
    ...(values.parameters?.length ? { parameterFiles: values.parameters } : {}),
  };
  if (values['advisories-overlay'] !== undefined) {
    if (!values['advisories-overlay']) throw new UsageError('--advisories-overlay needs a file name');
    args.advisoriesOverlay = values['advisories-overlay'];
  }
  return { kind: 'scan', args };
}
