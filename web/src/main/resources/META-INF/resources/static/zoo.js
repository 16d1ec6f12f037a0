// Zoo results table: sort by any column and filter by text and collection, without a page reload; the filters live
// in the URL (?q=…&collection=…), so a reload or a shared link shows the same rows.
(function () {
  'use strict';
  var table = document.getElementById('results');
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById('filter');
  var collection = document.getElementById('collection');
  var count = document.getElementById('count');

  function cellValue(row, index, numeric) {
    var v = row.cells[index].getAttribute('data-value');
    if (!numeric) { return (v || '').toLowerCase(); }
    return v === null || v === '' ? null : parseFloat(v);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.querySelector('button').addEventListener('click', function () {
      var numeric = th.getAttribute('data-type') === 'num';
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
        if (x === y) { return 0; }
        if (x === null) { return 1; }          // empty cells last, whatever the direction
        if (y === null) { return -1; }
        return (x < y ? -1 : 1) * (ascending ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  var params = new URLSearchParams(window.location.search);
  if (params.get('q')) { filter.value = params.get('q'); }
  if (params.get('collection')) { collection.value = params.get('collection'); }

  function remember() {
    var p = new URLSearchParams(window.location.search);
    if (filter.value) { p.set('q', filter.value); } else { p.delete('q'); }
    if (collection.value) { p.set('collection', collection.value); } else { p.delete('collection'); }
    var query = p.toString();
    window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
  }

  function apply() {
    var text = (filter.value || '').trim().toLowerCase();
    var coll = collection.value;
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!text || r.getAttribute('data-search').indexOf(text) >= 0)
        && (!coll || r.getAttribute('data-collection') === coll);
      r.hidden = !ok;
      if (ok) { shown++; }
    });
    count.textContent = shown + ' of ' + rows.length + ' rows';
  }
  filter.addEventListener('input', function () { apply(); remember(); });
  collection.addEventListener('change', function () { apply(); remember(); });
  apply();
})();
