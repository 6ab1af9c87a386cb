// The language switch lands on the section being read: a document's
// sections keep their ids across languages. Without script, it opens the
// top of the other language's page.
// Before the reader reaches a heading, the link keeps where it was made
// to land (the section a section's page shows).
document.querySelectorAll('a[data-lang-switch]').forEach(function (link) {
  var landing = link.href;
  link.addEventListener('click', function () {
    var current = null;
    document.querySelectorAll('.doc-body h2[id], .doc-body h3[id]').forEach(function (h) {
      if (h.getBoundingClientRect().top < 120) current = h;
    });
    link.href = current ? landing.split('#')[0] + '#' + current.id : landing;
  });
});
