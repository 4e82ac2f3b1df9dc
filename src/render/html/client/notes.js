// Note previews: hovering or focusing a note's marker shows the note in a box laid over the text
// (position: absolute), so nothing on the page moves. The marker still links to the note, whose
// back-link returns to the text. Escape closes the box.
const preview = document.createElement('div');
preview.className = 'note-preview';
preview.id = 'note-preview';
preview.setAttribute('role', 'tooltip');
preview.hidden = true;
document.body.append(preview);

let current;

function show(link) {
  const note = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!note) return;
  const copy = note.cloneNode(true);
  for (const element of copy.querySelectorAll('[id]')) element.removeAttribute('id');
  for (const backlink of copy.querySelectorAll('[data-footnote-backref]')) backlink.remove();
  preview.replaceChildren(...copy.childNodes);
  preview.hidden = false;
  const marker = link.getBoundingClientRect();
  const width = preview.offsetWidth;
  const left = Math.max(8, Math.min(marker.left + window.scrollX - 24, document.documentElement.clientWidth - width - 8));
  preview.style.left = `${left}px`;
  preview.style.top = `${marker.bottom + window.scrollY + 6}px`;
  current = link;
}

function hide() {
  preview.hidden = true;
  current = undefined;
}

for (const link of document.querySelectorAll('a[data-footnote-ref]')) {
  link.addEventListener('mouseenter', () => show(link));
  link.addEventListener('focus', () => show(link));
  link.addEventListener('mouseleave', hide);
  link.addEventListener('blur', hide);
  link.addEventListener('click', hide);
}
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && current) hide();
});
