import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { htmlReport } from '../src/reporters/html.js';
import { findChromium, HeadlessChromium } from './cdp.js';
import { goldenInput } from './golden-input.js';

const chromium = findChromium();
if (!chromium) console.warn('html-chromium.test.ts: skipped, no chromium binary (Debian package "chromium"; .ci/run installs it).');

/**
 * Opens the HTML report in headless Chromium: the summary numbers are what the scan counted, the
 * inline script runs under the CSP (sorting and filtering work), nothing is blocked by the CSP,
 * and no request leaves the page.
 */
describe.skipIf(!chromium)('the HTML report in headless Chromium', () => {
  it('shows the summary, runs its script under the CSP, and sends no request', { timeout: 60_000 }, async () => {
    const golden = goldenInput();
    // A file name that would load an image if it were not escaped.
    const input = { ...golden, files: [...golden.files, { ...golden.files[golden.files.length - 1]!, path: 'fixtures/"><img src="http://127.0.0.1:9/leak.png">.txt' }] };
    const dir = mkdtempSync(join(tmpdir(), 'saring-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, htmlReport(input));
    const url = pathToFileURL(file).href;

    const browser = HeadlessChromium.launch(chromium!);
    try {
      const targets = await browser.send('Target.getTargets');
      const page = (targets.result!.targetInfos as { targetId: string; type: string }[]).find((t) => t.type === 'page')!;
      const attached = await browser.send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
      const session = attached.result!.sessionId as string;
      await browser.send('Network.enable', {}, session);
      await browser.send('Page.enable', {}, session);
      await browser.send('Runtime.enable', {}, session);
      await browser.send('Log.enable', {}, session);
      await browser.send('Page.navigate', { url }, session);
      await browser.waitFor('Page.loadEventFired');
      const evaluate = async (expression: string) => (await browser.send('Runtime.evaluate', { expression, returnByValue: true }, session)).result!.result as { value: unknown };

      const cards = (await evaluate(`Object.fromEntries([...document.querySelectorAll('.card')].map(c => [c.id, c.querySelector('b').textContent]))`)).value as Record<string, string>;
      const s = input.summary;
      expect(cards).toMatchObject({
        'files-seen': String(s.filesSeen),
        'files-scanned': String(s.scanned),
        'files-skipped': String(s.skipped),
        'files-failed': String(s.failed),
        'files-incomplete': String(s.incomplete),
        'files-with-findings': String(s.filesWithFindings),
        findings: String(s.findings),
      });

      // The script ran (CSP hash accepted): filtering by label hides rows and updates the count.
      const shown = await evaluate(`(() => { const l = document.getElementById('label-filter'); l.value = 'sensitive-health'; l.dispatchEvent(new Event('change')); return document.getElementById('shown').textContent; })()`);
      expect(shown.value).toBe(String(input.files.filter((f) => f.classification?.label === 'sensitive-health').length));
      // Sorting by findings, descending, puts the file with the most findings first.
      const first = await evaluate(`(() => { document.querySelectorAll('#files th')[5].click(); return document.querySelector('#files tbody tr td code').textContent; })()`);
      expect(first.value).toBe('fixtures/text/patients.csv');

      const requests = browser.events.filter((e) => e.method === 'Network.requestWillBeSent').map((e) => (e.params!.request as { url: string }).url);
      expect(requests).toEqual([url]);
      const violations = browser.events.filter((e) => e.method === 'Log.entryAdded' && /Content Security Policy/i.test(String((e.params!.entry as { text: string }).text)));
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
