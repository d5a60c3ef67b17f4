import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addBoardPage, builtBoardPageIfAny } from './board-page';

describe('the board page mount', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'board-page-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('serves the built page at /app/, its assets beneath, and sends / there', async () => {
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Orders board</title>');
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'assets', 'board.js'), 'console.log(1)');
    const app = new Hono();
    addBoardPage(app, folder);

    const page = await app.request('/app/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Orders board');
    const script = await app.request('/app/assets/board.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    for (const path of ['/', '/app']) {
      const redirect = await app.request(path);
      expect(redirect.status).toBe(302);
      expect(redirect.headers.get('location')).toBe('/app/');
    }
    expect((await app.request('/app/../package.json')).status).toBe(404);
  });

  it('is mounted only once built: a folder without index.html is no page', () => {
    expect(builtBoardPageIfAny(folder)).toBeUndefined();
    writeFileSync(join(folder, 'index.html'), '<!doctype html>');
    expect(builtBoardPageIfAny(folder)).toBe(folder);
  });
});
