// The console's only script (CSP: script-src 'self'). Plain ES2017, no build step.
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  // htmx requests carry the session's CSRF token (forms carry it as a field).
  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = csrfToken();
  });

  /**
   * A live region: [data-live-fragment] is re-fetched and swapped when the
   * server says over SSE (data-live-events) that something it shows changed,
   * and when data-refresh-in seconds pass (a case turning due or overdue).
   */
  function live(region) {
    var indicator = document.querySelector('[data-live-indicator]');
    var timer = null;
    var inFlight = false;
    var again = false;

    function setState(state) {
      if (!indicator) return;
      indicator.setAttribute('data-state', state);
      indicator.textContent = indicator.getAttribute(state === 'on' ? 'data-on' : 'data-off');
    }

    function schedule() {
      clearTimeout(timer);
      var seconds = Number(region.querySelector('[data-refresh-in]') ? region.querySelector('[data-refresh-in]').getAttribute('data-refresh-in') : 0);
      if (seconds > 0) timer = setTimeout(refresh, seconds * 1000);
    }

    function refresh() {
      if (inFlight) { again = true; return; }
      inFlight = true;
      var before = {};
      region.querySelectorAll('[data-case-id]').forEach(function (row) { before[row.getAttribute('data-case-id')] = true; });
      fetch(region.getAttribute('data-live-fragment'), { headers: { 'X-Console-Fragment': '1' }, credentials: 'same-origin' })
        .then(function (response) {
          if (response.status === 401) {
            window.location.assign(response.headers.get('HX-Redirect') || '/console/sign-in?reason=expired');
            return null;
          }
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html === null) return;
          region.innerHTML = html;
          region.querySelectorAll('[data-case-id]').forEach(function (row) {
            if (!before[row.getAttribute('data-case-id')]) row.classList.add('arrived');
          });
          // Screen readers hear the new count, not the whole table.
          var announce = document.querySelector('[data-live-announce]');
          var summary = region.querySelector('[data-announce]');
          if (announce && summary) announce.textContent = summary.getAttribute('data-announce');
          region.setAttribute('data-live-version', String(Number(region.getAttribute('data-live-version') || '0') + 1));
          schedule();
        })
        .catch(function () { /* the next event or timer tries again */ })
        .then(function () {
          inFlight = false;
          if (again) { again = false; refresh(); }
        });
    }

    schedule();
    if (!window.EventSource) { setState('off'); return; }
    var source = new EventSource(region.getAttribute('data-live-events'));
    source.addEventListener('open', function () { setState('on'); });
    source.addEventListener('error', function () { setState('off'); });
    source.addEventListener('changed', refresh);
    source.addEventListener('signed-out', function () {
      source.close();
      window.location.assign('/console/sign-in?reason=expired');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-live-fragment][data-live-events]').forEach(live);
    document.querySelectorAll('[data-replay-slider]').forEach(replaySlider);
  });

  /**
   * The replay's revision slider: the label follows the thumb, and letting go
   * (change) loads that revision. Without script the form's button does it.
   */
  function replaySlider(slider) {
    var form = slider.form;
    var output = form ? form.querySelector('output') : null;
    var template = output ? output.getAttribute('data-template') : null;
    slider.addEventListener('input', function () {
      if (output && template) output.textContent = template.replace('-1', slider.value);
    });
    slider.addEventListener('change', function () {
      if (form) form.submit();
    });
  }
})();
