// The web UI's only script, an enhancement: without it every page still works.
// - search: a ticked facet box or a changed order submits the filter form at once;
// - SPARQL editor: the line-number gutter follows the text and its scrolling, Ctrl+Enter runs the
//   query, and after a syntax error the caret is put where the error is.
(function () {
  "use strict";
  // Fields left empty or at their default stay out of the URL, so it reads like the links the pages make.
  document.querySelectorAll("form[action='/search']").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name=q], select[name=sort], select[name=size]").forEach(function (field) {
        var fallback = field.name === "sort" ? "name" : field.name === "size" ? "20" : "";
        if (field.value.trim() === fallback) field.disabled = true;
      });
    });
  });
  // Back to a page left this way: the browser may restore disabled fields; enable them again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[action='/search'] [disabled]").forEach(function (field) { field.disabled = false; });
  });
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function (event) {
      var t = event.target;
      if (t.matches("input[type=checkbox], select")) form.requestSubmit ? form.requestSubmit() : form.submit();
    });
  });

  var text = document.getElementById("query-text");
  if (!text) return;
  var gutter = text.parentElement.querySelector(".gutter");
  var errorLine = parseInt(text.dataset.errorLine || "0", 10);
  function renumber() {
    var lines = text.value.split("\n").length;
    var html = "";
    for (var i = 1; i <= lines; i++) html += (i === errorLine ? "<mark>" + i + "</mark>" : i) + "\n";
    gutter.innerHTML = html;
  }
  text.addEventListener("input", function () { errorLine = 0; renumber(); });
  text.addEventListener("scroll", function () { gutter.scrollTop = text.scrollTop; });
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      text.form.requestSubmit ? text.form.requestSubmit() : text.form.submit();
    }
  });
  if (errorLine > 0) {
    var column = parseInt(text.dataset.errorColumn || "1", 10);
    var lines = text.value.split("\n");
    var offset = 0;
    for (var i = 0; i < errorLine - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    text.focus();
    text.setSelectionRange(offset, offset);
  }
  renumber();
})();
