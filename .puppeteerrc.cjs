// pagedjs-cli depends on puppeteer, whose install would download a browser. We never want that:
// the PDF step drives the system's Chromium (see src/adapters/chromium.ts).
module.exports = { skipDownload: true };
