/* A dependency-free API reference drawn from /openapi.json (the page must not load Swagger UI from a
 * CDN: the CSP allows this origin's scripts only).  Text goes in with textContent only. */
(function () {
  "use strict";
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = String(text);
    return n;
  }
  function typeOf(schema) {
    if (!schema) return "";
    if (schema.anyOf) return schema.anyOf.map(typeOf).filter(function (t) { return t !== "null"; }).join(" | ");
    var t = schema.type || "";
    if (schema.maximum !== undefined) t += " ≤ " + schema.maximum;
    if (schema.minimum !== undefined) t += " ≥ " + schema.minimum;
    if (schema.pattern) t += " " + schema.pattern;
    return t;
  }
  fetch("/openapi.json").then(function (r) { return r.json(); }).then(function (spec) {
    var box = document.getElementById("endpoints");
    while (box.firstChild) box.removeChild(box.firstChild);
    Object.keys(spec.paths).forEach(function (path) {
      var ops = spec.paths[path];
      Object.keys(ops).forEach(function (method) {
        var op = ops[method];
        var div = el("div", "op");
        var head = el("div");
        head.appendChild(el("span", "method " + method, method.toUpperCase()));
        head.appendChild(el("span", "path", path));
        div.appendChild(head);
        if (op.summary) div.appendChild(el("p", null, op.summary));
        var params = op.parameters || [];
        if (params.length) {
          var table = el("table");
          var tr = el("tr");
          ["parameter", "in", "type", "default", "description"].forEach(function (h) { tr.appendChild(el("th", null, h)); });
          table.appendChild(tr);
          params.forEach(function (p) {
            var row = el("tr");
            var schema = p.schema || {};
            [p.name, p["in"], typeOf(schema), schema["default"] === undefined ? "" : JSON.stringify(schema["default"]),
             p.description || ""].forEach(function (v) { row.appendChild(el("td", null, v)); });
            table.appendChild(row);
          });
          div.appendChild(table);
        }
        if (op.requestBody) {
          var kinds = Object.keys(op.requestBody.content || {});
          div.appendChild(el("p", null, "Body: " + kinds.join(" or ")));
          kinds.forEach(function (k) {
            var props = ((op.requestBody.content[k].schema || {}).properties) || {};
            div.appendChild(el("p", null, k + ": " + Object.keys(props).join(", ")));
          });
        }
        box.appendChild(div);
      });
    });
  });
})();
