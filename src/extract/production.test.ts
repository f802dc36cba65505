/**
 * Production, stated exactly. Fixture strategy: one or two sentences of our own per pattern, written for
 * these tests (never taken from an evaluation article), in several languages; each asserts the exact folded
 * events (producer, origin, goods, status, site) or that there are none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnowledgeBase } from '../kb/recognise.js';
import { splitSentences } from '../text/sentences.js';
import { extractDocument, foldDocumentEvents } from './document.js';
import { systemLinks } from '../resolve/goods.js';

const kb = KnowledgeBase.load();
const systems = systemLinks(kb.catalog);

/** Production events as "PRODUCER<ORIGIN goods status @location-id". */
function production(text: string, language: string): string[] {
  const events = extractDocument(kb, { text, language, published: '2024-03-01', sentences: splitSentences(text) }).events;
  return foldDocumentEvents(events, systems).filter((e) => e.kind === 'production')
    .map((e) => `${e.producer}<${e.origin ?? '-'} ${e.system ?? e.category} ${e.status}${e.locationId ? ` @${e.locationId}` : ''}`);
}

test('words that say where goods come from are not production', () => {
  assert.deepEqual(production('Bangladesh bought 30 light tanks produced by Norinco.', 'en'), []);
  assert.deepEqual(production('Estland erhielt 40 Schützenpanzer aus schwedischer Fertigung.', 'de'), []);
  assert.deepEqual(production('Le Mali a reçu des drones de fabrication turque.', 'fr'), []);
  assert.deepEqual(production('La France a livré des Caesar de fabrication française au Maroc.', 'fr'), []);
  assert.deepEqual(production('Vojska i dalje koristi helikoptere ruske proizvodnje.', 'hr'), []);
  assert.deepEqual(production('Армія отримала гаубиці виробництва Nexter.', 'uk'), []);
  assert.deepEqual(production('Australia will be equipped with eight newly built submarines.', 'en'), []);
});

test('a nationality on the design names the origin; a locative names the producer', () => {
  assert.deepEqual(production('The frigates, based on Italian designs, will be built in Indonesia.', 'en'), ['ID<IT ship planned']);
  assert.deepEqual(production('A Embraer vai produzir o Super Tucano em Portugal.', 'pt'), ['PT<BR Super Tucano planned']);
  assert.deepEqual(production('Los blindados Piranha serán fabricados en Chile bajo licencia alemana.', 'es'), ['CL<DE Piranha planned']);
  assert.deepEqual(production('Türk şirketi Baykar, Bayraktar TB2 insansız hava araçlarını Ukrayna’da üretecek.', 'tr'), ['UA<TR Bayraktar TB2 planned']);
});

test('co-production a government wants is a plan', () => {
  assert.deepEqual(production('Chcemy, aby w Polsce odbywała się współprodukcja wyrzutni HIMARS z amerykańskim koncernem Lockheed Martin.', 'pl'),
    ['PL<US HIMARS planned']);
  assert.deepEqual(production('Poland wants to co-produce HIMARS launchers with Lockheed Martin in Poland.', 'en'), ['PL<US HIMARS planned']);
});

test('the one who helps is the origin, in Russian as in English', () => {
  assert.deepEqual(production('Иран поможет России построить завод по производству беспилотников в Татарстане.', 'ru'),
    ['RU<IR uav planned @place:tatarstan']);
});

test('the site named a sentence after the plan belongs to it, with its catalog id', () => {
  const events = extractDocument(kb, {
    text: 'Iran will help Russia build a factory for Iranian-designed drones. The plant will stand in the Alabuga Special Economic Zone in Tatarstan.',
    language: 'en', published: '2024-03-01',
    sentences: splitSentences('Iran will help Russia build a factory for Iranian-designed drones. The plant will stand in the Alabuga Special Economic Zone in Tatarstan.'),
  }).events;
  const [folded] = foldDocumentEvents(events, systems).filter((e) => e.kind === 'production');
  assert.deepEqual([folded.producer, folded.origin, folded.category, folded.status, folded.location, folded.locationId],
    ['RU', 'IR', 'uav', 'planned', 'Alabuga Special Economic Zone, Tatarstan', 'place:alabuga-sez']);
});

test('other verbs and own designs are no licensed production', () => {
  // "aufbauen" builds up a force; a consortium builds its own design.
  assert.deepEqual(production('Litauen baut seine Panzertruppe mit Leopard-Kampfpanzern auf.', 'de'), []);
  assert.deepEqual(production('Der Eurofighter wird gemeinsam von Deutschland, Italien und Spanien gebaut.', 'de'), []);
});
