import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './language.js';

// One sentence per language, our own words about arms reporting.
const SAMPLES: [string[], string][] = [
  [['en'], 'The defence ministry confirmed that the first batch of armoured vehicles arrived at the port last week.'],
  [['nl'], 'Het ministerie van Defensie bevestigde dat de eerste pantservoertuigen vorige week in de haven zijn aangekomen.'],
  [['de'], 'Das Verteidigungsministerium bestätigte, dass die ersten gepanzerten Fahrzeuge letzte Woche im Hafen eingetroffen sind.'],
  [['fr'], 'Le ministère de la Défense a confirmé que les premiers véhicules blindés sont arrivés au port la semaine dernière.'],
  [['es'], 'El Ministerio de Defensa confirmó que los primeros vehículos blindados llegaron al puerto la semana pasada.'],
  [['it'], 'Il ministero della Difesa ha confermato che i primi veicoli blindati sono arrivati al porto la settimana scorsa.'],
  [['pt'], 'O Ministério da Defesa confirmou que os primeiros veículos blindados chegaram ao porto na semana passada.'],
  [['pl'], 'Ministerstwo Obrony potwierdziło, że pierwsze pojazdy opancerzone dotarły do portu w zeszłym tygodniu.'],
  [['sr', 'hr', 'bs'], 'Ministarstvo odbrane je potvrdilo da su prva oklopna vozila stigla u luku prošle nedelje.'],
  [['sr'], 'Министарство одбране је потврдило да су прва оклопна возила стигла у луку прошле недеље.'],
  [['hr', 'bs', 'sr'], 'Ministarstvo obrane potvrdilo je da su prva oklopna vozila stigla u luku prošlog tjedna.'],
  [['ru'], 'Министерство обороны подтвердило, что первые бронированные машины прибыли в порт на прошлой неделе.'],
  [['uk'], 'Міністерство оборони підтвердило, що перші броньовані машини прибули до порту минулого тижня.'],
  [['bg'], 'Министерството на отбраната потвърди, че първите бронирани машини пристигнаха в пристанището миналата седмица.'],
  [['mk'], 'Министерството за одбрана потврди дека првите оклопни возила пристигнаа во пристаништето минатата недела.'],
  [['sq'], 'Ministria e Mbrojtjes konfirmoi se automjetet e para të blinduara mbërritën në port javën e kaluar.'],
  [['tr'], 'Savunma Bakanlığı, ilk zırhlı araçların geçen hafta limana ulaştığını doğruladı.'],
];

test('language identification for every supported language', async () => {
  for (const [expected, text] of SAMPLES) {
    const guess = await detectLanguage(text);
    assert.ok(expected.includes(guess.language), `${expected[0]}: got ${guess.language} (${guess.confidence}) for "${text.slice(0, 40)}…"`);
  }
  assert.deepEqual(await detectLanguage(''), { language: 'und', confidence: 0 });
});
