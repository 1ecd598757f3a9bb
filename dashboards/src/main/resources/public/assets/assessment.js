// 360 pages: the session dashboard keeps its completion table live by reading the API every 10 s (the report page
// is complete as served). No figures are computed here: the server applied the anonymity merge already.
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');
  if (page !== 'assessment-session') {
    return;
  }
  var texts = JSON.parse(document.getElementById('texts').textContent);
  var session = location.pathname.split('/')[3];
  var status = document.getElementById('a360-connection');

  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  function render(answer) {
    var body = document.querySelector('table.completion tbody');
    var closed = answer.session.status === 'closed';
    body.textContent = '';
    answer.targets.forEach(function (t) {
      var tr = document.createElement('tr');
      var name = document.createElement('td');
      if (!t.name) {
        name.textContent = texts.a360Everyone;
      } else if (closed) {
        var a = document.createElement('a');
        a.href = '/assessment/sessions/' + encodeURIComponent(session) + '/targets/' + encodeURIComponent(t.employeeId);
        a.textContent = t.name;
        name.appendChild(a);
      } else {
        name.textContent = t.name;
      }
      tr.appendChild(name);
      var pct = t.expected ? Math.round(100 * t.submitted / t.expected) : 0;
      var td = document.createElement('td');
      var svg = 'http://www.w3.org/2000/svg';
      var bar = document.createElementNS(svg, 'svg');
      bar.setAttribute('class', 'bar');
      bar.setAttribute('viewBox', '0 0 100 8');
      bar.setAttribute('preserveAspectRatio', 'none');
      bar.setAttribute('role', 'img');
      bar.setAttribute('aria-label', pct + ' %');
      [[100, '#eaeef2'], [pct, '#1a7f37']].forEach(function (r) {
        var rect = document.createElementNS(svg, 'rect');
        rect.setAttribute('width', r[0]);
        rect.setAttribute('height', 8);
        rect.setAttribute('fill', r[1]);
        bar.appendChild(rect);
      });
      td.appendChild(bar);
      td.appendChild(document.createTextNode(' ' + t.submitted + ' / ' + t.expected + ' (' + pct + ' %)'));
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function refresh() {
    fetch('/api/v1/assessment/sessions/' + encodeURIComponent(session) + '/completion', {credentials: 'same-origin'})
      .then(function (r) {
        if (!r.ok) {
          throw new Error('HTTP ' + r.status);
        }
        return r.json();
      })
      .then(function (answer) {
        render(answer);
        if (status) {
          status.hidden = true;
        }
      })
      .catch(function () {
        if (status) {
          status.hidden = false;
        }
      });
  }

  setInterval(refresh, 10000);
})();
