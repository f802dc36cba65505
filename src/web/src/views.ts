/**
 * The workspace's views, declared once: the navigation, the routes and the code splitting all come from
 * this list. A new view (a screening page, say) is one entry here and one module under views/; each is
 * loaded only when first opened, so the reader never downloads the map's or the graph's libraries.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface ViewEntry {
  path: string;
  label: string;
  /** What the view is for, as the navigation's tooltip. */
  hint: string;
  component: LazyExoticComponent<ComponentType>;
}

export const VIEWS: ViewEntry[] = [
  { path: '/records', label: 'Trade register', hint: 'transfer records merged across documents, with the reference comparison', component: lazy(() => import('./views/Records')) },
  { path: '/country', label: 'Country', hint: 'a country’s imports, exports, partners, systems and what changed', component: lazy(() => import('./views/Country')) },
  { path: '/network', label: 'Network', hint: 'supplier → recipient graph', component: lazy(() => import('./views/Network')) },
  { path: '/map', label: 'Map', hint: 'imports by country, production sites and supply routes', component: lazy(() => import('./views/MapView')) },
  { path: '/timeline', label: 'Timeline', hint: 'dated steps of transfer records', component: lazy(() => import('./views/Timeline')) },
  { path: '/reader', label: 'Reader', hint: 'an article with its names and events highlighted', component: lazy(() => import('./views/Reader')) },
  { path: '/review', label: 'Review', hint: 'the queue of events to confirm, reject or correct, worked from the keyboard', component: lazy(() => import('./views/Review')) },
  { path: '/publishers', label: 'Publishers', hint: 'publishers’ reliability grades A–F', component: lazy(() => import('./views/Publishers')) },
  { path: '/screening', label: 'Screening', hint: 'a parts list screened line by line: CHPL codes, components, sanctioned parties, countries, red flags', component: lazy(() => import('./views/Screening')) },
  { path: '/search', label: 'Search', hint: 'documents and catalog entries, in any script', component: lazy(() => import('./views/Search')) },
];

export const HOME = '/records';
