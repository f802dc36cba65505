/**
 * The transfer network: countries as nodes, supplier→recipient pairs as directed edges weighted by how many
 * transfer records (deals, by goods) the pair has. Computed from the store's per-pair counts
 * (`Store.recordPairs`), so the filters are the records' filters.
 */
import type { PairSummary } from '../store/store.js';

export interface NetworkNode {
  /** ISO alpha-2 code. */
  id: string;
  name: string;
  /** Records in which the country receives, and supplies. */
  imports: number;
  exports: number;
}

export interface NetworkEdge {
  supplier: string;
  recipient: string;
  /** Transfer records of the pair. */
  weight: number;
  /** The sum of the records' publisher counts. */
  corroboration: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/**
 * Nodes in code order, edges heaviest first.
 * @example transferNetwork([{ supplier: 'RU', recipient: 'RS', records: 2, ... }], (c) => c).nodes.map((n) => n.id) // ['RS', 'RU']
 */
export function transferNetwork(pairs: PairSummary[], nameOf: (code: string) => string): Network {
  const nodes = new Map<string, NetworkNode>();
  const node = (id: string) => {
    let n = nodes.get(id);
    if (!n) nodes.set(id, n = { id, name: nameOf(id), imports: 0, exports: 0 });
    return n;
  };
  for (const p of pairs) {
    node(p.supplier).exports += p.records;
    node(p.recipient).imports += p.records;
  }
  return {
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: pairs.map((p) => ({ supplier: p.supplier, recipient: p.recipient, weight: p.records, corroboration: p.corroboration, firstSeen: p.firstSeen, lastSeen: p.lastSeen })),
  };
}
