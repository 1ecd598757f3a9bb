// The methodology page's draft editor: the draft is read from the API, the form's values applied to it (group
// weights and suspensions to every variant that has the group or indicator), saved with PUT and published with
// POST, each with the page's anti-CSRF token; a refusal is shown as the server worded it, with the field.
(function () {
  'use strict';
  var form = document.getElementById('draft-form');
  if (!form) {
    return;
  }
  var csrf = document.body.getAttribute('data-csrf');
  var result = document.getElementById('draft-result');

  function call(method, path, body) {
    var init = {method: method, credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': csrf}};
    if (body !== undefined) {
      init.body = JSON.stringify(body);
    }
    return fetch('/api/v1/methodology' + path, init).then(function (r) {
      return r.json().then(function (j) { return {ok: r.ok, body: j}; });
    });
  }

  function problem(a) {
    result.textContent = (a.body.field ? a.body.field + ': ' : '') + (a.body.message || a.body.error);
    result.className = 'result problem';
  }

  function num(name) {
    return Number(form.elements[name].value);
  }

  function apply(draft) {
    draft.period = form.elements.period.value;
    draft.minimumSample = num('minimumSample');
    draft.validFrom = form.elements.validFrom.value;
    draft.validTo = form.elements.validTo.value === '' ? null : form.elements.validTo.value;
    draft.objectiveRules = {vacancyCoefficient: num('vacancyCoefficient'), vacancyMax: num('vacancyMax')};
    draft.changeNote = form.elements.changeNote.value;
    Object.keys(draft.variants).forEach(function (k) {
      var v = draft.variants[k];
      v.groups.forEach(function (g) {
        var input = form.elements['weight:' + g.code];
        if (input) {
          g.weight = Number(input.value);
        }
      });
      v.indicators.forEach(function (i) {
        var box = form.elements['suspended:' + i.code];
        if (box) {
          i.suspended = box.checked;
        }
      });
    });
    return draft;
  }

  function save() {
    return call('GET', '/draft').then(function (a) {
      if (!a.ok) {
        return a;
      }
      return call('PUT', '/draft', apply(a.body));
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    save().then(function (a) {
      if (a.ok) {
        result.textContent = result.getAttribute('data-saved');
        result.className = 'result ok';
      } else {
        problem(a);
      }
    });
  });
  document.getElementById('publish-draft').addEventListener('click', function () {
    save().then(function (a) {
      if (!a.ok) {
        problem(a);
        return;
      }
      call('POST', '/draft/publish', {changeNote: form.elements.changeNote.value}).then(function (p) {
        if (p.ok) {
          result.textContent = result.getAttribute('data-published') + p.body.version;
          result.className = 'result ok';
          location.reload();
        } else {
          problem(p);
        }
      });
    });
  });
})();
