// The editor's preview only (never in a published build): what the last build found wrong, laid
// over the last good page. The preview reloads the page after every build, so this runs again then;
// when nothing is wrong it shows nothing. Text goes in with textContent: file names are not markup.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = new URL("problems.json", script ? script.src : location.href);
  fetch(url, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : { problems: [] }; })
    .then(function (report) {
      var problems = report.problems || [];
      if (!problems.length) return;
      var box = document.createElement("details");
      box.open = true;
      box.id = "gc-preview-problems";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:sticky;top:0;z-index:1000;margin:0;padding:.75rem 1rem;background:#fdf0f0;" +
        "color:#1e2124;border-bottom:3px solid #bd2c0f;font:15px/1.6 sans-serif;max-height:60vh;overflow:auto";
      var summary = document.createElement("summary");
      summary.style.cssText = "cursor:pointer;font-weight:700;color:#8a1c1c";
      summary.textContent = "미리보기: 고칠 것 " + problems.length + "건 (고칠 때까지 마지막으로 성공한 페이지를 보여 줍니다)";
      box.appendChild(summary);
      var list = document.createElement("ol");
      list.style.cssText = "margin:.5rem 0 0;padding-left:1.25rem";
      problems.forEach(function (p) {
        var item = document.createElement("li");
        item.style.cssText = "margin:0 0 .5rem;overflow-wrap:anywhere";
        if (p.where) {
          var where = document.createElement("code");
          where.textContent = p.where;
          item.appendChild(where);
          item.appendChild(document.createTextNode(" "));
        }
        item.appendChild(document.createTextNode(p.message));
        if (p.fix) {
          var fix = document.createElement("span");
          fix.style.cssText = "display:block;color:#0b50d0";
          fix.textContent = "고치는 법: " + p.fix;
          item.appendChild(fix);
        }
        list.appendChild(item);
      });
      box.appendChild(list);
      document.body.insertBefore(box, document.body.firstChild);
    })
    .catch(function () { /* no report (the preview restarted): nothing to show */ });
})();
