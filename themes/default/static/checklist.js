// Self-assessment with a checklist, in the browser only: answers are kept in
// localStorage (per checklist and version), scores per area, group and
// overall update as you answer (answers without a score, such as N/A, are
// left out), critical gaps are listed first, and the answers can be
// downloaded as CSV. Without JavaScript the checklist is a readable list.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var french = lang.indexOf("fr") === 0;

  function percent(share) {
    var n = Math.round(share * 100);
    return french ? n + "\u00a0%" : n + "%";
  }

  function storageKey(form) {
    return "relais:checklist:" + form.dataset.checklist + ":" + (form.dataset.version || "");
  }

  function load(form) {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey(form)) || "{}");
    } catch (e) {
      return {};
    }
  }

  function save(form, answers) {
    try {
      window.localStorage.setItem(storageKey(form), JSON.stringify(answers));
    } catch (e) {
      // Storage refused (private mode): scores still work for this visit.
    }
  }

  function answers(form) {
    var out = {};
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      out[input.name] = input.value;
    });
    return out;
  }

  function update(form) {
    var sums = {};
    var add = function (key, score) {
      var s = sums[key] || (sums[key] = { sum: 0, n: 0 });
      s.sum += score;
      s.n += 1;
    };
    var answered = 0;
    var total = 0;
    var gaps = [];
    form.querySelectorAll(".checklist-item").forEach(function (item) {
      total += 1;
      var checked = item.querySelector("input[type=radio]:checked");
      if (!checked) return;
      answered += 1;
      if (checked.value === "no" && item.dataset.critical === "true") {
        gaps.push(item);
      }
      if (checked.dataset.score === "") return;
      var score = parseFloat(checked.dataset.score);
      var area = item.closest(".checklist-area");
      add("area:" + area.dataset.area, score);
      add("group:" + area.dataset.group, score);
      add("overall", score);
    });
    form.querySelectorAll("output.checklist-score").forEach(function (output) {
      var key = output.dataset.scope === "overall" ? "overall" : output.dataset.scope + ":" + output.dataset.id;
      var s = sums[key];
      output.textContent = s && s.n ? percent(s.sum / s.n) : "–";
    });
    var count = form.querySelector(".checklist-count");
    if (count) count.textContent = "(" + answered + "/" + total + ")";
    var list = form.querySelector(".checklist-gaps");
    if (list) {
      list.innerHTML = "";
      if (!gaps.length) {
        var none = document.createElement("li");
        none.textContent = list.dataset.none || "";
        list.appendChild(none);
      }
      gaps.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = "#" + item.id;
        a.textContent = item.querySelector(".item-text").textContent;
        li.appendChild(a);
        list.appendChild(li);
      });
    }
  }

  function csvCell(text) {
    text = String(text == null ? "" : text);
    return /[",\n;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download(form) {
    var rows = [["item", "area", "group", "critical", "text", "answer"]];
    form.querySelectorAll(".checklist-item").forEach(function (item) {
      var area = item.closest(".checklist-area");
      var checked = item.querySelector("input[type=radio]:checked");
      var text = item.querySelector(".item-text").textContent.trim();
      rows.push([item.dataset.item, area.dataset.area, area.dataset.group, item.dataset.critical, text, checked ? checked.value : ""]);
    });
    var csv = rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    var blob = new Blob(["\ufeff" + csv], { type: "text/csv;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = form.dataset.checklist.replace(/[^a-z0-9-]+/gi, "-") + "-" + lang + ".csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  document.querySelectorAll("form.checklist-form").forEach(function (form) {
    var saved = load(form);
    Object.keys(saved).forEach(function (name) {
      var input = form.querySelector('input[type=radio][name="' + name + '"][value="' + saved[name] + '"]');
      if (input) input.checked = true;
    });
    form.addEventListener("change", function () {
      save(form, answers(form));
      update(form);
    });
    var dl = form.querySelector(".checklist-download");
    if (dl) dl.addEventListener("click", function () { download(form); });
    var reset = form.querySelector(".checklist-reset");
    if (reset) reset.addEventListener("click", function () {
      if (!window.confirm(reset.dataset.confirm || "")) return;
      form.querySelectorAll("input[type=radio]:checked").forEach(function (input) { input.checked = false; });
      try { window.localStorage.removeItem(storageKey(form)); } catch (e) { /* nothing kept */ }
      update(form);
    });
    form.classList.add("is-interactive");
    update(form);
  });
})();
