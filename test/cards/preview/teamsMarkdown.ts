// The markdown Teams renders in a card's TextBlocks and Facts, for the previews: a CommonMark subset in
// plain JavaScript, injected into the page (the project has no markdown library, and adds none). It
// follows what the Agents Playground, Microsoft's Teams-like host, does with the same cards: CommonMark
// (react-markdown) with only a, em, strong, p, ul, ol, li, img and br kept, every other element unwrapped
// to its text (a heading shows without its #, a rule disappears), and raw HTML shown as text. What matters
// for the tests is CommonMark's reading of a backslash: before any ASCII punctuation it makes that
// character literal, so an escaped character never starts a link, emphasis, a heading or a list.
export const TEAMS_MARKDOWN_SCRIPT = String.raw`
function teamsMarkdown(text) {
  var held = [];
  function hold(html) { held.push(html); return '\uE000' + (held.length - 1) + '\uE001'; }
  function escapeHtml(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
  function restore(s) {
    while (/\uE000\d+\uE001/.test(s)) s = s.replace(/\uE000(\d+)\uE001/g, function (_, i) { return held[+i]; });
    return s;
  }
  function decodeEntity(entity) { var t = document.createElement('textarea'); t.innerHTML = entity; return t.value; }
  function inline(s) {
    s = s.replace(/\\([!-\/:-@\[-\x60{-~])/g, function (_, c) { return hold(escapeHtml(c)); });
    s = s.replace(/(?:\\| {2,})\n/g, function () { return hold('<br>'); });
    s = s.replace(/&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, function (e) { return hold(escapeHtml(decodeEntity(e))); });
    s = s.replace(/(\x60+)([\s\S]*?[^\x60])\1(?!\x60)/g, function (_, f, code) { return hold(escapeHtml(code.trim())); });
    s = s.replace(/<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/g, function (_, url) { return hold('<a href="' + escapeHtml(url) + '">' + escapeHtml(url) + '</a>'); });
    s = s.replace(/<([^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>/g, function (_, mail) { return hold('<a href="mailto:' + escapeHtml(mail) + '">' + escapeHtml(mail) + '</a>'); });
    s = s.replace(/!?\[([^\[\]]*)\]\(\s*<?([^\s()<>]*)>?(?:\s+"[^"]*")?\s*\)/g, function (_, label, url) { return hold('<a href="' + escapeHtml(url) + '">') + label + hold('</a>'); });
    s = s.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, function (_, d, inner) { return hold('<strong>') + inner + hold('</strong>'); });
    s = s.replace(/\*(?=\S)([\s\S]*?\S)\*/g, function (_, inner) { return hold('<em>') + inner + hold('</em>'); });
    s = s.replace(/(^|[^A-Za-z0-9])_(?=\S)([\s\S]*?\S)_(?![A-Za-z0-9])/g, function (_, before, inner) { return before + hold('<em>') + inner + hold('</em>'); });
    s = s.replace(/~~(?=\S)([\s\S]*?\S)~~/g, function (_, inner) { return inner; });
    return restore(escapeHtml(s));
  }
  var out = [], paragraph = [], list = null;
  function endParagraph() { if (paragraph.length) out.push('<p>' + inline(paragraph.join('\n')) + '</p>'); paragraph = []; }
  function endList() {
    if (list) out.push('<' + list.tag + '>' + list.items.map(function (item) { return '<li>' + inline(item) + '</li>'; }).join('') + '</' + list.tag + '>');
    list = null;
  }
  function item(tag, content) {
    endParagraph();
    if (!list || list.tag !== tag) { endList(); list = { tag: tag, items: [] }; }
    list.items.push(content || '');
  }
  text.split(/\r\n|\r|\n/).forEach(function (line) {
    var m;
    if (/^\s*$/.test(line)) { endParagraph(); endList(); return; }
    if (paragraph.length && /^ {0,3}(?:=+|-+)[ \t]*$/.test(line)) { endParagraph(); return; }
    if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) { endParagraph(); endList(); return; }
    if ((m = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line))) { endParagraph(); endList(); out.push('<p>' + inline(m[1] || '') + '</p>'); return; }
    if ((m = /^ {0,3}>[ ]?(.*)$/.exec(line))) { endList(); paragraph.push(m[1]); return; }
    if ((m = /^ {0,3}[-+*](?:[ \t]+(.*)|$)/.exec(line))) { item('ul', m[1]); return; }
    if ((m = /^ {0,3}\d{1,9}[.)](?:[ \t]+(.*)|$)/.exec(line))) { item('ol', m[1]); return; }
    if (list) { list.items[list.items.length - 1] += '\n' + line.trim(); return; }
    paragraph.push(line.replace(/^[ \t]+/, ''));
  });
  endParagraph();
  endList();
  return out.join('');
}
`;
