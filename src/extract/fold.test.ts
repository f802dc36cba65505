/**
 * One event per transfer per document (`foldDocumentEvents`), stated exactly: an export variant and its
 * parent named in one article, or a category restating the one named system, are one transfer under the
 * most specific designation; different systems, siblings and scenarios are not. Sentences in our own words,
 * run through the real extractor and the bundled catalog's links.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnowledgeBase } from '../kb/recognise.js';
import { splitSentences } from '../text/sentences.js';
import { systemLinks } from '../resolve/goods.js';
import { extractDocument, foldDocumentEvents } from './document.js';

const kb = KnowledgeBase.load();
const systems = systemLinks(kb.catalog);

/** A document's transfers as "SUPPLIER>RECIPIENT goods status xMENTIONS[ hypothetical]". */
function folded(text: string, language: string, options: { includeHypothetical?: boolean } = {}): string[] {
  const events = extractDocument(kb, { text, language, published: '2024-03-01', sentences: splitSentences(text) }).events;
  return foldDocumentEvents(events, systems, options).filter((e) => e.kind === 'transfer')
    .map((e) => `${e.supplier}>${e.recipient} ${e.system ?? e.category} ${e.status} x${e.mentions}${e.hypothetical ? ' hypothetical' : ''}`);
}

test('an export variant and its parent in one document: one transfer under the variant', () => {
  assert.deepEqual(folded('Serbia bought the HQ-22 air defence system from China. The export version, FK-3, arrived in Belgrade in 2022.', 'en'),
    ['CN>RS FK-3 delivered x2']);
  assert.deepEqual(folded('Srbija je od Kine kupila sistem HQ-22 2019. godine. Izvozna verzija FK-3 stigla je 2022.', 'sr'), ['CN>RS FK-3 delivered x2']);
  assert.deepEqual(folded('Китай передав Сербії комплекси FK-3. Сербія отримала HQ-22 у квітні.', 'uk'), ['CN>RS FK-3 delivered x2']);
  assert.deepEqual(folded('Marokko erhielt FD-2000 aus China. Das System ist die Exportversion der HQ-9, die China an Marokko geliefert hat.', 'de'),
    ['CN>MA FD-2000 delivered x2']);
  assert.deepEqual(folded('La Cina ha consegnato a Marocco il sistema FD-2000. Il Marocco aveva ordinato l’HQ-9 nel 2020.', 'it'),
    ['CN>MA FD-2000 delivered x2']);
});

test('a category restating the one named system of its category, at the same stage of the deal, is that transfer', () => {
  assert.deepEqual(folded('India delivered BrahMos missiles to the Philippines. The missiles arrived in April.', 'en'), ['IN>PH BrahMos delivered x2']);
  assert.deepEqual(folded('India entregó misiles BrahMos a Filipinas. Filipinas recibió los misiles en abril.', 'es'), ['IN>PH BrahMos delivered x2']);
  assert.deepEqual(folded('L’Inde a livré des missiles BrahMos aux Philippines. Manille a reçu des missiles indiens en avril.', 'fr'),
    ['IN>PH BrahMos delivered x2']);
  // K2 is the only armoured vehicle named: "the tanks" are the K2s, and the K9 howitzers stay their own.
  assert.deepEqual(folded('South Korea sold K2 tanks and K9 howitzers to Poland. The first tanks arrived in December.', 'en'),
    ['KR>PL K2 delivered x2', 'KR>PL K9 agreed x1']);
  // Unnamed weapons say nothing beside named goods, and lend them no status.
  assert.deepEqual(folded('Serbia bought weapons from China. China delivered FK-3 air defence systems to Serbia.', 'en'), ['CN>RS FK-3 delivered x1']);
});

test('siblings, a family name over two siblings, a category over two systems, a further deal stay apart', () => {
  // A signed deal, then interest in more of the kind: two transfers.
  assert.deepEqual(folded('Serbia bought CH-92A drones from China in 2020. Serbia is also interested in more Chinese drones.', 'en'),
    ['CN>RS CH-92A agreed x1', 'CN>RS uav interest x1']);
  // Two orders of one family, told apart by their quantities.
  assert.deepEqual(folded('India bought 36 Rafale jets from France in 2016. In 2025 India ordered 26 Rafale M jets from France.', 'en'),
    ['FR>IN Rafale agreed x1', 'FR>IN Rafale M agreed x1']);
  assert.deepEqual(folded('Germany delivered Leopard 2A6 and Leopard 2A4 tanks to Ukraine. The tanks arrived in March.', 'en'),
    ['DE>UA Leopard 2A6 delivered x1', 'DE>UA Leopard 2A4 delivered x1', 'DE>UA armoured-vehicle delivered x1']);
  assert.deepEqual(folded('Germany sold Leopard 2 tanks to Ukraine. The Leopard 2A6 arrived first, then the Leopard 2A4.', 'en'),
    ['DE>UA Leopard 2 agreed x1', 'DE>UA Leopard 2A6 delivered x1', 'DE>UA Leopard 2A4 delivered x1']);
});

test('a scenario lends no goods to a stated deal', () => {
  const text = 'China delivered CH-92A drones to Serbia. Serbia could also buy more Chinese drones.';
  assert.deepEqual(folded(text, 'en'), ['CN>RS CH-92A delivered x1']);
  assert.deepEqual(folded(text, 'en', { includeHypothetical: true }), ['CN>RS CH-92A delivered x1', 'CN>RS uav agreed x1 hypothetical']);
});
