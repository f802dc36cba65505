/**
 * A generated corpus of short reports about three deals (Russia–Egypt Su-35, Türkiye–Kosovo Bayraktar TB2,
 * France–Armenia CAESAR) from eight outlets, in our own words, for tests that need many articles with
 * known transfers: the queue, kills, a full disk. Each report states one deal in a sentence the rules
 * read, plus filler; the first forty have sentences of their own (no two are near-duplicates), later ones
 * repeat filler and may be stored as near-duplicates, always the same way for the same order of input.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUTLETS = ['north-post', 'daily-wire', 'east-times', 'the-ledger', 'harbor-news', 'plain-report', 'capital-star', 'river-herald'];
const DEALS = [
  (i: number) => ['Egypt ordered Su-35 fighter jets from Russia, officials in Cairo said.', 'Russia has delivered the first Su-35 fighter jets to Egypt.', 'Egypt denied receiving Su-35 jets from Russia.'][i % 3],
  (i: number) => ['Kosovo signed a contract with Türkiye for Bayraktar TB2 drones.', 'Kosovo received Bayraktar TB2 drones from Türkiye, the ministry in Pristina announced.'][i % 2],
  (i: number) => ['Armenia signed a contract with France for CAESAR howitzers.', 'France delivered CAESAR howitzers to Armenia, the ministry in Yerevan said.'][i % 2],
];
const FILLER = ['Analysts said the move reflects a wider shift in the region.', 'Parliament is expected to debate the budget next month.', 'The opposition asked for more details about the costs.',
  'Neighbouring states have followed the talks closely.', 'Officials declined to give the number of units involved.', 'A spokesperson called the step routine.',
  'Critics warned about maintenance costs over the coming decade.', 'The defence committee met behind closed doors.', 'Diplomats described the relations as stable.',
  'Training of crews is planned at home and abroad.', 'Local media carried pictures from the ceremony.', 'Economists questioned the timing of the purchase.'];

/**
 * Writes `count` reports, one JSONL file each (`report-000.jsonl`…), and returns their paths.
 * @example writeDealCorpus(dir, 40)
 */
export function writeDealCorpus(dir: string, count: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const outlet = OUTLETS[i % OUTLETS.length];
    const body = [DEALS[i % 3](Math.floor(i / 3)), FILLER[i % 12], FILLER[(i * 5 + 3) % 12], `Report ${i + 1} of ${outlet.replace('-', ' ')} was filed on day ${i + 1} of the series, citing ${3 + (i % 7)} people.`, ...(i >= 40 ? [FILLER[(i * 7 + 1) % 12], `It was the ${i + 1}th item in the file.`] : [])].join(' ');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const file = join(dir, `report-${String(i).padStart(3, '0')}.jsonl`);
    writeFileSync(file, `${JSON.stringify({ url: `https://${outlet}.example/${i}`, title: `Report ${i + 1}`, published: `2023-${month}-${String(1 + (i % 27)).padStart(2, '0')}`, language: 'en', text: body })}\n`);
    files.push(file);
  }
  return files;
}

