// 360 pages. The index uploads the structure and model files and creates sessions; the session page sends the
// administrator's actions (fill, approve, launch, close) to the API and keeps its completion table live by reading
// the API every 10 s. The report page is complete as served. No figure is computed here: the server applied the
// anonymity merge already. Every change carries the page's anti-CSRF token.
(function () {
  'use strict';
  var page = document.body.getAttribute('data-page');
  var texts = JSON.parse(document.getElementById('texts').textContent);
  var csrf = document.body.getAttribute('data-csrf');
  var api = '/api/v1/assessment';

  function send(path, contentType, body) {
    return fetch(api + path, {method: 'POST', credentials: 'same-origin', body: body,
      headers: {'Content-Type': contentType, 'Accept': 'application/json', 'X-CSRF-Token': csrf}})
      .then(function (r) {
        return r.json().then(function (j) { return {ok: r.ok, status: r.status, body: j}; });
      });
  }

  function say(id, text, bad) {
    var el = document.getElementById(id);
    el.textContent = text;
    el.className = 'result' + (bad ? ' problem' : '');
  }

  function problems(id, answer) {
    var el = document.getElementById(id);
    el.textContent = '';
    el.className = 'result problem';
    var p = document.createElement('p');
    p.textContent = answer.body.problems ? texts.a360Refused + ':' : (answer.body.message || ('HTTP ' + answer.status));
    el.appendChild(p);
    if (answer.body.problems) {
      var ul = document.createElement('ul');
      answer.body.problems.forEach(function (pr) {
        var li = document.createElement('li');
        li.textContent = (pr.row ? texts.a360Row + ' ' + pr.row + ', ' : '') + (pr.column ? pr.column + ': ' : '') + pr.rule;
        ul.appendChild(li);
      });
      el.appendChild(ul);
    }
  }

  if (page === 'assessment-index') {
    Array.prototype.forEach.call(document.querySelectorAll('form.upload'), function (form) {
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var what = form.getAttribute('data-upload');
        var file = form.querySelector('input[type=file]').files[0];
        if (!file) {
          return;
        }
        var type = /\.xlsx$/i.test(file.name) ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
        var path = what === 'structure' ? '/structure'
          : '/models?name=' + encodeURIComponent(document.getElementById('model-name').value);
        send(path, type, file).then(function (a) {
          if (!a.ok) {
            problems(what + '-result', a);
          } else if (what === 'structure') {
            say(what + '-result', texts.a360Imported + ': ' + a.body.employees + ' (+' + a.body.added + ', −' + a.body.deactivated + ')');
          } else {
            say(what + '-result', texts.a360Imported + ': ' + texts.a360ModelVersion + ' ' + a.body.modelVersion);
            document.getElementById('model-version').value = a.body.modelVersion;
          }
        });
      });
    });
    document.getElementById('new-session').addEventListener('submit', function (e) {
      e.preventDefault();
      var f = e.target;
      var body = {sessionId: f.sessionId.value, name: f.name.value, modelVersion: Number(f.modelVersion.value),
        anonymous: f.anonymous.checked, deadline: f.deadline.value + 'T18:00:00Z'};
      send('/sessions', 'application/json', JSON.stringify(body)).then(function (a) {
        if (a.ok) {
          location.href = '/assessment/sessions/' + encodeURIComponent(a.body.sessionId);
        } else {
          problems('new-session-result', a);
        }
      });
    });
    return;
  }
  if (page !== 'assessment-session') {
    return;
  }

  var sessionPath = '/sessions/' + encodeURIComponent(document.body.getAttribute('data-session'));
  function act(path, body) {
    send(sessionPath + path, 'application/json', JSON.stringify(body || {})).then(function (a) {
      if (a.ok) {
        location.reload();
      } else {
        problems('admin-result', a);
      }
    });
  }
  var fill = document.getElementById('fill');
  if (fill) {
    fill.addEventListener('submit', function (e) {
      e.preventDefault();
      var targets = Array.prototype.map.call(document.getElementById('fill-targets').selectedOptions, function (o) {
        return o.value;
      });
      act('/matrix/fill', {targets: targets});
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('button.approve'), function (b) {
    b.addEventListener('click', function () {
      act('/targets/' + encodeURIComponent(b.getAttribute('data-target')) + '/approve');
    });
  });
  ['launch', 'close'].forEach(function (id) {
    var b = document.getElementById(id);
    if (b) {
      b.addEventListener('click', function () { act('/' + id); });
    }
  });
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
    var bars = OtklikCharts.rows(body); // redrawn every 10 s: each target's bar keeps its chart
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
      td.appendChild(bars.box(t.employeeId || '', 'completion-bar', OtklikCharts.shareBars(
        [{share: t.expected ? t.submitted / t.expected : 0, colour: OtklikCharts.palette.good}], pct + ' %')));
      td.appendChild(document.createTextNode(' ' + t.submitted + ' / ' + t.expected + ' (' + pct + ' %)'));
      tr.appendChild(td);
      body.appendChild(tr);
    });
    bars.done();
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

  refresh(); // the bars are drawn here only: at once, then every 10 s
  setInterval(refresh, 10000);
})();
