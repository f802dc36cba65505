/**
 * What the workspace's browser tests share: the built workspace (built once if missing), Debian's Chromium with
 * the flags this machine needs, a page that records what must not happen (console errors, uncaught exceptions,
 * dialogs) and every request, and the reviewer dialog filled in.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './helpers.js';

export const WEB = join(ROOT, 'dist', 'web');
export const SHOTS = join(ROOT, 'artifacts', 'screenshots');
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Builds the workspace unless `npm install` already did, and makes the screenshots' folder. */
export function ensureWorkspaceBuilt(): void {
  if (!existsSync(join(WEB, 'index.html'))) {
    const built = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
    assert.equal(built.status, 0, 'npm run build:web failed');
  }
  mkdirSync(SHOTS, { recursive: true });
}

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** A page that records console errors, uncaught exceptions, dialogs (dismissed) and every request it makes. */
export async function watchedPage(browser: Browser, options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean } = {}) {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 }, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('request', (r) => requests.push(r.url()));
  return { page, problems, requests };
}

/** Fills in the reviewer dialog (name and bearer token) and waits for the header to show the name. */
export async function signIn(page: Page, author: string, token: string) {
  await page.locator('header.top button.reviewer').click();
  const dialog = page.getByRole('dialog', { name: 'Reviewer' });
  await dialog.getByLabel('Your name').fill(author);
  await dialog.getByLabel('Token').fill(token);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.locator('header.top').getByRole('button', { name: `Reviewer: ${author}` }).waitFor();
}
