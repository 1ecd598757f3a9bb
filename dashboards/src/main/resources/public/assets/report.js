// The weekly report page: server-rendered; picking another place or week shows it at once.
(function () {
  'use strict';
  var form = document.querySelector('form.c-pick');
  if (!form) {
    return;
  }
  var scope = document.getElementById('scope');
  if (scope) {
    scope.addEventListener('change', function () { form.submit(); });
  }
})();
