// The language switch lands on the section being read: a document's
// sections keep their ids across languages. Without script, it opens the
// top of the other language's page.
// Before the reader reaches a heading, the link keeps where it was made
// to land (the section a section's page shows).
// When the other language is read a section at a time, data-sections
// says which of its pages holds each section of this one
// ("id=file|id=file", percent-encoded; the files beside the link's own).
document.querySelectorAll('a[data-lang-switch]').forEach(function (link) {
  var landing = link.href;
  var files = {};
  (link.getAttribute('data-sections') || '').split('|').forEach(function (pair) {
    var eq = pair.indexOf('=');
    if (eq > 0) files[decodeURIComponent(pair.slice(0, eq))] = new URL(pair.slice(eq + 1), landing).href;
  });
  link.addEventListener('click', function () {
    var current = null;
    var section = null;
    document.querySelectorAll('.doc-body h2[id], .doc-body h3[id]').forEach(function (h) {
      if (h.getBoundingClientRect().top < 120) {
        current = h;
        if (h.tagName === 'H2') section = h;
      }
    });
    var file = (section && files[section.id]) || landing.split('#')[0];
    link.href = current ? file + '#' + current.id : landing;
  });
});
