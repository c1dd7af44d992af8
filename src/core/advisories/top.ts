/** The few advisories a short view (hover, SARIF rule help) lists, and how many it leaves to the panel. */
import { BUILTIN_CATALOG, type AdvisoryCatalog } from './catalog';
import { kevText } from './view-model';

/** The hover and the SARIF help list this many; the panel shows all. */
export const TOP_ADVISORIES = 3;

export interface TopAdvisories {
  shown: { id: string; title: string; threat: string; url: string | undefined }[];
  more: number;
  /** 'KEV data as of 2025-08-25' (the oldest date among the shown entries). */
  kevAsOf: string;
}

export function topAdvisories(ids: readonly string[], catalog: AdvisoryCatalog = BUILTIN_CATALOG, max = TOP_ADVISORIES): TopAdvisories {
  const wanted = new Set(ids.map((id) => catalog.byId(id)?.id).filter((x): x is string => x !== undefined));
  const all = catalog.advisories.filter((a) => wanted.has(a.id));
  const shown = all.slice(0, max);
  const asOf = shown.map((a) => a.kev.asOf).sort()[0] ?? catalog.kevCatalog.date;
  return {
    shown: shown.map((a) => ({
      id: a.id,
      title: a.shortTitle,
      threat: kevText(a),
      url: (a.references.find((r) => r.kind === 'vendor') ?? a.references[0])?.url,
    })),
    more: all.length - shown.length,
    kevAsOf: `KEV data as of ${asOf}`,
  };
}
