/**
 * The HTML report of the example in a real browser: Debian's chromium (installed by .ci/run where
 * missing) driven by playwright-core, offline. No console errors, one SVG node per proposed service,
 * sortable tables; a screenshot is saved in the test's temp folder (test/.tmp/audit-html/report.png).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/analyze.js';
import { cli, exampleDir, repoDir } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const TIMEOUT = 120_000;

describe('HTML report in headless Chromium', () => {
  let temp: string;
  let browser: Browser;
  let page: Page;
  let report: AuditReport;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium package (as root: apt-get install -y chromium; .ci/run does).`,
      );
    // test/.tmp/ (git-ignored): the screenshot stays there for a look after the run.
    temp = path.join(repoDir, 'test/.tmp/audit-html');
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp, { recursive: true });
    const html = path.join(temp, 'report.html');
    const written = await cli(['audit', '--format', 'html', '--output', html], exampleDir);
    expect(written.code).toBe(0);
    report = JSON.parse((await cli(['audit', '--format', 'json'], exampleDir)).stdout) as AuditReport;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector('#graph svg');
  }, TIMEOUT);

  afterAll(async () => {
    await browser.close();
  });

  it('is one self-contained file: no console errors, no request beyond the file itself', () => {
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    const html = readFileSync(path.join(temp, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org\/2000\/svg)[^'"\s]*\.js/);
  });

  it('draws one SVG node per proposed service, coloured by lifetime and issues', async () => {
    const nodes = page.locator('#graph svg g.service');
    const services: { label: string; classes: string; at: string }[] = [];
    for (const node of await nodes.all())
      services.push({
        label: (await node.locator('text').textContent()) ?? '',
        classes: (await node.getAttribute('class')) ?? '',
        at: (await node.getAttribute('transform')) ?? '',
      });
    expect(services.map((service) => service.label).sort()).toEqual(
      report.proposal.services.map((service) => service.name).sort(),
    );
    for (const usage of report.usage) {
      const node = services.find((service) => service.label === usage.service);
      expect(node?.classes).toContain(usage.global === true ? 'global' : usage.lifetime);
      expect(node?.classes.includes('has-issues')).toBe(usage.issues > 0);
    }
    // dagre placed every node: no two service nodes at the same position.
    expect(new Set(services.map((service) => service.at)).size).toBe(services.length);
  });

  it('sorts a table by clicking its header, both directions', async () => {
    const column = (index: number) =>
      page.locator(`#violations tbody tr td:nth-child(${String(index)})`).allTextContents();
    const rules = await column(4);
    expect(rules.length).toBe(report.violations.length);
    await page.click('#violations thead th:nth-child(4)');
    expect(await column(4)).toEqual([...rules].sort((a, b) => a.localeCompare(b)));
    expect(await page.getAttribute('#violations thead th:nth-child(4)', 'aria-sort')).toBe('ascending');
    await page.click('#violations thead th:nth-child(4)');
    expect(await column(4)).toEqual([...rules].sort((a, b) => b.localeCompare(a)));
    // Numbers sort as numbers: line 14 after line 9.
    await page.click('#violations thead th:nth-child(2)');
    const lines = (await column(2)).map(Number);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBeGreaterThan(1);
  });

  it('saves a screenshot', async () => {
    const file = path.join(temp, 'report.png');
    await page.screenshot({ path: file, fullPage: false });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
  });
});
