// `anthology preview`: reloads the page when the build changes what it shows, and draws the book's
// errors over it while a file is broken. Served as a file (never inline) so that a page whose
// Content-Security-Policy allows only its own scripts runs it. The problems arrive as JSON and are
// written with textContent, never as HTML.
(() => {
  const printPage = '/__preview/print.html';
  const here = location.pathname === '/' ? 'index.html' : decodeURIComponent(location.pathname.slice(1));
  const isPrint = location.pathname === printPage;
  const overlayId = 'anthology-preview-problems';
  // The build this page was served from (the print page: its print version; 0: the page shown before the book ever built).
  let pageBuild = Number(document.querySelector('meta[name="anthology-preview-build"]')?.getAttribute('content') ?? 0);

  /** Whether a change to these site files concerns this page: its own file, or anything it may load (styles, fonts, pictures, scripts). */
  const concernsThisPage = (changed) => {
    const candidates = here.endsWith('.html') ? [here] : [here, `${here}.html`, `${here}/index.html`];
    return changed.some((key) => candidates.includes(key) || !(key.endsWith('.html') || key.startsWith('__preview/') || key.startsWith('pagefind/')));
  };

  const removeOverlay = () => document.getElementById(overlayId)?.remove();

  const showOverlay = (problems) => {
    removeOverlay();
    // On <html>, outside <body>: Paged.js paginates the body and must not take the overlay with it.
    const overlay = document.createElement('section');
    overlay.id = overlayId;
    overlay.setAttribute('role', 'alert');
    Object.assign(overlay.style, {
      position: 'fixed',
      inset: '0',
      zIndex: '2147483647',
      overflow: 'auto',
      padding: '2rem',
      background: 'rgba(20, 20, 20, 0.94)',
      color: '#f4f4f4',
      font: '14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    });
    const heading = document.createElement('h2');
    heading.textContent = `The book has ${problems.length === 1 ? 'an error' : `${problems.length} errors`}: the page shows the last good build`;
    Object.assign(heading.style, { font: 'bold 16px/1.4 system-ui, sans-serif', margin: '0 0 1rem', color: '#ff8a80' });
    overlay.append(heading);
    const list = document.createElement('ol');
    Object.assign(list.style, { margin: '0', padding: '0', listStyle: 'none' });
    for (const problem of problems) {
      const item = document.createElement('li');
      Object.assign(item.style, { margin: '0 0 0.75rem', whiteSpace: 'pre-wrap' });
      const place = document.createElement('strong');
      place.textContent = `${problem.file}${problem.line ? `:${problem.line}:${problem.column ?? 1}` : ''}`;
      const reason = document.createElement('span');
      reason.textContent = ` ${problem.severity} ${problem.reason}`;
      item.append(place, reason);
      if (problem.rule) {
        const rule = document.createElement('code');
        rule.textContent = ` ${problem.rule}`;
        rule.style.color = '#9ecbff';
        item.append(rule);
      }
      list.append(item);
    }
    overlay.append(list);
    const hint = document.createElement('p');
    hint.textContent = 'Fix the file and save: the preview rebuilds and this goes away.';
    hint.style.color = '#bbb';
    overlay.append(hint);
    document.documentElement.append(overlay);
  };

  const events = new EventSource('/__preview/events');
  events.addEventListener('state', (event) => {
    const state = JSON.parse(event.data);
    if (state.problems.length > 0) {
      showOverlay(state.problems);
      return;
    }
    removeOverlay();
    if (isPrint) {
      if (state.print > pageBuild) location.reload();
      return;
    }
    if (state.build <= pageBuild) return;
    // The next build says what it changed; after a missed one (or the first ever) the page may be stale in any way.
    if (state.build > pageBuild + 1 || pageBuild === 0 || concernsThisPage(state.changed)) location.reload();
    else pageBuild = state.build;
  });
})();
