/**
 * A brief (`brief.ts`) as Markdown, HTML or PDF. Citations are `[n]` after each claim and a numbered list
 * of sources at the end (outlet, date, title, link, the quoted sentence). In HTML every piece of text is
 * escaped, article text above all (titles, quotes and URLs come from the web and are untrusted); links
 * are written only for http(s) URLs. Charts are server-rendered SVG (ECharts) embedded as data: images,
 * so the HTML needs nothing from the network; the PDF is that HTML printed by headless Chromium with
 * JavaScript off and every request refused.
 */
import type { Brief, Citation, Claim } from './brief.js';

const STATUS_COLOURS: Record<string, string> = {
  interest: '#b0bec5', offered: '#90caf9', negotiating: '#64b5f6', agreed: '#1e88e5', delivered: '#2e7d32', cancelled: '#ef6c00', denied: '#c62828',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

/** Markdown that must not turn article text into markup: the characters Markdown reads, escaped. */
function escapeMd(text: string): string {
  return text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

const sorted = (cites: number[]) => [...cites].sort((a, b) => a - b);
const marks = (cites: number[]) => sorted(cites).map((n) => `[${n}]`).join('');

function citationText(c: Citation): string {
  if (c.kind === 'reference') return `${c.source.toUpperCase()} trade register (${c.file}${c.generated ? `, generated ${c.generated}` : ''}), line ${c.line}: “${c.quote}”`;
  return `${c.outlet}, ${c.published ?? 'undated'}${c.title ? `, “${c.title}”` : ''}${c.url ? `, ${c.url}` : ''}. Quoted: “${c.quote}”`;
}

/** Records by year first reported, stacked by status, as an SVG string. */
export async function yearChartSvg(brief: Brief, width = 640, height = 260): Promise<string | null> {
  if (!brief.byYear.length) return null;
  const echarts = await import('echarts');
  const chart = echarts.init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width, height });
  const statuses = [...new Set(brief.byYear.flatMap((y) => Object.keys(y.byStatus)))].sort();
  chart.setOption({
    animation: false,
    title: { text: 'Transfer records by year first reported', left: 'center', textStyle: { fontSize: 13 } },
    legend: { bottom: 0, data: statuses },
    grid: { left: 40, right: 20, top: 40, bottom: 50 },
    xAxis: { type: 'category', data: brief.byYear.map((y) => y.year) },
    yAxis: { type: 'value', minInterval: 1 },
    series: statuses.map((s) => ({ name: s, type: 'bar', stack: 'records', itemStyle: { color: STATUS_COLOURS[s] ?? '#777' }, data: brief.byYear.map((y) => y.byStatus[s] ?? 0) })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Partners by number of records, as an SVG string. */
export async function partnerChartSvg(brief: Brief, width = 640, height = 260): Promise<string | null> {
  const counts = new Map<string, number>();
  for (const p of brief.partners) counts.set(p.partnerName, (counts.get(p.partnerName) ?? 0) + 1);
  if (!counts.size) return null;
  const rows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 12).reverse();
  const echarts = await import('echarts');
  const chart = echarts.init(null as unknown as HTMLElement, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    title: { text: 'Records per partner', left: 'center', textStyle: { fontSize: 13 } },
    grid: { left: 140, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r[0]) },
    series: [{ type: 'bar', data: rows.map((r) => r[1]), itemStyle: { color: '#1e88e5' } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

function scopeLine(b: Brief): string {
  return `Reported ${b.since} to ${b.until} · ${b.records} transfer record(s) from ${b.documents} document(s) by ${b.publishers} publisher(s) · every claim cites its sources`;
}

/**
 * @example renderMarkdown(brief).split('\n')[0] // '# Brief: Serbia'
 */
export function renderMarkdown(b: Brief): string {
  const out: string[] = [`# Brief: ${escapeMd(b.title)}`, '', `_${scopeLine(b)}_`, ''];
  const claims = (list: Claim[], empty: string) => (list.length ? list.map((c) => `- ${escapeMd(c.text)}${c.cites.length ? ` ${marks(c.cites)}` : ''}`) : [`_${empty}_`]);
  out.push('## Summary', '', ...claims(b.summary, 'Nothing reported in this window.'), '');
  out.push('## Partners and systems', '');
  if (b.partners.length) {
    out.push('| partner | role | goods | status | publishers | first reported | last reported | sources |', '| --- | --- | --- | --- | ---: | --- | --- | --- |');
    for (const p of b.partners) {
      out.push(`| ${escapeMd(p.partnerName)} | ${p.role === 'supplies' ? 'recipient' : 'supplier'} | ${escapeMd(p.goods)} | ${p.status}${p.hedged ? ' (hedged)' : ''} | ${p.publishers} | ${p.firstSeen ?? 'undated'} | ${p.lastSeen ?? 'undated'} | ${marks(p.cites)} |`);
    }
  } else out.push('_No transfer records in this window._');
  out.push('', '## What changed', '', ...claims(b.changes, 'No new records or status changes in this window.'), '');
  out.push('## Key people and organisations', '');
  out.push(...(b.actors.length ? b.actors.map((a) => `- ${escapeMd(a.name)} (${a.type}), named in ${a.mentions} statement(s) ${marks(a.cites)}`) : ['_None named in the evidence._']), '');
  out.push('## Cooperation', '', ...claims(b.cooperation, 'No cooperation reported in this window.'), '');
  out.push('## Against the reference register', '');
  if (!b.reference.available) out.push('_No reference data imported (armscope import sipri FILE)._');
  else {
    const c = b.reference.counts!;
    out.push(`${c.matched} matched, ${c['status-differs']} at another stage in the register, ${c['reported-not-in-reference']} not in the register.`, '', ...claims(b.reference.claims, 'No records to compare.'));
  }
  out.push('', '## Open questions', '', ...claims(b.openQuestions, 'No unconfirmed, conflicting or single-source reports.'), '');
  out.push('## Sources', '');
  for (const c of b.citations) out.push(`${c.n}. ${escapeMd(citationText(c))}`);
  return `${out.join('\n')}\n`;
}

const svgImage = (svg: string | null, alt: string) => (svg ? `<img class="chart" alt="${escapeHtml(alt)}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}">` : '');

function htmlMarks(cites: number[]): string {
  return sorted(cites).map((n) => `<sup><a href="#source-${n}">[${n}]</a></sup>`).join('');
}

function htmlClaims(list: Claim[], empty: string): string {
  if (!list.length) return `<p class="empty">${escapeHtml(empty)}</p>`;
  return `<ul>${list.map((c) => `<li>${escapeHtml(c.text)}${htmlMarks(c.cites)}</li>`).join('')}</ul>`;
}

function htmlCitation(c: Citation): string {
  if (c.kind === 'reference') {
    return `<li id="source-${c.n}">${escapeHtml(`${c.source.toUpperCase()} trade register (${c.file}${c.generated ? `, generated ${c.generated}` : ''}), line ${c.line}`)}: <q>${escapeHtml(c.quote)}</q></li>`;
  }
  const url = safeUrl(c.url);
  const link = url ? ` <a href="${escapeHtml(url)}">${escapeHtml(url)}</a>` : c.url ? ` ${escapeHtml(c.url)}` : '';
  return `<li id="source-${c.n}">${escapeHtml(c.outlet)}, ${escapeHtml(c.published ?? 'undated')}${c.title ? `, <cite>${escapeHtml(c.title)}</cite>` : ''}.${link}<br><q>${escapeHtml(c.quote)}</q></li>`;
}

/** A self-contained HTML page (no scripts, no external resources). */
export async function renderHtml(b: Brief): Promise<string> {
  const [years, partners] = await Promise.all([yearChartSvg(b), partnerChartSvg(b)]);
  const table = b.partners.length
    ? `<table><thead><tr><th>partner</th><th>role</th><th>goods</th><th>status</th><th>publishers</th><th>first reported</th><th>last reported</th><th>sources</th></tr></thead><tbody>${b.partners.map((p) =>
      `<tr><td>${escapeHtml(p.partnerName)}</td><td>${p.role === 'supplies' ? 'recipient' : 'supplier'}</td><td>${escapeHtml(p.goods)}</td><td>${escapeHtml(p.status)}${p.hedged ? ' (hedged)' : ''}</td><td class="n">${p.publishers}</td><td>${escapeHtml(p.firstSeen ?? 'undated')}</td><td>${escapeHtml(p.lastSeen ?? 'undated')}</td><td>${htmlMarks(p.cites)}</td></tr>`).join('')}</tbody></table>`
    : '<p class="empty">No transfer records in this window.</p>';
  const reference = !b.reference.available ? '<p class="empty">No reference data imported (armscope import sipri FILE).</p>'
    : `<p>${b.reference.counts!.matched} matched, ${b.reference.counts!['status-differs']} at another stage in the register, ${b.reference.counts!['reported-not-in-reference']} not in the register.</p>${htmlClaims(b.reference.claims, 'No records to compare.')}`;
  const actors = b.actors.length ? `<ul>${b.actors.map((a) => `<li>${escapeHtml(a.name)} (${a.type}), named in ${a.mentions} statement(s)${htmlMarks(a.cites)}</li>`).join('')}</ul>` : '<p class="empty">None named in the evidence.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Brief: ${escapeHtml(b.title)}</title>
<style>
body { font: 11pt/1.45 "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 52em; color: #111; }
h1 { font-size: 20pt; margin-bottom: 0.2em; } h2 { font-size: 13pt; border-bottom: 1px solid #ccc; margin-top: 1.6em; }
.scope { color: #555; } .empty { color: #777; font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } th, td { border: 1px solid #ddd; padding: 3px 5px; text-align: left; vertical-align: top; } td.n { text-align: right; }
sup a { text-decoration: none; } q { font-style: italic; } ol.sources li { margin-bottom: 0.4em; word-break: break-word; }
img.chart { display: block; margin: 1em auto; max-width: 100%; }
</style></head><body>
<h1>Brief: ${escapeHtml(b.title)}</h1>
<p class="scope">${escapeHtml(scopeLine(b))}</p>
<h2>Summary</h2>${htmlClaims(b.summary, 'Nothing reported in this window.')}
${svgImage(years, 'Transfer records by year first reported and status')}
<h2>Partners and systems</h2>${table}
${svgImage(partners, 'Records per partner')}
<h2>What changed</h2>${htmlClaims(b.changes, 'No new records or status changes in this window.')}
<h2>Key people and organisations</h2>${actors}
<h2>Cooperation</h2>${htmlClaims(b.cooperation, 'No cooperation reported in this window.')}
<h2>Against the reference register</h2>${reference}
<h2>Open questions</h2>${htmlClaims(b.openQuestions, 'No unconfirmed, conflicting or single-source reports.')}
<h2>Sources</h2><ol class="sources">${b.citations.map(htmlCitation).join('')}</ol>
</body></html>
`;
}

/**
 * The HTML brief printed to PDF by headless Chromium (`executablePath`, default /usr/bin/chromium).
 * @example await writeFile('rs.pdf', await renderPdf(brief))
 */
export async function renderPdf(b: Brief, options: { executablePath?: string } = {}): Promise<Buffer> {
  const html = await renderHtml(b);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: options.executablePath ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    // The page is self-contained: anything it would fetch is refused.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } });
  } finally {
    await browser.close();
  }
}
