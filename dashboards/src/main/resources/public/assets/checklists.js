// Objective checklists: the staff's form and the experts' queue and review (API /api/v1/checklists).
(function () {
  'use strict';
  var body = document.body;
  var csrf = body.getAttribute('data-csrf');
  var en = body.getAttribute('data-lang') === 'en';
  var view = body.getAttribute('data-view');
  var API = '/api/v1/checklists/';
  function t(ru, e) { return en ? e : ru; }
  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text != null) { n.textContent = text; }
    return n;
  }
  function call(method, url, payload, type) {
    var headers = {'Accept': 'application/json', 'X-CSRF-Token': csrf};
    if (type) { headers['Content-Type'] = type; }
    return fetch(url, {method: method, credentials: 'same-origin', headers: headers, body: payload})
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) { throw j; } return j; }); });
  }
  function get(url) { return call('GET', url); }
  function post(url, obj) { return call('POST', url, JSON.stringify(obj), 'application/json'); }

  function evidenceBox(prefix, entry, office, period, editable) {
    var box = el('div', {'class': 'evidence'});
    var url = el('input', {type: 'url', name: prefix + '.evidenceUrl', placeholder: 'https://…',
      'aria-label': t('Ссылка на подтверждение', 'Evidence link')});
    var file = el('input', {type: 'hidden', name: prefix + '.evidenceFile'});
    var thumb = el('span', {'class': 'thumb'});
    if (entry && entry.evidenceUrl) { url.value = entry.evidenceUrl; }
    function showFile(id) {
      file.value = id; thumb.textContent = '';
      var a = el('a', {href: API + 'evidence/' + id, target: '_blank'});
      a.appendChild(el('img', {src: API + 'evidence/' + id, alt: t('фото', 'photo')}));
      thumb.appendChild(a);
    }
    if (entry && entry.evidenceFile) { showFile(entry.evidenceFile); }
    box.appendChild(url);
    if (editable) {
      var up = el('input', {type: 'file', accept: 'image/jpeg,image/png,image/webp', name: prefix + '.upload',
        'aria-label': t('Фото или скриншот', 'Photo or screenshot')});
      up.addEventListener('change', function () {
        if (!up.files.length) { return; }
        var fd = new FormData(); fd.append('file', up.files[0]);
        call('POST', API + office + '/' + period + '/evidence', fd).then(function (j) { showFile(j.fileId); })
          .catch(function (e) { problem(e); });
      });
      box.appendChild(up);
    } else { url.disabled = true; }
    box.appendChild(file); box.appendChild(thumb);
    return box;
  }
  function problem(e) {
    var p = document.getElementById('problem');
    if (p) { p.textContent = (e && e.message) ? e.message : String(e); }
  }
  function val(form, name) { var n = form.querySelector('[name="' + name + '"]'); return n ? n.value.trim() : ''; }
  function ev(form, prefix, o) {
    var u = val(form, prefix + '.evidenceUrl'), f = val(form, prefix + '.evidenceFile');
    if (u) { o.evidenceUrl = u; }
    if (f) { o.evidenceFile = Number(f); }
    return o;
  }

  function formView() {
    var office = body.getAttribute('data-office'), period = body.getAttribute('data-period');
    var indicator = body.getAttribute('data-indicator'), kind = body.getAttribute('data-form');
    var cat = JSON.parse(document.getElementById('catalogue').textContent);
    var form = document.getElementById('checklist');
    var url = API + office + '/' + period + '/' + indicator;
    get(url).then(function (data) {
      var c = data.checklist, entries = c ? c.entries : {}, facts = c ? c.facts : null;
      var editable = body.getAttribute('data-editable') === 'true' && data.status !== 'submitted';
      var meta = document.getElementById('meta');
      var st = {not_started: t('не начат', 'not started'), draft: t('черновик', 'draft'), submitted: t('отправлен', 'submitted')}[data.status];
      meta.textContent = t('Статус: ', 'Status: ') + st + (c ? ' · ' + t('заполнил ', 'filled in by ') + c.filledBy + ', '
        + new Date(c.filledAt).toLocaleString(en ? 'en-GB' : 'ru-RU') : '') + ' · ' + t('баллы: ', 'points: ')
        + data.score.points.toFixed(2) + ' / ' + data.score.maxPoints.toFixed(2)
        + (data.status === 'submitted' ? ' · ' + t('отправленный чек-лист изменить нельзя', 'a submitted checklist is frozen') : '');
      var reviews = data.reviews || {};
      function reviewNote(entry) {
        var r = reviews[entry];
        return r ? el('span', {'class': 'review ' + r.decision}, (r.decision === 'accepted' ? t('принято', 'accepted')
          : t('отклонено', 'rejected')) + (r.comment ? ': ' + r.comment : '')) : el('span');
      }
      if (kind === 'PARAMETERS') {
        cat.parameters.forEach(function (p) {
          var fact = facts ? facts.parameters.filter(function (x) { return x.code === p.code; })[0] : null;
          var fs = el('fieldset', {'class': 'entry', 'data-entry': p.code});
          fs.appendChild(el('legend', {}, p.text));
          var seg = el('div', {'class': 'choice'});
          [['true', t('выполнено', 'implemented')], ['false', t('не выполнено', 'not implemented')]].forEach(function (o) {
            var lab = el('label'), r = el('input', {type: 'radio', name: 'p.' + p.code, value: o[0]});
            if (fact && String(fact.implemented) === o[0]) { r.checked = true; }
            r.disabled = !editable; lab.appendChild(r); lab.appendChild(document.createTextNode(' ' + o[1])); seg.appendChild(lab);
          });
          fs.appendChild(seg);
          fs.appendChild(evidenceBox('p.' + p.code, entries[p.code], office, period, editable));
          fs.appendChild(reviewNote(p.code));
          form.appendChild(fs);
        });
      } else if (kind === 'VACANCIES') {
        var v = facts && facts.vacancies ? facts.vacancies : {};
        var fs = el('fieldset', {'class': 'entry'});
        fs.appendChild(el('legend', {}, t('Вакансии в базе', 'Vacancies in the database')));
        [['current', t('в этом периоде', 'this period')], ['previous', t('в прошлом периоде', 'previous period')]].forEach(function (o) {
          var lab = el('label', {}, o[1] + ' ');
          var i = el('input', {type: 'number', min: '0', step: '1', name: 'v.' + o[0], inputmode: 'numeric'});
          if (v[o[0]] != null) { i.value = v[o[0]]; }
          i.disabled = !editable; lab.appendChild(i); fs.appendChild(lab);
        });
        fs.appendChild(evidenceBox('v', entries.vacancies, office, period, editable));
        fs.appendChild(reviewNote('vacancies'));
        form.appendChild(fs);
      } else if (kind === 'COMFORT_LEVEL') {
        var fs2 = el('fieldset', {'class': 'entry'});
        fs2.appendChild(el('legend', {}, t('Уровень комфортности', 'Comfort level')));
        var sel = el('select', {name: 'c.level'});
        sel.appendChild(el('option', {value: ''}, '—'));
        cat.comfortLevels.forEach(function (l) { sel.appendChild(el('option', {value: l.code}, l.text)); });
        if (facts && facts.comfort) { sel.value = String(facts.comfort.level); }
        sel.disabled = !editable; fs2.appendChild(sel);
        fs2.appendChild(evidenceBox('c', entries.comfort, office, period, editable));
        fs2.appendChild(reviewNote('comfort'));
        form.appendChild(fs2);
      } else {
        var list = el('div', {id: 'events'}); form.appendChild(list);
        var addEvent = function (e, n) {
          var fs = el('fieldset', {'class': 'entry event'});
          fs.appendChild(el('legend', {}, t('Мероприятие', 'Event') + ' ' + (n + 1)));
          var d = el('input', {type: 'date', name: 'e' + n + '.date', min: period.substring(0, 4) + '-01-01'});
          var nm = el('input', {type: 'text', name: 'e' + n + '.name', placeholder: t('Название', 'Name')});
          var sm = el('textarea', {name: 'e' + n + '.summary', rows: '2', placeholder: t('Краткое описание', 'Summary')});
          var ty = el('select', {name: 'e' + n + '.type'});
          ty.appendChild(el('option', {value: ''}, t('— тип —', '— type —')));
          cat.eventTypes.forEach(function (x) { ty.appendChild(el('option', {value: x.code}, x.text)); });
          ty.appendChild(el('option', {value: 'other'}, t('Другое', 'Other')));
          if (e) { d.value = e.date || ''; nm.value = e.name || ''; ty.value = e.type || ''; }
          var ent = entries['event.' + n];
          if (ent) { sm.value = ent.summary || ''; }
          [d, nm, ty, sm].forEach(function (x) { x.disabled = !editable; fs.appendChild(x); });
          fs.appendChild(evidenceBox('e' + n, ent, office, period, editable));
          fs.appendChild(reviewNote('event.' + n));
          list.appendChild(fs);
        };
        (facts ? facts.events : []).forEach(addEvent);
        if (editable) {
          var add = el('button', {type: 'button', id: 'add-event'}, t('+ Добавить мероприятие', '+ Add an event'));
          add.addEventListener('click', function () { addEvent(null, list.children.length); });
          form.appendChild(add);
        }
      }
      document.getElementById('save').disabled = !editable;
      document.getElementById('submit').disabled = !editable;
    }).catch(problem);

    function collect() {
      if (kind === 'PARAMETERS') {
        return {parameters: cat.parameters.map(function (p) {
          var r = form.querySelector('input[name="p.' + p.code + '"]:checked');
          return ev(form, 'p.' + p.code, {code: p.code, implemented: r ? r.value === 'true' : null});
        })};
      }
      if (kind === 'VACANCIES') {
        var cur = val(form, 'v.current'), prev = val(form, 'v.previous');
        return {vacancies: ev(form, 'v', {current: cur === '' ? null : Number(cur), previous: prev === '' ? null : Number(prev)})};
      }
      if (kind === 'COMFORT_LEVEL') {
        var l = val(form, 'c.level');
        return {comfort: ev(form, 'c', {level: l === '' ? null : Number(l)})};
      }
      var events = [];
      for (var n = 0; n < document.getElementById('events').children.length; n++) {
        events.push(ev(form, 'e' + n, {date: val(form, 'e' + n + '.date'), name: val(form, 'e' + n + '.name'),
          summary: val(form, 'e' + n + '.summary'), type: val(form, 'e' + n + '.type')}));
      }
      return {events: events};
    }
    function send(action) {
      problem('');
      post(url + '/' + action, collect()).then(function () { location.reload(); }).catch(problem);
    }
    document.getElementById('save').addEventListener('click', function () { send('draft'); });
    document.getElementById('submit').addEventListener('click', function () { send('submit'); });
  }

  function queueView() {
    var box = document.getElementById('queue');
    get(API + 'review/queue').then(function (data) {
      if (!data.queue.length) { box.textContent = t('Нет отправленных чек-листов.', 'No submitted checklists.'); return; }
      var table = el('table', {'class': 'checklists'});
      var head = el('tr');
      [t('Офис', 'Office'), t('Период', 'Period'), t('Чек-лист', 'Checklist'), t('Ожидает', 'Pending')].forEach(function (h) { head.appendChild(el('th', {}, h)); });
      table.appendChild(head);
      data.queue.forEach(function (q) {
        var tr = el('tr'), a = el('a', {href: '/checklists/review/' + q.officeCode + '/' + q.period}, q.officeCode);
        var td = el('td'); td.appendChild(a); tr.appendChild(td);
        tr.appendChild(el('td', {}, q.period)); tr.appendChild(el('td', {}, q.indicator));
        tr.appendChild(el('td', {}, String(q.pending)));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }).catch(function (e) { box.textContent = e.message || String(e); });
  }

  function reviewView() {
    var office = body.getAttribute('data-office'), period = body.getAttribute('data-period');
    var box = document.getElementById('review'), base = API + office + '/' + period;
    get(base).then(function (o) {
      var audits = document.getElementById('audits');
      o.audits.forEach(function (a) {
        audits.appendChild(el('p', {'class': a.withdrawnAt ? 'muted' : 'warning'}, a.reason + ' — ' + a.foundBy
          + (a.withdrawnAt ? ' (' + t('отозван ', 'withdrawn by ') + a.withdrawnBy + ')' : '')));
      });
      o.checklists.filter(function (c) { return c.status === 'submitted' || c.status === 'reviewed'; })
        .filter(function (c) { return c.filledBy === office; }).forEach(function (c) {
          get(base + '/' + c.indicator).then(function (d) { renderChecklist(c, d); });
        });
    });
    function renderChecklist(c, d) {
      var sec = el('section', {'class': 'review-checklist', 'data-indicator': c.indicator});
      sec.appendChild(el('h2', {}, (en ? c.titleEn : c.titleRu) + ' · ' + d.score.points.toFixed(2) + ' / '
        + d.score.maxPoints.toFixed(2)));
      var f = d.checklist.facts, items = [];
      var titles = JSON.parse(document.getElementById('titles').textContent)[c.indicator] || {};
      f.parameters.forEach(function (p) { if (p.implemented) { items.push([p.code, titles[p.code] || p.code]); } });
      if (f.vacancies) { items.push(['vacancies', f.vacancies.current + ' / ' + f.vacancies.previous]); }
      if (f.comfort && f.comfort.level > 0) { items.push(['comfort', t('уровень ', 'level ') + f.comfort.level]); }
      f.events.forEach(function (e, n) { items.push(['event.' + n, e.date + ' · ' + e.name + ' · ' + e.type]); });
      items.forEach(function (it) {
        var entry = d.checklist.entries[it[0]] || {}, r = d.reviews[it[0]];
        var row = el('div', {'class': 'review-entry', 'data-entry': it[0]});
        row.appendChild(el('strong', {}, it[1]));
        if (entry.summary) { row.appendChild(el('p', {}, entry.summary)); }
        if (entry.evidenceUrl) { var a = el('a', {href: entry.evidenceUrl, rel: 'noopener noreferrer', target: '_blank'}, entry.evidenceUrl); row.appendChild(a); }
        if (entry.evidenceFile) {
          var l = el('a', {href: API + 'evidence/' + entry.evidenceFile, target: '_blank'});
          l.appendChild(el('img', {src: API + 'evidence/' + entry.evidenceFile, alt: t('фото', 'photo'), 'class': 'thumb'}));
          row.appendChild(l);
        }
        row.appendChild(el('span', {'class': 'review ' + (r ? r.decision : 'pending')}, r ? (r.decision === 'accepted' ? t('принято', 'accepted') : t('отклонено', 'rejected')) + (r.comment ? ': ' + r.comment : '') : t('ожидает', 'pending')));
        var comment = el('input', {type: 'text', name: 'comment', placeholder: t('Комментарий', 'Comment')});
        var ok = el('button', {type: 'button', 'class': 'accept'}, t('Принять', 'Accept'));
        var no = el('button', {type: 'button', 'class': 'reject'}, t('Отклонить', 'Reject'));
        function decide(decision) {
          post(base + '/' + c.indicator + '/review', {entry: it[0], decision: decision, comment: comment.value})
            .then(function () { location.reload(); }).catch(function (e) { alert(e.message || e); });
        }
        ok.addEventListener('click', function () { decide('accepted'); });
        no.addEventListener('click', function () { decide('rejected'); });
        var act = el('div', {'class': 'actions'}); act.appendChild(comment); act.appendChild(ok); act.appendChild(no);
        row.appendChild(act);
        sec.appendChild(row);
      });
      box.appendChild(sec);
    }
    document.getElementById('audit').addEventListener('click', function () {
      post(base + '/audit', {reason: document.getElementById('audit-reason').value})
        .then(function () { location.reload(); }).catch(function (e) { alert(e.message || e); });
    });
    document.getElementById('audit-withdraw').addEventListener('click', function () {
      post(base + '/audit/withdraw', {}).then(function () { location.reload(); }).catch(function (e) { alert(e.message || e); });
    });
  }

  if (view === 'form') { formView(); } else if (view === 'queue') { queueView(); } else if (view === 'review') { reviewView(); }
})();
