// Shared by the browser tests (docs/testing.md, "Browser tests"): render a planet with the real
// orrery binary into a temporary directory, serve it from 127.0.0.1 on an ephemeral port, and
// drive Debian's headless Chromium through playwright-core. Nothing here downloads a browser and
// nothing leaves the machine: every request to a host other than the local server is aborted
// and recorded.
//
// ctest sets ORRERY_BINARY (the orrery under test), ORRERY_SOURCE_DIR (the checkout) and
// ORRERY_BROWSER_ARTIFACTS (where screenshots go).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const chromiumPath = '/usr/bin/chromium';

export function env(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`browser tests: ${name} is not set; run them through ctest ` +
                    `(ctest --preset release -L browser)`);
  }
  return value;
}

// playwright-core, or an error that says what to install. Never skips: CI installs everything.
async function playwright() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 18) {
    throw new Error(`browser tests: node ${process.versions.node} is too old: ` +
                    `playwright-core needs node 18 or newer`);
  }
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`browser tests: ${chromiumPath} not found: install Debian's chromium ` +
                    `(bash .ci/install-deps.sh installs it)`);
  }
  try {
    return await import('playwright-core');
  } catch (error) {
    throw new Error(`browser tests: playwright-core is not installed in ${here}/node_modules: ` +
                    `run npm ci there (bash .ci/install-deps.sh does): ${error.message}`);
  }
}

export async function launch() {
  const { chromium } = await playwright();
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] });
}

export function axePath() {
  const file = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');
  if (!fs.existsSync(file)) {
    throw new Error(`browser tests: ${file} not found: run npm ci in ${here} ` +
                    `(bash .ci/install-deps.sh does)`);
  }
  return file;
}

const tempDirs = [];

export function tempDir(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `orrery-browser-${name}-`));
  tempDirs.push(dir);
  return dir;
}

// Removes every directory tempDir made (the tests call it when they are done).
export function removeTempDirs() {
  while (tempDirs.length) fs.rmSync(tempDirs.pop(), { recursive: true, force: true });
}

export function artifactsDir() {
  const dir = env('ORRERY_BROWSER_ARTIFACTS');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

// Runs `orrery run -c CONFIG` and returns OUTPUT, the config's output_dir, with its index.html.
export function runOrrery(config, output) {
  const result = spawnSync(env('ORRERY_BINARY'), ['run', '-c', config],
                           { encoding: 'utf8', timeout: 120_000 });
  const log = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw new Error(`orrery run -c ${config}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`orrery run -c ${config} exited with ${result.status}:\n${log}`);
  }
  if (!fs.existsSync(path.join(output, 'index.html'))) {
    throw new Error(`orrery run -c ${config} wrote no ${output}/index.html:\n${log}`);
  }
  return output;
}

// The demo planet (config/planet.ini and the feed files beside it), copied to a temporary
// directory with its cache and output moved there too. Its feeds are file: URLs, so it renders
// offline; output_theme names the built-in theme, config/themes/ of the checkout.
export function renderDemo() {
  const dir = tempDir('demo');
  const config = path.join(dir, 'config');
  fs.cpSync(path.join(env('ORRERY_SOURCE_DIR'), 'config'), config, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}themes${path.sep}`),
  });
  const ini = path.join(config, 'planet.ini');
  const text = fs.readFileSync(ini, 'utf8')
                 .replace(/^cache_directory\s*=.*$/m, `cache_directory = ${path.join(dir, 'cache')}`)
                 .replace(/^output_dir\s*=.*$/m, `output_dir = ${path.join(dir, 'output')}`);
  fs.writeFileSync(ini, text);
  return runOrrery(ini, path.join(dir, 'output'));
}

// A planet of the given feed files ({name: contents}) with the given [Planet] lines.
export function renderPlanet(name, feeds, { planet = '', subscriptions = {} } = {}) {
  const dir = tempDir(name);
  fs.mkdirSync(path.join(dir, 'feeds'));
  let ini = `[Planet]\nname = ${name}\nlink = https://planet.example.org/\n` +
            `owner_name = Browser Tests\ncache_directory = cache\noutput_dir = output\n` +
            `output_theme = default\n${planet}\n`;
  for (const [file, contents] of Object.entries(feeds)) {
    fs.writeFileSync(path.join(dir, 'feeds', file), contents);
    ini += `\n[file:feeds/${file}]\n`;
    if (subscriptions[file]) ini += `name = ${subscriptions[file]}\n`;
  }
  fs.writeFileSync(path.join(dir, 'planet.ini'), ini);
  return runOrrery(path.join(dir, 'planet.ini'), path.join(dir, 'output'));
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.json': 'application/json',
  '.js': 'text/javascript',
};

// A static server for ROOT on 127.0.0.1, an ephemeral port. `requests` lists every path asked for.
export async function serve(root) {
  const requests = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url);
    let file;
    try {
      let pathname = decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname);
      if (pathname.endsWith('/')) pathname += 'index.html';
      file = path.join(root, path.normalize(pathname));
    } catch {
      file = null;
    }
    if (!file || !file.startsWith(root + path.sep)) {
      response.writeHead(400).end('bad path');
      return;
    }
    fs.readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const type = types[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': type }).end(data);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

// A page in its own context (viewport, colour scheme; reduced motion, so that scrolling is
// instant and a position can be read right after it) that records console errors, uncaught
// exceptions, dialogs and every request to a host other than ORIGIN. Those requests never leave
// the machine: they are answered here with 204 No Content, which also keeps a link clicked to
// another host from navigating away.
export async function openPage(browser, origin, { width = 1280, height = 800,
                                                  colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme,
                                            reducedMotion: 'reduce' });
  const seen = { consoleErrors: [], offHost: [], dialogs: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
    seen.offHost.push(url);
    return route.fulfill({ status: 204, body: '' });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    seen.consoleErrors.push(`${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => seen.consoleErrors.push(`uncaught: ${error.message}`));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return { context, page, seen };
}

// Opens ORIGIN/PATH at the given size and scheme, runs BODY(page), then asserts the page logged
// no console error and asked no other host for anything.
export async function withPage(browser, origin, options, body, pagePath = '/index.html') {
  const { context, page, seen } = await openPage(browser, origin, options);
  try {
    const response = await page.goto(`${origin}${pagePath}`, { waitUntil: 'load' });
    if (!response || !response.ok()) {
      throw new Error(`${pagePath}: the local server answered ${response?.status()}`);
    }
    await body(page);
    const where = `${pagePath} at ${options.width ?? 1280} px, ${options.colorScheme ?? 'light'}`;
    if (seen.consoleErrors.length) {
      throw new Error(`${where}: console errors:\n  ${seen.consoleErrors.join('\n  ')}`);
    }
    if (seen.offHost.length) {
      throw new Error(`${where}: requests to hosts other than the local server:\n  ` +
                      seen.offHost.join('\n  '));
    }
  } finally {
    await context.close();
  }
}
