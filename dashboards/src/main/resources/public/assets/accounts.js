// The admin's accounts page: create an account, disable or enable one; every change through the API with the
// page's anti-CSRF token, the answer's problem shown as the server worded it.
(function () {
  'use strict';
  var csrf = document.body.getAttribute('data-csrf');
  var result = document.getElementById('account-result');

  function send(path, body) {
    return fetch('/api/v1/admin/accounts' + path, {method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
      headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-Token': csrf}})
      .then(function (r) {
        return r.json().then(function (j) { return {ok: r.ok, body: j}; });
      });
  }

  function done(a) {
    if (a.ok) {
      location.reload();
    } else {
      result.textContent = a.body.message || a.body.error;
      result.className = 'result problem';
    }
  }

  document.getElementById('new-account').addEventListener('submit', function (e) {
    e.preventDefault();
    var f = e.target;
    send('', {username: f.username.value, role: f.role.value, scope: f.scope.value, password: f.password.value}).then(done);
  });
  Array.prototype.forEach.call(document.querySelectorAll('button.toggle'), function (b) {
    b.addEventListener('click', function () {
      var user = b.closest('tr').getAttribute('data-user');
      send('/' + encodeURIComponent(user) + '/disabled', {disabled: b.getAttribute('data-disabled') !== 'true'}).then(done);
    });
  });
})();
