/** `smbGuard.*` setting values → AnalysisOptions and adapter limits. Pure, so unit tests run it without VS Code. */
import { mapEnable, mapRun, type RunMode } from './run-settings';
import { formats, parseCidr, ruleMetas, type AnalysisOptions, type RuleId, type Severity, type SmbService } from '../core/index';

/** Setting values as VS Code hands them over: anything a user could have typed into settings.json. */
export interface RawSettings {
  trustedSources?: unknown;
  services?: unknown;
  broadPrivatePrefix?: unknown;
  broadPrivatePrefixV6?: unknown;
  severity?: unknown;
  enabledFormats?: unknown;
  documentation?: unknown;
  exclude?: unknown;
  maxFileSizeKB?: unknown;
  debounceMs?: unknown;
  timeBudgetMs?: unknown;
  interfaces?: unknown;
  publicHostPrefix?: unknown;
  publicHostPrefixV6?: unknown;
  'helm.valuesFiles'?: unknown;
  run?: unknown;
  enable?: unknown;
  'terraform.varFiles'?: unknown;
  'compose.files'?: unknown;
  'cloudformation.parameterFiles'?: unknown;
}

export interface GuardSettings {
  options: AnalysisOptions;
  /** Undefined = every format. */
  enabledFormats: string[] | undefined;
  exclude: string[];
  maxFileSizeKB: number;
  debounceMs: number;
  /** Files overriding a Helm chart's values.yaml, relative to the chart folder, lowest precedence first. */
  helmValuesFiles: string[];
  /** When documents are analysed: as you type, on save, or not at all. */
  run: RunMode;
  /** False: SMB Guard analyses nothing in this workspace folder. */
  enable: boolean;
  /** Terraform variable files for root modules (relative to the module folder), as `terraform plan -var-file`. */
  terraformVarFiles: string[];
  /** Compose files merged after compose.yaml and its override (relative to the compose file's folder), as `-f`. */
  composeFiles: string[];
  /** CloudFormation parameter files (relative to the template's folder), each one deployment. */
  cloudformationParameterFiles: string[];
  /** One line per ignored value, for a single warning to the user. */
  warnings: string[];
}

export const DEFAULT_MAX_FILE_SIZE_KB = 2048;
export const DEFAULT_DEBOUNCE_MS = 200;
/** Long enough for every realistic hand-written file; a generated 50,000-rule dump stops here instead of
 *  holding the extension host. */
export const DEFAULT_TIME_BUDGET_MS = 1000;
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];
/** Upper bounds, the same as package.json's `maximum`s: a value above one is clamped to it with a warning. */
export const MAX_FILE_SIZE_KB = 51200;
export const MAX_TIME_BUDGET_MS = 60000;
export const MAX_DEBOUNCE_MS = 10000;

export { RESTRICTED_SETTINGS, readSetting, type InspectedValue, type SettingSource } from './setting-source';

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function mapTrusted(v: unknown, warn: (m: string) => void): string[] | undefined {
  const out: string[] = [];
  for (const s of strings(v).map((x) => x.trim()).filter(Boolean)) {
    if (parseCidr(s)) out.push(s);
    else warn(`smbGuard.trustedSources: "${s}" is not an IPv4/IPv6 address or CIDR; ignored.`);
  }
  return out.length ? out : undefined;
}

function mapServices(v: unknown, warn: (m: string) => void): SmbService[] | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out: SmbService[] = [];
  for (const item of v) {
    const s = item as Partial<SmbService> | null;
    const protocol = typeof s?.protocol === 'string' ? s.protocol.toLowerCase() : undefined;
    if ((protocol === 'tcp' || protocol === 'udp') && isInt(s?.port, 1, 65535)) {
      out.push({ protocol, port: s!.port!, name: typeof s?.name === 'string' && s.name.trim() ? s.name.trim() : `${protocol.toUpperCase()} ${s!.port}` });
    } else warn(`smbGuard.services: ${JSON.stringify(item)} needs protocol "tcp" or "udp" and a port 1-65535; ignored.`);
  }
  // An all-invalid list falls back to the defaults rather than silently watching nothing.
  return out.length ? out : undefined;
}

function mapSeverities(v: unknown, warn: (m: string) => void): AnalysisOptions['severities'] {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Partial<Record<RuleId, Severity | 'off'>> = {};
  for (const [id, level] of Object.entries(v)) {
    if (!(id in ruleMetas)) warn(`smbGuard.severity: unknown rule id "${id}"; ignored.`);
    else if (typeof level !== 'string' || !SEVERITIES.has(level)) warn(`smbGuard.severity.${id}: "${String(level)}" is not error, warning, info or off; ignored.`);
    else out[id as RuleId] = level as Severity | 'off';
  }
  return Object.keys(out).length ? out : undefined;
}

function mapInterfaces(v: unknown, warn: (m: string) => void): AnalysisOptions['interfaces'] {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) {
    warn('smbGuard.interfaces: expected an object of interface name or glob → "internet" or "internal"; ignored.');
    return undefined;
  }
  const out: Record<string, 'internet' | 'internal'> = {};
  for (const [name, cls] of Object.entries(v)) {
    if (name.trim() && (cls === 'internet' || cls === 'internal')) out[name.trim()] = cls;
    else warn(`smbGuard.interfaces.${name}: ${JSON.stringify(cls)} is not "internet" or "internal"; ignored.`);
  }
  return Object.keys(out).length ? out : undefined;
}

function mapFormats(v: unknown, warn: (m: string) => void): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const known = new Set(formats.map((f) => f.id));
  for (const id of strings(v)) if (!known.has(id)) warn(`smbGuard.enabledFormats: unknown format "${id}"; ignored.`);
  return strings(v).filter((id) => known.has(id));
}

/** `smbGuard.documentation: false` takes the runbook format out of the enabled ones. */
function withoutDocumentation(enabled: string[] | undefined, documentation: unknown, warn: (m: string) => void): string[] | undefined {
  if (documentation === undefined || documentation === null || documentation === true) return enabled;
  if (documentation !== false) {
    warn(`smbGuard.documentation: ${JSON.stringify(documentation)} is not true or false; using true.`);
    return enabled;
  }
  return (enabled ?? formats.map((f) => f.id)).filter((id) => id !== 'markdown');
}

/** A number setting: missing → the default; not a number (or not whole) → the default with a warning; out of
 *  range → clamped with a warning. `floor` is the least value that makes sense at all: below it → the default. */
function bounded(v: unknown, key: string, range: { min: number; max: number; def: number; integer: boolean; floor?: number }, warn: (m: string) => void): number {
  if (v === undefined || v === null) return range.def;
  if (typeof v !== 'number' || !Number.isFinite(v) || (range.integer && !Number.isInteger(v)) || (range.floor !== undefined && v < range.floor)) {
    warn(`smbGuard.${key}: ${JSON.stringify(v)} is not ${range.integer ? 'a whole number' : 'a number'} ${range.min}-${range.max}; using the default ${range.def}.`);
    return range.def;
  }
  const clamped = Math.min(range.max, Math.max(range.min, v));
  if (clamped !== v) warn(`smbGuard.${key}: ${v} is outside ${range.min}-${range.max}; using ${clamped}.`);
  return clamped;
}

/** Validates every value; anything malformed falls back to the default and is named in `warnings`. */
export function toGuardSettings(raw: RawSettings): GuardSettings {
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const prefix = (v: unknown, max: number, key: string): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (isInt(v, 0, max)) return v;
    warn(`smbGuard.${key}: ${JSON.stringify(v)} is not a prefix length 0-${max}; using the default.`);
    return undefined;
  };
  const options: AnalysisOptions = {
    trustedSources: mapTrusted(raw.trustedSources, warn),
    services: mapServices(raw.services, warn),
    broadPrefixV4: prefix(raw.broadPrivatePrefix, 32, 'broadPrivatePrefix'),
    broadPrefixV6: prefix(raw.broadPrivatePrefixV6, 128, 'broadPrivatePrefixV6'),
    severities: mapSeverities(raw.severity, warn),
    timeBudgetMs: bounded(raw.timeBudgetMs, 'timeBudgetMs', { min: 50, max: MAX_TIME_BUDGET_MS, def: DEFAULT_TIME_BUDGET_MS, integer: true }, warn),
    interfaces: mapInterfaces(raw.interfaces, warn),
    publicHostPrefixV4: prefix(raw.publicHostPrefix, 32, 'publicHostPrefix'),
    publicHostPrefixV6: prefix(raw.publicHostPrefixV6, 128, 'publicHostPrefixV6'),
  };
  for (const k of Object.keys(options) as (keyof AnalysisOptions)[]) if (options[k] === undefined) delete options[k];
  return {
    options,
    enabledFormats: withoutDocumentation(mapFormats(raw.enabledFormats, warn), raw.documentation, warn),
    exclude: Array.isArray(raw.exclude) ? strings(raw.exclude) : DEFAULT_EXCLUDE,
    maxFileSizeKB: bounded(raw.maxFileSizeKB, 'maxFileSizeKB', { min: 1, max: MAX_FILE_SIZE_KB, def: DEFAULT_MAX_FILE_SIZE_KB, integer: false, floor: Number.MIN_VALUE }, warn),
    debounceMs: bounded(raw.debounceMs, 'debounceMs', { min: 0, max: MAX_DEBOUNCE_MS, def: DEFAULT_DEBOUNCE_MS, integer: true }, warn),
    helmValuesFiles: strings(raw['helm.valuesFiles']),
    run: mapRun(raw.run, warn),
    enable: mapEnable(raw.enable, warn),
    terraformVarFiles: strings(raw['terraform.varFiles']),
    composeFiles: strings(raw['compose.files']),
    cloudformationParameterFiles: strings(raw['cloudformation.parameterFiles']),
    warnings,
  };
}
