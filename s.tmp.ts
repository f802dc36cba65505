import { SqliteStore } from './src/store/sqlite.js';
import { loadList } from './src/screen/lists.js';
import { buildIndex } from './src/screen/screen.js';
import { matchQuery } from './src/screen/match.js';
const store = new SqliteStore('/tmp/screen-smoke.db');
console.log(await loadList(store, '../shared/data/opensanctions/zala.entities.ftm.json', { list: 'zala' }));
const { index, versions } = await buildIndex(store);
console.log(index.size, index.names, versions);
for (const q of ['Zala Aero', 'ЗАЛА АЭРО', 'Kalashnikov', 'Concern Kalashnikov JSC', 'Kalashnikow Concern', 'OOO Aeroskan', 'Aeroscan GmbH', 'Захаров Никита', 'Nikita Zakharov', 'Zaharova Maria', 'Maria Zakharov', 'Unmanned Systems', 'Беспилотные системы', 'Izhmash', 'TsST', 'Svetlana Moskvina', 'Acme Trading', 'Abashkin Konstantin','Promelectronica']) {
  const r = matchQuery(index, { schema: 'LegalEntity', properties: { name: [q] } });
  console.log(q.padEnd(28), r.query.normalised.names, r.results.slice(0,3).map(x => `${x.caption.slice(0,30)} ${x.score}${x.match?'*':''}`).join(' | '));
}
await store.close();
