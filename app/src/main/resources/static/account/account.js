/*
 * First-login page (GB/T 22239—2019 8.1.4.1): change the one-time or expired password, then enrol the
 * second factor (TOTP) by QR code; its confirmation opens the webapps' session. The Tasklist's login page
 * sends people here when the server answers PASSWORD_CHANGE_REQUIRED or SECOND_FACTOR_ENROLMENT_REQUIRED.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var app = /^(tasklist|cockpit|admin|welcome)$/.test(params.get('app') || '') ? params.get('app') : 'tasklist';
  var $ = function (id) { return document.getElementById(id); };

  function show(step) {
    ['step-password', 'step-second-factor', 'step-done', 'step-login'].forEach(function (id) {
      $(id).hidden = id !== step;
    });
  }

  function message(text, ok) {
    var box = $('message');
    box.textContent = text || '';
    box.hidden = !text;
    box.className = ok ? 'ok' : '';
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var lines = [data.message || ('请求失败（' + response.status + '）')];
          (data.fields || []).forEach(function (f) { lines.push('· ' + f.reason); });
          var error = new Error(lines.join('\n'));
          error.data = data;
          throw error;
        }
        return data;
      });
    });
  }

  function credentials() {
    return {username: $('sf-username').value.trim(), password: $('sf-password').value};
  }

  $('username').value = params.get('user') || '';
  $('sf-username').value = params.get('user') || '';
  $('to-tasklist').href = '/camunda/app/' + app + '/';
  $('to-login').href = '/camunda/app/' + app + '/';
  if (params.get('step') === 'secondFactor') {
    show('step-second-factor');
  }
  fetch('/account/settings').then(function (r) { return r.json(); }).then(function (s) {
    $('min-length').textContent = s.passwordMinLength;
  }).catch(function () { /* the defaults stand */ });

  $('skip-to-second-factor').addEventListener('click', function (event) {
    event.preventDefault();
    $('sf-username').value = $('username').value;
    show('step-second-factor');
  });

  $('password-form').addEventListener('submit', function (event) {
    event.preventDefault();
    message('');
    if ($('new-password').value !== $('new-password-again').value) {
      message('两次输入的新密码不一致');
      return;
    }
    var username = $('username').value.trim();
    post('/account/password', {username: username, password: $('password').value, newPassword: $('new-password').value})
      .then(function (answer) {
        if (answer.next === 'secondFactor') {
          $('sf-username').value = username;
          $('sf-password').value = $('new-password').value;
          document.querySelectorAll('.credentials').forEach(function (node) { node.hidden = true; });
          show('step-second-factor');
          message('密码已修改。请继续绑定动态口令。', true);
        } else {
          show('step-login');
          message('密码已修改。', true);
        }
      })
      .catch(function (error) { message(error.message); });
  });

  $('show-qr').addEventListener('click', function () {
    message('');
    post('/account/second-factor', credentials()).then(function (enrolment) {
      $('qr').src = enrolment.qrCode;
      $('secret').textContent = enrolment.secret;
      $('enrolment').hidden = false;
      $('code').focus();
    }).catch(function (error) { message(error.message); });
  });

  $('second-factor-form').addEventListener('submit', function (event) {
    event.preventDefault();
    message('');
    var body = credentials();
    body.code = $('code').value.trim();
    post('/account/second-factor/confirm', body).then(function (answer) {
      var list = $('recovery-codes');
      list.innerHTML = '';
      answer.recoveryCodes.forEach(function (code) {
        var item = document.createElement('li');
        item.textContent = code;
        list.appendChild(item);
      });
      $('sf-password').value = '';
      show('step-done');
      message('动态口令已绑定，您已登录。', true);
    }).catch(function (error) { message(error.message); });
  });
}());
