// The weekly report page: server-rendered. Picking another place shows it at once; the e-mail subscription is
// sent as JSON with the page's anti-CSRF token, and the page reloads to show it.
(function () {
  'use strict';
  var texts = JSON.parse(document.getElementById('texts').textContent);
  var csrf = document.body.getAttribute('data-csrf');
  var form = document.querySelector('form.c-pick');
  var scope = document.getElementById('scope');
  if (form && scope) {
    scope.addEventListener('change', function () { form.submit(); });
  }
  var status = document.getElementById('subscribe-status');

  function call(method, path, body, done) {
    var init = {method: method, credentials: 'same-origin',
      headers: {'Accept': 'application/json', 'Content-Type': 'application/json', 'X-CSRF-Token': csrf}};
    if (body) {
      init.body = JSON.stringify(body);
    }
    fetch(path, init).then(function (r) {
      if (r.ok) {
        status.textContent = done;
        window.location.reload();
        return null;
      }
      return r.json().then(function (e) { status.textContent = texts.wrSubscribeFailed + (e.message || r.status); });
    }).catch(function (e) { status.textContent = texts.wrSubscribeFailed + e; });
  }

  var subscribe = document.getElementById('subscribe');
  if (subscribe) {
    subscribe.addEventListener('submit', function (ev) {
      ev.preventDefault();
      call('POST', '/api/v1/reports/subscriptions', {scope: subscribe.getAttribute('data-scope'),
        email: document.getElementById('subscribe-email').value,
        language: document.getElementById('subscribe-language').value}, texts.wrSubscribeDone);
    });
  }
  var unsubscribe = document.getElementById('unsubscribe');
  if (unsubscribe) {
    unsubscribe.addEventListener('click', function () {
      call('DELETE', '/api/v1/reports/subscriptions/' + unsubscribe.getAttribute('data-id'), null, texts.wrUnsubscribeDone);
    });
  }
})();
