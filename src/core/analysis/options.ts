/** Defaults for AnalysisOptions, resolved once per analysis. */
import { DEFAULT_SMB_SERVICES } from '../model/ports';
import { BUILTIN_CATALOG, type AdvisoryCatalog } from '../advisories/catalog';
import type { AnalysisOptions, RuleId, Severity, SmbService } from '../types';

export interface ResolvedOptions {
  services: SmbService[];
  broadPrefixV4: number;
  broadPrefixV6: number;
  trustedSources: string[];
  severities: Partial<Record<RuleId, Severity | 'off'>>;
  timeBudgetMs: number;
  /** The user's word on interfaces: name or glob → what it faces. */
  interfaces: Record<string, 'internet' | 'internal'>;
  publicHostPrefixV4: number;
  publicHostPrefixV6: number;
  advisoryCatalog: AdvisoryCatalog;
}

/** Placeholder written by "restrict the source" when no trusted sources are configured. */
export const TRUSTED_PLACEHOLDER = 'TRUSTED_SMB_SOURCES';

export function resolveOptions(o: AnalysisOptions = {}): ResolvedOptions {
  const services = (o.services?.length ? o.services : DEFAULT_SMB_SERVICES).filter(
    (s) => (s.protocol === 'tcp' || s.protocol === 'udp') && Number.isInteger(s.port) && s.port >= 0 && s.port <= 65535,
  );
  const clamp = (n: number | undefined, d: number, max: number) =>
    n !== undefined && Number.isInteger(n) && n >= 0 && n <= max ? n : d;
  return {
    services: services.map((s) => ({ ...s })),
    broadPrefixV4: clamp(o.broadPrefixV4, 16, 32),
    broadPrefixV6: clamp(o.broadPrefixV6, 48, 128),
    trustedSources: (o.trustedSources ?? []).map((s) => s.trim()).filter(Boolean),
    severities: o.severities ?? {},
    timeBudgetMs: o.timeBudgetMs !== undefined && o.timeBudgetMs >= 0 ? o.timeBudgetMs : Infinity,
    interfaces: interfaceClasses(o.interfaces),
    publicHostPrefixV4: clamp(o.publicHostPrefixV4, 24, 32),
    publicHostPrefixV6: clamp(o.publicHostPrefixV6, 56, 128),
    advisoryCatalog: o.advisoryCatalog ?? BUILTIN_CATALOG,
  };
}

/** Only well-formed entries: a non-empty name or glob and one of the two classes (settings are user-edited JSON). */
function interfaceClasses(given: AnalysisOptions['interfaces']): Record<string, 'internet' | 'internal'> {
  const out: Record<string, 'internet' | 'internal'> = {};
  if (!given || typeof given !== 'object') return out;
  for (const [name, cls] of Object.entries(given)) {
    const key = name.trim();
    if (key && (cls === 'internet' || cls === 'internal')) out[key] = cls;
  }
  return out;
}
