/**
 * The audit panel: which list versions screened the file on screen (from the report itself), the list
 * versions loaded now and the latest runs (`GET /api/lists`). Without a list, it says that parties are
 * not checked and how to load one.
 */
import { api, unwrap, useLoad } from '../../api';
import type { Report } from '../../screen';
import { Show } from '../../ui';

const when = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function Audit({ report, version }: { report: Report | null; version: number }) {
  const loaded = useLoad(() => unwrap(api.GET('/api/lists', { params: { query: { runs: 10 } } })), [version]);
  return (
    <section className="card audit" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit</h2>
      {report ? (
        <div className="screened-with">
          <h3>This file</h3>
          <p className="small"><strong>{report.file.name}</strong> ({report.file.format}, SHA-256 <code title={report.run.sha256}>{report.run.sha256.slice(0, 12)}…</code>),
            run <code>{report.run.id.slice(0, 8)}</code> at {when(report.run.startedAt)}; CHPL {report.chpl.version}; threshold {report.threshold}.</p>
          {report.lists.length ? (
            <table className="data compact" aria-label="List versions that screened this file">
              <thead><tr><th>List</th><th>Version</th><th>Loaded</th><th>Parties</th></tr></thead>
              <tbody>{report.lists.map((l) => <tr key={l.version}><td>{l.list}</td><td><code>{l.version}</code></td><td>{when(l.loadedAt)}</td><td>{l.entities.toLocaleString('en')}</td></tr>)}</tbody>
            </table>
          ) : <p className="warning" role="note">No sanctions list was loaded: this file’s parties were not checked against any list.</p>}
        </div>
      ) : null}
      <Show loaded={loaded} what="the loaded lists and runs">
        {(data) => (
          <>
            <h3>Lists loaded</h3>
            {data.lists.length ? (
              <table className="data compact" aria-label="Loaded lists">
                <thead><tr><th>List</th><th>Version</th><th>Loaded</th><th>Parties</th></tr></thead>
                <tbody>{data.lists.map((l) => <tr key={l.version}><td>{l.list}</td><td><code>{l.version}</code></td><td>{when(l.loadedAt)}</td><td>{l.entities.toLocaleString('en')}</td></tr>)}</tbody>
              </table>
            ) : (
              <p className="warning no-lists" role="note">No sanctions list is loaded, so screening checks no party names (CHPL codes, components, countries and red flags still are).
                Load one on the server’s store with <code>armscope lists load FILE</code>, e.g. OpenSanctions’ <code>entities.ftm.json</code> or <code>targets.simple.csv</code>.</p>
            )}
            <h3>Latest runs</h3>
            {data.runs.length ? (
              <table className="data compact" aria-label="Latest screening runs">
                <thead><tr><th>File</th><th>When</th><th>Lines</th><th>High / medium / low / none</th><th>Lists</th></tr></thead>
                <tbody>{data.runs.map((r) => (
                  <tr key={r.id}><td>{r.file}</td><td>{when(r.startedAt)}</td><td>{r.lines}</td><td>{r.levels.high} / {r.levels.medium} / {r.levels.low} / {r.levels.none}</td>
                    <td>{r.lists.length ? r.lists.map((l) => <code key={l.version} className="list-version">{l.version}</code>) : <span className="muted">none</span>}</td></tr>
                ))}</tbody>
              </table>
            ) : <p className="muted">No file screened yet.</p>}
          </>
        )}
      </Show>
    </section>
  );
}
