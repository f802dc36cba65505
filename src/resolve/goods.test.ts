/**
 * The goods plan, stated exactly: first over a small made-up family tree (so each rule shows on its own),
 * then over the bundled catalog's real links (so the data says what the rules assume of it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnowledgeBase } from '../kb/recognise.js';
import { goodsKey, planGoods, systemLinks, type Goods, type SystemLinks } from './goods.js';

// base ─┬─ base-a ── base-a1         (all armoured vehicles)
//       ├─ base-b
//       └─ base-radar (a radar built on the base vehicle: another product)
// other-base (unrelated, same category)     gun (artillery)     loop-x ⇄ loop-y (a broken catalog)
const TREE: Record<string, { parent: string | null; category: string }> = {
  'system:base': { parent: null, category: 'armoured-vehicle' },
  'system:base-a': { parent: 'system:base', category: 'armoured-vehicle' },
  'system:base-a1': { parent: 'system:base-a', category: 'armoured-vehicle' },
  'system:base-b': { parent: 'system:base', category: 'armoured-vehicle' },
  'system:base-radar': { parent: 'system:base', category: 'radar' },
  'system:other-base': { parent: null, category: 'armoured-vehicle' },
  'system:gun': { parent: null, category: 'artillery' },
  'system:loop-x': { parent: 'system:loop-y', category: 'uav' },
  'system:loop-y': { parent: 'system:loop-x', category: 'uav' },
};
const links: SystemLinks = { parentOf: (id) => TREE[id]?.parent ?? null, categoryOf: (id) => TREE[id]?.category ?? null };

/** Where each mention goes, as "goods[status]→into (rule)", distinct and sorted, with ids unprefixed. */
function plan(goods: Goods[], with_ = links): string[] {
  const bare = (k: string | null) => (k === null ? 'none' : k.replace(/^system:/, ''));
  const fold = planGoods(goods, with_);
  return [...new Set(goods.map((g) => {
    const f = fold(g)!;
    return `${bare(goodsKey(g))}${g.status ? `[${g.status}]` : ''}→${bare(f.into)} (${f.rule})`;
  }))].sort();
}
const sys = (id: string): Goods => ({ systemId: `system:${id}`, category: TREE[`system:${id}`]?.category ?? null });
const cat = (category: string): Goods => ({ systemId: null, category });

test('variants fold down their parent chain into the most specific system named', () => {
  assert.deepEqual(plan([sys('base'), sys('base-a')]), ['base-a→base-a (self)', 'base→base-a (variant)']);
  assert.deepEqual(plan([sys('base'), sys('base-a'), sys('base-a1')]),
    ['base-a1→base-a1 (self)', 'base-a→base-a1 (variant)', 'base→base-a1 (variant)']);
  // A grandparent folds even when the middle generation is not named.
  assert.deepEqual(plan([sys('base-a1'), sys('base')]), ['base-a1→base-a1 (self)', 'base→base-a1 (variant)']);
});

test('siblings, unrelated systems and links that change category never fold; a parent of two branches stays its own', () => {
  assert.deepEqual(plan([sys('base'), sys('base-radar')]), ['base-radar→base-radar (self)', 'base→base (self)']);
  assert.deepEqual(plan([sys('base'), sys('base-radar'), sys('base-a')]), ['base-a→base-a (self)', 'base-radar→base-radar (self)', 'base→base-a (variant)']);
  assert.deepEqual(plan([sys('base-a'), sys('base-b')]), ['base-a→base-a (self)', 'base-b→base-b (self)']);
  assert.deepEqual(plan([sys('base'), sys('other-base')]), ['base→base (self)', 'other-base→other-base (self)']);
  assert.deepEqual(plan([sys('base'), sys('base-a1'), sys('base-b')]),
    ['base-a1→base-a1 (self)', 'base-b→base-b (self)', 'base→base (self)']);
});

test('a category folds into the one named transfer of that category, else stays its own', () => {
  assert.deepEqual(plan([sys('base-a'), sys('gun'), cat('artillery')]),
    ['artillery→gun (category)', 'base-a→base-a (self)', 'gun→gun (self)']);
  // Two armoured transfers: which one "the tanks" restate is not ours to guess.
  assert.deepEqual(plan([sys('base-a'), sys('other-base'), cat('armoured-vehicle')]),
    ['armoured-vehicle→armoured-vehicle (self)', 'base-a→base-a (self)', 'other-base→other-base (self)']);
  // A variant and its parent are one transfer first, so they count once.
  assert.deepEqual(plan([sys('base'), sys('base-a'), cat('armoured-vehicle')]),
    ['armoured-vehicle→base-a (category)', 'base-a→base-a (self)', 'base→base-a (variant)']);
  assert.deepEqual(plan([cat('uav'), sys('gun')]), ['gun→gun (self)', 'uav→uav (self)']);
});

test('unnamed weapons stand alone, or are dropped beside any other goods', () => {
  assert.deepEqual(plan([cat('other')]), ['other→other (self)']);
  assert.deepEqual(plan([cat('other'), sys('gun')]), ['gun→gun (self)', 'other→none (weapons)']);
  assert.deepEqual(plan([cat('other'), cat('uav')]), ['other→none (weapons)', 'uav→uav (self)']);
});

test('different stated quantities keep variants apart; a category speaks of the same stage of a deal or stays apart', () => {
  const q = (g: Goods, ...quantities: number[]) => quantities.map((quantity) => ({ ...g, quantity }));
  assert.deepEqual(plan([...q(sys('base'), 36), ...q(sys('base-a'), 26)]), ['base-a→base-a (self)', 'base→base (self)']);
  assert.deepEqual(plan([...q(sys('base'), 12), ...q(sys('base-a'), 12, 4)]), ['base-a→base-a (self)', 'base→base-a (variant)']);
  assert.deepEqual(plan([...q(sys('base'), 36), sys('base-a')]), ['base-a→base-a (self)', 'base→base-a (variant)']);
  const s = (g: Goods, ...statuses: string[]) => statuses.map((status) => ({ ...g, status }));
  // "Interested in more howitzers" beside a signed howitzer deal: a further deal; "howitzers delivered" is the deal.
  assert.deepEqual(plan([...s(sys('gun'), 'agreed'), ...s(cat('artillery'), 'interest', 'delivered')]),
    ['artillery[delivered]→gun (category)', 'artillery[interest]→artillery (self)', 'gun[agreed]→gun (self)']);
  assert.deepEqual(plan([...s(sys('gun'), 'negotiating'), ...s(cat('artillery'), 'delivered')]), ['artillery[delivered]→artillery (self)', 'gun[negotiating]→gun (self)']);
  assert.deepEqual(plan([...s(sys('gun'), 'negotiating', 'agreed'), ...s(cat('artillery'), 'interest')]), ['artillery[interest]→gun (category)', 'gun[agreed]→gun (self)', 'gun[negotiating]→gun (self)']);
  // A denial or cancellation is about whichever deal it names.
  assert.deepEqual(plan([...s(sys('gun'), 'delivered'), ...s(cat('artillery'), 'denied')]), ['artillery[denied]→gun (category)', 'gun[delivered]→gun (self)']);
  // The stages of a parent folded into the named transfer count for it.
  assert.deepEqual(plan([...s(sys('base'), 'negotiating'), ...s(sys('base-a'), 'delivered'), ...s(cat('armoured-vehicle'), 'offered')]),
    ['armoured-vehicle[offered]→base-a (category)', 'base-a[delivered]→base-a (self)', 'base[negotiating]→base-a (variant)']);
});

test('the category of a system the catalog does not know comes from its mention; a parent loop ends', () => {
  assert.deepEqual(plan([{ systemId: 'system:unknown', category: 'ship' }, cat('ship')]), ['ship→unknown (category)', 'unknown→unknown (self)']);
  assert.deepEqual(plan([sys('loop-x'), sys('loop-y')]), ['loop-x→loop-x (self)', 'loop-y→loop-y (self)']);
});

test('the bundled catalog: export variants fold into their parents, siblings and neighbours do not', () => {
  const real = systemLinks(KnowledgeBase.load().catalog);
  const named = (...ids: string[]) => ids.map((id) => ({ systemId: `system:${id}`, category: real.categoryOf(`system:${id}`) }));
  assert.deepEqual(plan(named('hq-22', 'fk-3'), real), ['fk-3→fk-3 (self)', 'hq-22→fk-3 (variant)']);
  assert.deepEqual(plan(named('fd-2000', 'hq-9'), real), ['fd-2000→fd-2000 (self)', 'hq-9→fd-2000 (variant)']);
  assert.deepEqual(plan(named('k2', 'k9'), real), ['k2→k2 (self)', 'k9→k9 (self)']);
  assert.deepEqual(plan(named('k9', 'k9a1', 'k10'), real), ['k10→k10 (self)', 'k9a1→k9a1 (self)', 'k9→k9a1 (variant)']);
  assert.deepEqual(plan(named('s-400', '92n6'), real), ['92n6→92n6 (self)', 's-400→s-400 (self)']);
  assert.deepEqual(plan(named('leopard-2a4', 'leopard-2a6'), real), ['leopard-2a4→leopard-2a4 (self)', 'leopard-2a6→leopard-2a6 (self)']);
  assert.deepEqual(plan([...named('leopard-2', 'leopard-2a6'), cat('armoured-vehicle')], real),
    ['armoured-vehicle→leopard-2a6 (category)', 'leopard-2a6→leopard-2a6 (self)', 'leopard-2→leopard-2a6 (variant)']);
  // FD-2000 and HQ-9B are both HQ-9s: two transfers, and HQ-9 alone cannot say which it restates.
  assert.deepEqual(plan(named('hq-9', 'fd-2000', 'hq-9b'), real), ['fd-2000→fd-2000 (self)', 'hq-9b→hq-9b (self)', 'hq-9→hq-9 (self)']);
});
