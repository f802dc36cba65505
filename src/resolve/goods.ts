/**
 * Which goods named for one supplier→recipient pair are the same transfer. One document, or many, may name
 * a deal by its export designation and by its parent ("FK-3, the export version of the HQ-22"), or restate
 * it by category ("the missiles"); an analyst expects one transfer, not three. The rules, applied per pair
 * only (so a pair's records never depend on another pair's mentions):
 *
 * 1. **Variants fold along the catalog's `parent` links only.** A named system folds into the one most
 *    specific system the pair also names below it in its parent chain (HQ-22 into FK-3; F-16 into F-16C and
 *    F-16C into F-16 Block 50 when all three are named). Siblings never fold: Leopard 2A4 and Leopard 2A6
 *    both derive from Leopard 2 but are different vehicles, and K2 and K9 share nothing but a maker. A
 *    system with two or more unrelated descendants named (Leopard 2 beside 2A4 and 2A6) cannot say which
 *    it restates, so it stays a transfer of its own. A link that changes category does not count: there
 *    the catalog's `parent` means "built on" (the K10 resupply vehicle on the K9 howitzer, the 96L6 radar
 *    of the S-400, the FA-50 fighter from the T-50 trainer), a different product, often sold beside it.
 *    Nor do two designations with different stated quantities fold (36 Rafale for the air force, 26 Rafale
 *    M for the navy): those are two orders of one family.
 * 2. **A category restatement folds when exactly one named transfer has that category** (the catalog
 *    category of any system folded into it), and when the mention speaks of a stage of the deal that its
 *    named mentions also state: "interest in more missiles" beside a signed missile deal is a further
 *    deal, not the signed one (`STAGE`). Otherwise it is a transfer of its own; beside two or more named
 *    transfers of its category it also stays its own (it may be a third deal, and attaching it to one of
 *    them would invent a link).
 * 3. **Unnamed "weapons" (category `other`)** say nothing once the pair has any other goods: they are
 *    dropped then, so they lend no status to a deal they may not be about.
 *
 * Both the per-document fold (`src/extract/document.ts`) and the cross-document records (`transfers.ts`)
 * use this one plan, so an export and the records agree.
 */
import type { Catalog } from '../kb/catalog.js';
import type { TransferStatus } from '../kb/schema.js';

/** What the catalog says about systems, narrowed to what folding needs (tests can hand in a literal). */
export interface SystemLinks {
  /** The system a variant derives from (`system:fk-3` → `system:hq-22`); null for a base or unknown system. */
  parentOf(systemId: string): string | null;
  /** The catalog category of a system; null when the catalog does not know it. */
  categoryOf(systemId: string): string | null;
}

/**
 * The links of a loaded catalog.
 * @example systemLinks(defaultKnowledgeBase().catalog).parentOf('system:fk-3') // 'system:hq-22'
 */
export function systemLinks(catalog: Pick<Catalog, 'entities'>): SystemLinks {
  return {
    parentOf: (id) => catalog.entities.get(id)?.parent ?? null,
    categoryOf: (id) => catalog.entities.get(id)?.category ?? null,
  };
}

/** Goods as a mention names them (a catalog system, or only a category), with what it says of the deal. */
export interface Goods {
  systemId?: string | null;
  category?: string | null;
  status?: string | null;
  quantity?: number | null;
}

/**
 * The stage of a deal a status speaks of (rule 2). A cancellation or denial is about whichever deal it
 * names, so it has no stage and matches any.
 */
export const STAGE: Record<TransferStatus, 'prospective' | 'concluded' | null> = {
  interest: 'prospective', offered: 'prospective', negotiating: 'prospective', agreed: 'concluded', delivered: 'concluded',
  cancelled: null, denied: null,
};

/** The goods part of a transfer's key; the same string armscope always keyed records by. */
export function goodsKey(g: Goods): string {
  return String(g.systemId ?? g.category);
}

/** How goods joined a transfer: its own, as a variant's parent, as a category restatement; `weapons`: dropped. */
export type FoldRule = 'self' | 'variant' | 'category' | 'weapons';

export interface Fold {
  /** The goods key of the transfer these goods join; null when they join none and are dropped (rule 3). */
  into: string | null;
  rule: FoldRule;
}

/**
 * The ancestors a system is a variant of, nearest first: the walk up the parent links stops at a link that
 * changes category (rule 1), and at a cycle in the catalog instead of looping.
 */
function ancestors(id: string, links: SystemLinks): string[] {
  const out: string[] = [];
  let child = id;
  for (let p = links.parentOf(id); p && p !== id && !out.includes(p); child = p, p = links.parentOf(p)) {
    if (links.categoryOf(p) !== links.categoryOf(child)) break;
    out.push(p);
  }
  return out;
}

/** What the mentions of one goods key say: its category, the stages and the quantities they state. */
interface Said {
  category: string | null;
  stages: Set<string>;
  quantities: Set<number>;
}

/** Stated quantities differ when both sides state some and none in common. */
function otherQuantities(a: Said, b: Said): boolean {
  return a.quantities.size > 0 && b.quantities.size > 0 && ![...a.quantities].some((q) => b.quantities.has(q));
}

/** Where a mention's goods go; undefined for goods the plan was not made from. */
export type GoodsPlan = (mention: Goods) => Fold | undefined;

/**
 * Plans how the goods named for ONE supplier→recipient pair fold together (rules at the top of this file).
 * `mentions`: every mention of the pair (events are goods). Variants fold by goods; a category mention
 * folds by its own stage, so "bought drones" can join the named drone deal while "interested in more
 * drones" stays apart.
 * @example const plan = planGoods([{ systemId: 'system:hq-22' }, { systemId: 'system:fk-3' }, { category: 'air-defence' }], links)
 *   plan({ systemId: 'system:hq-22' }) // { into: 'system:fk-3', rule: 'variant' }
 *   plan({ category: 'air-defence', status: 'delivered' }) // { into: 'system:fk-3', rule: 'category' }
 */
export function planGoods(mentions: Goods[], links: SystemLinks): GoodsPlan {
  const said = new Map<string, Said>();
  for (const g of mentions) {
    const key = goodsKey(g);
    const s = said.get(key) ?? { category: (g.systemId && links.categoryOf(g.systemId)) || g.category || null, stages: new Set(), quantities: new Set() };
    const stage = STAGE[g.status as TransferStatus];
    if (stage) s.stages.add(stage);
    if (g.quantity) s.quantities.add(g.quantity);
    said.set(key, s);
  }
  const named = [...new Set(mentions.filter((g) => g.systemId).map((g) => g.systemId!))];
  const variants = new Map<string, Fold>();
  // Rule 1: each named system's descendants among those named; it folds into the only one with none below
  // it, unless the two state different quantities.
  const lineage = new Map(named.map((id) => [id, ancestors(id, links)]));
  const below = (id: string) => named.filter((t) => t !== id && lineage.get(t)!.includes(id));
  for (const id of named) {
    const leaves = below(id).filter((t) => below(t).length === 0);
    const fold = leaves.length === 1 && !otherQuantities(said.get(id)!, said.get(leaves[0])!);
    variants.set(id, fold ? { into: leaves[0], rule: 'variant' } : { into: id, rule: 'self' });
  }
  // Rule 2: each named transfer's categories and stages are those of every system folded into it (one
  // category when the catalog knows them all; a system it does not know brings its mention's category).
  const stagesOf = new Map<string, Set<string>>();
  for (const [id, fold] of variants) {
    const stages = stagesOf.get(fold.into!) ?? new Set<string>();
    for (const stage of said.get(id)!.stages) stages.add(stage);
    stagesOf.set(fold.into!, stages);
  }
  const categoryTarget = new Map<string, string | null>();
  for (const key of said.keys()) {
    if (variants.has(key) || key === 'other') continue;
    const matches = [...variants].filter(([id]) => said.get(id)!.category === key).map(([, f]) => f.into!);
    const distinct = [...new Set(matches)];
    categoryTarget.set(key, distinct.length === 1 ? distinct[0] : null);
  }
  return (mention) => {
    const key = goodsKey(mention);
    if (!said.has(key)) return undefined;
    const variant = variants.get(key);
    if (variant) return variant;
    // Rule 3: unnamed weapons beside any other goods.
    if (key === 'other') return said.size === 1 ? { into: 'other', rule: 'self' } : { into: null, rule: 'weapons' };
    const target = categoryTarget.get(key);
    const stage = STAGE[mention.status as TransferStatus];
    const stages = target ? stagesOf.get(target)! : new Set<string>();
    // A cancellation or denial (no stage), or a named deal whose mentions state no stage, matches any.
    return target && (!stage || !stages.size || stages.has(stage)) ? { into: target, rule: 'category' } : { into: key, rule: 'self' };
  };
}
