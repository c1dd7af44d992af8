// The subset of the SARIF 2.1.0 object model that SMB Guard writes.

export interface SarifMessage {
  text: string;
  /** GitHub code scanning renders this in the alert pane (rule help). */
  markdown?: string;
}

export interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
  index?: number;
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}

export interface SarifPhysicalLocation {
  artifactLocation: SarifArtifactLocation;
  region: SarifRegion;
}

export interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  message?: SarifMessage;
}

export interface SarifReplacement {
  deletedRegion: SarifRegion;
  insertedContent: { text: string };
}

export interface SarifFix {
  description: SarifMessage;
  artifactChanges: { artifactLocation: SarifArtifactLocation; replacements: SarifReplacement[] }[];
  properties?: Record<string, unknown>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  fixes?: SarifFix[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  helpUri: string;
  help: SarifMessage;
  defaultConfiguration: { level: 'error' | 'warning' | 'note' };
  properties: { tags: string[]; 'security-severity'?: string; precision?: string };
}

export interface SarifArtifact {
  location: SarifArtifactLocation;
  roles: string[];
  properties: { format: string };
}

export interface SarifRun {
  tool: { driver: { name: string; informationUri: string; semanticVersion: string; version: string; rules: SarifRule[] } };
  invocations: { executionSuccessful: boolean }[];
  originalUriBaseIds: Record<string, { uri: string }>;
  artifacts: SarifArtifact[];
  results: SarifResult[];
  columnKind: 'utf16CodeUnits';
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}
