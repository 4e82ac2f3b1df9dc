// pagedjs-cli ships no types; src/adapters/pagedjs.ts narrows what it uses.
declare module 'pagedjs-cli';
