/** The shape of the advisory data (data/catalog.json and organisation overlays); data/schema.json says the same. */

export type Protocol = 'tcp' | 'udp';
export type ExposureDirection = 'inbound' | 'outbound';
/** CSAF 2.0 remediation categories. */
export type RemediationCategory = 'vendor_fix' | 'workaround' | 'mitigation' | 'no_fix_planned' | 'none_available';

export interface Exposure {
  protocol: Protocol;
  port: number;
  direction: ExposureDirection;
  /** Which side of the connection is vulnerable: the host offering the service, or the one connecting out. */
  role: 'server' | 'client';
  note?: string;
  source: string;
}

export interface CvssEntry {
  cve?: string;
  version: '2.0' | '3.0' | '3.1' | '4.0';
  score: number;
  vector?: string;
  /** Who scored it: NVD, the CNA (Microsoft, Red Hat…), or a third party. */
  scorer: string;
  type: 'primary' | 'secondary' | 'cna' | 'third-party';
  note?: string;
}

export interface KevEntry {
  cve: string;
  dateAdded: string;
  dueDate?: string;
  /** CISA's knownRansomwareCampaignUse; null when it could not be verified. */
  ransomware: 'Known' | 'Unknown' | null;
}

export interface KevStatus {
  /** The date of the KEV data this status was checked against. */
  asOf: string;
  source: string;
  note?: string;
  /** One per listed CVE; empty when none of the advisory's CVEs is listed. */
  entries: KevEntry[];
}

export interface AdvisoryData {
  id: string;
  kind: 'ms-bulletin' | 'microsoft-cve' | 'samba-cve' | 'organisation';
  officialTitle?: string;
  shortTitle: string;
  aliases: string[];
  cves: string[];
  kbs: string[];
  /** Context-only: kept for its story; need not be reachable from any finding. */
  history?: boolean;
  /** The flaw is in SMBv1: shown for smb-smbv1-enabled findings. */
  smbv1?: boolean;
  published: { date: string; source: 'vendor' | 'nvd' | 'cve-record' | 'third-party' | 'organisation'; note?: string };
  affects: { products: string[]; endOfLife: boolean; note?: string };
  vendorSeverity?: { rating: 'Critical' | 'Important' | 'Moderate' | 'Low' | 'High' | 'Medium'; scorer: string; note?: string };
  cvss: CvssEntry[];
  cwe: string[];
  exposures: Exposure[];
  kev: KevStatus;
  exploitation: { name: string; kind: 'worm' | 'ransomware' | 'malware' | 'exploit' | 'poc'; source: string }[];
  summary: string;
  context?: string;
  remediation: { category: RemediationCategory; text: string; source: string }[];
  references: { url: string; kind: 'vendor' | 'nvd' | 'kev' | 'advisory' | 'press' | 'exploit' | 'organisation' }[];
  unverified: string[];
}

export interface KevCatalogInfo {
  version: string;
  /** YYYY-MM-DD of the KEV snapshot the catalog was checked against. */
  date: string;
  source?: string;
}

export interface CatalogFile {
  kevCatalog?: KevCatalogInfo;
  advisories: AdvisoryData[];
}
