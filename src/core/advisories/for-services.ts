/** Which advisories stand behind exposure of which service, most relevant first (from the port facts). */
import type { SmbService } from '../types';

const BY_PORT: Record<string, string[]> = {
  'tcp/445': ['MS05-027', 'MS08-067', 'MS17-010', 'CVE-2020-0796', 'CVE-2017-7494', 'MS09-050', 'MS10-054', 'CVE-2021-44142'],
  'tcp/139': ['MS05-027', 'MS08-067', 'MS17-010', 'MS06-040', 'MS09-001', 'MS10-054', 'CVE-2017-7494'],
  'udp/137': ['MS06-035'],
  'udp/138': ['MS06-035'],
};

/** Advisory ids for a set of exposed services, de-duplicated, in the order of the first service's list. */
export function advisoriesFor(services: readonly SmbService[]): string[] {
  const ids: string[] = [];
  for (const s of services) for (const id of BY_PORT[`${s.protocol}/${s.port}`] ?? ['MS05-027']) if (!ids.includes(id)) ids.push(id);
  return ids;
}
