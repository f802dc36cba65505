/** The shapes screening passes between its parts: listed parties, list versions, parts lines, reasons, runs. */

/** FollowTheMoney schemata a party name can be matched against. */
export const PARTY_SCHEMATA = ['Person', 'Company', 'Organization', 'LegalEntity', 'PublicBody', 'Vessel', 'Airplane'] as const;

/** One party of a sanctions list, as the store keeps it and the matcher indexes it. */
export interface ListEntity {
  /** The list's own id (`NK-…`, an OpenSanctions id). */
  id: string;
  schema: string;
  caption: string;
  /** Every name: names, aliases, previous names, in every script given. */
  names: string[];
  /** ISO alpha-2, lowercase as FtM writes them. */
  countries: string[];
  topics: string[];
  datasets: string[];
  /** Whether the list names the party itself (a sanctions target) rather than a related party. */
  target: boolean;
}

/** One loaded version of a list: what screened a file is recorded by this id. */
export interface ListVersion {
  /** The list's name (`opensanctions`), chosen at load. */
  list: string;
  /** `list@timestamp-sha`: unique per load. */
  version: string;
  file: string;
  format: 'ftm' | 'simple-csv';
  sha256: string;
  entities: number;
  loadedAt: string;
}

/** A stored screening run: the audit trail of which list versions screened which file. */
export interface ScreenRun {
  id: string;
  file: string;
  sha256: string;
  startedAt: string;
  lines: number;
  /** Lines per risk level. */
  levels: Record<RiskLevel, number>;
  lists: { list: string; version: string; sha256: string }[];
  chpl: string;
  threshold: number;
}

export const RISK_LEVELS = ['high', 'medium', 'low', 'none'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const REASON_KINDS = [
  'chpl', 'chpl-heading', 'hs-invalid', 'hs-missing', 'component', 'sanctioned-party', 'listed-party', 'possible-party',
  'embargoed-country', 'diversion-country', 'country-unknown', 'red-flag', 'combination',
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** One reason behind a line's risk level, with everything needed to check it by hand. */
export interface Reason {
  kind: ReasonKind;
  level: Exclude<RiskLevel, 'none'>;
  /** The column it comes from (`hs_code`, `customer`, …). */
  field: string;
  message: string;
  details: Record<string, unknown>;
}
