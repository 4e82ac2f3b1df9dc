// Full-text search over the static site with Pagefind's index (pagefind/, written by the build):
// one result per chapter, its title and an excerpt with the words found. The query is the page's
// ?q=, so a search can be linked to and the home page's form lands here.
const form = document.getElementById('search-form');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');

let pagefind;

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = '';
    return;
  }
  status.textContent = 'Searching…';
  try {
    pagefind ??= await import('./pagefind/pagefind.js');
    const search = await pagefind.search(query);
    const results = await Promise.all(search.results.slice(0, 30).map((result) => result.data()));
    for (const result of results) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      // Pagefind's addresses start at the site's root; the site may live in a folder.
      link.href = new URL(result.url.replace(/^\//, ''), window.location.href).href;
      link.textContent = result.meta.title;
      const excerpt = document.createElement('p');
      excerpt.innerHTML = result.excerpt;
      item.append(link, excerpt);
      list.append(item);
    }
    const count = results.length;
    status.textContent = count === 0 ? `No chapter mentions “${query}”.` : `${count} ${count === 1 ? 'page mentions' : 'pages mention'} “${query}”.`;
  } catch (error) {
    status.textContent = `Search could not load its index (${error.message}). Open the site from a web server, not from files.`;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const query = input.value;
  const url = new URL(window.location.href);
  url.searchParams.set('q', query);
  window.history.replaceState(null, '', url);
  run(query);
});

const initial = new URLSearchParams(window.location.search).get('q') ?? '';
input.value = initial;
run(initial);
