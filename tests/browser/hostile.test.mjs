// A planet of two hostile feeds (hostile/hostile.atom, hostile/hostile.rss): scripts, event
// handlers, javascript: and data: URLs in every spelling, SVG and MathML, iframe srcdoc, meta
// refresh, base, style expressions and parser-confusion markup, in content, titles, links and
// authors. Each vector that ran would set window.__pwned (or top.__pwned) to its name; each that
// loaded something would ask pwned.invalid. After load, after hovering every element of the
// river and the sidebar and after clicking every link and button, neither has happened.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { here, launch, openPage, removeTempDirs, renderPlanet, serve } from './support.mjs';

let browser;
let server;
let pages;  // every HTML page of the run but index.html, relative to the output directory

before(async () => {
  browser = await launch();
  const dir = path.join(here, 'hostile');
  const feeds = {};
  for (const file of fs.readdirSync(dir)) feeds[file] = fs.readFileSync(path.join(dir, file));
  const output = renderPlanet('hostile', feeds);
  // The control: the same checks on a page where the vectors are live must find them.
  fs.writeFileSync(path.join(output, 'control.html'), `<!DOCTYPE html><title>control</title>
<main><p>Live vectors.</p><a href="javascript:window.__pwned='control link'">control link</a>
<div onmouseover="window.__pwned='control hover'">hover</div></main>
<aside><a href="https://pwned.invalid/control">control request</a></aside>`);
  pages = fs.readdirSync(output, { recursive: true })
    .filter((file) => file.endsWith('.html') && file !== 'index.html' && file !== 'control.html');
  server = await serve(output);
});

after(async () => {
  await browser?.close();
  await server?.close();
  removeTempDirs();
});

// window.__pwned in every frame of the page, with the frame's URL.
async function pwned(page) {
  const found = [];
  for (const frame of page.frames()) {
    const value = await frame.evaluate(() => window.__pwned).catch(() => undefined);
    if (value !== undefined) found.push(`${JSON.stringify(value)} in ${frame.url()}`);
  }
  return found;
}

function pwnedRequests(seen) {
  return [...seen.offHost, ...seen.navigations, ...server.requests]
    .filter((url) => url.includes('pwned.invalid'));
}

// Lets the tasks that a click queued (a javascript: URL, a form submission) run.
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => setTimeout(resolve, 0), 0));
  })).catch(() => {});
}

// Every pointer and focus event on every element of the river and the sidebar.
async function dispatchEvents(page) {
  await page.evaluate(() => {
    for (const element of document.querySelectorAll('main *, aside *')) {
      for (const type of ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup']) {
        element.dispatchEvent(new MouseEvent(type, { bubbles: true }));
      }
      element.dispatchEvent(new FocusEvent('focus'));
      element.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    }
  });
}

// A real hover over every element of the river and the sidebar, then a click on every link and
// button, window.__pwned checked after each. Meanwhile every navigation of the page is recorded
// in seen.navigations and answered with 204 No Content, so the page stays where it is (a
// javascript: URL is no request: it still runs). Returns how many elements it clicked.
async function hoverAndClick(page, seen) {
  const url = page.url();
  // Unfold long entries (<details>) so that what they hold can be hovered and clicked.
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
  const hoverable = page.locator('main *, aside *');
  const count = await hoverable.count();
  for (let i = 0; i < count; ++i) {
    await hoverable.nth(i).hover({ timeout: 500, force: true }).catch(() => {});
  }
  assert.deepEqual(await pwned(page), [], 'a vector ran on hover');

  const hold = (route) => {
    const request = route.request();
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) {
      return route.fallback();
    }
    seen.navigations.push(request.url());
    return route.fulfill({ status: 204, body: '' });
  };
  await page.route('**/*', hold);
  try {
    const clickable = 'main a, main button, main input, main summary, main area, ' +
                      'main [onclick], aside a';
    const total = await page.locator(clickable).count();
    for (let i = 0; i < total; ++i) {
      const target = page.locator(clickable).nth(i);
      const what = await target.evaluate((element) => element.outerHTML.slice(0, 120));
      await target.click({ timeout: 1000, force: true, noWaitAfter: true }).catch(() => {});
      await settle(page);
      assert.deepEqual(await pwned(page), [], `a vector ran on clicking ${what}`);
      assert.equal(page.url(), url, `clicking ${what} left the page`);
      // A javascript: URL whose value is a string replaces the document with that string.
      assert.ok(await page.locator('main').count(),
                `clicking ${what} replaced the page (a javascript: URL ran)`);
    }
    return total;
  } finally {
    await page.unroute('**/*', hold);
  }
}

test('hostile markup does not execute on load, hover or click', async () => {
  const index = `${server.origin}/index.html`;
  for (const size of [{ width: 1280, height: 800 }, { width: 375, height: 812 }]) {
    const { context, page, seen } = await openPage(browser, server.origin, size);
    seen.navigations = [];
    try {
      await page.goto(index, { waitUntil: 'networkidle' });
      assert.deepEqual(await pwned(page), [], 'a vector ran on load');
      assert.equal(page.url(), index, 'the page navigated away by itself (meta refresh?)');
      assert.ok(await page.getByText('The end of the handlers.').count(),
                'the hostile entries are not on the page');

      const fixed = await page.evaluate(() => [...document.querySelectorAll('main *')]
        .filter((element) => getComputedStyle(element).position === 'fixed')
        .map((element) => `<${element.tagName.toLowerCase()}> ${element.textContent.trim().slice(0, 40)}`));
      assert.deepEqual(fixed, [], 'entry content positioned itself over the page');

      // Every pointer and focus event on every element of the river and the sidebar; at one
      // width (it takes a while) a real hover and click too.
      await dispatchEvents(page);
      assert.deepEqual(await pwned(page), [], 'a vector ran on a pointer or focus event');
      if (size.width === 1280) {
        const clicked = await hoverAndClick(page, seen);
        assert.ok(clicked > 10, `only ${clicked} elements to click: the hostile entries are missing`);
      }
      await page.waitForLoadState('networkidle');
      assert.deepEqual(seen.dialogs, [], 'a dialog opened');
      assert.deepEqual(pwnedRequests(seen), [], 'a hostile vector loaded something');
    } finally {
      await context.close();
    }
  }
});

test('hostile markup does not execute on the other pages (archives, per-feed pages)', async () => {
  assert.ok(pages.length > 0, 'the run wrote no page but index.html');
  const { context, page, seen } = await openPage(browser, server.origin, { width: 1280 });
  seen.navigations = [];
  try {
    for (const file of pages) {
      const url = `${server.origin}/${file.split(path.sep).join('/')}`;
      await page.goto(url, { waitUntil: 'networkidle' });
      assert.equal(page.url(), url, `${file} navigated away by itself`);
      await dispatchEvents(page);
      assert.deepEqual(await pwned(page), [], `a vector ran on ${file}`);
    }
    assert.deepEqual(seen.dialogs, [], 'a dialog opened');
    assert.deepEqual(pwnedRequests(seen), [], 'a hostile vector loaded something');
  } finally {
    await context.close();
  }
});

test('the checks catch a live vector (a control page)', async () => {
  const control = `${server.origin}/control.html`;
  const { context, page, seen } = await openPage(browser, server.origin, { width: 1280 });
  seen.navigations = [];
  try {
    await page.goto(control, { waitUntil: 'load' });
    assert.deepEqual(await pwned(page), []);
    await page.getByText('hover', { exact: true }).hover();
    assert.deepEqual(await pwned(page), [`"control hover" in ${control}`]);
    await page.evaluate(() => {
      delete window.__pwned;
      document.querySelector('[onmouseover]').removeAttribute('onmouseover');
    });
    await hoverAndClick(page, seen).then(() => assert.fail('the live link went unnoticed'),
                                            (error) => assert.match(error.message, /control link/));
    await page.goto(control, { waitUntil: 'load' });
    await Promise.all([page.waitForRequest(/pwned/), page.getByText('control request').click()]);
    assert.deepEqual(pwnedRequests(seen), ['https://pwned.invalid/control']);
  } finally {
    await context.close();
  }
});
