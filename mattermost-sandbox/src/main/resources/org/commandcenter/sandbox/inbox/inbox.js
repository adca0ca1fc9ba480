// The sandbox inbox's buttons and command box. Clicks and commands go to the sandbox's own routes, which run the
// server's click and command handling as the user the page is viewed as (?as=…), then the page reloads.
(function () {
  'use strict';
  var main = document.querySelector('main.channel');
  var viewer = document.body.getAttribute('data-viewer');
  if (!main || !viewer) { return; }

  function post(url, body) {
    return fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body || {})})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          return {ok: response.ok, json: json};
        });
      });
  }

  function showError(container, message) {
    var error = container.querySelector(':scope > .has-error');
    if (!error) {
      error = document.createElement('div');
      error.className = 'has-error';
      error.innerHTML = '<label class="control-label"></label>';
      container.appendChild(error);
    }
    error.querySelector('.control-label').textContent = message;
  }

  main.addEventListener('click', function (event) {
    var button = event.target.closest('button.action-button');
    if (!button || button.disabled) { return; }
    button.disabled = true;
    var url = '/_sandbox/as/' + encodeURIComponent(viewer) + '/actions/' + button.getAttribute('data-post-id') + '/'
      + button.getAttribute('data-action-id');
    post(url).then(function (result) {
      if (result.ok) {
        location.reload();
      } else {
        button.disabled = false;
        showError(button.closest('.post-body'), result.json.message || 'Action integration error.');
      }
    });
  });

  var form = document.querySelector('form.command-box');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var input = form.querySelector('input[name=command]');
      var text = input.value.trim();
      if (!text) { return; }
      post('/_sandbox/as/' + encodeURIComponent(viewer) + '/command',
        {channel_id: main.getAttribute('data-channel-id'), command: text}).then(function (result) {
        var error = document.querySelector('.command-error');
        if (result.ok) {
          location.reload();
        } else if (error) {
          error.textContent = result.json.message || 'The command failed.';
        }
      });
    });
  }
}());
