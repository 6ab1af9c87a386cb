// The language switch lands on the section being read: a document's
// sections keep their ids across languages. Without script, it opens the
// top of the other language's page.
document.querySelectorAll('a[data-lang-switch]').forEach(function (link) {
  link.addEventListener('click', function () {
    var current = null;
    document.querySelectorAll('.doc-body h2[id], .doc-body h3[id]').forEach(function (h) {
      if (h.getBoundingClientRect().top < 120) current = h;
    });
    var base = link.href.split('#')[0];
    link.href = current ? base + '#' + current.id : base;
  });
});
