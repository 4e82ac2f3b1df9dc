import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VFile } from 'vfile';
import { bodyToMarkdown } from '../../../src/import/chapter-markdown.ts';
import { importSource } from '../../../src/import/import.ts';
import { assertEveryLineAccounted, sourceLinesOf } from '../../helpers/import.ts';

function imported(name: string, text: string) {
  const file = new VFile({ path: name, value: text });
  const result = importSource(file, { defaultAuthor: undefined });
  const piece = result.chapters[0]?.piece;
  return { file, result, markdown: piece ? bodyToMarkdown(piece.body) : '' };
}

// Lines of PEP 3110 (public domain): auto-numbered named footnotes, one used twice, the text under each label,
// and `sys.exc_info()[1]` in an inline literal, which is code and no marker.
const pep3110 = `PEP: 3110
Title: Catching Exceptions in Python 3000
Author: Collin Winter <collinwinter@google.com>
Created: 16-Jan-2006

Grammar Changes
===============

can be clearly understood as a tuple of exception classes. This new
syntax was first proposed by Greg Ewing [#firstproposal]_ and
endorsed ([#firstproposal]_, [#renaming]_) by the BDFL.

Lastly, all uses of the \`\`sys\`\` module's \`\`exc_type\`\`, \`\`exc_value\`\`
and \`\`exc_traceback\`\` attributes will need to be removed. They can be
replaced with \`\`sys.exc_info()[0]\`\`, \`\`sys.exc_info()[1]\`\` and
\`\`sys.exc_info()[2]\`\` respectively, a transformation that can be
performed by \`\`2to3\`\`'s \`\`sysexcattrs\`\` fixer.

References
==========

.. [#firstproposal]
   https://mail.python.org/pipermail/python-dev/2006-March/062449.html

.. [#renaming]
   https://mail.python.org/pipermail/python-dev/2006-March/062640.html

Copyright
=========

This document has been placed in the public domain.
`;

// Lines of PEP 476 (public domain): anonymous markers, definitions with no blank line between them in the
// middle of the text, and Emacs variables under a reST comment with no \`End:\`.
const pep476 = `PEP: 476
Title: Enabling certificate verification by default for stdlib http clients
Author: Alex Gaynor <alex.gaynor@gmail.com>
Created: 28-Aug-2014

Currently when a standard library http client (the \`\`urllib\`\`, \`\`urllib2\`\`,
\`\`http\`\`, and \`\`httplib\`\` modules) encounters an \`\`https://\`\` URL it will wrap
the network HTTP traffic in a TLS stream.

The failure of various applications to note Python's negligence in this matter
is a source of *regular* CVE assignment [#]_ [#]_
[#]_.

.. [#] https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2010-4340
.. [#] https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2012-3533
.. [#] https://cve.mitre.org/cgi-bin/cvename.cgi?name=CVE-2012-5822

Technical Details
=================

Python would use the system provided certificate database on all platforms.

Copyright
=========

This document has been placed into the public domain.


..
   Local Variables:
   mode: indented-text
   indent-tabs-mode: nil
   sentence-end-double-space: t
   fill-column: 70
   coding: utf-8
`;

describe('reStructuredText read as plain text (PEPs, Docutils documents)', () => {
  it('ties named auto-numbered footnotes to their markers, a marker used twice included; code is code, not a marker', () => {
    const { result, markdown } = imported('pep-3110.rst', pep3110);
    assert.match(markdown, /proposed by Greg Ewing \[\^1\] and\nendorsed \(\[\^1\], \[\^2\]\) by the BDFL\./);
    assert.match(markdown, /`sys\.exc_info\(\)\[1\]`/);
    assert.match(markdown, /\[\^1\]: <https:\/\/mail\.python\.org\/pipermail\/python-dev\/2006-March\/062449\.html>/);
    assert.match(markdown, /\[\^2\]: <https:\/\/mail\.python\.org\/pipermail\/python-dev\/2006-March\/062640\.html>/);
    assert.equal(markdown.match(/^\[\^\d+\]:/gm)?.length, 2);
    assert.doesNotMatch(markdown, /\[#|\]\\?_|\.\. \\?\[|References/);
    assertEveryLineAccounted(result.lines, sourceLinesOf(pep3110));
  });

  it('gives anonymous markers the anonymous notes in order, splits run-on definitions, and drops the Emacs variables', () => {
    const { result, markdown } = imported('pep-0476.rst', pep476);
    assert.match(markdown, /CVE assignment \[\^1\] \[\^2\]\n\[\^3\]\./);
    for (const [n, id] of [
      [1, '2010-4340'],
      [2, '2012-3533'],
      [3, '2012-5822'],
    ])
      assert.match(markdown, new RegExp(`\\[\\^${n}\\]: <https://cve\\.mitre\\.org/cgi-bin/cvename\\.cgi\\?name=CVE-${id}>`));
    assert.match(markdown, /the `urllib`, `urllib2`,\n`http`, and `httplib` modules\) encounters an `https:\/\/` URL/);
    assert.doesNotMatch(markdown, /Local Variables|indent-tabs-mode|coding: utf-8|^\.\.$/m);
    assert.match(markdown, /This document has been placed into the public domain\.\n\n\[\^1\]/);
    const emacs = sourceLinesOf(pep476).findIndex((line) => line.trim() === 'Local Variables:') + 1;
    assert.equal(result.lines.find((fate) => fate.line === emacs)?.fate, 'dropped');
    assert.equal(result.lines.find((fate) => fate.line === emacs - 1)?.fate, 'dropped');
    assertEveryLineAccounted(result.lines, sourceLinesOf(pep476));
  });

  it('reads a Pelican post’s adorned title and field list, and a Nikola post’s `.. title:` lines, as its header', () => {
    // Pelican's documented reST header (its docs, "Writing content"), with notes added after it.
    const pelican = [
      'My super title',
      '##############',
      '',
      ':date: 2010-10-03 10:20',
      ':modified: 2010-10-04 18:40',
      ':tags: thats, awesome',
      ':category: yeah',
      ':slug: my-super-post',
      ':authors: Alexis Metaireau, Conrad Ode',
      ':summary: Short version for index and feeds',
      '',
      'This is the content of my super blog post, which cites a book [#]_.',
      '',
      '.. [#] A first note.',
      '',
    ].join('\n');
    const one = imported('my-super-post.rst', pelican);
    assert.deepEqual(
      [one.result.chapters[0]?.piece.meta.title, one.result.chapters[0]?.piece.meta.authors, one.result.chapters[0]?.piece.meta.date],
      ['My super title', ['Alexis Metaireau', 'Conrad Ode'], '2010-10-03'],
    );
    assert.match(one.markdown, /^This is the content of my super blog post, which cites a book \[\^1\]\.\n\n\[\^1\]: A first note\.\n?$/);
    assert.equal(one.result.lines.find((fate) => fate.line === 2)?.fate, 'metadata');
    assert.equal(one.result.lines.find((fate) => fate.line === 6)?.fate, 'dropped');
    assertEveryLineAccounted(one.result.lines, sourceLinesOf(pelican));

    // Nikola's `new_post` header (its docs), with a post under it.
    const nikola = [
      '.. title: How to make money',
      '.. slug: how-to-make-money',
      '.. date: 2012-09-15 19:52:05 UTC',
      '.. tags: ',
      '.. author: Jane Doe',
      '',
      'Write your post here [1]_.',
      '',
      '.. [1] The paper.',
      '',
    ].join('\n');
    const two = imported('how-to-make-money.rst', nikola);
    assert.deepEqual(
      [two.result.chapters[0]?.piece.meta.title, two.result.chapters[0]?.piece.meta.authors, two.result.chapters[0]?.piece.meta.date],
      ['How to make money', ['Jane Doe'], '2012-09-15'],
    );
    assert.match(two.markdown, /^Write your post here \[\^1\]\.\n\n\[\^1\]: The paper\.\n?$/);
    assertEveryLineAccounted(two.result.lines, sourceLinesOf(nikola));
  });

  it('reads a Docutils field list after a Nikola header, and takes a note marker off the title', () => {
    // The opening of Nikola's sample page `quickstart.rst` (MIT; the primer itself is public domain).
    const primer = [
      '.. title: A reStructuredText Primer',
      '.. slug: quickstart',
      '.. date: 2012-03-30 23:00:00 UTC-03:00',
      '.. tags:',
      '',
      ':Author: Richard Jones',
      ':Version: $Revision: 5801 $',
      ':Copyright: This document has been placed in the public domain.',
      '',
      'The text below contains links.',
      '',
    ].join('\n');
    const one = imported('quickstart.rst', primer);
    assert.deepEqual(one.result.chapters[0]?.piece.meta.authors, ['Richard Jones']);
    assert.doesNotMatch(one.markdown, /Author|Revision/);
    assertEveryLineAccounted(one.result.lines, sourceLinesOf(primer));

    // Nikola's CONTRIBUTING.rst (MIT): its title carries the marker of the first note.
    const guidelines = [
      'Patch submission guidelines [1]_',
      '--------------------------------',
      '',
      'Here are some guidelines about how you can contribute to Nikola:',
      '',
      '.. [1] Very inspired by fabric’s guidelines — thanks!',
      '',
    ].join('\n');
    const two = imported('CONTRIBUTING.rst', guidelines);
    assert.equal(two.result.chapters[0]?.piece.meta.title, 'Patch submission guidelines');
    assert.match(two.markdown, /\[\^1\]: Very inspired by fabric’s guidelines — thanks!/);
  });
});

describe('headings with a rule under them', () => {
  it('are headings in scripts without capitals (a Chinese Pelican post’s sections)', () => {
    // Lines of a Pelican post of bitbili.net (CC BY-SA 4.0), `set_proxy_for_gentoo_portage.rst`.
    const post = [
      'Gentoo 的默认设置',
      '========================================',
      '',
      '* 代理： 无',
      '',
      '持久性地修改代理',
      '========================================',
      '',
      '一、 通用配置',
      '------------------------------------------------',
      '',
      '对于一般情况，在文件下配置如下三个变量，就完全足够：',
      '',
    ].join('\n');
    const { markdown } = imported('gentoo.txt', post);
    assert.match(markdown, /^## 持久性地修改代理$/m);
    assert.match(markdown, /^## 一、 通用配置$/m);
  });
});

describe('reST explicit markup that is not text', () => {
  it('drops comments, layout directives and a code directive’s own line, each with its reason; the code stays', () => {
    // Lines of the same Pelican post (CC BY-SA 4.0).
    const post = [
      '.. contents::',
      '',
      '开门见山，本文介绍在 Gentoo Linux 下如何正确地对其包管理器 Portage 设置代理，即日常使用的 emerge 命令。',
      '',
      '.. PELICAN_END_SUMMARY',
      '',
      '.. code-block:: bash',
      '',
      '  https_proxy="socks5h://127.0.0.1:1080"',
      '',
    ].join('\n');
    const { result, markdown } = imported('gentoo.txt', post);
    assert.doesNotMatch(markdown, /contents::|PELICAN_END_SUMMARY|code-block/);
    assert.match(markdown, /https\\?_proxy="socks5h:\/\/127\.0\.0\.1\\?:1080"/);
    const reasons = new Map(result.lines.map((fate) => [fate.line, fate.fate === 'dropped' ? fate.reason : fate.fate]));
    assert.match(String(reasons.get(1)), /reST directive `contents`/);
    assert.match(String(reasons.get(5)), /reST comment/);
    assert.match(String(reasons.get(7)), /reST directive `code-block`: its code is kept/);
    assert.equal(reasons.get(9), 'kept');
    assertEveryLineAccounted(result.lines, sourceLinesOf(post));
  });
});

describe('a Pelican draft', () => {
  it('is left out unless drafts are asked for, and says so', () => {
    // The header of the same post as committed, `:status: draft` among its fields.
    const post = [
      '====================================================================================',
      '如何正确地为 Gentoo 的 Portage 包管理器设置代理',
      '====================================================================================',
      '',
      ':slug: set_proxy_for_gentoo_portage',
      ':date: 2021-01-10 23:01',
      ':status: draft',
      '',
      '开门见山，本文介绍在 Gentoo Linux 下如何正确地对其包管理器 Portage 设置代理，即日常使用的 emerge 命令。',
      '',
    ].join('\n');
    const skipped = imported('draft.rst', post);
    assert.equal(skipped.result.chapters.length, 0);
    assert.deepEqual(
      skipped.file.messages.map((message) => [message.ruleId, message.line]),
      [['import-no-pieces', 7]],
    );
    const file = new VFile({ path: 'draft.rst', value: post });
    const taken = importSource(file, { defaultAuthor: undefined, includeDrafts: true });
    assert.equal(taken.chapters[0]?.piece.meta.title, '如何正确地为 Gentoo 的 Portage 包管理器设置代理');
    assert.equal(taken.chapters[0]?.piece.meta.date, '2021-01-10');
  });
});

describe('reST roles', () => {
  it('show what the page shows: code for :code: and :file:, “PEP 352” for :pep:, the title of a titled reference', () => {
    // Lines of PEP 3110 and of the Pelican post above.
    const text = [
      'Title: Roles',
      'Author: Collin Winter',
      'Created: 16-Jan-2006',
      '',
      '2. As specified in :pep:`352`, the ability to treat exceptions',
      '   as tuples will be removed.',
      '',
      '4. In the spirit of :pep:`"there should be one -- and preferably only one',
      '   -- obvious way to do it" <20>`, it is desirable to consolidate.',
      '',
      '其默认配置文件位于 :file:`/etc/proxychains.conf`，默认使用 :code:`wget` 作为下载工具。',
      '',
    ].join('\n');
    const { markdown } = imported('roles.txt', text);
    assert.match(markdown, /As specified in PEP 352, the ability/);
    assert.match(markdown, /In the spirit of "there should be one -- and preferably only one -- obvious way to do it", it is/);
    assert.match(markdown, /位于 `\/etc\/proxychains\.conf`，默认使用 `wget` 作为/);
    assert.doesNotMatch(markdown, /:pep:|:file:|:code:/);
  });
});
