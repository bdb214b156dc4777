// The web UI's only script, an enhancement: without it every page still works.
// - search: a ticked facet box or a changed order submits the filter form at once;
// - SPARQL editor: the line-number gutter follows the text and its scrolling, the text is coloured by
//   token (keywords, variables, IRIs and prefixed names, literals, comments), Ctrl+Enter runs the
//   query, and after a syntax error the caret is put where the error is and the spot is underlined.
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
  var editor = text.closest(".editor");
  var gutter = editor.querySelector(".gutter");
  var highlight = editor.querySelector(".highlight");
  var errorLine = parseInt(text.dataset.errorLine || "0", 10);
  var errorOffset = -1;
  function renumber() {
    var lines = text.value.split("\n").length;
    var html = "";
    for (var i = 1; i <= lines; i++) html += (i === errorLine ? "<mark>" + i + "</mark>" : i) + "\n";
    gutter.innerHTML = html;
  }

  // One token per match, tried in this order at each position: comments and strings before anything
  // that could start inside them, IRIs before "<" as an operator, prefixed names before plain words.
  var token = new RegExp([
    /(#[^\n]*)/.source,                                                           // 1 comment
    /("""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)/.source, // 2 string
    /(<[^<>"{}|^`\\\s]*>)/.source,                                                // 3 IRI
    /([?$][A-Za-z0-9_\u00B7-\uFFFF]+)/.source,                                    // 4 variable
    /(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)/.source,                                      // 5 language tag
    /((?:_|[A-Za-z\u00C0-\uFFFF][A-Za-z0-9_.\-\u00B7-\uFFFF]*)?:(?:[A-Za-z0-9_:%.\-\u00B7-\uFFFF]|\\.)*)/.source, // 6 prefixed name
    /((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.source,                              // 7 number
    /([A-Za-z_][A-Za-z0-9_]*)/.source                                             // 8 word
  ].join("|"), "y");
  var keywords = new Set(("BASE PREFIX SELECT DISTINCT REDUCED AS CONSTRUCT DESCRIBE ASK FROM NAMED WHERE ORDER BY ASC DESC " +
    "LIMIT OFFSET GROUP HAVING VALUES UNDEF OPTIONAL GRAPH UNION MINUS FILTER BIND SERVICE SILENT EXISTS NOT IN " +
    "LOAD CLEAR DROP CREATE ADD MOVE COPY TO INTO INSERT DELETE DATA WITH USING DEFAULT ALL TRUE FALSE " +
    "STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE " +
    "ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ " +
    "NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK " +
    "ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR").split(" "));
  var classes = [null, "c", "s", "i", "v", "l", "i", "n"];
  function escape(t) { return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function colour(source) {
    var html = "", plain = "", at = 0;
    while (at < source.length) {
      token.lastIndex = at;
      var m = token.exec(source);
      if (!m || m[0] === "") { plain += source[at++]; continue; }
      var g = 1;
      while (g < 8 && m[g] === undefined) g++;
      var t = m[0];
      if (g === 6 && t.length > 1) t = t.replace(/\.+$/, "") || t; // a prefixed name never ends in "."
      var cls = g === 8 ? (keywords.has(t.toUpperCase()) || t === "a" ? "k" : null) : classes[g];
      if (cls) {
        html += escape(plain) + '<span class="tk-' + cls + '">' + escape(t) + "</span>";
        plain = "";
      } else plain += t;
      at += t.length;
    }
    return html + escape(plain);
  }
  function paint() {
    var source = text.value, html;
    if (errorOffset >= 0) {
      // The error's spot (its character, or a space where the text or the line ends) gets a wavy underline.
      var spot = source.charAt(errorOffset);
      var end = spot === "" || spot === "\n" ? errorOffset : errorOffset + 1;
      html = colour(source.slice(0, errorOffset)) + '<mark class="tk-e">' + (end === errorOffset ? " " : escape(spot)) + "</mark>" + colour(source.slice(end));
    } else html = colour(source);
    // A final newline adds a line to the text area but not to a pre: keep both the same height.
    highlight.innerHTML = html + (source.endsWith("\n") ? " " : "");
    follow();
  }
  function follow() {
    highlight.scrollTop = text.scrollTop;
    highlight.scrollLeft = text.scrollLeft;
    gutter.scrollTop = text.scrollTop;
  }
  editor.classList.add("highlighted");
  text.addEventListener("input", function () { errorLine = 0; errorOffset = -1; renumber(); paint(); });
  text.addEventListener("scroll", follow);
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
    offset = Math.min(text.value.length, offset + Math.max(0, column - 1));
    errorOffset = offset;
    text.focus();
    text.setSelectionRange(offset, offset);
  }
  renumber();
  paint();
})();
