// A planet of 200 feeds: the sidebar's last subscription can be scrolled to, on a phone and on a
// desktop (a sticky sidebar taller than the screen must scroll on its own).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launch, removeTempDirs, renderPlanet, serve, withPage } from './support.mjs';

const count = 200;
const pad = (n) => String(n).padStart(3, '0');

function feed(n) {
  const day = String(1 + (n % 28)).padStart(2, '0');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Generated feed ${pad(n)}</title>
  <id>urn:orrery-browser:feed:${n}</id>
  <link rel="alternate" href="https://feed${pad(n)}.example.org/"/>
  <updated>2024-03-${day}T12:00:00Z</updated>
  <author><name>Writer ${pad(n)}</name></author>
  <entry>
    <title>Post ${pad(n)}</title>
    <id>urn:orrery-browser:entry:${n}</id>
    <link rel="alternate" href="https://feed${pad(n)}.example.org/post"/>
    <updated>2024-03-${day}T12:${pad(n % 60).slice(1)}:00Z</updated>
    <content type="html">&lt;p&gt;The one post of generated feed ${pad(n)}.&lt;/p&gt;</content>
  </entry>
</feed>
`;
}

let browser;
let server;

before(async () => {
  browser = await launch();
  const feeds = {};
  const names = {};
  for (let n = 1; n <= count; ++n) {
    feeds[`feed${pad(n)}.xml`] = feed(n);
    names[`feed${pad(n)}.xml`] = `Subscription number ${pad(n)} of the generated planet`;
  }
  server = await serve(renderPlanet('two-hundred', feeds, { subscriptions: names }));
});

after(async () => {
  await browser?.close();
  await server?.close();
  removeTempDirs();
});

test(`the last of ${count} subscriptions can be scrolled to`, async () => {
  for (const size of [{ width: 375, height: 812 }, { width: 1280, height: 800 }]) {
    await withPage(browser, server.origin, size, async (page) => {
      const last = page.getByText(`Subscription number ${pad(count)} of the generated planet`,
                                  { exact: true }).last();
      assert.equal(await last.evaluate((element) => !!element.closest('aside, nav')), true,
                   'the last subscription is not in the sidebar (<aside>)');
      const where = await last.evaluate((element) => {
        element.scrollIntoView({ block: 'center' });
        const box = element.getBoundingClientRect();
        const x = box.left + Math.min(box.width / 2, 4);
        const y = box.top + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        return {
          top: Math.round(box.top), bottom: Math.round(box.bottom), height: box.height,
          viewport: window.innerHeight,
          hit: hit ? `<${hit.tagName.toLowerCase()}> ${(hit.textContent || '').trim().slice(0, 40)}`
                   : 'nothing',
          onTop: !!hit && (hit === element || element.contains(hit) || hit.contains(element)),
        };
      });
      assert.ok(where.height > 0 && where.top >= 0 && where.bottom <= where.viewport,
                `at ${size.width} px the last subscription is at ${where.top}..${where.bottom} ` +
                `after scrollIntoView, outside the ${where.viewport} px viewport`);
      assert.ok(where.onTop, `at ${size.width} px the last subscription is covered by ${where.hit}`);
      assert.ok(await last.isVisible(), 'the last subscription is not visible');
    });
  }
});
