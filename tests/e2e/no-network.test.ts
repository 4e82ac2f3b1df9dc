/**
 * The import and the HTML/EPUB build make no network request: the CLI runs with a Node `--import`
 * hook (tests/helpers/no-network.mjs) under which any socket to a host, DNS lookup or fetch is
 * logged and fails. The hook is first shown to catch each kind of request, so the test can fail.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { copyDefaultProject, repoRoot, runCli } from '../helpers/project.ts';

const hook = path.join(repoRoot, 'tests/helpers/no-network.mjs');

function networkEnv(log: string): NodeJS.ProcessEnv {
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim(), ANTHOLOGY_NETWORK_LOG: log };
}

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Remote Things | A Blog</title>
<meta name="author" content="Jane Roe">
<link rel="stylesheet" href="https://cdn.example.org/site.css">
<script src="https://cdn.example.org/analytics.js"></script>
<link rel="preload" href="https://fonts.example.org/font.woff2" as="font">
</head><body><article><h1>Remote Things</h1>
<p>A picture from elsewhere.<sup><a href="#fn1" id="ref1">1</a></sup></p>
<figure><img src="https://images.example.org/harbour.jpg" srcset="https://images.example.org/harbour-2x.jpg 2x" alt="The harbour"><figcaption>The harbour.</figcaption></figure>
<p>An embedded map: <iframe src="https://maps.example.org/embed"></iframe></p>
<p>See <a href="https://doi.org/10.1000/xyz123">the paper</a>.<sup><a href="#fn2" id="ref2">2</a></sup></p>
<ol class="footnotes"><li id="fn1">Anna Smith, <em>Harbours of the North</em> (London: Sea Press, 2019), 12. <a href="#ref1">↩</a></li>
<li id="fn2">Bill Jones, “Tides,” <em>Journal of Water</em> 3, no. 2 (2001): 4–9, https://doi.org/10.1000/xyz123. <a href="#ref2">↩</a></li></ol>
</article></body></html>
`;

describe('no network: import and build with every outbound connection refused', () => {
  let project: { dir: string; dispose: () => Promise<void> };
  before(async () => {
    project = await copyDefaultProject();
  });
  after(() => project.dispose());

  it('the hook catches fetch, http, a raw socket and DNS (so this test can fail)', async () => {
    const log = path.join(project.dir, 'control.log');
    await writeFile(log, '');
    const script = `
      await fetch('https://example.org/').catch(() => {});
      try { (await import('node:http')).get('http://example.org/').on('error', () => {}); } catch {}
      try { (await import('node:net')).connect(443, '93.184.216.34').on('error', () => {}); } catch {}
      try { (await import('node:dns')).lookup('example.org', () => {}); } catch {}`;
    await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...networkEnv(log) }, stdio: 'ignore' });
      child.on('close', resolve);
    });
    const attempts = await readFile(log, 'utf8');
    assert.match(attempts, /fetch https:\/\/example\.org\//);
    assert.match(attempts, /dns\.lookup example\.org|connect example\.org:80/);
    assert.match(attempts, /connect 93\.184\.216\.34:443/);
  });

  it('import (with notes cited) of a page full of remote things, then build -f html,epub of the default book with it', async () => {
    const log = path.join(project.dir, 'network.log');
    await writeFile(log, '');
    await writeFile(path.join(project.dir, 'remote-things.html'), page);
    const imported = await runCli(['import', 'remote-things.html'], project.dir, networkEnv(log));
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(`${imported.stdout}${imported.stderr}`, /images\.example\.org\/harbour\.jpg/, 'the remote picture is listed, not fetched');
    const built = await runCli(['build', '--format', 'html,epub'], project.dir, networkEnv(log));
    assert.equal(built.code, 0, built.stderr);
    assert.equal(await readFile(log, 'utf8'), '', 'no connection, lookup or fetch was attempted');
    assert.match(await readFile(path.join(project.dir, 'build/html/remote-things.html'), 'utf8'), /Harbours of the North/);
  });
});
