// Zoo results table: sort by any column and filter by text and collection, without a page reload.
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
  filter.addEventListener('input', apply);
  collection.addEventListener('change', apply);
  apply();
})();
