/**
 * The layering of src/ (ARCHITECTURE.md, "Layers"), checked by `npm run check:layers`.
 *
 * Each folder may import only folders in layers below its own: data flows one way, and no two
 * folders can import each other, directly or around a cycle. Folders in one layer are siblings
 * and import none of each other. Type-only imports count: a type is a dependency too.
 */
const layers = [
  ['core'], // types, rule ids, dates, names: the leaf
  ['config'], // anthology.yaml and front-matter schemas (zod), validated to core's types
  ['load'], // chapter file → Chapter (front matter, Markdown, Pandoc citations)
  ['import', 'cite', 'render', 'scaffold'], // the pure stages
  ['editions'], // edition records, built from cited chapters
  ['adapters'], // citation-js, Chromium/Paged.js, Pagefind, esbuild: given data, import core only
  ['io'], // the file system
  ['pipeline'], // load → cite → editions → images → render, in one place
  ['preview'], // `anthology preview`: the pipeline in memory behind a local server, rebuilt on every save
  ['cli'], // commands, exit codes, signals, the terminal
];

const folder = (name) => `^src/${name}/`;
const any = (names) => `^src/(${names.join('|')})/`;
const known = layers.flat().concat(['types']);

const upward = layers.flatMap((layer, index) => {
  const above = layers.slice(index + 1).flat();
  if (above.length === 0) return [];
  return [
    {
      name: `no-upward-from-${layer.join('-')}`,
      comment:
        index === 0 ? `${layer.join(', ')} imports nothing else of ours` : `${layer.join(', ')} may import only the layers below: ${layers.slice(0, index).flat().join(', ')}`,
      severity: 'error',
      from: { path: any(layer) },
      to: { path: any(above) },
    },
  ];
});

const siblings = layers
  .filter((layer) => layer.length > 1)
  .flatMap((layer) =>
    layer.map((name) => ({
      name: `no-sibling-from-${name}`,
      comment: `${name} is a stage beside ${layer.filter((other) => other !== name).join(', ')}: it imports none of them`,
      severity: 'error',
      from: { path: folder(name) },
      to: { path: any(layer.filter((other) => other !== name)) },
    })),
  );

module.exports = {
  forbidden: [
    ...upward,
    ...siblings,
    {
      name: 'adapters-are-leaves',
      comment: 'an adapter is given data and imports only core/ (the types it speaks): never a stage, io/ or another adapter’s caller',
      severity: 'error',
      from: { path: folder('adapters') },
      to: { path: '^src/', pathNot: any(['core', 'adapters']) },
    },
    {
      name: 'only-adapters-touch-engines',
      comment: 'citation-js/citeproc, Chromium (pagedjs-cli, puppeteer, playwright), Pagefind and esbuild only through src/adapters/',
      severity: 'error',
      from: { path: '^src/', pathNot: folder('adapters') },
      to: { path: 'node_modules/(citation-js|citeproc|@citation-js/(core|plugin-[^/]+)|pagedjs|pagedjs-cli|puppeteer[^/]*|playwright-core|pagefind|esbuild)/' },
    },
    {
      name: 'every-folder-has-a-layer',
      comment: `a top-level folder of src/ must be placed in a layer (${known.join(', ')}): add it to .dependency-cruiser.cjs and ARCHITECTURE.md`,
      severity: 'error',
      from: { path: '^src/', pathNot: any(known) },
      to: {},
    },
    {
      name: 'no-circular',
      comment: 'no module imports itself around a cycle',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src/|node_modules/)',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
