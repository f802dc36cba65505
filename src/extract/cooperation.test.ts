/**
 * Cooperation and routes, stated exactly. Fixture strategy: short sentences of our own per pattern (never
 * taken from an evaluation article) in several languages; each asserts the exact folded events (parties,
 * type, status) or that there are none, and route waypoints with their catalog ids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnowledgeBase } from '../kb/recognise.js';
import { splitSentences } from '../text/sentences.js';
import { extractDocument, foldDocumentEvents } from './document.js';
import { systemLinks } from '../resolve/goods.js';

const kb = KnowledgeBase.load();
const systems = systemLinks(kb.catalog);

function events(text: string, language: string) {
  return foldDocumentEvents(extractDocument(kb, { text, language, published: '2024-03-01', sentences: splitSentences(text) }).events, systems);
}
/** Cooperation events as "A+B type status". */
function cooperation(text: string, language: string): string[] {
  return events(text, language).filter((e) => e.kind === 'cooperation').map((e) => `${e.parties!.join('+')} ${e.type} ${e.status}`);
}

test('a country named after the clause is not a party, nor does its "may" make a plan a scenario', () => {
  assert.deepEqual(cooperation('Росія планує провести спільні військові навчання з Білоруссю, що може загрожувати Польщі.', 'uk'),
    ['BY+RU exercise planned']);
  assert.deepEqual(cooperation('Nederland en Duitsland hielden een gezamenlijke oefening in Litouwen.', 'nl'), ['DE+NL exercise held']);
});

test('the country an exercise is held in is where, not who, unless its own units take part', () => {
  assert.deepEqual(cooperation('Volgend jaar oefenen Nederlandse en Duitse eenheden samen in Litouwen.', 'nl'), ['DE+NL exercise planned']);
  assert.deepEqual(cooperation('Vojska Srbije učestvuje na vežbi u Belorusiji sa jedinicama iz Rusije i Belorusije.', 'sr'), ['BY+RS+RU exercise held']);
  assert.deepEqual(cooperation('India and France adopted a defence roadmap in Paris.', 'en'), ['FR+IN agreement held']);
});

test('visits, trainees and hosts: people, nationalities and places name the sides', () => {
  assert.deepEqual(cooperation('Serbian president Aleksandar Vučić visited Russia last week.', 'en'), ['RS+RU visit held']);
  assert.deepEqual(cooperation('Hrvatski piloti obučavali su se u Francuskoj.', 'hr'), ['FR+HR training held']);
  assert.deepEqual(cooperation('Алжирские пилоты проходят обучение в России.', 'ru'), ['DZ+RU training held']);
  assert.deepEqual(cooperation('Australian sailors will train with the US Navy next year.', 'en'), ['AU+US training planned']);
});

test('agreements: a bloc, passive agents, hyphenated pairs; content and sales are not separate events', () => {
  assert.deepEqual(cooperation('The AUKUS pact was signed in 2021.', 'en'), ['AU+GB+US agreement held']);
  assert.deepEqual(cooperation('The missile was co-developed by India and Russia.', 'en'), ['IN+RU military-technical held']);
  assert.deepEqual(cooperation('İngiltere-Türkiye savunma işbirliği çerçevesi imzalandı.', 'tr'), ['GB+TR agreement held']);
  assert.deepEqual(cooperation('Le Maroc et Israël ont signé un accord de coopération militaire.', 'fr'), ['IL+MA agreement held']);
  // The training and exercises are what the agreement is about.
  assert.deepEqual(cooperation('Ministri su potpisali sporazum između BiH i SAD o obuci i vježbama.', 'bs'), ['BA+US agreement held']);
  assert.deepEqual(cooperation('El acuerdo entre Chile y Australia incluye la formación de las tripulaciones.', 'es'), ['AU+CL agreement held']);
  // A contract that buys goods is the sale.
  assert.deepEqual(cooperation('Chile firmó con Australia un convenio por dos fragatas.', 'es'), []);
  assert.deepEqual(cooperation('Albania signed a deal with the United States to buy Black Hawk helicopters.', 'en'), []);
  assert.deepEqual(cooperation('Litauen hat mit Deutschland einen Vertrag über die Lieferung von Leopard-Panzern abgeschlossen.', 'de'), []);
});

test('companies and agencies stand for their countries; outlets do not; "mali" is financial in Turkish', () => {
  assert.deepEqual(cooperation('Das Abwehrsystem entsteht in Kooperation von Rafael und Raytheon.', 'de'), ['IL+US military-technical held']);
  assert.deepEqual(cooperation('Expertos consultados por Sputnik dicen que Colombia se benefició de una transferencia de tecnología desde Suecia.', 'es'),
    ['CO+SE technology-transfer held']);
  assert.deepEqual(cooperation('Türkiye ile Azerbaycan arasında Askeri Mali İşbirliği Anlaşması imzalandı.', 'tr'), ['AZ+TR agreement held']);
});

test('a sentence naming no country goes on about the cooperation just stated', () => {
  assert.deepEqual(cooperation('Russia and Myanmar will deepen military cooperation. The joint activities will include combat training.', 'en'),
    ['MM+RU military-technical planned', 'MM+RU training planned']);
});

test('"they" reads back to the countries just named', () => {
  assert.deepEqual(cooperation('Russia and Vietnam held talks in Hanoi. They signed an agreement on defence cooperation.', 'en'),
    ['RU+VN visit held', 'RU+VN agreement held']);
});

test('route waypoints keep their catalog ids beside their names', () => {
  const [route] = events('The drones are shipped from Iran across the Caspian Sea to the Russian port of Makhachkala.', 'en').filter((e) => e.kind === 'route');
  assert.deepEqual([route.origin, route.via, route.viaIds], ['IR', ['Caspian Sea', 'Makhachkala'], ['place:caspian-sea', 'place:makhachkala']]);
});
