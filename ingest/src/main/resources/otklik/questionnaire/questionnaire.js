/* Otklik web questionnaire: one step at a time. Without this script every step is visible and the form still works. */
(function () {
  'use strict';
  var form = document.getElementById('questionnaire');
  if (!form) { return; }
  document.documentElement.classList.add('js');
  var steps = Array.prototype.slice.call(form.querySelectorAll('.step'));
  var bar = document.querySelector('.progress .bar span');
  var progressText = document.querySelector('.progress-text');
  var current = 0;

  // One response id per link and tab: a double tap, a retry or a resubmission after Back sends the same id.
  var idField = form.elements.responseId;
  var idKey = 'otklik.responseId.' + form.getAttribute('data-token');
  try {
    var kept = window.sessionStorage.getItem(idKey);
    if (kept) { idField.value = kept; } else { window.sessionStorage.setItem(idKey, idField.value); }
  } catch (e) { /* storage disabled: the id in the page still covers a double tap */ }
  // The same for when the form was first shown: a reload must not restart the fill time.
  var startedField = form.elements.startedTs;
  var startedKey = 'otklik.startedTs.' + form.getAttribute('data-token');
  try {
    var startedKept = window.sessionStorage.getItem(startedKey);
    if (startedField && startedKept) { startedField.value = startedKept; }
    else if (startedField) { window.sessionStorage.setItem(startedKey, startedField.value); }
  } catch (e) { /* storage disabled: the time in the page is still the first rendering of this page */ }

  function show(index, focus) {
    current = Math.max(0, Math.min(steps.length - 1, index));
    steps.forEach(function (step, n) { step.classList.toggle('active', n === current); });
    var label = form.getAttribute('data-step-label').replace('%d', current + 1).replace('%d', steps.length);
    if (progressText) { progressText.textContent = label; }
    if (bar) { bar.style.width = Math.round((current + 1) * 100 / steps.length) + '%'; }
    if (focus) {
      window.scrollTo(0, 0);
      var heading = steps[current].querySelector('h2');
      if (heading) { heading.focus({ preventScroll: true }); }
    }
  }

  function value(name) {
    var field = form.elements[name];
    return field ? field.value : '';
  }

  // Hide what does not apply: in-person items for remote clients, Q12/Q13 scores until their gate says yes.
  function applyConditions() {
    form.classList.toggle('remote', value('mode') === 'remote');
    Array.prototype.forEach.call(form.querySelectorAll('[data-show-if]'), function (q) {
      q.classList.toggle('off', value(q.getAttribute('data-show-if')) !== q.getAttribute('data-show-if-value'));
    });
  }

  function describe(fieldset) {
    var checked = fieldset.querySelector('input[type=radio]:checked');
    fieldset.classList.toggle('answered', !!checked);
    var out = fieldset.querySelector('.chosen');
    if (!out) { return; }
    out.textContent = checked ? form.getAttribute('data-your-answer') + ': ' + checked.value
        + (checked.getAttribute('data-anchor') ? ' — ' + checked.getAttribute('data-anchor') : '') : '';
  }

  form.addEventListener('change', function (event) {
    var fieldset = event.target.closest('fieldset.q');
    if (fieldset) { describe(fieldset); }
    applyConditions();
  });

  form.addEventListener('click', function (event) {
    var target = event.target;
    if (target.classList.contains('next')) { show(current + 1, true); }
    else if (target.classList.contains('back')) { show(current - 1, true); }
    else if (target.classList.contains('clear')) {
      var fieldset = target.closest('fieldset.q');
      Array.prototype.forEach.call(fieldset.querySelectorAll('input[type=radio]'), function (r) { r.checked = false; });
      describe(fieldset);
      applyConditions();
    }
  });

  // Enter in a text field goes to the next step instead of sending a half-filled form.
  form.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && event.target.tagName === 'INPUT' && current < steps.length - 1) {
      event.preventDefault();
      show(current + 1, true);
    }
  });

  form.addEventListener('submit', function () {
    var button = form.querySelector('.submit');
    if (button) {
      button.disabled = true; // one tap, one request; the server also recognises the id
      button.textContent = form.getAttribute('data-sending');
    }
  });

  // Coming back through the browser's Back button restores this page as it was: let it submit again.
  window.addEventListener('pageshow', function () {
    var button = form.querySelector('.submit');
    if (button) { button.disabled = false; button.textContent = button.getAttribute('data-label') || button.textContent; }
  });
  var submit = form.querySelector('.submit');
  if (submit) { submit.setAttribute('data-label', submit.textContent); }

  Array.prototype.forEach.call(form.querySelectorAll('fieldset.q'), describe);
  applyConditions();
  var firstError = form.querySelector('.has-error');
  show(firstError ? steps.indexOf(firstError.closest('.step')) : 0, false);
})();
