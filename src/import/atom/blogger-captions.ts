/**
 * Blogger's editor captions a picture with a table: the picture (often a link to its larger copy)
 * in one cell, the caption in the cell of class `tr-caption` below it.
 *
 *     <table class="tr-caption-container"><tbody><tr><td><a href="…/s1600/x.png"><img src="…/s640/x.png"></a></td></tr>
 *     <tr><td class="tr-caption">SLG46620V block diagram</td></tr></tbody></table>
 *
 * Read as a table it is a one-column table whose picture is lost; it is a figure, and is rewritten
 * as one (`<figure>` with its `<figcaption>`, as WordPress's [caption] is), before the HTML is read.
 * The line breaks inside it are kept after the figure, so that places after it stay places.
 */
const captionTable = /<table\b[^>]*\bclass\s*=\s*["'][^"']*\btr-caption-container\b[^"']*["'][^>]*>([\s\S]*?)<\/table\s*>/gi;
const picture = /(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a\s*>)?/i;
const captionCell = /<td\b[^>]*\bclass\s*=\s*["'][^"']*\btr-caption\b[^"']*["'][^>]*>([\s\S]*?)<\/td\s*>/i;

export function withBloggerCaptionFigures(html: string): string {
  return html.replace(captionTable, (table, inside: string) => {
    const image = picture.exec(inside);
    const caption = captionCell.exec(inside);
    if (!image) return table;
    // Anything else in the table (text beside the picture) would be lost: such a table stays one.
    const rest = inside.replace(image[0], '').replace(caption?.[0] ?? '', '');
    if (rest.replace(/<[^>]*>|&nbsp;|&#160;/g, '').trim() !== '') return table;
    const figure = `<figure>${image[0].replace(/\n/g, ' ')}${caption?.[1]?.trim() ? `<figcaption>${caption[1].replace(/\n/g, ' ')}</figcaption>` : ''}</figure>`;
    return figure + '\n'.repeat(table.split('\n').length - 1);
  });
}
