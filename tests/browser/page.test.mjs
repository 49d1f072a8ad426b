// The demo planet (config/planet.ini) in headless Chromium: no console error, no request off
// the local server, no horizontal overflow, the dark scheme, the skip link and the nav by
// keyboard, axe-core, and screenshots saved as artifacts. Every page opened here also checks the
// console and the requests (support.mjs, withPage).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  artifactsDir, axePath, launch, removeTempDirs, renderDemo, serve, withPage,
} from './support.mjs';

let browser;
let server;
let pages;  // every HTML page of the demo but index.html, as URL paths

before(async () => {
  browser = await launch();
  const output = renderDemo();
  pages = fs.readdirSync(output, { recursive: true })
    .filter((file) => file.endsWith('.html') && file !== 'index.html')
    .map((file) => `/${file.split(path.sep).join('/')}`)
    .sort();
  server = await serve(output);
});

after(async () => {
  await browser?.close();
  await server?.close();
  removeTempDirs();
});

const phone = { width: 375, height: 812 };
const desktop = { width: 1280, height: 800 };

test('the page loads with no console error and no request to another host', async () => {
  for (const options of [{ ...phone, colorScheme: 'light' }, { ...desktop, colorScheme: 'dark' }]) {
    await withPage(browser, server.origin, options, async (page) => {
      assert.ok(await page.locator('main').count(), 'the page has a <main>');
    });
  }
});

// How wide the page is, and the elements past the right edge of the viewport.
async function overflow(page) {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const wide = [];
    for (const element of document.querySelectorAll('body *')) {
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > limit + 0.5) {
        const id = element.id ? `#${element.id}` : '';
        const cls = typeof element.className === 'string' && element.className
                      ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
        wide.push(`${element.tagName.toLowerCase()}${id}${cls} right=${Math.round(box.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: limit,
             wide: wide.slice(0, 8) };
  });
}

function assertNoOverflow(measured, where) {
  assert.ok(measured.scrollWidth <= measured.innerWidth,
            `${where}: the page is ${measured.scrollWidth} px wide; past the right edge: ` +
            measured.wide.join(', '));
}

test('no horizontal overflow at 320, 375 and 1280 px', async () => {
  for (const width of [320, 375, 1280]) {
    await withPage(browser, server.origin, { width, height: 800 }, async (page) => {
      assertNoOverflow(await overflow(page), `index.html at ${width} px`);
    });
  }
});

test('what the front page leaves out is one click away: "Older entries" opens its month', async () => {
  await withPage(browser, server.origin, desktop, async (page) => {
    await page.locator('nav.pager a[rel="next"]').click();
    await page.waitForLoadState('load');
    assert.match(new URL(page.url()).pathname, /^\/archive\/\d{4}\/\d{2}(-\d+)?\.html$/,
                 'the older link leads to a month page');
    const titles = await page.locator('main article .entry-title').allInnerTexts();
    assert.ok(titles.length > 0, 'the month page has entries');
    assert.ok(await page.locator('nav.pager a').count(), 'the month page links its neighbours');
    await page.locator('.site-nav a', { hasText: 'Archives' }).click();
    await page.waitForLoadState('load');
    const months = page.locator('.page-list a');
    assert.ok(await months.count() > 1, 'archives.html lists the months');
    for (const href of await months.evaluateAll((links) => links.map((a) => a.href))) {
      const response = await page.request.get(href);
      assert.ok(response.ok(), `${href}: ${response.status()}`);
    }
  });
});

test('every other page (month pages, archives, feed pages, feed health) loads cleanly and fits ' +
     'at 320 and 1280 px', async () => {
  assert.ok(pages.length > 0, 'the demo wrote no page but index.html');
  for (const width of [320, 1280]) {
    // One page visits them all; a console error names the page it came from.
    await withPage(browser, server.origin, { width, height: 800 }, async (page) => {
      for (const file of pages) {
        const response = await page.goto(`${server.origin}${file}`, { waitUntil: 'load' });
        assert.ok(response?.ok(), `${file}: the local server answered ${response?.status()}`);
        assert.ok(await page.locator('main').count(), `${file} has no <main>`);
        assertNoOverflow(await overflow(page), `${file} at ${width} px`);
      }
    });
  }
});

// The first opaque background from <body> up, as [r, g, b].
async function background(page) {
  return page.evaluate(() => {
    for (const element of [document.body, document.documentElement]) {
      const colour = getComputedStyle(element).backgroundColor;
      const parts = colour.match(/[\d.]+/g).map(Number);
      if (parts.length === 3 || parts[3] > 0) return parts.slice(0, 3);
    }
    return [255, 255, 255];  // the canvas of a page with no background: white
  });
}

// WCAG relative luminance of [r, g, b] (0 black, 1 white).
function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test('the dark scheme applies when the reader prefers it', async () => {
  let light;
  let dark;
  await withPage(browser, server.origin, { ...desktop, colorScheme: 'light' }, async (page) => {
    light = await background(page);
  });
  await withPage(browser, server.origin, { ...desktop, colorScheme: 'dark' }, async (page) => {
    dark = await background(page);
    const text = await page.evaluate(() => getComputedStyle(document.body).color);
    const rgb = text.match(/[\d.]+/g).slice(0, 3).map(Number);
    assert.ok(luminance(rgb) > 0.4, `dark scheme: the body text (${text}) is not light`);
  });
  assert.notDeepEqual(dark, light, 'the background is the same in the light and dark schemes');
  assert.ok(luminance(dark) < 0.1, `dark scheme: the background rgb(${dark}) is not dark`);
  assert.ok(luminance(light) > 0.5, `light scheme: the background rgb(${light}) is not light`);
});

// What has keyboard focus: a description, whether it sits in <main> or in the header's <nav>,
// and whether its focus is visible (an outline or a box shadow).
async function focused(page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.textContent || '').trim().slice(0, 60),
      href: element.getAttribute('href'),
      inMain: !!element.closest('main'),
      inNav: !!element.closest('header nav'),
      visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
               style.boxShadow !== 'none',
    };
  });
}

test('the skip link is the first Tab stop and Enter moves on to the main content', async () => {
  for (const size of [phone, desktop]) {
    await withPage(browser, server.origin, size, async (page) => {
      await page.keyboard.press('Tab');
      const skip = await focused(page);
      assert.equal(skip.tag, 'a', `at ${size.width} px the first Tab stop is a <${skip.tag}> ` +
                                  `("${skip.text}"), not a skip link`);
      assert.match(skip.href ?? '', /^#./, `the first link ("${skip.text}") is not a skip link`);
      assert.ok(skip.visible, `the skip link "${skip.text}" shows no focus when focused`);
      const target = await page.evaluate((id) => {
        const element = document.getElementById(id);
        return element && (element.tagName === 'MAIN' || !!element.closest('main'));
      }, decodeURIComponent(skip.href.slice(1)));
      assert.ok(target, `the skip link's target ${skip.href} is not <main> or inside it`);
      assert.ok(await page.evaluate(() => {
        const box = document.activeElement.getBoundingClientRect();
        return box.bottom > 0 && box.top < window.innerHeight && box.width > 0;
      }), 'the focused skip link is not on screen');

      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => location.hash), skip.href);
      await page.keyboard.press('Tab');
      const next = await focused(page);
      assert.ok(next.inMain, `after the skip link, Tab focuses <${next.tag}> "${next.text}", ` +
                             `which is not in <main>`);
    });
  }
});

test('the nav in the header is reached by Tab and each link works by Enter', async () => {
  for (const size of [phone, desktop]) {
    await withPage(browser, server.origin, size, async (page) => {
      const links = await page.locator('header nav a').evaluateAll(
        (anchors) => anchors.map((a) => a.getAttribute('href')));
      assert.ok(links.length > 0, 'the page has no <nav> with links in its <header>');

      // Tab from the top until every nav link had focus, each visibly.
      const reached = new Set();
      for (let i = 0; i < links.length + 6 && reached.size < links.length; ++i) {
        await page.keyboard.press('Tab');
        const now = await focused(page);
        if (now.inNav) {
          assert.ok(now.visible, `at ${size.width} px the nav link "${now.text}" shows no focus`);
          reached.add(now.href);
        }
      }
      assert.equal(reached.size, links.length,
                   `at ${size.width} px Tab reached ${[...reached].join(', ') || 'none'} of the ` +
                   `nav links ${links.join(', ')} within ${links.length + 6} presses`);

      for (let i = 0; i < links.length; ++i) {
        const href = links[i];
        await page.goto(`${server.origin}/index.html`);
        await page.locator('header nav a').nth(i).focus();
        if (href.startsWith('#')) {
          await page.keyboard.press('Enter');
          const shown = await page.evaluate((id) => {
            const element = document.getElementById(id);
            if (!element) return 'missing';
            const box = element.getBoundingClientRect();
            return box.top >= -1 && box.top < window.innerHeight && box.height > 0
                     ? 'shown' : `at top=${Math.round(box.top)}`;
          }, decodeURIComponent(href.slice(1)));
          assert.equal(shown, 'shown', `at ${size.width} px the nav link ${href}: its target ` +
                                       `is not on screen after Enter (${shown})`);
        } else {
          const [response] = await Promise.all([page.waitForNavigation(),
                                                page.keyboard.press('Enter')]);
          assert.ok(response && response.ok(),
                    `the nav link ${href} leads to ${page.url()}: ${response?.status()}`);
        }
      }
    });
  }
});

// The serious and critical violations axe-core finds on the page, one line each.
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: axePath() });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ` +
                  `${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
  });
}

// Every width and scheme in turn on one page (resized, its colour scheme emulated anew).
const looks = [];
for (const size of [phone, desktop]) {
  for (const colorScheme of ['light', 'dark']) looks.push({ size, colorScheme });
}

async function look(page, { size, colorScheme }) {
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme });
}

test('axe-core reports no serious or critical violation, light and dark', async () => {
  const found = [];
  await withPage(browser, server.origin, phone, async (page) => {
    for (const each of looks) {
      await look(page, each);
      for (const line of await axe(page)) {
        found.push(`index.html at ${each.size.width} px, ${each.colorScheme}: ${line}`);
      }
    }
  });
  // The archives, a month page and the feed health page (its own template): one look each.
  const others = [
    ...pages.filter((file) => /^\/(archives|feeds)\.html$/.test(file)),
    pages.find((file) => file.startsWith('/archive/')),
  ];
  assert.ok(others.every(Boolean), `archives.html, feeds.html and a month page: ${others}`);
  for (const [i, file] of others.entries()) {
    const each = looks[(i + 1) % looks.length];
    await withPage(browser, server.origin, { ...each.size, colorScheme: each.colorScheme },
                   async (page) => {
                     for (const line of await axe(page)) {
                       found.push(`${file} at ${each.size.width} px, ${each.colorScheme}: ${line}`);
                     }
                   }, file);
  }
  assert.deepEqual(found, [], `axe:\n  ${found.join('\n  ')}`);
});

test('screenshots at 375 and 1280 px, light and dark', async () => {
  const dir = artifactsDir();
  await withPage(browser, server.origin, phone, async (page) => {
    for (const each of looks) {
      await look(page, each);
      await page.screenshot({ path: path.join(dir, `planet-${each.size.width}-${each.colorScheme}.png`) });
    }
  });
});
