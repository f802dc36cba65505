/** The workspace shell: navigation from `views.ts`, the current view from the URL, a search box always at hand. */
import { StrictMode, Suspense, useEffect, useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { HOME, VIEWS } from './views';
import { Link, Loading } from './ui';
import { navigate, useLocation } from './url';
import { SettingsDialog, useCredentials } from './review';

function SearchBox({ initial }: { initial: string }) {
  const [q, setQ] = useState(initial);
  useEffect(() => setQ(initial), [initial]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };
  return (
    <form className="quick-search" role="search" onSubmit={submit}>
      <input type="search" aria-label="Search documents and entities" placeholder="Search: Pantsir, Панцирь, Шахед…" value={q} onChange={(e) => setQ(e.target.value)} />
    </form>
  );
}

/** Who reviews in this tab: opens the settings dialog (also on the `armscope:settings` event a disabled button sends). */
function Reviewer() {
  const creds = useCredentials();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const show = () => setOpen(true);
    window.addEventListener('armscope:settings', show);
    return () => window.removeEventListener('armscope:settings', show);
  }, []);
  return (
    <>
      <button type="button" className="reviewer" onClick={() => setOpen(true)} title="your name and the server’s token, for decisions and grades">
        {creds.ready ? `Reviewer: ${creds.author}` : 'Reviewer…'}
      </button>
      {open ? <SettingsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function App() {
  const { path, params } = useLocation();
  useEffect(() => { if (path === '/' || path === '') navigate(HOME, { replace: true }); }, [path]);
  const view = VIEWS.find((v) => v.path === path);
  useEffect(() => { document.title = view ? `${view.label} · armscope` : 'armscope'; }, [view]);
  const View = view?.component;
  return (
    <>
      <header className="top">
        <Link to={HOME} className="brand">armscope</Link>
        <nav aria-label="Views">
          {VIEWS.map((v) => <Link key={v.path} to={v.path} title={v.hint} className={v.path === path ? 'active' : undefined} current={v.path === path}>{v.label}</Link>)}
        </nav>
        <SearchBox initial={path === '/search' ? params.get('q') ?? '' : ''} />
        <Reviewer />
      </header>
      <main id="main" data-view={view?.path.slice(1) ?? 'none'}>
        {View
          ? <Suspense fallback={<Loading what={view.label.toLowerCase()} />}><View key={view.path} /></Suspense>
          : path === '/' ? null : <div className="error" role="alert">No view at {path}. <Link to={HOME}>Open the trade register</Link>.</div>}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>);
